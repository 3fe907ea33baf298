// Where the calculators' worker keeps Python's memory between visits.
//
// On a first visit, once `calculators` is imported and before any input, the worker copies
// Python's memory (pyodide-shim.mjs); repeat visits start from that copy and skip about a
// second of work: Pyodide importing ~200 of its modules, installing the package, importing
// the calculators. Pyodide checks that a snapshot comes from the same build; one that fails
// to load is forgotten (by the worker, or by the page when a start times out), and the next
// start makes a new one.
//
// The copy holds no reader input (it is taken before the first calculation) and never
// leaves the browser. It lives in the service worker's cache, named inside the runtime's
// folder, so the service worker deletes it with an old runtime. Files are not part of it:
// the package's files are gone after a restore, so the calculators must import everything
// they use when imported (the browser tests' repeat visits check it). Of the ~30 MB only the
// 64 KiB pages that are not all zeros are stored (~12 MB); compressing them further costs
// more time to read back than it saves.

import "./calculator-names.js";

const NAMES = globalThis.calculatorNames;
const LAYOUT_HEADER = "X-Memory-Layout"; // {length, pages: [[start, end], …]} in bytes
const PAGE = 65536;

// The finishing step may turn snapshots off (a benchmark's switch: `memory_snapshot`).
export function snapshotsSupported() {
  return NAMES.memorySnapshot !== false && typeof caches === "object";
}

function cache() {
  return caches.open(NAMES.cache);
}

// The snapshot kept for this runtime folder: {read()} resolving to the memory, or null.
export async function findSnapshot(runtime) {
  if (!snapshotsSupported()) return null;
  try {
    const response = await (await cache()).match(runtime + NAMES.snapshot);
    return response ? { read: () => unpack(response) } : null;
  } catch {
    return null;
  }
}

async function unpack(response) {
  const layout = JSON.parse(response.headers.get(LAYOUT_HEADER));
  const stored = new Uint8Array(await response.arrayBuffer());
  const memory = new Uint8Array(layout.length);
  let offset = 0;
  for (const [start, end] of layout.pages) {
    memory.set(stored.subarray(offset, offset + end - start), start);
    offset += end - start;
  }
  if (offset !== stored.length) throw new Error("damaged memory snapshot");
  return memory;
}

// Stores `memory` for this runtime folder; storage full or refused only makes the next
// visit start as this one did.
export async function keepSnapshot(runtime, memory) {
  const pages = [];
  for (let start = 0; start < memory.length; start += PAGE) {
    const end = Math.min(start + PAGE, memory.length);
    if (!allZero(memory, start, end)) {
      const last = pages.at(-1);
      if (last && last[1] === start) last[1] = end;
      else pages.push([start, end]);
    }
  }
  const body = new Blob(pages.map(([start, end]) => memory.subarray(start, end)));
  const headers = { [LAYOUT_HEADER]: JSON.stringify({ length: memory.length, pages }) };
  try {
    await (await cache()).put(runtime + NAMES.snapshot, new Response(body, { headers }));
  } catch {
    // The next visit starts without it.
  }
}

export async function forgetSnapshot(runtime) {
  try {
    await (await cache()).delete(runtime + NAMES.snapshot);
  } catch {
    // Nothing to forget.
  }
}

function allZero(bytes, start, end) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + start, (end - start) / 4);
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  return true;
}
