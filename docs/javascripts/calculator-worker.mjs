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
//   page → worker  {type: "compute", requestId, calculator, inputs, baseline?}
//                  {type: "idle"}                       the reader has paused: store the
//                                                       memory snapshot (once per visit)
//
// `result` is exactly what `calculators.evaluate` returns: {values, display, errors, svg, table,
// steps, comparison}; `baseline` (scenario A's inputs) is given only when the reader compares.

import "./calculator-names.js";

// Names shared with the page module and the service worker (build_scripts/finish/names.py).
const NAMES = globalThis.calculatorNames;
const PACKAGE = "calculators";

// Only a folder of this site: the query string is the page's to set, never a reader's.
function runtimeURL() {
  const siteRoot = new URL("../", import.meta.url);
  const folder = new URL(import.meta.url).searchParams.get("runtime") || NAMES.runtimeRoot;
  const url = new URL(folder, siteRoot);
  if (url.origin !== siteRoot.origin || !url.pathname.startsWith(siteRoot.pathname)) {
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
// as its bytes arrive, from a clone of the response: Pyodide gets the response itself, so
// the wasm still compiles while it streams in, and the browser still caches the compiled
// code under its URL. The two JavaScript modules are imported, not fetched; each counts
// once it has arrived. Reports go out at most every PROGRESS_INTERVAL_MS.
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

const fetchFromNetwork = globalThis.fetch;
let runtimeFolder = "";
globalThis.fetch = async function countedFetch(resource, options) {
  const response = await fetchFromNetwork.call(this, resource, options);
  const url = resource instanceof Request ? resource.url : String(resource);
  if (runtimeFolder && new URL(url, runtimeFolder).href.startsWith(runtimeFolder)) {
    download.count(response.clone());
  }
  return response;
};

function importCounted(url) {
  return import(url).then((module) => {
    download.countImported(url);
    return module;
  });
}

async function startPython() {
  const runtime = runtimeURL();
  runtimeFolder = runtime;
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
    memorySnapshot.find(runtime),
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
      const pyodide = await start(loadPyodide, { ...options, _loadSnapshot: snapshot.read() });
      return ready(pyodide, pyodide.pyimport(PACKAGE));
    } catch {
      // From another build or damaged: forget it and start as on a first visit.
      await memorySnapshot.forget(runtime);
      download.report("runtime");
    }
  }
  const canSnapshot = memorySnapshot.supported();
  const pyodide = await start(loadPyodide, {
    ...options,
    // Fetched while Python starts, instead of after.
    packages: [PACKAGE],
    _makeSnapshot: canSnapshot,
  });
  download.report("package");
  const calculators = pyodide.pyimport(PACKAGE);
  if (canSnapshot) memorySnapshot.take(pyodide, PACKAGE, runtime);
  return ready(pyodide, calculators);
}

function ready(pyodide, calculators) {
  postMessage({ type: "ready" });
  return { pyodide, evaluate: calculators.evaluate };
}

// --- Memory snapshot: repeat visits skip Python's start ----------------------------------
//
// On a first visit, once `calculators` is imported and before any input, the worker copies
// Python's memory; repeat visits start from that copy and skip about a second of work:
// Pyodide importing ~200 of its modules, installing the package, importing the calculators.
// Pyodide calls the API private (`_makeSnapshot`, `_loadSnapshot`) and checks that a snapshot
// comes from the same build; one that fails to load is forgotten (here, or by the page when
// a start times out), and the next start makes a new one.
//
// The copy holds no reader input (it is taken before the first calculation) and never
// leaves the browser. It lives in the service worker's cache, named inside the runtime's
// folder, so the service worker deletes it with an old runtime. Files are not part of it:
// the package's files are gone after a restore, so the calculators must import everything
// they use when imported (the browser tests' repeat visits check it). Of the ~30 MB only the
// 64 KiB pages that are not all zeros are stored (~12 MB); compressing them further costs
// more time to read back than it saves.
const memorySnapshot = {
  CACHE: NAMES.cache, // the service worker's
  NAME: NAMES.snapshot,
  LAYOUT_HEADER: "X-Memory-Layout", // {length, pages: [[start, end], …]} in bytes
  PAGE: 65536,
  taken: null,

  supported() {
    return NAMES.memorySnapshot !== false && typeof caches === "object";
  },

  async find(runtime) {
    if (!this.supported()) return null;
    try {
      const response = await (await caches.open(this.CACHE)).match(runtime + this.NAME);
      return response ? { read: () => this.unpack(response) } : null;
    } catch {
      return null;
    }
  },

  async unpack(response) {
    const layout = JSON.parse(response.headers.get(this.LAYOUT_HEADER));
    const stored = new Uint8Array(await response.arrayBuffer());
    const memory = new Uint8Array(layout.length);
    let offset = 0;
    for (const [start, end] of layout.pages) {
      memory.set(stored.subarray(offset, offset + end - start), start);
      offset += end - start;
    }
    if (offset !== stored.length) throw new Error("damaged memory snapshot");
    return memory;
  },

  // Synchronous, between importing the calculators and posting "ready": no calculation can
  // have run yet.
  take(pyodide, packageName, runtime) {
    try {
      // Pyodide refuses a snapshot while a package is registered as loaded; after a restore
      // nothing is, and nothing needs to be: the package's modules are in memory.
      delete pyodide.loadedPackages[packageName];
      this.taken = { memory: pyodide.makeMemorySnapshot(), runtime };
    } catch {
      this.taken = null; // Only the next visit is slower.
    }
  },

  // Storing takes a moment: the page asks for it once the reader has stopped typing.
  async keep() {
    if (!this.taken) return;
    const { memory, runtime } = this.taken;
    this.taken = null;
    const pages = [];
    for (let start = 0; start < memory.length; start += this.PAGE) {
      const end = Math.min(start + this.PAGE, memory.length);
      if (!allZero(memory, start, end)) {
        const last = pages[pages.length - 1];
        if (last && last[1] === start) last[1] = end;
        else pages.push([start, end]);
      }
    }
    const body = new Blob(pages.map(([start, end]) => memory.subarray(start, end)));
    const headers = { [this.LAYOUT_HEADER]: JSON.stringify({ length: memory.length, pages }) };
    try {
      const cache = await caches.open(this.CACHE);
      await cache.put(runtime + this.NAME, new Response(body, { headers }));
    } catch {
      // Storage full or refused: the next visit starts as this one did.
    }
  },

  async forget(runtime) {
    try {
      await (await caches.open(this.CACHE)).delete(runtime + this.NAME);
    } catch {
      // Nothing to forget.
    }
  },
};

function allZero(bytes, start, end) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + start, (end - start) / 4);
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  return true;
}

// Pyodide fetches some files ahead (the standard library); when one fails, its promise
// rejects where nothing listens. Startup fails anyway, through `python` below: keep
// the reader's console free of the duplicate.
addEventListener("unhandledrejection", (event) => event.preventDefault());

// Pyodide 314 swallows a failed WebAssembly instantiation (a missing or corrupt
// pyodide.asm.wasm, or memory from a bad snapshot) and never settles loadPyodide: `start`
// notices it.
let wasmFailed = () => {};
for (const name of ["instantiateStreaming", "instantiate"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    const instantiation = original.apply(this, args);
    instantiation.catch((error) => wasmFailed(error));
    return instantiation;
  };
}

function start(loadPyodide, options) {
  return new Promise((resolve, reject) => {
    wasmFailed = reject;
    loadPyodide(options).then(resolve, reject);
  });
}

const python = startPython();
python.catch((error) => {
  postMessage({ type: "failed", reason: String(error?.message ?? error) });
});

// toPy turns JS null into pyodide.ffi.jsnull, not None; undefined becomes None, which is
// what `evaluate` takes as "left empty".
function toPython(pyodide, inputs) {
  const cleaned = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, value ?? undefined]),
  );
  return pyodide.toPy(cleaned);
}

function evaluateInPython({ pyodide, evaluate }, calculator, inputs, baseline) {
  const pyInputs = toPython(pyodide, inputs);
  const pyBaseline = baseline ? toPython(pyodide, baseline) : undefined;
  let pyResult;
  try {
    pyResult = evaluate.callKwargs(calculator, pyInputs, { baseline: pyBaseline });
    return pyResult.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    pyInputs.destroy();
    pyBaseline?.destroy();
    if (pyResult) pyResult.destroy();
  }
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message?.type === "idle") memorySnapshot.keep();
  if (message?.type !== "compute") return;
  let runtime;
  try {
    runtime = await python;
  } catch {
    return; // already reported as "failed"
  }
  let result;
  try {
    result = evaluateInPython(runtime, message.calculator, message.inputs, message.baseline);
  } catch {
    // evaluate() never raises by contract; if it still does, the page keeps its last results.
    result = {
      values: {},
      display: {},
      errors: { "": "Beregningen feilet uventet." },
      svg: "",
      table: null,
      steps: [],
      comparison: null,
    };
  }
  postMessage({ type: "result", requestId: message.requestId, result });
});
