// A calculator form's fields and results (DESIGN.md, "Page contract"): reading and setting
// what the reader typed or chose, and putting what Python computed on the page. Knows
// nothing of the worker or the address.

export const TEXT = {
  ready: "Klar. Resultatene oppdateres mens du skriver.",
  updated: "Oppdatert. {label}: {value}",
  updatedCompared: "Oppdatert. {label}: {value}, endring {difference}",
  invalid: "Rett feltet som er merket. Resultatene viser siste gyldige beregning.",
};

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

// --- Fields -------------------------------------------------------------------------------
// A field is a text input, a select or a group of radio buttons sharing a name; the form's
// `elements.namedItem` gives one control (or a RadioNodeList) whose `value` reads and sets
// either.

function fieldNames(form) {
  const controls = form.querySelectorAll("input[name], select[name], textarea[name]");
  return [...new Set([...controls].map((control) => control.name))];
}

// What a share link may carry: never the reader's own data (a textarea), nor the columns
// chosen in it ("answers:answer"), which mean nothing without it.
function inAddress(form, name) {
  return !name.includes(":") && !(control(form, name) instanceof HTMLTextAreaElement);
}

// A result may share its field's name (cohort_retention's "customers": the list, and how
// many customers it holds); the form's controls never include the <output>s.
function control(form, name) {
  const item = form.elements.namedItem(name);
  if (item instanceof HTMLOutputElement) return null;
  if (!(item instanceof RadioNodeList)) return item;
  const controls = [...item].filter((element) => !(element instanceof HTMLOutputElement));
  return controls.length === 1 ? controls[0] : item;
}

function fieldValue(form, name) {
  return control(form, name)?.value ?? "";
}

// A value no radio button offers (a hand-edited link) leaves the group as it was.
function setValue(form, name, value) {
  const field = control(form, name);
  if (field) field.value = value;
}

function defaultOf(form, name) {
  const field = control(form, name);
  if (field instanceof RadioNodeList) {
    return [...field].find((radio) => radio.defaultChecked)?.value ?? "";
  }
  if (field instanceof HTMLSelectElement) {
    const option = [...field.options].find((candidate) => candidate.defaultSelected);
    return option ? option.value : (field.options[0]?.value ?? "");
  }
  return field?.defaultValue ?? "";
}

// A button that works only with JavaScript, which the build leaves hidden: shown, and its
// clicks sent to `action` through the controller's `on` (so leaving the page unwires it).
export function offerButton(button, on, action) {
  if (!button) return;
  button.hidden = false;
  on(button, "click", action);
}

// Field name → value, what Python's `evaluate` takes.
export function inputsOf(form) {
  return Object.fromEntries(fieldNames(form).map((name) => [name, fieldValue(form, name)]));
}

// [name, value] pairs for the address: every field, or only those the reader changed.
export function entriesOf(form, { onlyChanged }) {
  return fieldNames(form)
    .filter((name) => inAddress(form, name))
    .map((name) => [name, fieldValue(form, name)])
    .filter(([name, value]) => !onlyChanged || value !== defaultOf(form, name));
}

// Field name → the page's own value, what a reset returns to.
export function defaultsOf(form) {
  return Object.fromEntries(fieldNames(form).map((name) => [name, defaultOf(form, name)]));
}

export function typedDiffers(form) {
  return fieldNames(form).some((name) => fieldValue(form, name) !== defaultOf(form, name));
}

// Puts values (a Map of name → value) into the form; returns whether anything changed.
export function applyValues(form, values) {
  const names = fieldNames(form);
  let changed = false;
  for (const [name, value] of values) {
    if (!names.includes(name) || !inAddress(form, name) || fieldValue(form, name) === value) {
      continue;
    }
    setValue(form, name, value);
    changed ||= fieldValue(form, name) === value;
  }
  return changed;
}

// --- Results ------------------------------------------------------------------------------

export function setStatus(form, text) {
  const status = form.querySelector(".calculator-status");
  if (status && status.textContent !== text) status.textContent = text;
}

function showErrors(form, errors) {
  for (const slot of form.querySelectorAll(".calculator-error[data-field]")) {
    const message = errors[slot.dataset.field];
    // Emptied as well as hidden: aria-describedby would still read hidden text aloud.
    slot.textContent = message ?? "";
    slot.hidden = !message;
    const name = slot.dataset.field;
    const field = name ? control(form, name) : null;
    for (const element of field instanceof RadioNodeList ? field : [field]) {
      if (!element) continue;
      if (message) element.setAttribute("aria-invalid", "true");
      else element.removeAttribute("aria-invalid");
    }
  }
}

export function rowOf(cells, { header = false, labels = [] } = {}) {
  const row = document.createElement("tr");
  cells.forEach((text, index) => {
    const cell = document.createElement(header ? "th" : "td");
    if (header) cell.scope = "col";
    else if (labels[index]) cell.dataset.label = labels[index];
    cell.textContent = text;
    row.append(cell);
  });
  return row;
}

function showTable(form, table) {
  const element = form.querySelector(".calculator-table table");
  if (!element || !table) return;
  element.querySelector("caption").textContent = table.caption;
  element.tHead.replaceChildren(rowOf(table.columns, { header: true }));
  const rows = table.rows.map((cells) => rowOf(cells, { labels: table.columns }));
  element.tBodies[0].replaceChildren(...rows);
}

function showSteps(form, steps) {
  const list = form.querySelector(".calculator-steps");
  if (!list || !steps) return;
  const same =
    list.children.length === steps.length &&
    steps.every((step, index) => list.children[index].textContent === step);
  if (same) return;
  list.replaceChildren(
    ...steps.map((step) => {
      const item = document.createElement("li");
      item.textContent = step;
      return item;
    }),
  );
}

// One polite announcement per recompute, from the status line: the outputs themselves are
// not live regions, or several of them would talk over each other.
function summary(form, result) {
  const first = form.querySelector(".calculator-result[data-output]");
  if (!first) return TEXT.ready;
  const name = first.dataset.output;
  const label = first.querySelector("label")?.textContent ?? "";
  const value = result.display[name] ?? "";
  const difference = result.comparison?.differences?.[name];
  return difference
    ? fill(TEXT.updatedCompared, { label, value, difference })
    : fill(TEXT.updated, { label, value });
}

// Puts a result on the page. Returns whether it was valid (and is now on screen), and what
// the status line should say: the summary, or what to fix.
export function showResult(form, result) {
  const errors = result.errors ?? {};
  showErrors(form, errors);
  if (Object.keys(errors).length > 0) {
    // The last good results stay on screen; the reader sees what to fix beside the field.
    form.classList.add("calculator--stale");
    return { valid: false, status: errors[""] ?? TEXT.invalid };
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
  showSteps(form, result.steps);
  return { valid: true, status: summary(form, result) };
}
