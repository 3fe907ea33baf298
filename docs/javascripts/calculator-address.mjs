// Calculator state in the address (DESIGN.md, page contract): the fragment holds it as
// `#<calculator_id>.<field>=<value>&…`, and scenario A of a comparison as
// `<calculator_id>.a.<field>=<value>`. A fragment never reaches the host, so neither a
// reload nor a shared link sends a typed value anywhere. Old links put the state in the
// query string; those are moved into the fragment the moment the page module loads.
//
// Material's heading anchors still work: a fragment without "=" is an anchor, not state,
// and state replaces an anchor only once the reader changes a calculator.

const STATE_KEY = /^[a-z][a-z0-9_]*\.(?:a\.)?[a-z][a-z0-9_]*$/;
const SCENARIO_A = "a";

function isState(fragment) {
  return fragment.includes("=");
}

function stateOf(url) {
  const fragment = url.hash.slice(1);
  const state = new URLSearchParams(isState(fragment) ? fragment : "");
  for (const key of [...state.keys()]) if (!STATE_KEY.test(key)) state.delete(key);
  return state;
}

function keyOf(calculator, field, scenario) {
  return scenario === SCENARIO_A ? `${calculator}.a.${field}` : `${calculator}.${field}`;
}

// The address as it would be with `state`; a fragment that was an anchor stays unless
// there is state to write.
function withState(url, state) {
  const next = new URL(url.href);
  const text = state.toString();
  if (text) next.hash = text;
  else if (isState(url.hash.slice(1))) next.hash = "";
  return next;
}

function replaceAddress(url) {
  if (url.href !== window.location.href) {
    window.history.replaceState(window.history.state, "", url);
  }
}

// Old share links (`?customer_lifetime_value.margin_per_period=…`): into the fragment, at
// once, so the next reload no longer sends them. Other parameters (Material's search
// highlight `?h=`) stay where they are.
export function moveQueryStateToFragment() {
  const url = new URL(window.location.href);
  const moved = [...url.searchParams].filter(([key]) => STATE_KEY.test(key));
  if (moved.length === 0) return;
  const state = stateOf(url);
  for (const [key, value] of moved) {
    url.searchParams.delete(key);
    if (!state.has(key)) state.set(key, value);
  }
  replaceAddress(withState(url, state));
}

// One form's values from the address: field name → value, for the current inputs or for
// scenario A. Empty when the address holds nothing for it.
export function valuesInAddress(calculator, scenario) {
  const state = stateOf(new URL(window.location.href));
  const values = new Map();
  for (const [key, value] of state) {
    const [id, ...rest] = key.split(".");
    const inScenario = rest.length === 2 && rest[0] === SCENARIO_A;
    if (id !== calculator || inScenario !== (scenario === SCENARIO_A)) continue;
    values.set(rest.at(-1), value);
  }
  return values;
}

// The address with this form's state: `current` (and `baseline`, scenario A, when
// comparing) are arrays of [field, value]; other calculators' entries on the page stay.
export function addressWith(calculator, current, baseline) {
  const url = new URL(window.location.href);
  const state = stateOf(url);
  for (const key of [...state.keys()]) {
    if (key.startsWith(`${calculator}.`)) state.delete(key);
  }
  for (const [field, value] of current) state.set(keyOf(calculator, field), value);
  for (const [field, value] of baseline ?? []) {
    state.set(keyOf(calculator, field, SCENARIO_A), value);
  }
  return withState(url, state);
}

export function writeAddress(calculator, current, baseline) {
  replaceAddress(addressWith(calculator, current, baseline));
}
