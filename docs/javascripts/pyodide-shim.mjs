// Everything the calculators' worker does with Pyodide beyond its documented API, in one
// place. Written for Pyodide 314.0.7 (npm `pyodide`, pinned in package.json; a test checks
// that PYODIDE_VERSION below matches it). A Pyodide upgrade reads this file, checks each
// use against the new release, and runs the tests named beside it.
//
// 1. Memory snapshots: loadPyodide's `_makeSnapshot` and `_loadSnapshot` options (marked
//    @ignore in pyodide.d.ts) and `pyodide.makeMemorySnapshot()` (@private). Repeat visits
//    start from a copy of Python's memory instead of importing ~200 modules again.
//    Tests: tests/browser/test_memory_snapshot.py.
// 2. `pyodide.loadedPackages`: Pyodide refuses a snapshot while a package is registered as
//    loaded; after a restore nothing is, and nothing needs to be (the package's modules are
//    in the memory). Tests: the same.
// 3. The global `fetch`, wrapped: Pyodide fetches its files with it, and the page's progress
//    bar counts their bytes as they arrive. Tests: tests/browser/test_real_networks.py.
// 4. `WebAssembly.instantiate` and `instantiateStreaming`, wrapped: Pyodide 314 swallows a
//    failed instantiation (a missing or corrupt pyodide.asm.wasm, memory from a bad
//    snapshot) and never settles loadPyodide. Tests: tests/browser/test_failure_modes.py.

export const PYODIDE_VERSION = "314.0.7";

// --- 1 and 2: memory snapshots -------------------------------------------------------------

// loadPyodide's options to start from `memory` (a Uint8Array, or a promise of one: Pyodide
// fetches and compiles its WebAssembly meanwhile), or to allow taking a snapshot later
// (`make`); the rest of the options stay documented ones.
export function snapshotOptions({ memory = null, make = false } = {}) {
  return memory ? { _loadSnapshot: memory } : { _makeSnapshot: make };
}

// Python's memory now, for a later start; `packageName` was loaded by this start.
export function takeMemorySnapshot(pyodide, packageName) {
  delete pyodide.loadedPackages[packageName];
  return pyodide.makeMemorySnapshot();
}

// --- 3: counting what Pyodide fetches --------------------------------------------------------

// Calls `onResponse(clone)` for every successful or failed response Pyodide (or anyone in
// this worker) fetches from below `folder` (an absolute URL ending in "/"), with a clone
// to read: Pyodide gets the response itself, so the wasm still compiles while it streams
// in, and the browser still caches the compiled code under its URL.
export function countFetchesBelow(folder, onResponse) {
  const fetchFromNetwork = globalThis.fetch;
  globalThis.fetch = async function countedFetch(resource, options) {
    const response = await fetchFromNetwork.call(this, resource, options);
    const url = resource instanceof Request ? resource.url : String(resource);
    if (new URL(url, folder).href.startsWith(folder)) onResponse(response.clone());
    return response;
  };
}

// --- 4: a start that can fail ----------------------------------------------------------------

let wasmFailed = () => {};
for (const name of ["instantiateStreaming", "instantiate"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    const instantiation = original.apply(this, args);
    instantiation.catch((error) => wasmFailed(error));
    return instantiation;
  };
}

// `loadPyodide(options)`, rejecting also when WebAssembly fails to instantiate.
export function startPyodide(loadPyodide, options) {
  return new Promise((resolve, reject) => {
    wasmFailed = reject;
    loadPyodide(options).then(resolve, reject);
  });
}
