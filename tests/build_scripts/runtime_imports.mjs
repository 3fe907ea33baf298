// Boots a built runtime under Node as the site's worker does (its lock, its wheel), then
// imports each named module. Usage: node runtime_imports.mjs <runtime folder> '<JSON list>'
// Prints one JSON line: {"imported": [...], "failed": {name: error}}.
import path from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = path.resolve(process.argv[2]) + path.sep; // indexURL must end in a separator
const names = JSON.parse(process.argv[3]);
const { loadPyodide } = await import(pathToFileURL(`${runtimeDir}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileURL: `${runtimeDir}pyodide-lock.json`,
  packages: ["calculators"],
  stdout: () => {},
  stderr: () => {},
});
const namespace = pyodide.globals.get("dict")();
pyodide.runPython(
  `
import importlib, json

def import_all(names):
    imported, failed = [], {}
    for name in names:
        try:
            importlib.import_module(name)
            imported.append(name)
        except Exception as error:
            failed[name] = f"{type(error).__name__}: {error}"
    return json.dumps({"imported": imported, "failed": failed})
`,
  { globals: namespace },
);
console.log(namespace.get("import_all")(pyodide.toPy(names)));
