// Boots a built runtime under Node the way the site's worker does in a browser:
// loadPyodide from the runtime folder with the site's lock, then loadPackage("calculators").
// Usage: node runtime_smoke.mjs <runtime folder>   Prints one JSON line on success.
import path from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = path.resolve(process.argv[2]) + path.sep; // indexURL must end in a separator
const messages = [];
const { loadPyodide } = await import(pathToFileURL(`${runtimeDir}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileURL: `${runtimeDir}pyodide-lock.json`,
  stdout: (line) => messages.push(line),
  stderr: (line) => messages.push(line),
});
await pyodide.loadPackage("calculators", {
  messageCallback: (line) => messages.push(line),
  errorCallback: (line) => messages.push(line),
});
// Only modules the site's trimmed standard library keeps (importlib.metadata.files would
// need csv, which it leaves out).
const report = pyodide.runPython(`
import importlib, json, os, sys
import calculators
root = os.path.dirname(calculators.__path__[0])
modules = sorted(
    os.path.relpath(os.path.join(folder, name), root)
    .removesuffix(".pyc").replace("/", ".").removesuffix(".__init__")
    for folder, _, names in os.walk(calculators.__path__[0])
    for name in names
    if name.endswith(".pyc")
)
for name in modules:
    importlib.import_module(name)
json.dumps({
    "python": sys.version.split()[0],
    "location": list(calculators.__path__),
    "modules": modules,
})
`);
console.log(JSON.stringify({ ...JSON.parse(report), messages }));
