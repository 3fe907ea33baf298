// Calculator state in the address (DESIGN.md, page contract), the browser's half of the
// fragment grammar (the build's half is build_scripts/extension/state_links.py; both are
// tested against tests/shared/fragment_cases.json). A fragment with "=" holds state:
// `#<calculator_id>.<field>=<value>&…`, and scenario A of a comparison as
// `<calculator_id>.a.<field>=<value>`. A fragment never reaches the host, so neither a reload
// nor a shared link sends a typed value anywhere. Old links put the state in the query
// string; those are moved into the fragment the moment the page module loads.
//
// Material's heading anchors still work: a fragment without "=" is an anchor, not state,
// and state replaces an anchor only once the reader changes a calculator.
//
// Pure: every function takes the address and returns a new one; the page module reads
// `location` and writes `history`.

export const STATE_KEY = /^[a-z][a-z0-9_]*\.(?:a\.)?[a-z][a-z0-9_]*$/;
export const SCENARIO_A = "a";

// The state entries of a fragment (without "#"): [calculator, field, scenario, value], or
// null when the fragment is an anchor. Keys of another shape are left out.
export function parseState(fragment) {
  if (!fragment.includes("=")) return null;
  const entries = [];
  for (const [key, value] of new URLSearchParams(fragment)) {
    if (!STATE_KEY.test(key)) continue;
    const [calculator, ...rest] = key.split(".");
    entries.push([calculator, rest.at(-1), rest.length === 2 ? rest[0] : "", value]);
  }
  return entries;
}

function stateOf(url) {
  const fragment = url.hash.slice(1);
  const state = new URLSearchParams(fragment.includes("=") ? fragment : "");
  for (const key of [...state.keys()]) if (!STATE_KEY.test(key)) state.delete(key);
  return state;
}

function keyOf(calculator, field, scenario) {
  return scenario === SCENARIO_A ? `${calculator}.a.${field}` : `${calculator}.${field}`;
}

// `url` with `state` as its fragment; a fragment that was an anchor stays unless there is
// state to write.
function withFragment(url, state) {
  const next = new URL(url.href);
  const text = state.toString();
  if (text) next.hash = text;
  else if (url.hash.slice(1).includes("=")) next.hash = "";
  return next;
}

// Old share links (`?customer_lifetime_value.margin_per_period=…`) with the state moved into
// the fragment; other parameters (Material's search highlight `?h=`) stay where they are.
// The same address when there is nothing to move.
export function withQueryStateInFragment(url) {
  const next = new URL(url.href);
  const moved = [...next.searchParams].filter(([key]) => STATE_KEY.test(key));
  if (moved.length === 0) return next;
  const state = stateOf(next);
  for (const [key, value] of moved) {
    next.searchParams.delete(key);
    if (!state.has(key)) state.set(key, value);
  }
  return withFragment(next, state);
}

// One form's values in the address: field name → value, for the current inputs or for
// scenario A. Empty when the address holds nothing for it.
export function valuesIn(url, calculator, scenario = "") {
  const values = new Map();
  for (const [id, field, inScenario, value] of parseState(url.hash.slice(1)) ?? []) {
    if (id === calculator && inScenario === scenario) values.set(field, value);
  }
  return values;
}

// The address with this form's state: `current` (and `baseline`, scenario A, when
// comparing) are arrays of [field, value]; other calculators' entries on the page stay.
export function withState(url, calculator, current, baseline) {
  const state = stateOf(url);
  for (const key of [...state.keys()]) {
    if (key.startsWith(`${calculator}.`)) state.delete(key);
  }
  for (const [field, value] of current) state.set(keyOf(calculator, field), value);
  for (const [field, value] of baseline ?? []) {
    state.set(keyOf(calculator, field, SCENARIO_A), value);
  }
  return withFragment(url, state);
}
