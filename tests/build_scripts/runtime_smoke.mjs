// Boots a built runtime under Node the way the site's worker does in a browser:
// loadPyodide from the runtime folder with the site's lock, then loadPackage("calculators").
// Usage: node runtime_smoke.mjs <runtime folder>   Prints one JSON line on success.
import path from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = path.resolve(process.argv[2]) + path.sep; // indexURL must end in a separator
const messages = [];
const { loadPyodide } = await import(pathToFileURL(runtimeDir + "pyodide.mjs").href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileURL: runtimeDir + "pyodide-lock.json",
  stdout: (line) => messages.push(line),
  stderr: (line) => messages.push(line),
});
await pyodide.loadPackage("calculators", {
  messageCallback: (line) => messages.push(line),
  errorCallback: (line) => messages.push(line),
});
const report = pyodide.runPython(`
import importlib, importlib.metadata, json, sys
import calculators
modules = sorted(
    str(file)[:-3].replace("/", ".").removesuffix(".__init__")
    for file in importlib.metadata.files("calculators")
    if str(file).endswith(".py")
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
