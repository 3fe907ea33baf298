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
  addressWith,
  moveQueryStateToFragment,
  valuesInAddress,
  writeAddress,
} from "./calculator-address.mjs";
import { baselineOf, setBaseline, showComparison, wireComparison } from "./calculator-compare.mjs";
import {
  applyValues,
  defaultsOf,
  entriesOf,
  TEXT as FORM_TEXT,
  fill,
  inputsOf,
  setStatus,
  showResult,
  typedDiffers,
} from "./calculator-form.mjs";
import {
  progress,
  REASONS,
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
  ready: FORM_TEXT.ready,
  failed:
    "Kalkulatoren kan ikke regne i nettleseren din akkurat nå ({reason}). " +
    "Tallene som vises, er regnet ut på forhånd med standardverdiene.",
  failedTyped: "Tallene du har skrevet, står fortsatt i skjemaet.",
  tryAgain: "Trykk «Prøv igjen» for å laste kalkulatoren på nytt.",
  copied: "Lenken til dette resultatet er kopiert.",
  copyManually: "Kopier lenken: {url}",
};

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

// The values a share link or the address brings: the current ones, and scenario A.
function applyAddress(form) {
  const calculator = form.dataset.calculator;
  const changed = applyValues(form, valuesInAddress(calculator));
  const baseline = valuesInAddress(calculator, "a");
  if (baseline.size > 0) {
    // A field the link leaves out of A has the page's own value there.
    setBaseline(form, { ...defaultsOf(form), ...Object.fromEntries(baseline) });
  }
  return changed || baseline.size > 0;
}

function wireForm(form) {
  if (form.dataset.wired === "true") return;
  form.dataset.wired = "true";
  form.dataset.page = window.location.pathname;
  const calculator = form.dataset.calculator;
  let busy = false;
  let again = false;
  // Said once, after the next result, instead of the usual summary.
  let announcement = "";
  const baselineEntries = () => Object.entries(baselineOf(form) ?? {});
  // The address follows the inputs once typing pauses: replaceState costs the browser a
  // round trip, sometimes over 10 ms, which would otherwise delay every result. A form that
  // instant navigation has taken off the page no longer owns the address.
  let addressTimer = 0;
  const updateAddress = () => {
    clearTimeout(addressTimer);
    addressTimer = setTimeout(() => {
      if (!form.isConnected || window.location.pathname !== form.dataset.page) return;
      const baseline = baselineOf(form) ? baselineEntries() : null;
      writeAddress(calculator, entriesOf(form, { onlyChanged: true }), baseline);
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
        const inputs = inputsOf(form);
        const result = await python.compute(calculator, inputs, baselineOf(form));
        if (result && showResult(form, result)) {
          liveResults.add(form);
          markResultsFor(form);
          showComparison(form, result, inputs);
          if (announcement) setStatus(form, announcement);
          announcement = "";
          updateAddress();
        }
      } while (again);
    } catch {
      // Python could not start; the form's state already tells the reader.
    } finally {
      busy = false;
    }
  }

  applyAddress(form);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
  // Reset restores the inputs after the event, and ends a comparison; compute once they
  // hold the defaults again.
  form.addEventListener("reset", () => {
    setBaseline(form, null);
    setTimeout(recompute, 0);
  });
  // Python is ready: compute what the form holds now (typed, shared or the page's own).
  form.addEventListener("calculators:ready", recompute);
  // A state link to this same page (or an edited address) changes only the fragment.
  form.addEventListener("calculators:address", () => {
    if (applyAddress(form)) recompute();
  });

  wireComparison(form, {
    current: () => inputsOf(form),
    toggled: (text) => {
      announcement = text;
      setStatus(form, text);
      updateAddress();
      recompute();
    },
  });
  const share = form.querySelector("[data-action='share']");
  if (share) {
    share.hidden = false;
    share.addEventListener("click", async () => {
      const baseline = baselineOf(form) ? baselineEntries() : null;
      const { href } = addressWith(calculator, entriesOf(form, { onlyChanged: false }), baseline);
      try {
        await navigator.clipboard.writeText(href);
        setStatus(form, TEXT.copied);
      } catch {
        setStatus(form, fill(TEXT.copyManually, { url: href }));
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
  // Instant navigation may have followed an old share link too.
  moveQueryStateToFragment();
  makeTableScrollersFocusable();
  document.querySelectorAll("form.calculator[data-calculator]").forEach(wireForm);
}

// A fragment changed without a new page: a state link to this page, or an edited address.
window.addEventListener("hashchange", () => {
  for (const form of document.querySelectorAll('form.calculator[data-wired="true"]')) {
    form.dispatchEvent(new Event("calculators:address"));
  }
});

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
moveQueryStateToFragment();
startEarlyWhereAsked();
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", subscribe, { once: true });
} else {
  subscribe();
}
