// Calculation tasks checked by the calculators (build_scripts/extension/exercise.py builds
// them and says what this module relies on). "Sjekk svaret" sends the task and the answer,
// as typed, to Python in the worker (calculators.check_answer): right, or wrong with a
// hint first — naming the mistake where the answer matches a typical one — after which
// "Vis løsningen" offers the worked steps for the task's numbers. Python starts the first
// time a reader starts on a task (not when the page loads: most readers only read).

import { runtime } from "./calculator-runtime.mjs";

const TEXT = {
  checking: "Sjekker svaret …",
  loading: "Laster kalkulatoren for å sjekke svaret …",
  failed: "Svaret kan ikke sjekkes i nettleseren din akkurat nå ({reason}). Se løsningen under.",
};

function taskOf(form) {
  return {
    calculator: form.dataset.calculator,
    output: form.dataset.output,
    inputs: JSON.parse(form.dataset.inputs || "{}"),
    precision: Number(form.dataset.precision),
    mistakes: JSON.parse(form.dataset.mistakes || "[]"),
    hint: form.dataset.hint ?? "",
  };
}

function show(form, result, text) {
  const feedback = form.querySelector(".exercise-feedback");
  const answer = form.querySelector("input[name='answer']");
  if (!feedback) return;
  feedback.dataset.result = result;
  if (feedback.textContent !== text) feedback.textContent = text;
  if (answer) {
    if (result === "feil" || result === "ugyldig") answer.setAttribute("aria-invalid", "true");
    else answer.removeAttribute("aria-invalid");
  }
}

export function mountExercise(form, { signal }) {
  const on = (type, listener) => form.addEventListener(type, listener, { signal });
  const solution = form.querySelector(".exercise-solution");
  // With JavaScript, the solution waits for a first answer; without, it is there to open.
  if (solution) solution.hidden = true;
  form.dataset.state = "ready";
  let checking = false;
  // Starting on a task is the intent to check it: Python starts downloading then.
  form.addEventListener("focusin", () => runtime(), { signal, once: true });
  on("submit", async (event) => {
    event.preventDefault();
    if (checking) return;
    checking = true;
    const answer = form.querySelector("input[name='answer']")?.value ?? "";
    show(form, "", TEXT.checking);
    const slow = setTimeout(() => show(form, "", TEXT.loading), 500);
    try {
      const python = await runtime();
      const verdict = await python.check(taskOf(form), answer);
      if (signal.aborted) return;
      if (!verdict) throw new Error("Python svarte ikke");
      const text = [verdict.message, verdict.hint].filter(Boolean).join(" ");
      show(form, verdict.result, text);
      if (verdict.result !== "ugyldig" && solution) solution.hidden = false;
    } catch (reason) {
      if (signal.aborted) return;
      show(form, "", TEXT.failed.replace("{reason}", String(reason)));
      if (solution) solution.hidden = false;
    } finally {
      clearTimeout(slow);
      checking = false;
    }
  });
}
