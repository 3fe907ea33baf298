// "Sammenlign": the form's values when the reader pressed it are scenario A; what the form
// holds now is B. Python computes both (evaluate's `baseline`) and the differences, B − A,
// in Norwegian; the form's controller keeps A, and this module shows the toggle and the
// table. A share link carries A too (calculator-address.mjs), so the comparison opens the
// same in another browser.

import { fill, rowOf } from "./calculator-form.mjs";

export const TEXT = {
  stop: "Avslutt sammenligningen",
  start: "Sammenlign",
  started: "Tallene er lagret som A. Endre tallene for å se forskjellen.",
  stopped: "Sammenligningen er avsluttet.",
  changedInputs: "Endret fra A: {fields}.",
};

export function compareButton(form) {
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

// Shows whether the reader compares: the toggle's state and the table's region (emptied
// when the comparison ends). Touches the page only when that changes.
export function showComparing(form, comparing) {
  const toggle = compareButton(form);
  if (!toggle || toggle.getAttribute("aria-pressed") === String(comparing)) return;
  toggle.setAttribute("aria-pressed", String(comparing));
  toggle.textContent = comparing ? TEXT.stop : TEXT.start;
  form.classList.toggle("calculator--comparing", comparing);
  const holder = region(form);
  if (holder) holder.hidden = !comparing;
  if (!comparing) holder?.querySelector("tbody")?.replaceChildren();
}

// The table: one row per result the form shows, A, B and the change; then which inputs
// differ from A's.
export function showComparison(form, result, inputs, baseline) {
  const holder = region(form);
  const comparison = result.comparison;
  if (!holder || !baseline || !comparison) return;
  const columns = [...holder.querySelectorAll("thead th")].map((cell) => cell.textContent);
  const rows = [...form.querySelectorAll(".calculator-result[data-output]")].map((shown) => {
    const name = shown.dataset.output;
    const label = shown.querySelector("label")?.textContent ?? name;
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
