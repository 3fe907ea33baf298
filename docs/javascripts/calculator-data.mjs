// A calculator's data fields: the reader's own table, pasted into a textarea or chosen (or
// dropped) as a file (build_scripts/extension/data_field.py says what the markup holds).
//
// A file's bytes go to the worker once, moved there, never copied into the page or the
// address; the form's inputs then name the file by a key. After each computation the
// field shows what Python read: which columns it used, its choices of columns, and the
// lines it could not read. `OwnData` (at the end) is the part of a form's controller that
// looks after these fields.

import { offerButton } from "./calculator-form.mjs";

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const TEXT = {
  fileInUse:
    "Bruker filen «{name}» ({size}). Skriv eller lim inn i feltet for å bruke tekst i stedet.",
  fileTooBig: "Filen «{name}» er {size}; kalkulatoren leser filer på opptil 50 MB.",
  fileUnreadable: "Filen «{name}» kunne ikke leses. Prøv å lagre den på nytt som CSV.",
  cleared: "Feltet er tømt. Lim inn dine egne data eller velg en fil.",
  sample: "Eksempeldataene er satt inn igjen.",
  automatic: "Velg automatisk",
  automaticNow: "Velg automatisk (nå kolonne {number}: {name})",
  column: "Kolonne {number}: {name}",
  none: "Ingen",
  invalidOne: "1 linje kunne ikke leses:",
  invalidMany: "{count} linjer kunne ikke leses:",
  invalidListed: "{count} linjer kunne ikke leses; de første {listed} er listet:",
  line: "Linje {line}: {reason}",
};

const OPTION_NAME_LENGTH = 40;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

// "4,5 MB" or "850 kB", as Norwegian writes it.
export function sizeText(bytes) {
  const megabytes = bytes / 1_000_000;
  const number = (value, digits) =>
    value.toLocaleString("nb-NO", { maximumFractionDigits: digits });
  return megabytes >= 1 ? `${number(megabytes, 1)}\u00a0MB` : `${number(bytes / 1000, 0)}\u00a0kB`;
}

function shortName(name) {
  return name.length <= OPTION_NAME_LENGTH ? name : `${name.slice(0, OPTION_NAME_LENGTH - 1)}…`;
}

// The form's data fields: [{name, field (the wrapper), textarea, picker, status, choice,
// samples}]; `choice` names the choice field whose value picks the columns, and `samples`
// has a sample per value of it (null for a field with one sample, its defaultValue).
export function dataFieldsOf(form) {
  return [...form.querySelectorAll(".calculator-data[data-field]")].map((field) => ({
    name: field.dataset.field,
    field,
    textarea: field.querySelector("textarea"),
    picker: field.querySelector("input[type='file']"),
    status: field.querySelector(".calculator-data-file-status"),
    choice: field.dataset.sampleChoice ?? null,
    samples: samplesOf(field),
  }));
}

function samplesOf(field) {
  try {
    return field.dataset.samples ? JSON.parse(field.dataset.samples) : null;
  } catch {
    return null; // Then the page's own sample is the only one.
  }
}

export function setFileStatus(data, text) {
  if (data.status && data.status.textContent !== text) data.status.textContent = text;
}

// A chosen or dropped file's bytes, or why it cannot be used ({error}).
export async function readFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    return { error: fill(TEXT.fileTooBig, { name: file.name, size: sizeText(file.size) }) };
  }
  try {
    return { bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { error: fill(TEXT.fileUnreadable, { name: file.name }) };
  }
}

export function fileInUseText(file) {
  return fill(TEXT.fileInUse, { name: file.name, size: sizeText(file.size) });
}

// What Python read from each data field (evaluate's `data`), on the page.
export function showDataReports(form, reports) {
  for (const data of dataFieldsOf(form)) {
    const report = reports?.[data.name];
    if (!report) continue;
    const summary = data.field.querySelector(".calculator-data-summary");
    if (summary && summary.textContent !== (report.summary ?? "")) {
      summary.textContent = report.summary ?? "";
    }
    showColumnChoices(data.field, report);
    showInvalidLines(data.field, report);
  }
}

function showColumnChoices(field, report) {
  const columns = report.columns ?? [];
  for (const select of field.querySelectorAll("select[data-role]")) {
    const role = select.dataset.role;
    const chosen = report.chosen?.[role] ?? 0;
    const optional = (report.roles ?? []).find((entry) => entry.role === role)?.optional;
    const automatic =
      chosen > 0 && chosen <= columns.length
        ? fill(TEXT.automaticNow, { number: chosen, name: shortName(columns[chosen - 1]) })
        : TEXT.automatic;
    const wanted = [
      ["", automatic],
      ...columns.map((name, index) => [
        String(index + 1),
        fill(TEXT.column, { number: index + 1, name: shortName(name) }),
      ]),
      ...(optional ? [["0", TEXT.none]] : []),
    ];
    const same =
      select.options.length === wanted.length &&
      wanted.every(([value, text], index) => {
        const option = select.options[index];
        return option.value === value && option.textContent === text;
      });
    if (same) continue;
    // The reader's choice stays when the table still has that column.
    const current = select.value;
    select.replaceChildren(
      ...wanted.map(([value, text]) => {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = text;
        return option;
      }),
    );
    select.value = wanted.some(([value]) => value === current) ? current : "";
  }
}

function showInvalidLines(field, report) {
  const holder = field.querySelector(".calculator-data-invalid");
  if (!holder) return;
  const count = report.invalid_count ?? 0;
  const listed = report.invalid ?? [];
  holder.hidden = count === 0;
  let heading = fill(TEXT.invalidMany, { count });
  if (count === 1) heading = TEXT.invalidOne;
  if (count > listed.length) heading = fill(TEXT.invalidListed, { count, listed: listed.length });
  const title = holder.querySelector(".calculator-data-invalid-count");
  if (title) title.textContent = heading;
  const list = holder.querySelector("ul") ?? holder.appendChild(document.createElement("ul"));
  list.replaceChildren(
    ...listed.map(({ line, reason }) => {
      const item = document.createElement("li");
      item.textContent = fill(TEXT.line, { line, reason });
      return item;
    }),
  );
}

// Links the reader's data leads to (a report's `links`, relative to the site root).
export function showDataLinks(form, reports, siteRoot) {
  const holder = form.querySelector(".calculator-data-links");
  if (!holder) return;
  const links = Object.values(reports ?? {}).flatMap((report) => report.links ?? []);
  holder.hidden = links.length === 0;
  holder.replaceChildren(
    ...links.map(({ href, text }) => {
      const link = document.createElement("a");
      link.href = new URL(href, siteRoot).href;
      link.textContent = text ?? href;
      return link;
    }),
  );
}

// Lets the reader save `text` as a file named `name`, made in the browser.
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Typing in a table does not recompute on every key: a big paste is read once it settles.
const TYPING_DELAY_MS = 400;

// The reader's own tables in one form: a file picked or dropped, typing in a table, the
// sample and clear buttons, and the downloads. `host` is the form's controller (its form,
// signal, calculator id, last result table, recompute(), render() and setState());
// `runtime()` gives Python once it has started.
export class OwnData {
  constructor(host, runtime) {
    this.host = host;
    this.runtime = runtime;
    this.fields = dataFieldsOf(host.form);
    this.files = new Map(); // data field → {key, name, size, python} of the file in use
    this.timer = 0; // the pause that typing in a table waits for
  }

  // Every listener goes with the controller's signal (`on`).
  mount(on) {
    const { form } = this.host;
    for (const data of this.fields) {
      on(data.picker, "change", () => {
        const [file] = data.picker.files ?? [];
        if (file) this.useFile(data, file);
      });
      // The whole field takes a dropped file, as the picker does.
      on(data.field, "dragover", (event) => event.preventDefault());
      on(data.field, "drop", (event) => {
        const [file] = event.dataTransfer?.files ?? [];
        if (!file) return;
        event.preventDefault();
        this.useFile(data, file);
      });
    }
    for (const button of form.querySelectorAll(
      "[data-action='sample-data'], [data-action='clear-data']",
    )) {
      offerButton(button, on, () => {
        const data = this.fields.find((entry) => entry.name === button.dataset.for);
        if (!data) return;
        const sample = button.dataset.action === "sample-data";
        this.forgetFile(data.name);
        data.textarea.value = sample ? this.sampleOf(data) : "";
        setFileStatus(data, "");
        this.host.setState({ status: sample ? TEXT.sample : TEXT.cleared });
        this.host.recompute();
      });
    }
    offerButton(form.querySelector("[data-action='download-table']"), on, () =>
      this.downloadTable(),
    );
    offerButton(form.querySelector("[data-action='download-chart']"), on, () =>
      this.downloadChart(),
    );
  }

  // A field that holds a sample shows the one with the columns chosen now, so changing the
  // choice (or opening a link with it) never meets a sample without them; the reader's own
  // table is never replaced. "These are made-up sample data" only while they are.
  render() {
    for (const data of this.fields) {
      const sample = this.holdsSample(data);
      if (sample && data.samples) {
        const wanted = this.sampleOf(data);
        if (data.textarea.value !== wanted) data.textarea.value = wanted;
      }
      const note = data.field.querySelector(".calculator-data-sample");
      if (note && note.hidden === sample) note.hidden = !sample;
    }
  }

  // The sample for the columns chosen now (a field whose columns follow a choice has one
  // per value), or the page's own.
  sampleOf(data) {
    const choice = data.choice && this.host.form.elements.namedItem(data.choice)?.value;
    return data.samples?.[choice] ?? data.textarea.defaultValue;
  }

  // Whether the field holds one of its samples, not the reader's own data.
  holdsSample(data) {
    if (this.files.has(data.name)) return false;
    const { value, defaultValue } = data.textarea;
    return value === defaultValue || Object.values(data.samples ?? {}).includes(value);
  }

  // Typing in a table: its text replaces a file the field was using, and Python computes
  // once the typing (or a paste) settles, or when the reader leaves the table.
  typed(textarea) {
    const data = this.fields.find((entry) => entry.textarea === textarea);
    if (data && this.files.has(data.name)) {
      this.forgetFile(data.name);
      setFileStatus(data, "");
    }
    this.host.render();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), TYPING_DELAY_MS);
  }

  // The table's typing is over: the pause came, or the reader left the field (its change
  // event), who then need not wait for the pause.
  settle() {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = 0;
    this.host.recompute();
  }

  async useFile(data, file) {
    const { host } = this;
    const read = await readFile(file);
    if (host.signal.aborted) return;
    if (read.error) {
      setFileStatus(data, read.error);
      return;
    }
    let python;
    try {
      python = await this.runtime();
    } catch {
      return; // The form's state tells the reader why nothing is computed.
    }
    if (host.signal.aborted) return;
    this.forgetFile(data.name);
    const key = `${host.form.id}:${data.name}:${Date.now()}`;
    python.keepData(key, read.bytes);
    this.files.set(data.name, { key, name: file.name, size: file.size, python });
    // The file is the data now: the textarea stands empty, and says so.
    data.textarea.value = "";
    setFileStatus(data, fileInUseText(file));
    host.recompute();
  }

  forgetFile(name) {
    const file = this.files.get(name);
    if (!file) return;
    this.files.delete(name);
    file.python.forgetData(file.key);
  }

  forgetFiles() {
    for (const name of [...this.files.keys()]) this.forgetFile(name);
  }

  // The page is left: no pause pending, nothing of the reader's files kept.
  tearDown() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.forgetFiles();
  }

  // The form's inputs, with a field that uses a file naming it by its key.
  withFiles(inputs) {
    for (const [name, file] of this.files) inputs[name] = { file: file.key };
    return inputs;
  }

  async downloadTable() {
    const { table, calculator } = this.host;
    if (!table) return;
    const python = await this.runtime();
    const csv = await python.exportTable(table);
    if (csv) download(`${calculator}.csv`, csv, "text/csv;charset=utf-8");
  }

  downloadChart() {
    const svg = this.host.form.querySelector(".calculator-chart-image svg");
    if (!svg) return;
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
    download(`${this.host.calculator}.svg`, text, "image/svg+xml");
  }
}
