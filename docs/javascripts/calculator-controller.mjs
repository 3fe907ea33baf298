// One calculator form on the page: its state in one object, shown by one `render()`.
//
// The page module (calculators.mjs) mounts a controller per form on every `document$`
// emission, as Material mounts its components, and hands it the emission's AbortSignal:
// every listener the controller adds (to the form, the window, the runtime's events) goes
// with that signal, so instant navigation to another page tears it all down at once, and a
// result that arrives for a form no longer on the page is dropped.
//
// What the reader typed is never replaced: while Python loads, or when it cannot start,
// the inputs keep the reader's values, and results computed for the page's own values are
// marked as such (`calculator--defaults-shown` and each result's note) until Python has
// computed the typed ones.

import { valuesIn, withState } from "./calculator-address.mjs";
import {
  TEXT as COMPARE_TEXT,
  compareButton,
  showComparing,
  showComparison,
} from "./calculator-compare.mjs";
import { OwnData, showDataLinks, showDataReports } from "./calculator-data.mjs";
import {
  applyValues,
  defaultsOf,
  entriesOf,
  TEXT as FORM_TEXT,
  fill,
  inputsOf,
  offerButton,
  setStatus,
  showResult,
  typedDiffers,
} from "./calculator-form.mjs";
import {
  REASONS,
  restartRuntime,
  runtime,
  runtimeBytes,
  runtimeEvents,
  runtimeStarted,
  SITE_ROOT,
  savingData,
} from "./calculator-runtime.mjs";

// The address follows the inputs once typing pauses: replaceState costs the browser a round
// trip, sometimes over 10 ms, which would otherwise delay every result.
const ADDRESS_DELAY_MS = 250;
// The status line (a live region) tells screen readers how far the download has come at
// these shares only; the bar and its label follow every report.
const MILESTONES = [0.25, 0.5, 0.75];

export const TEXT = {
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
  copiedWithoutData:
    "Lenken er kopiert. Dataene dine er ikke med i den: den som åpner lenken, ser " +
    "eksempeldataene.",
  copyManually: "Kopier lenken: {url}",
};

export class CalculatorForm {
  // `address`: {read() → URL, write(URL)}, the page's address (the page module's).
  constructor(form, { signal, address }) {
    this.form = form;
    this.calculator = form.dataset.calculator;
    this.signal = signal;
    this.address = address;
    this.state = {
      // "static" (build-time results), "waiting" (for the reader, saving data), "loading",
      // "ready" or "error".
      phase: "static",
      failure: "", // why Python could not start, in "error"
      progress: { loaded: 0, total: 0 },
      milestone: 0, // the last share of the download announced
      live: false, // Python computed the results on screen for what the form holds
      baseline: null, // scenario A's inputs while the reader compares
      status: null, // the status line's text, when this controller has set it
    };
    this.attempt = null; // the start of Python this form follows
    this.busy = false; // a computation is in flight
    this.again = false; // the form changed meanwhile
    this.announcement = ""; // said once, after the next result, instead of the summary
    this.addressTimer = 0;
    this.progressFrame = 0; // the frame that will draw the latest progress
    this.table = null; // the last result table, for "Last ned"
    this.own = new OwnData(this, runtime); // the reader's own tables, if the calculator reads one
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(this.addressTimer);
        cancelAnimationFrame(this.progressFrame);
        // Nothing of the reader's files lingers once the page is left.
        this.own.tearDown();
      },
      { once: true },
    );
  }

  mount() {
    const { form, signal } = this;
    const on = (target, type, listener) => target.addEventListener(type, listener, { signal });
    this.applyAddress();
    on(form, "submit", (event) => event.preventDefault());
    on(form, "input", (event) => this.changed(event));
    on(form, "change", (event) => {
      if (event.target.type === "file") return; // OwnData.useFile() recomputes once the file is read
      if (event.target instanceof HTMLTextAreaElement) this.own.settle();
      else this.recompute();
    });
    // Reset restores the inputs after the event, and ends a comparison; compute once they
    // hold the defaults again.
    on(form, "reset", () => {
      this.state.baseline = null;
      this.own.forgetFiles();
      setTimeout(() => this.recompute(), 0);
    });
    // A state link to this same page (or an edited address) changes only the fragment.
    on(window, "hashchange", () => {
      if (this.applyAddress()) this.recompute();
    });
    on(runtimeEvents, "start", ({ detail }) => this.follow(detail.attempt, detail.total));
    on(runtimeEvents, "progress", ({ detail }) => this.showProgress(detail));
    offerButton(compareButton(form), on, () => this.toggleComparison());
    offerButton(form.querySelector("[data-action='share']"), on, () => this.copyLink());
    const retry = form.querySelector("[data-action='retry']");
    if (retry) on(retry, "click", restartRuntime);
    if (this.own.fields.length > 0) this.own.mount(on);

    if (runtimeStarted() || !savingData()) {
      this.follow(runtime(), runtimeBytes());
    } else {
      this.waitForReader();
    }
    this.render();
    return this;
  }

  // --- The one render ---------------------------------------------------------------------

  render() {
    const { form, state } = this;
    form.dataset.state = state.phase === "waiting" ? "static" : state.phase;
    const bar = form.querySelector(".calculator-progress");
    if (bar) {
      bar.hidden = state.phase !== "loading";
      if (state.phase === "loading") renderProgress(bar, state.progress);
    }
    const retryable = state.failure === REASONS.stalled || state.failure === REASONS.load;
    form
      .querySelector("[data-action='retry']")
      ?.toggleAttribute("hidden", !(state.phase === "error" && retryable));
    const forDefaults = this.showsDefaults();
    if (form.classList.contains("calculator--defaults-shown") !== forDefaults) {
      form.classList.toggle("calculator--defaults-shown", forDefaults);
      for (const note of form.querySelectorAll(".calculator-result-note")) {
        note.hidden = !forDefaults;
      }
    }
    showComparing(form, Boolean(state.baseline));
    if (state.status !== null) setStatus(form, state.status);
    this.own.render();
  }

  // The build computed the results on screen for the page's own values; once the reader's
  // differ, and until Python has computed theirs, that is said beside each result.
  showsDefaults() {
    return !this.state.live && typedDiffers(this.form);
  }

  setState(changes) {
    Object.assign(this.state, changes);
    this.render();
  }

  // --- Following Python's start -----------------------------------------------------------

  follow(attempt, total) {
    if (this.attempt === attempt) return;
    this.attempt = attempt;
    this.setState({
      phase: "loading",
      failure: "",
      progress: { loaded: 0, total },
      milestone: 0,
      status: this.showsDefaults() ? TEXT.typedWhileLoading : TEXT.loading,
    });
    attempt.then(
      () => {
        if (this.signal.aborted || this.attempt !== attempt) return;
        this.setState({ phase: "ready", status: TEXT.ready });
        this.recompute();
      },
      (reason) => {
        if (this.signal.aborted || this.attempt !== attempt) return;
        // The reader's values stay in the form; the results stay the page's, marked as such.
        const explanation = [fill(TEXT.failed, { reason })];
        if (this.showsDefaults()) explanation.push(TEXT.failedTyped);
        // Trying again helps when files did not arrive, not when the browser lacks a feature.
        if (reason === REASONS.stalled || reason === REASONS.load) {
          explanation.push(TEXT.tryAgain);
        }
        this.setState({ phase: "error", failure: reason, status: explanation.join(" ") });
      },
    );
  }

  // Bytes arrive many times a second. Only the bar, its label and (at a milestone) the status
  // line change meanwhile, so only they are drawn, at most once per frame: the rest of the
  // form, and the page around it, is left alone (calculators/results.css keeps the live area a
  // box of its own while loading, so a change there lays out nothing outside it).
  showProgress(progress) {
    const { state } = this;
    if (state.phase !== "loading") return;
    const share = progress.total > 0 ? progress.loaded / progress.total : 0;
    const milestone = MILESTONES.findLast((mark) => share >= mark) ?? 0;
    state.progress = progress;
    if (milestone > state.milestone) {
      state.milestone = milestone;
      state.status = fill(TEXT.milestone, { percent: String(Math.round(milestone * 100)) });
    }
    if (this.progressFrame) return;
    this.progressFrame = requestAnimationFrame(() => {
      this.progressFrame = 0;
      if (this.signal.aborted || state.phase !== "loading") return;
      const bar = this.form.querySelector(".calculator-progress");
      if (bar) renderProgress(bar, state.progress);
      if (state.status !== null) setStatus(this.form, state.status);
    });
  }

  // With data saving on, Python starts when the reader starts using a calculator.
  waitForReader() {
    this.state.phase = "waiting";
    this.state.status = TEXT.waitingToSaveData;
    const controller = new AbortController();
    const begin = () => {
      controller.abort();
      runtime();
    };
    const options = { signal: AbortSignal.any([this.signal, controller.signal]) };
    this.form.addEventListener("focusin", begin, options);
    this.form.addEventListener("pointerdown", begin, options);
  }

  // --- Typing -------------------------------------------------------------------------------

  // Typing recomputes at once, except in a table (OwnData.typed() says when).
  changed(event) {
    const target = event.target;
    if (target.type === "file") return; // OwnData.useFile() recomputes once the file is read
    if (target instanceof HTMLTextAreaElement) this.own.typed(target);
    else this.recompute();
  }

  // The inputs Python gets: a data field using a file names it by its key.
  currentInputs() {
    return this.own.withFiles(inputsOf(this.form));
  }

  // --- Computing ---------------------------------------------------------------------------

  // At most one request in flight; changes made meanwhile are sent as soon as it returns,
  // so fast typing never queues up stale work.
  async recompute() {
    if (this.signal.aborted) return;
    if (this.state.phase === "loading" && this.showsDefaults()) {
      this.state.status = TEXT.typedWhileLoading;
    }
    this.render();
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      const python = await runtime();
      do {
        this.again = false;
        const inputs = this.currentInputs();
        const { baseline } = this.state;
        const result = await python.compute(this.calculator, inputs, baseline ?? undefined);
        // Instant navigation may have taken the form off the page meanwhile: the address
        // is the next page's now and must not get this form's values.
        if (this.signal.aborted || !result) return;
        showDataReports(this.form, result.data);
        const shown = showResult(this.form, result);
        if (shown.valid) {
          this.table = result.table;
          showDataLinks(this.form, result.data, SITE_ROOT);
          showComparison(this.form, result, inputs, baseline);
          this.setState({ live: true, status: this.announcement || shown.status });
          this.announcement = "";
          this.updateAddress();
        } else {
          this.setState({ status: shown.status });
        }
      } while (this.again);
    } catch {
      // Python could not start; the form's state already tells the reader.
    } finally {
      this.busy = false;
    }
  }

  // --- The address and the comparison -------------------------------------------------------

  // The values a share link or the address brings: the current ones, and scenario A.
  // Returns whether the form changed.
  applyAddress() {
    const url = this.address.read();
    const changed = applyValues(this.form, valuesIn(url, this.calculator));
    const baseline = valuesIn(url, this.calculator, "a");
    if (baseline.size > 0) {
      // A field the link leaves out of A has the page's own value there.
      this.state.baseline = { ...defaultsOf(this.form), ...Object.fromEntries(baseline) };
    }
    return changed || baseline.size > 0;
  }

  addressNow({ onlyChanged }) {
    const { baseline } = this.state;
    const current = entriesOf(this.form, { onlyChanged });
    const entries = baseline ? Object.entries(baseline) : null;
    return withState(this.address.read(), this.calculator, current, entries);
  }

  updateAddress() {
    clearTimeout(this.addressTimer);
    this.addressTimer = setTimeout(() => {
      if (!this.signal.aborted) this.address.write(this.addressNow({ onlyChanged: true }));
    }, ADDRESS_DELAY_MS);
  }

  toggleComparison() {
    const comparing = Boolean(this.state.baseline);
    const text = comparing ? COMPARE_TEXT.stopped : COMPARE_TEXT.started;
    this.announcement = text;
    this.setState({ baseline: comparing ? null : inputsOf(this.form), status: text });
    this.updateAddress();
    this.recompute();
  }

  async copyLink() {
    const { href } = this.addressNow({ onlyChanged: false });
    try {
      await navigator.clipboard.writeText(href);
      this.setState({ status: this.own.fields.length > 0 ? TEXT.copiedWithoutData : TEXT.copied });
    } catch {
      this.setState({ status: fill(TEXT.copyManually, { url: href }) });
    }
  }
}

function renderProgress(bar, { loaded, total }) {
  const meter = bar.querySelector("progress");
  const label = bar.querySelector(".calculator-progress-label");
  const arrived = total > 0 && loaded >= total;
  // Whole per cents, as the label says: the bar moves when the label does, not per byte.
  const percent = total > 0 ? Math.min(100, Math.floor((100 * loaded) / total)) : 0;
  if (meter && total > 0) {
    const value = arrived ? 1 : percent / 100;
    if (meter.value !== value) meter.value = value;
  }
  // In per cent: the bytes counted are unpacked, while a host that compresses sends
  // fewer, so megabytes here would overstate what the reader's data plan pays.
  if (label) {
    const text =
      total > 0 && !arrived ? fill(TEXT.progress, { percent: String(percent) }) : TEXT.starting;
    setText(label, text);
  }
}

// Changes a text in place: the same text node, not a new one, so nothing is added to or
// removed from the layout.
function setText(element, text) {
  const node = element.firstChild;
  if (node instanceof Text && node === element.lastChild) {
    if (node.data !== text) node.data = text;
  } else if (element.textContent !== text) {
    element.textContent = text;
  }
}
