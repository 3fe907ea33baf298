// Module Web Worker: runs the calculators' Python in Pyodide, served from this site.
//
// The page names the runtime's folder, relative to the site root, in this module's query
// string (`?runtime=assets/pyodide/<hash>/`). The folder's name changes whenever a byte in
// it changes, so its files can be cached for good.
//
// Protocol (all messages are plain objects):
//   worker → page  {type: "progress", stage, loaded}    while Python starts: a new stage, or
//                                                       more bytes of the runtime arrived
//                                                       (`loaded`, uncompressed, so far)
//                  {type: "ready"}                      Python and `calculators` are loaded
//                  {type: "failed", reason}             Python could not start
//                  {type: "result", requestId, result}  result = evaluate(calculator, inputs,
//                                                       baseline=baseline)
//                  {type: "result", requestId, result}  for "check": check_answer(task, answer)
//   page → worker  {type: "compute", requestId, calculator, inputs, baseline?}
//                  {type: "check", requestId, task, answer}  an exercise's answer
//                  {type: "keep-data", key, bytes}      a file the reader chose, as bytes
//                                                       (transferred); a compute's inputs
//                                                       name it as {file: key}
//                  {type: "forget-data", key}           the reader emptied or left it
//                  {type: "export", requestId, table}   the result table as CSV text for
//                                                       Norwegian Excel (calculators.export)
//
// The reader's files stay in this worker's memory only, until forgotten: never in a
// cache, storage or the memory snapshot (taken before any of them arrives).
//                  {type: "idle"}                       the reader has paused: store the
//                                                       memory snapshot (once per visit)
//
// What Pyodide offers only privately (memory snapshots) and what this worker patches in the
// global scope (fetch, WebAssembly's instantiation) is in pyodide-shim.mjs; where the
// snapshot is kept, in calculator-snapshot.mjs.
// `result` is exactly what `calculators.evaluate` returns: {values, display, errors, svg, table,
// steps, comparison}; `baseline` (scenario A's inputs) is given only when the reader compares.

import "./calculator-names.js";
import {
  findSnapshot,
  forgetSnapshot,
  keepSnapshot,
  snapshotsSupported,
} from "./calculator-snapshot.mjs";
import {
  countFetchesBelow,
  snapshotOptions,
  startPyodide,
  takeMemorySnapshot,
} from "./pyodide-shim.mjs";

// Names shared with the page module and the service worker (build_scripts/finish/names.py).
const NAMES = globalThis.calculatorNames;
const PACKAGE = "calculators";
const SITE_ROOT = new URL(NAMES.siteRoot, import.meta.url);

// Only a folder of this site: the query string is the page's to set, never a reader's.
function runtimeURL() {
  const folder = new URL(import.meta.url).searchParams.get("runtime") || NAMES.runtimeRoot;
  const url = new URL(folder, SITE_ROOT);
  if (url.origin !== SITE_ROOT.origin || !url.pathname.startsWith(SITE_ROOT.pathname)) {
    throw new Error(`the runtime must be on this site: ${folder}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

async function fetchJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

// --- Download progress: the page gives up only when nothing arrives -----------------------
//
// Every runtime file Pyodide fetches (the wasm, the standard library, the wheel) is counted
// as its bytes arrive (pyodide-shim.mjs hands over a clone of each response). The two
// JavaScript modules are imported, not fetched; each counts once it has arrived. Reports go
// out at most every PROGRESS_INTERVAL_MS.
const PROGRESS_INTERVAL_MS = 100;
const download = {
  stage: "runtime",
  loaded: 0,
  lastReport: 0,
  pending: 0,

  report(stage = this.stage) {
    this.stage = stage;
    this.lastReport = performance.now();
    clearTimeout(this.pending);
    postMessage({ type: "progress", stage, loaded: this.loaded });
  },

  add(byteCount) {
    this.loaded += byteCount;
    const wait = this.lastReport + PROGRESS_INTERVAL_MS - performance.now();
    clearTimeout(this.pending);
    if (wait <= 0) this.report();
    else this.pending = setTimeout(() => this.report(), wait);
  },

  async count(response) {
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.add(value.byteLength);
      }
    } catch {
      // A broken download: Pyodide, reading the same response, reports it.
    }
  },

  // The size of a module this worker imported, once it is here (Resource Timing).
  countImported(url) {
    const [entry] = performance.getEntriesByName(url);
    if (entry) this.add(entry.decodedBodySize);
  },
};

function importCounted(url) {
  return import(url).then((module) => {
    download.countImported(url);
    return module;
  });
}

async function startPython() {
  const runtime = runtimeURL();
  countFetchesBelow(runtime, (response) => download.count(response));
  download.report("runtime");
  // The lock is fetched here, not by Pyodide: Pyodide starts that download early and awaits
  // it only much later, so a missing lock would also escape as an uncaught error.
  const lock = fetchJSON(`${runtime}pyodide-lock.json`);
  lock.catch(() => {}); // Handled: loadPyodide rejects with the same error.
  // Pyodide loads its JavaScript in two steps, pyodide.mjs and then pyodide.asm.mjs (1.2 MB);
  // both start now, with the snapshot lookup (slow in a new browser profile). Importing a
  // URL twice gives the same module, so Pyodide's own import finds it loaded.
  importCounted(`${runtime}pyodide.asm.mjs`).catch(() => {}); // Pyodide reports a failure.
  const [snapshot, { loadPyodide }] = await Promise.all([
    findSnapshot(runtime),
    importCounted(`${runtime}pyodide.mjs`),
  ]);
  const options = {
    indexURL: runtime,
    lockFileContents: lock,
    packageBaseUrl: runtime,
    // Nothing the calculators print should end up in the reader's console.
    stdout: () => {},
    stderr: () => {},
  };
  if (snapshot) {
    try {
      // The memory is read while Pyodide fetches and compiles its WebAssembly.
      const memory = snapshot.read();
      const pyodide = await startPyodide(loadPyodide, {
        ...options,
        ...snapshotOptions({ memory }),
      });
      return ready(pyodide, pyodide.pyimport(PACKAGE));
    } catch {
      // From another build or damaged: forget it and start as on a first visit.
      await forgetSnapshot(runtime);
      download.report("runtime");
    }
  }
  const make = snapshotsSupported();
  const pyodide = await startPyodide(loadPyodide, {
    ...options,
    // Fetched while Python starts, instead of after.
    packages: [PACKAGE],
    ...snapshotOptions({ make }),
  });
  download.report("package");
  const calculators = pyodide.pyimport(PACKAGE);
  if (make) {
    // Synchronous, between importing the calculators and posting "ready": no calculation
    // can have run yet, so the copy holds nothing a reader typed.
    try {
      snapshotToKeep = { runtime, memory: takeMemorySnapshot(pyodide, PACKAGE) };
    } catch {
      // Only the next visit is slower.
    }
  }
  return ready(pyodide, calculators);
}

// Taken on a first visit, stored once the reader has paused (the page says "idle").
let snapshotToKeep = null;

// Everything the page asks of Python is an attribute of the package itself: after a start
// from the memory snapshot only modules the package imported are there, not its files.
function ready(pyodide, calculators) {
  const runtime = {
    pyodide,
    evaluate: calculators.evaluate,
    checkAnswer: calculators.check_answer,
    tableCsv: calculators.table_csv,
    unexpectedFailure: calculators.api.unexpected_failure,
  };
  postMessage({ type: "ready" });
  return runtime;
}

// Pyodide fetches some files ahead (the standard library); when one fails, its promise
// rejects where nothing listens. Startup fails anyway, through `python` below: keep
// the reader's console free of the duplicate.
addEventListener("unhandledrejection", (event) => event.preventDefault());

const python = startPython();
python.catch((error) => {
  postMessage({ type: "failed", reason: String(error?.message ?? error) });
});

// toPy turns JS null into pyodide.ffi.jsnull, not None; undefined becomes None, which is
// what Python takes as "left empty". Nested objects and lists are cleaned too (an exercise's
// mistakes may leave a field empty).
function withoutNull(value) {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(withoutNull);
  if (typeof value === "object" && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNull(item)]));
  }
  return value;
}

function toPython(pyodide, value) {
  return pyodide.toPy(withoutNull(value));
}

// A Python result as plain objects, the proxy freed.
function toJs(proxy) {
  try {
    return proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    proxy.destroy?.();
  }
}

// The verdict on an exercise's answer; null if Python failed (the page then says so).
function checkInPython({ pyodide, checkAnswer }, task, answer) {
  const pyTask = toPython(pyodide, task);
  try {
    return toJs(checkAnswer(pyTask, String(answer)));
  } catch {
    return null;
  } finally {
    pyTask.destroy();
  }
}

function evaluateInPython({ pyodide, evaluate }, calculator, inputs, baseline) {
  const pyInputs = toPython(pyodide, inputs);
  const pyBaseline = baseline ? toPython(pyodide, baseline) : undefined;
  let pyResult;
  try {
    pyResult = evaluate.callKwargs(calculator, pyInputs, { baseline: pyBaseline });
    return toJs(pyResult);
  } finally {
    pyInputs.destroy();
    pyBaseline?.destroy();
    if (pyResult) pyResult.destroy();
  }
}

// The reader's files, by the key the page gave them (see the protocol above).
const files = new Map();

// A data field's {file: key} replaced by the file's bytes.
function withFiles(inputs) {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      name,
      value && typeof value === "object" && "file" in value ? (files.get(value.file) ?? "") : value,
    ]),
  );
}

function exportInPython({ pyodide, tableCsv }, table) {
  const pyTable = toPython(pyodide, table);
  try {
    return tableCsv(pyTable);
  } catch {
    return null;
  } finally {
    pyTable.destroy();
  }
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message?.type === "keep-data") files.set(message.key, message.bytes);
  if (message?.type === "forget-data") files.delete(message.key);
  if (message?.type === "idle" && snapshotToKeep) {
    const { runtime, memory } = snapshotToKeep;
    snapshotToKeep = null;
    keepSnapshot(runtime, memory);
  }
  if (!["compute", "check", "export"].includes(message?.type)) return;
  let runtime;
  try {
    runtime = await python;
  } catch {
    return; // already reported as "failed"
  }
  let result;
  if (message.type === "check") {
    result = checkInPython(runtime, message.task, message.answer);
  } else if (message.type === "export") {
    result = exportInPython(runtime, message.table);
  } else {
    try {
      const inputs = withFiles(message.inputs);
      result = evaluateInPython(runtime, message.calculator, inputs, message.baseline);
    } catch {
      // evaluate() never raises by contract; if it still does, the page keeps its last results.
      result = toJs(runtime.unexpectedFailure());
    }
  }
  postMessage({ type: "result", requestId: message.requestId, result });
});
