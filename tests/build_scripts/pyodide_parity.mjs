// Evaluates a table of calculator cases in the built runtime's Pyodide under Node.
// Usage: node pyodide_parity.mjs <runtime folder> <cases.json>   Prints one JSON line.
//
// cases.json (written by test_pyodide_parity.py):
//   {"codec": "<Python source defining run_case(evaluate, calculator_id, inputs) -> str>",
//    "cases": [{"id", "calculator", "inputs_json", "baseline_json", "worker_path"}]}
// baseline_json is "" for no baseline, else scenario A, passed as evaluate(…, baseline=…).
// Every case runs twice in Pyodide:
//   "results"         inputs_json (and baseline_json) → json.loads inside Python → evaluate
//                     (same as CPython's side);
//   "worker_results"  (only cases with worker_path: objects of strings, as the page posts
//                     form values) JSON.parse → pyodide.toPy → evaluate, the baseline as a
//                     keyword argument, which is how the worker hands inputs over.
// Both are encoded by the same run_case the CPython side uses.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = path.resolve(process.argv[2]) + path.sep; // indexURL must end in a separator
const payload = JSON.parse(await readFile(process.argv[3], "utf8"));
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

const namespace = pyodide.globals.get("dict")();
pyodide.runPython("import json, math\nfrom calculators import evaluate\n", { globals: namespace });
pyodide.runPython(payload.codec, { globals: namespace });
pyodide.runPython(
  `
def run_json_case(calculator_id, inputs_json, baseline_json):
    baseline = json.loads(baseline_json) if baseline_json else None
    return run_case(evaluate, calculator_id, json.loads(inputs_json), baseline)
`,
  { globals: namespace },
);
const runJsonCase = namespace.get("run_json_case");
const runCase = namespace.get("run_case");
const evaluate = namespace.get("evaluate");

const results = {};
const workerResults = {};
for (const testCase of payload.cases) {
  results[testCase.id] = runJsonCase(
    testCase.calculator,
    testCase.inputs_json,
    testCase.baseline_json,
  );
  if (testCase.worker_path) {
    const pyInputs = pyodide.toPy(JSON.parse(testCase.inputs_json));
    const pyBaseline = testCase.baseline_json
      ? pyodide.toPy(JSON.parse(testCase.baseline_json))
      : undefined;
    try {
      workerResults[testCase.id] = pyBaseline
        ? runCase.callKwargs(evaluate, testCase.calculator, pyInputs, { baseline: pyBaseline })
        : runCase(evaluate, testCase.calculator, pyInputs);
    } finally {
      for (const proxy of [pyInputs, pyBaseline]) {
        if (proxy && typeof proxy.destroy === "function") proxy.destroy();
      }
    }
  }
}

const about = JSON.parse(
  pyodide.runPython(`
import json, sys, calculators
json.dumps({
    "python": sys.version.split()[0],
    "platform": sys.platform,
    "calculators": list(calculators.__path__),
})
`),
);
console.log(JSON.stringify({ ...about, results, worker_results: workerResults, messages }));
