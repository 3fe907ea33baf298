// The page's side of the Python worker (calculator-worker.mjs): starting it once per visit,
// following its download, giving up only when it stalls, starting again on request, and
// starting it early when a reader shows intent. The forms (calculators.mjs) ask for
// `runtime()` and listen for `runtimeEvents`; nothing here touches a form.
//
// The build (build_scripts/finish/page_hints.py) puts three <meta>s in every page's <head>:
// "calculators-runtime" names the runtime's folder, relative to the site root, and the bytes
// a first start downloads (data-bytes); "calculators-pages" lists the pages with a
// calculator; and "calculators-start" asks for Python to start early (pages with a
// calculator, which also start the worker from an inline script that this module adopts)
// or once the page has loaded (the calculator index). Once Python is ready and the reader
// idle, a service worker (../service-worker.js) is asked to keep this page and the runtime,
// so the calculators work offline after the first visit.

import "./calculator-names.js";

// Given up only when neither a byte nor a new stage has come for this long: a slow link
// keeps delivering, a stalled or broken one does not.
export const STALL_TIMEOUT_MS = 20_000;
const KEEP_DELAY_MS = 1000;

export const REASONS = {
  noWasm: "nettleseren støtter ikke WebAssembly",
  noWorker: "nettleseren tillot ikke å starte en bakgrunnsprosess",
  stalled: `nedlastingen har stått stille i ${STALL_TIMEOUT_MS / 1000} sekunder`,
  load: "filene som trengs kunne ikke lastes",
};

// Names shared with the worker and the service worker (build_scripts/finish/names.py).
const NAMES = globalThis.calculatorNames;
export const SITE_ROOT = new URL(NAMES.siteRoot, import.meta.url);

// How the current start goes, for every form on the page: "start" (also after "Prøv igjen";
// `detail` is {attempt, total}: the promise `runtime()` returns and the bytes to come),
// then "progress" events whose `detail` is {loaded, total}. How it ends, the promise tells.
export const runtimeEvents = new EventTarget();

// The only global state: one promise for the worker-backed runtime.
let runtimePromise = null;

function runtimeMeta() {
  return document.querySelector('meta[name="calculators-runtime"]');
}

// The runtime's folder below the site root (assets/pyodide/<hash>/), from the page's <head>.
function runtimeFolder() {
  return runtimeMeta()?.content ?? "";
}

export function runtimeBytes() {
  return Number(runtimeMeta()?.dataset.bytes) || 0;
}

function workerURL() {
  const url = new URL(NAMES.worker, SITE_ROOT);
  const folder = runtimeFolder();
  if (folder) url.searchParams.set("runtime", folder);
  return url;
}

// Whether the browser asks us to spare the reader's data: then Python (megabytes) is
// fetched only once the reader starts using a calculator, never on a guess. The test is
// defined once, by the inline script every page's <head> runs (calculator-early-start.js).
export function savingData() {
  return globalThis.calculatorsSavingData?.() ?? false;
}

export function runtimeStarted() {
  return runtimePromise !== null;
}

// Python, started on first use: resolves to {compute, check, keepData, forgetData,
// exportTable}, rejects with a reason from REASONS.
export function runtime() {
  if (runtimePromise === null) {
    runtimePromise = startRuntime();
    runtimePromise.catch(() => {}); // Each caller handles it; this only keeps the console quiet.
    const detail = { attempt: runtimePromise, total: runtimeBytes() };
    runtimeEvents.dispatchEvent(new CustomEvent("start", { detail }));
  }
  return runtimePromise;
}

// "Prøv igjen": a new worker, without reloading the page. Forms follow the new start.
export function restartRuntime() {
  runtimePromise = null;
  return runtime();
}

function startRuntime() {
  const progress = { loaded: 0, total: runtimeBytes() };
  const reportProgress = () => {
    runtimeEvents.dispatchEvent(new CustomEvent("progress", { detail: { ...progress } }));
  };
  return new Promise((resolve, reject) => {
    if (typeof WebAssembly !== "object") {
      reject(REASONS.noWasm);
      return;
    }
    let started;
    try {
      started = adoptOrStartWorker();
    } catch {
      reject(REASONS.noWorker);
      return;
    }
    const { worker } = started;
    const pending = new Map();
    let nextRequestId = 1;
    let stallTimer = 0;
    let settled = false;
    // Copying for the next visit competes with the results: the worker's memory snapshot
    // and the service worker's copy wait until the reader has stopped typing for a moment,
    // once per visit.
    let keepTimer = 0;
    const keepWhenIdle = () => {
      if (keepTimer === null) return;
      clearTimeout(keepTimer);
      keepTimer = setTimeout(() => {
        keepTimer = null;
        worker.postMessage({ type: "idle" });
        keepForNextVisit();
      }, KEEP_DELAY_MS);
    };
    const stop = (reason) => {
      if (settled) return;
      settled = true;
      clearTimeout(stallTimer);
      worker.terminate();
      forgetMemorySnapshot();
      for (const settle of pending.values()) settle(null);
      pending.clear();
      reject(reason);
    };
    // Each byte and each stage the worker reports restarts the clock.
    const armStallTimer = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => stop(REASONS.stalled), STALL_TIMEOUT_MS);
    };
    armStallTimer();
    const onError = (event) => {
      event.preventDefault();
      stop(REASONS.load);
    };
    const onMessage = ({ data }) => {
      if (settled && data.type !== "result") return;
      if (data.type === "progress") {
        armStallTimer();
        progress.loaded = Math.max(progress.loaded, data.loaded ?? 0);
        reportProgress();
      } else if (data.type === "failed") stop(REASONS.load);
      else if (data.type === "ready") {
        settled = true;
        clearTimeout(stallTimer);
        progress.loaded = Math.max(progress.loaded, progress.total);
        reportProgress();
        keepWhenIdle();
        const ask = (message) => {
          keepWhenIdle();
          const requestId = nextRequestId++;
          return new Promise((settle) => {
            pending.set(requestId, settle);
            worker.postMessage({ ...message, requestId });
          });
        };
        resolve({
          // `baseline`: scenario A's inputs when the reader compares, else undefined.
          compute: (calculator, inputs, baseline) =>
            ask({ type: "compute", calculator, inputs, baseline }),
          // An exercise's task and the answer as typed: calculators.check_answer's verdict.
          check: (task, answer) => ask({ type: "check", task, answer }),
          // A file's bytes, moved (not copied) to the worker, where inputs name it by key.
          keepData(key, bytes) {
            worker.postMessage({ type: "keep-data", key, bytes }, [bytes.buffer]);
          },
          forgetData(key) {
            worker.postMessage({ type: "forget-data", key });
          },
          // A result table as CSV text for Norwegian Excel.
          exportTable: (table) => ask({ type: "export", table }),
        });
      } else if (data.type === "result") {
        const settle = pending.get(data.requestId);
        pending.delete(data.requestId);
        if (settle) settle(data.result);
      }
    };
    worker.addEventListener("error", onError);
    worker.addEventListener("message", onMessage);
    // After `runtime()` has announced the start, still in this task: nothing can arrive
    // between taking over and replaying.
    queueMicrotask(() => {
      started.release();
      for (const event of started.events) (event.type === "error" ? onError : onMessage)(event);
    });
  });
}

// The worker the page's <head> started (calculator-early-start.js, inlined by the build),
// has said so far; or a new one (throws when workers are not allowed).
function adoptOrStartWorker() {
  const early = window.calculatorsEarlyWorker;
  delete window.calculatorsEarlyWorker;
  if (early) return early;
  return { worker: new Worker(workerURL(), { type: "module" }), events: [], release() {} };
}

// A start that failed may have started from a damaged memory snapshot (see
// calculator-worker.mjs, which names it so): the next visit starts without one.
function forgetMemorySnapshot() {
  const folder = runtimeFolder();
  if (!folder || typeof caches !== "object") return;
  const snapshot = new URL(`${folder}${NAMES.snapshot}`, SITE_ROOT);
  caches
    .open(NAMES.cache)
    .then((cache) => cache.delete(snapshot))
    .catch(() => {});
}

// Once Python is ready and the reader idle, have the service worker keep the runtime
// (it fetches that itself, named in its URL) and what this page used: the page, its
// scripts, styles and search index. All of it comes from the HTTP cache, so nothing is
// downloaded twice.
async function keepForNextVisit() {
  const folder = runtimeFolder();
  if (!folder || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    const script = new URL(NAMES.serviceWorker, SITE_ROOT);
    script.searchParams.set("runtime", folder);
    const registration = await navigator.serviceWorker.register(script, {
      scope: SITE_ROOT.pathname,
    });
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    const page = new URL(window.location.href);
    page.search = "";
    page.hash = "";
    const used = performance.getEntriesByType("resource").map((entry) => entry.name);
    worker?.postMessage({ type: "keep", urls: [page.href, workerURL().href, ...used] });
  } catch {
    // Without a service worker the calculators work as before, only not offline.
  }
}

// --- Starting early ---------------------------------------------------------------------------
//
// A reader who points at, touches or tabs to a link to a page with a calculator will likely
// open it: Python starts downloading then, and instant navigation keeps it running into the
// next page (a full page load finds the files in the browser's cache). A page that leads to
// calculators starts once it has loaded. Never when the browser asks to save data.

function calculatorPagePaths() {
  const listed = document.querySelector('meta[name="calculators-pages"]')?.content ?? "";
  return new Set(
    listed
      .split(" ")
      .filter(Boolean)
      .map((page) => new URL(page, SITE_ROOT).pathname),
  );
}

function startOnIntent() {
  const pages = calculatorPagePaths();
  if (pages.size === 0) return;
  const onIntent = (event) => {
    if (runtimeStarted() || savingData()) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    const target = new URL(link.href, window.location.href);
    if (target.origin === window.location.origin && pages.has(target.pathname)) runtime();
  };
  for (const type of ["pointerover", "touchstart", "focusin"]) {
    document.addEventListener(type, onIntent, { capture: true, passive: true });
  }
}

function startWhenLoaded() {
  const begin = () => {
    if (!savingData()) runtime();
  };
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(begin) : setTimeout(begin));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

// Runs once, when the module loads: on the page that was loaded, not on every instant
// navigation (the listeners above are the document's and stay).
export function startEarlyWhereAsked() {
  const start = document.querySelector('meta[name="calculators-start"]')?.content;
  if (start === "early" && !savingData()) runtime();
  else if (start === "loaded") startWhenLoaded();
  startOnIntent();
}
