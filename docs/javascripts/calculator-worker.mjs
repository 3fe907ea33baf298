// Module Web Worker: runs the calculators' Python in Pyodide, served from this site.
//
// The page names the runtime's folder, relative to the site root, in this module's query
// string (`?runtime=assets/pyodide/<hash>/`). The folder's name changes whenever a byte in
// it changes, so its files can be cached for good.
//
// Protocol (all messages are plain objects):
//   worker → page  {type: "progress", stage}            while Python starts
//                  {type: "ready"}                      Python and `calculators` are loaded
//                  {type: "failed", reason}             Python could not start
//                  {type: "result", requestId, result}  result = evaluate(calculator, inputs)
//   page → worker  {type: "compute", requestId, calculator, inputs}
//
// `result` is exactly what `calculators.evaluate` returns: {values, display, errors, svg, table}.

const PACKAGE = "calculators";

// Only a folder of this site: the query string is the page's to set, never a reader's.
function runtimeURL() {
  const siteRoot = new URL("../", import.meta.url);
  const folder = new URL(import.meta.url).searchParams.get("runtime") || "assets/pyodide/";
  const url = new URL(folder, siteRoot);
  if (url.origin !== siteRoot.origin || !url.pathname.startsWith(siteRoot.pathname)) {
    throw new Error(`the runtime must be on this site: ${folder}`);
  }
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

async function fetchJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

async function startPython() {
  postMessage({ type: "progress", stage: "runtime" });
  const runtime = runtimeURL();
  // The lock is fetched here, not by Pyodide: Pyodide starts that download early and awaits
  // it only much later, so a missing lock would also escape as an uncaught error.
  const lock = fetchJSON(runtime + "pyodide-lock.json");
  lock.catch(() => {}); // Handled: loadPyodide rejects with the same error.
  const { loadPyodide } = await import(runtime + "pyodide.mjs");
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileContents: lock,
    packageBaseUrl: runtime,
    // Fetched while Python starts, instead of after.
    packages: [PACKAGE],
    // Nothing the calculators print should end up in the reader's console.
    stdout: () => {},
    stderr: () => {},
  });
  postMessage({ type: "progress", stage: "package" });
  const calculators = pyodide.pyimport(PACKAGE);
  postMessage({ type: "ready" });
  return { pyodide, evaluate: calculators.evaluate };
}

// Pyodide fetches some files ahead (the standard library); when one fails, its promise
// rejects where nothing listens. Startup fails anyway, through `python` below: keep
// the reader's console free of the duplicate.
addEventListener("unhandledrejection", (event) => event.preventDefault());

// Pyodide 314 swallows a failed WebAssembly instantiation (a missing or corrupt
// pyodide.asm.wasm) and never settles loadPyodide: notice it here.
const wasmFailed = new Promise((_, reject) => {
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      const instantiation = original.apply(this, args);
      instantiation.catch(reject);
      return instantiation;
    };
  }
});
wasmFailed.catch(() => {});

const python = Promise.race([startPython(), wasmFailed]);
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
