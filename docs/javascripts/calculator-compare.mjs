// "Sammenlign": the form's values when the reader pressed it are scenario A; what the form
// holds now is B. Python computes both (evaluate's `baseline`) and the differences, B − A,
// in Norwegian; this module keeps A and shows the table. A share link carries A too
// (calculator-address.mjs), so the comparison opens the same in another browser.

import { fill, rowOf } from "./calculator-form.mjs";

const TEXT = {
  stop: "Avslutt sammenligningen",
  start: "Sammenlign",
  started: "Tallene er lagret som A. Endre tallene for å se forskjellen.",
  stopped: "Sammenligningen er avsluttet.",
  changedInputs: "Endret fra A: {fields}.",
};

const baselines = new WeakMap(); // form → A's inputs (field name → value)

export function baselineOf(form) {
  return baselines.get(form);
}

function button(form) {
  return form.querySelector("[data-action='compare']");
}

function region(form) {
  return form.querySelector(".calculator-comparison");
}

function labelOf(form, name) {
  const field = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  const label = field?.querySelector(":scope > label, :scope > legend");
  return label?.textContent.trim() ?? name;
}

function setPressed(form, pressed) {
  const toggle = button(form);
  if (!toggle) return;
  toggle.setAttribute("aria-pressed", String(pressed));
  toggle.textContent = pressed ? TEXT.stop : TEXT.start;
  form.classList.toggle("calculator--comparing", pressed);
  const holder = region(form);
  if (holder) holder.hidden = !pressed;
}

// Starts comparing with `inputs` as A (or stops, given nothing).
export function setBaseline(form, inputs) {
  if (inputs) baselines.set(form, { ...inputs });
  else baselines.delete(form);
  setPressed(form, Boolean(inputs));
  if (!inputs) region(form)?.querySelector("tbody")?.replaceChildren();
}

// The table: one row per result the form shows, A, B and the change.
export function showComparison(form, result, inputs) {
  const holder = region(form);
  const baseline = baselineOf(form);
  const comparison = result.comparison;
  if (!holder || !baseline || !comparison) return;
  const columns = [...holder.querySelectorAll("thead th")].map((cell) => cell.textContent);
  const rows = [...form.querySelectorAll(".calculator-result[data-output]")].map((result_) => {
    const name = result_.dataset.output;
    const label = result_.querySelector("label")?.textContent ?? name;
    const cells = [
      label,
      comparison.display[name] ?? "",
      result.display[name] ?? "",
      comparison.differences[name] ?? "",
    ];
    return rowOf(cells, { labels: columns });
  });
  const changed = Object.keys(inputs).filter((name) => inputs[name] !== baseline[name]);
  if (changed.length > 0) {
    const note = fill(TEXT.changedInputs, {
      fields: changed.map((name) => labelOf(form, name)).join(", "),
    });
    const row = document.createElement("tr");
    const cell = document.createElement("td");
    cell.colSpan = columns.length;
    cell.className = "calculator-comparison-note";
    cell.textContent = note;
    row.append(cell);
    rows.push(row);
  }
  holder.querySelector("tbody").replaceChildren(...rows);
}

// Wires the toggle; `current` returns the form's inputs now, `toggled` is told what to
// announce (Python computes the comparison, or the plain results, after it).
export function wireComparison(form, { current, toggled }) {
  const toggle = button(form);
  if (!toggle) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const comparing = Boolean(baselineOf(form));
    setBaseline(form, comparing ? null : current());
    toggled(comparing ? TEXT.stopped : TEXT.started);
  });
}
