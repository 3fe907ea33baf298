// Page module: wires every calculator form (see DESIGN.md, "Page contract") to the Python
// Web Worker. Survives Material's instant navigation by re-wiring on each `document$` event;
// Python starts once per visit and is reused by every page.
//
// The build (build_scripts/plugin.py) puts two <meta>s in every page's <head>:
// "calculators-runtime" names the runtime's folder, relative to the site root; and on pages
// with a calculator, "calculators-start" asks for Python to start at once. Those pages also
// start the worker from an inline script in <head> (this module adopts it) and load this
// module `async` from there, so Python starts while the rest of the page is still arriving.
// Once Python is ready and the reader idle, a service worker (../service-worker.js) is asked
// to keep this page and the runtime, so the calculators work offline after the first visit.

const STARTUP_TIMEOUT_MS = 20_000;
const ADDRESS_DELAY_MS = 250;
const KEEP_DELAY_MS = 1000;

const TEXT = {
  loading: "Starter Python i nettleseren … Tallene under er regnet ut på forhånd.",
  ready: "Klar. Resultatene oppdateres mens du skriver.",
  updated: "Oppdatert. {label}: {value}",
  invalid: "Rett feltet som er merket. Resultatene viser siste gyldige beregning.",
  failed:
    "Kalkulatoren kan ikke regne i nettleseren din akkurat nå ({reason}). " +
    "Tallene som vises er regnet ut på forhånd med verdiene som sto i skjemaet da siden ble laget.",
  copied: "Lenken til dette resultatet er kopiert.",
  copyManually: "Kopier lenken: {url}",
  unexpected: "Noe gikk galt i beregningen. Prøv igjen, eller tilbakestill skjemaet.",
};

const REASONS = {
  noWasm: "nettleseren støtter ikke WebAssembly",
  noWorker: "nettleseren tillot ikke å starte en bakgrunnsprosess",
  timeout: "Python startet ikke innen 20 sekunder",
  load: "filene som trengs kunne ikke lastes",
};

// The only global state: one promise for the worker-backed runtime.
let runtimePromise = null;

const SITE_ROOT = new URL("../", import.meta.url);

// The runtime's folder below the site root (assets/pyodide/<hash>/), from the page's <head>.
function runtimeFolder() {
  return document.querySelector('meta[name="calculators-runtime"]')?.content ?? "";
}

function workerURL() {
  const url = new URL("./calculator-worker.mjs", import.meta.url);
  const folder = runtimeFolder();
  if (folder) url.searchParams.set("runtime", folder);
  return url;
}

function startRuntime() {
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
    let timer = 0;
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
    const fail = (reason) => {
      clearTimeout(timer);
      worker.terminate();
      forgetMemorySnapshot();
      for (const settle of pending.values()) settle(null);
      pending.clear();
      reject(reason);
    };
    // "Without progress": each stage the worker reports restarts the clock.
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(REASONS.timeout), STARTUP_TIMEOUT_MS);
    };
    armTimer();
    const onError = (event) => {
      event.preventDefault();
      fail(REASONS.load);
    };
    const onMessage = ({ data }) => {
      if (data.type === "progress") armTimer();
      else if (data.type === "failed") fail(REASONS.load);
      else if (data.type === "ready") {
        clearTimeout(timer);
        keepWhenIdle();
        resolve({
          compute(calculator, inputs) {
            keepWhenIdle();
            const requestId = nextRequestId++;
            return new Promise((settle) => {
              pending.set(requestId, settle);
              worker.postMessage({ type: "compute", requestId, calculator, inputs });
            });
          },
        });
      } else if (data.type === "result") {
        const settle = pending.get(data.requestId);
        pending.delete(data.requestId);
        if (settle) settle(data.result);
      }
    };
    worker.addEventListener("error", onError);
    worker.addEventListener("message", onMessage);
    // All in this task: nothing can arrive between taking over and replaying.
    started.release();
    for (const event of started.events) (event.type === "error" ? onError : onMessage)(event);
  });
}

// The worker the page's <head> started (build_scripts/runtime/early_worker.js), with what it
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
  const snapshot = new URL(folder + "python-memory.snapshot", SITE_ROOT);
  caches
    .open("kunderelasjoner-v1")
    .then((cache) => cache.delete(snapshot))
    .catch(() => {});
}

function runtime() {
  runtimePromise ??= startRuntime();
  return runtimePromise;
}

// Once Python is ready and the reader idle, have the service worker keep the runtime
// (it fetches that itself, named in its URL) and what this page used: the page, its
// scripts, styles and search index. All of it comes from the HTTP cache, so nothing is
// downloaded twice.
async function keepForNextVisit() {
  const folder = runtimeFolder();
  if (!folder || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    const script = new URL("service-worker.js", SITE_ROOT);
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

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function fieldsOf(form) {
  return [...form.querySelectorAll("input[name], select[name]")];
}

function defaultOf(field) {
  if (field.tagName === "SELECT") {
    const option = [...field.options].find((candidate) => candidate.defaultSelected);
    return option ? option.value : field.options[0]?.value ?? "";
  }
  return field.defaultValue;
}

function shareKey(form, field) {
  return `${form.dataset.calculator}.${field.name}`;
}

function applySharedValues(form) {
  const params = new URLSearchParams(window.location.search);
  for (const field of fieldsOf(form)) {
    const value = params.get(shareKey(form, field));
    if (value !== null) field.value = value;
  }
}

function shareURL(form, { onlyChanged }) {
  const url = new URL(window.location.href);
  for (const field of fieldsOf(form)) {
    const key = shareKey(form, field);
    if (onlyChanged && field.value === defaultOf(field)) url.searchParams.delete(key);
    else url.searchParams.set(key, field.value);
  }
  return url;
}

function setStatus(form, text) {
  const status = form.querySelector(".calculator-status");
  if (status && status.textContent !== text) status.textContent = text;
}

function showErrors(form, errors) {
  for (const slot of form.querySelectorAll(".calculator-error[data-field]")) {
    const message = errors[slot.dataset.field];
    const name = CSS.escape(slot.dataset.field);
    const field = name && form.querySelector(`input[name="${name}"], select[name="${name}"]`);
    // Emptied as well as hidden: aria-describedby would still read hidden text aloud.
    slot.textContent = message ?? "";
    slot.hidden = !message;
    if (field) {
      if (message) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  }
}

function rowOf(cells, tag, scope) {
  const row = document.createElement("tr");
  for (const text of cells) {
    const cell = document.createElement(tag);
    if (scope) cell.scope = scope;
    cell.textContent = text;
    row.append(cell);
  }
  return row;
}

function showTable(form, table) {
  const element = form.querySelector(".calculator-table table");
  if (!element || !table) return;
  element.querySelector("caption").textContent = table.caption;
  element.tHead.replaceChildren(rowOf(table.columns, "th", "col"));
  element.tBodies[0].replaceChildren(...table.rows.map((cells) => rowOf(cells, "td")));
}

// One polite announcement per recompute, from the status line: the outputs themselves are
// not live regions, or several of them would talk over each other.
function summary(form, display) {
  const first = form.querySelector(".calculator-result[data-output]");
  if (!first) return TEXT.ready;
  const label = first.querySelector("label")?.textContent ?? "";
  return fill(TEXT.updated, { label, value: display[first.dataset.output] ?? "" });
}

// Returns whether the result was valid (and is now on screen).
function showResult(form, result) {
  // Instant navigation may have left the form's page while Python was computing: the
  // address is the next page's now and must not get this form's values.
  if (!form.isConnected || window.location.pathname !== form.dataset.page) return false;
  const errors = result.errors ?? {};
  showErrors(form, errors);
  if (Object.keys(errors).length > 0) {
    // The last good results stay on screen; the reader sees what to fix beside the field.
    form.classList.add("calculator--stale");
    setStatus(form, errors[""] ?? TEXT.invalid);
    return false;
  }
  form.classList.remove("calculator--stale");
  for (const output of form.querySelectorAll("output[name]")) {
    const text = result.display[output.getAttribute("name")];
    if (text !== undefined && output.textContent !== text) output.textContent = text;
  }
  const chart = form.querySelector(".calculator-chart-image");
  // The SVG is generated by our own Python from validated numbers, with text escaped.
  if (chart && result.svg) chart.innerHTML = result.svg;
  showTable(form, result.table);
  setStatus(form, summary(form, result.display));
  return true;
}

function wireForm(form) {
  if (form.dataset.wired === "true") return;
  form.dataset.wired = "true";
  form.dataset.page = window.location.pathname;
  const calculator = form.dataset.calculator;
  let busy = false;
  let again = false;
  // The address follows the inputs once typing pauses: replaceState costs the browser a
  // round trip, sometimes over 10 ms, which would otherwise delay every result. A form that
  // instant navigation has taken off the page no longer owns the address.
  let addressTimer = 0;
  const updateAddress = () => {
    clearTimeout(addressTimer);
    addressTimer = setTimeout(() => {
      if (!form.isConnected || window.location.pathname !== form.dataset.page) return;
      window.history.replaceState(window.history.state, "", shareURL(form, { onlyChanged: true }));
    }, ADDRESS_DELAY_MS);
  };

  // At most one request in flight; changes made meanwhile are sent as soon as it returns,
  // so fast typing never queues up stale work.
  async function recompute() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const python = await runtime();
      do {
        again = false;
        const inputs = Object.fromEntries(fieldsOf(form).map((field) => [field.name, field.value]));
        const result = await python.compute(calculator, inputs);
        if (result && showResult(form, result)) updateAddress();
      } while (again);
    } catch {
      // The runtime failed to start; the state change below already told the reader.
    } finally {
      busy = false;
    }
  }

  applySharedValues(form);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
  // Reset restores the inputs after the event; compute once they hold the defaults again.
  form.addEventListener("reset", () => setTimeout(recompute, 0));

  const share = form.querySelector("[data-action='share']");
  if (share) {
    share.hidden = false;
    share.addEventListener("click", async () => {
      const url = shareURL(form, { onlyChanged: false }).href;
      try {
        await navigator.clipboard.writeText(url);
        setStatus(form, TEXT.copied);
      } catch {
        setStatus(form, fill(TEXT.copyManually, { url }));
      }
    });
  }

  form.dataset.state = "loading";
  setStatus(form, TEXT.loading);
  runtime().then(
    () => {
      form.dataset.state = "ready";
      setStatus(form, TEXT.ready);
      recompute();
    },
    (reason) => {
      form.dataset.state = "error";
      // The results on screen were computed for the page's own values: show those, not a
      // share link's or what was typed while Python was starting.
      form.reset();
      setStatus(form, fill(TEXT.failed, { reason }));
    },
  );
}

// Material wraps each content table in a <div> that scrolls sideways when the table is
// wider than the screen; the keyboard must be able to reach it to scroll it (WCAG 2.1.1).
// Named after the headings above it, so screen readers can tell the regions apart.
function makeTableScrollersFocusable() {
  const headings = [...document.querySelectorAll("article h2, article h3")];
  const text = (heading) => heading?.textContent.replace("¶", "").trim();
  for (const scroller of document.querySelectorAll("article .md-typeset__scrollwrap")) {
    if (scroller.closest(".calculator") || scroller.hasAttribute("tabindex")) continue;
    const above = headings.filter(
      (heading) => heading.compareDocumentPosition(scroller) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    const section = above.findLast((heading) => heading.tagName === "H2");
    const subsection = above.at(-1)?.tagName === "H3" ? above.at(-1) : undefined;
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    scroller.setAttribute(
      "aria-label",
      ["Tabell", text(section), text(subsection)].filter(Boolean).join(": "),
    );
  }
}

function wireAll() {
  makeTableScrollersFocusable();
  document.querySelectorAll("form.calculator[data-calculator]").forEach(wireForm);
}

function subscribe() {
  // Material's `document$` emits on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(wireAll);
  } else {
    wireAll();
  }
}

// Loaded early from <head> on a calculator page: start Python now, wire the forms once they
// (and Material's `document$`) exist.
// (A failure is reported by the forms, which attach to the same promise.)
if (document.querySelector('meta[name="calculators-start"]')) runtime().catch(() => {});
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", subscribe, { once: true });
} else {
  subscribe();
}
