// Module Web Worker: runs the calculators' Python in Pyodide, served from this site.
//
// Protocol (all messages are plain objects):
//   worker → page  {type: "progress", stage}            while Python starts
//                  {type: "ready"}                      Python and `calculators` are loaded
//                  {type: "failed", reason}             Python could not start
//                  {type: "result", requestId, result}  result = evaluate(calculator, inputs)
//   page → worker  {type: "compute", requestId, calculator, inputs}
//
// `result` is exactly what `calculators.evaluate` returns: {values, display, errors, svg, table}.

import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

const runtimeURL = new URL("../assets/pyodide/", import.meta.url).href;

async function startPython() {
  postMessage({ type: "progress", stage: "runtime" });
  const pyodide = await loadPyodide({
    indexURL: runtimeURL,
    lockFileURL: runtimeURL + "pyodide-lock.json",
    // Nothing the calculators print should end up in the reader's console.
    stdout: () => {},
    stderr: () => {},
  });
  postMessage({ type: "progress", stage: "package" });
  await pyodide.loadPackage("calculators", { messageCallback: () => {}, errorCallback: () => {} });
  const calculators = pyodide.pyimport("calculators");
  postMessage({ type: "ready" });
  return { pyodide, evaluate: calculators.evaluate };
}

const python = startPython();
python.catch((error) => {
  postMessage({ type: "failed", reason: String(error && error.message ? error.message : error) });
});

function evaluateInPython({ pyodide, evaluate }, calculator, inputs) {
  // toPy turns JS null into pyodide.ffi.jsnull, not None; undefined becomes None, which is
  // what `evaluate` takes as "left empty".
  const cleaned = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, value ?? undefined]),
  );
  const pyInputs = pyodide.toPy(cleaned);
  let pyResult;
  try {
    pyResult = evaluate(calculator, pyInputs);
    return pyResult.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    pyInputs.destroy();
    if (pyResult) pyResult.destroy();
  }
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (!message || message.type !== "compute") return;
  let runtime;
  try {
    runtime = await python;
  } catch {
    return; // already reported as "failed"
  }
  let result;
  try {
    result = evaluateInPython(runtime, message.calculator, message.inputs);
  } catch (error) {
    // evaluate() never raises by contract; if it still does, the page keeps its last results.
    result = { values: {}, display: {}, errors: { "": "Beregningen feilet uventet." }, svg: "", table: null };
  }
  postMessage({ type: "result", requestId: message.requestId, result });
});
