// Page module: wires every calculator form (see DESIGN.md, "Page contract") to the Python
// Web Worker, through calculator-runtime.mjs. Survives Material's instant navigation by
// re-wiring on each `document$` event; Python starts once per visit and is reused by every
// page. Loaded `async` from <head> on a calculator page (and by MkDocs at the end of <body>
// on every page; the browser runs it once).
//
// What the reader typed is never replaced: while Python loads, or when it cannot start,
// the inputs keep the reader's values, and results computed for the page's own values are
// marked as such (`calculator--defaults-shown` and each result's note) until Python has
// computed the typed ones.

import {
  REASONS,
  progress,
  restartRuntime,
  runtime,
  runtimeEvents,
  runtimeStarted,
  savingData,
  startEarlyWhereAsked,
} from "./calculator-runtime.mjs";

const ADDRESS_DELAY_MS = 250;
// The status line (a live region) tells screen readers how far the download has come at
// these shares only; the bar and its label follow every report.
const MILESTONES = [0.25, 0.5, 0.75];

const TEXT = {
  loading: "Laster kalkulatoren … Tallene under er regnet ut på forhånd.",
  // "%" after a no-break space, as Norwegian writes it.
  progress: "Laster kalkulatoren: {percent}\u00a0%",
  milestone: "Kalkulatoren er {percent} prosent lastet.",
  starting: "Starter kalkulatoren …",
  typedWhileLoading:
    "Resultatene under gjelder standardverdiene. Når kalkulatoren er klar, regner den med " +
    "tallene du har skrevet.",
  // Short: it replaces the two-line status the page was built with, in the same space.
  waitingToSaveData: "Datasparing er på: kalkulatoren lastes først når du tar skjemaet i bruk.",
  ready: "Klar. Resultatene oppdateres mens du skriver.",
  updated: "Oppdatert. {label}: {value}",
  invalid: "Rett feltet som er merket. Resultatene viser siste gyldige beregning.",
  failed:
    "Kalkulatoren kan ikke regne i nettleseren din akkurat nå ({reason}). " +
    "Tallene som vises, er regnet ut på forhånd med standardverdiene.",
  failedTyped: "Tallene du har skrevet, står fortsatt i skjemaet.",
  tryAgain: "Trykk «Prøv igjen» for å laste kalkulatoren på nytt.",
  copied: "Lenken til dette resultatet er kopiert.",
  copyManually: "Kopier lenken: {url}",
};

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

// --- Progress while Python loads --------------------------------------------------------------

let announcedMilestone = 0;

function loadingForms() {
  return document.querySelectorAll('form.calculator[data-state="loading"]');
}

function showProgress(form) {
  const bar = form.querySelector(".calculator-progress");
  if (!bar) return;
  const { loaded, total } = progress;
  const meter = bar.querySelector("progress");
  const label = bar.querySelector(".calculator-progress-label");
  const arrived = total > 0 && loaded >= total;
  bar.hidden = false;
  if (meter && total > 0) meter.value = Math.min(1, loaded / total);
  // In per cent: the bytes counted are unpacked, while a host that compresses sends
  // fewer, so megabytes here would overstate what the reader's data plan pays.
  if (label) {
    label.textContent =
      total > 0 && !arrived
        ? fill(TEXT.progress, { percent: String(Math.floor((100 * loaded) / total)) })
        : TEXT.starting;
  }
}

function onProgress() {
  const share = progress.total > 0 ? progress.loaded / progress.total : 0;
  const milestone = MILESTONES.findLast((mark) => share >= mark) ?? 0;
  const announce = milestone > announcedMilestone;
  if (announce) announcedMilestone = milestone;
  for (const form of loadingForms()) {
    showProgress(form);
    if (announce) {
      setStatus(form, fill(TEXT.milestone, { percent: String(Math.round(milestone * 100)) }));
    }
  }
}

runtimeEvents.addEventListener("progress", onProgress);
runtimeEvents.addEventListener("start", () => {
  announcedMilestone = 0;
  document.querySelectorAll('form.calculator[data-wired="true"]').forEach(followRuntime);
});

// --- Results for the page's values, or for the reader's ---------------------------------------

// Forms whose results on screen Python computed for what the form holds (or last held valid).
const liveResults = new WeakSet();

function typedDiffers(form) {
  return fieldsOf(form).some((field) => field.value !== defaultOf(field));
}

// The build computed the results on screen for the page's own values; once the reader's
// differ, and until Python has computed theirs, say so beside each result.
// Touches the page only when that changes: it runs on every keystroke.
function markResultsFor(form) {
  const forDefaults = !liveResults.has(form) && typedDiffers(form);
  if (form.classList.contains("calculator--defaults-shown") !== forDefaults) {
    form.classList.toggle("calculator--defaults-shown", forDefaults);
    for (const note of form.querySelectorAll(".calculator-result-note")) note.hidden = !forDefaults;
  }
  return forDefaults;
}

// --- Following Python's start ---------------------------------------------------------------

const followed = new WeakMap(); // form → the start it follows

function followRuntime(form) {
  if (!form.isConnected || !runtimeStarted()) return;
  const attempt = runtime();
  if (followed.get(form) === attempt) return;
  followed.set(form, attempt);
  form.dataset.state = "loading";
  form.querySelector("[data-action='retry']")?.setAttribute("hidden", "");
  setStatus(form, markResultsFor(form) ? TEXT.typedWhileLoading : TEXT.loading);
  showProgress(form);
  attempt.then(
    () => {
      if (followed.get(form) !== attempt) return;
      form.dataset.state = "ready";
      form.querySelector(".calculator-progress")?.setAttribute("hidden", "");
      setStatus(form, TEXT.ready);
      form.dispatchEvent(new Event("calculators:ready"));
    },
    (reason) => {
      if (followed.get(form) !== attempt) return;
      form.dataset.state = "error";
      form.querySelector(".calculator-progress")?.setAttribute("hidden", "");
      // The reader's values stay in the form; the results stay the page's, marked as such.
      const typed = markResultsFor(form);
      // Trying again helps when files did not arrive, not when the browser lacks a feature.
      const retry = reason === REASONS.stalled || reason === REASONS.load;
      const explanation = [fill(TEXT.failed, { reason })];
      if (typed) explanation.push(TEXT.failedTyped);
      if (retry) explanation.push(TEXT.tryAgain);
      setStatus(form, explanation.join(" "));
      form.querySelector("[data-action='retry']")?.toggleAttribute("hidden", !retry);
    },
  );
}

// With data saving on, Python starts when the reader starts using a calculator.
function waitForReader(form) {
  form.dataset.state = "static";
  setStatus(form, TEXT.waitingToSaveData);
  const begin = () => {
    form.removeEventListener("focusin", begin);
    form.removeEventListener("pointerdown", begin);
    runtime();
  };
  form.addEventListener("focusin", begin);
  form.addEventListener("pointerdown", begin);
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
    const marked = form.classList.contains("calculator--defaults-shown");
    if (markResultsFor(form) && !marked && form.dataset.state === "loading") {
      setStatus(form, TEXT.typedWhileLoading);
    }
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
        if (result && showResult(form, result)) {
          liveResults.add(form);
          markResultsFor(form);
          updateAddress();
        }
      } while (again);
    } catch {
      // Python could not start; the form's state already tells the reader.
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
  // Python is ready: compute what the form holds now (typed, shared or the page's own).
  form.addEventListener("calculators:ready", recompute);

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
  form.querySelector("[data-action='retry']")?.addEventListener("click", restartRuntime);

  markResultsFor(form);
  if (runtimeStarted() || !savingData()) {
    runtime();
    followRuntime(form);
  } else {
    waitForReader(form);
  }
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

// Loaded early from <head> on a calculator page: start Python now (unless the reader saves
// data), wire the forms once they (and Material's `document$`) exist.
startEarlyWhereAsked();
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", subscribe, { once: true });
} else {
  subscribe();
}
