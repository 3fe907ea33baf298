// Page module: mounts a controller on every calculator form (DESIGN.md, "Page contract";
// calculator-controller.mjs) and ties the forms to the Python Web Worker through
// calculator-runtime.mjs. Loaded `async` from <head> on a calculator page (and by MkDocs at
// the end of <body> on every page; the browser runs it once).
//
// Material's instant navigation swaps the page's content without a new document and emits
// `document$` each time. On every emission the previous page's controllers are torn down
// (one AbortController per emission, whose signal every listener gets, as Material mounts
// its own components) and the new page's forms get theirs. Python starts once per visit and
// is shared by every page.

import { withQueryStateInFragment } from "./calculator-address.mjs";
import { CalculatorForm } from "./calculator-controller.mjs";
import { startEarlyWhereAsked } from "./calculator-runtime.mjs";

// The page's address, for the controllers: they compute new addresses, this writes them.
const address = {
  read: () => new URL(window.location.href),
  write(url) {
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url);
    }
  },
};

// Old share links carried the state in the query string: into the fragment, at once, so the
// next reload no longer sends it to the host.
function moveQueryStateToFragment() {
  address.write(withQueryStateInFragment(address.read()));
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

// The current page's mount: aborted when the next page (or the same one again) is mounted.
let mounted = null;

function mountPage() {
  mounted?.abort();
  mounted = new AbortController();
  const { signal } = mounted;
  // Instant navigation may have followed an old share link too.
  moveQueryStateToFragment();
  makeTableScrollersFocusable();
  for (const form of document.querySelectorAll("form.calculator[data-calculator]")) {
    new CalculatorForm(form, { signal, address }).mount();
  }
  // Quizzes and exercises load their small modules only on pages that have them.
  mountEach("form.quiz", () => import("./quiz.mjs"), "mountQuiz", signal);
  mountEach("form.exercise", () => import("./exercise.mjs"), "mountExercise", signal);
}

async function mountEach(selector, load, mount, signal) {
  const elements = document.querySelectorAll(selector);
  if (elements.length === 0) return;
  const module = await load();
  if (signal.aborted) return;
  for (const element of elements) module[mount](element, { signal });
}

function subscribe() {
  // Material's `document$` emits on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountPage);
  } else {
    mountPage();
  }
}

// Loaded early from <head> on a calculator page: start Python now (unless the reader saves
// data), mount the forms once they (and Material's `document$`) exist.
moveQueryStateToFragment();
startEarlyWhereAsked();
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", subscribe, { once: true });
} else {
  subscribe();
}
