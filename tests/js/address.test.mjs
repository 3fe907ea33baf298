// The fragment grammar's browser half, against the cases the Python tests read too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  parseState,
  valuesIn,
  withQueryStateInFragment,
  withState,
} from "../../docs/javascripts/calculator-address.mjs";

const CASES = JSON.parse(
  readFileSync(new URL("../shared/fragment_cases.json", import.meta.url), "utf-8"),
).fragments;
const PAGE = "https://eksempel.no/kalkulatorer/livstidsverdi/";

for (const { fragment, state } of CASES) {
  test(`the fragment «${fragment}» reads as the shared case says`, () => {
    assert.deepEqual(parseState(fragment), state);
  });
}

test("values for one calculator and scenario", () => {
  const url = new URL(`${PAGE}#nps.promoters=1&nps.a.promoters=2&csat.score_1=3`);
  assert.deepEqual([...valuesIn(url, "nps")], [["promoters", "1"]]);
  assert.deepEqual([...valuesIn(url, "nps", "a")], [["promoters", "2"]]);
  assert.deepEqual([...valuesIn(new URL(`${PAGE}#intern-tillit`), "nps")], []);
});

test("writing a form's state keeps the other calculators' entries", () => {
  const url = new URL(`${PAGE}#nps.promoters=1&csat.score_1=3`);
  const next = withState(url, "nps", [["passives", "1 000"]], [["passives", "5"]]);
  assert.equal(next.hash, "#csat.score_1=3&nps.passives=1+000&nps.a.passives=5");
});

test("an anchor stays until there is state, and empty state removes the fragment", () => {
  const anchor = new URL(`${PAGE}#slik-leser-du-resultatet`);
  assert.equal(withState(anchor, "nps", []).hash, "#slik-leser-du-resultatet");
  assert.equal(withState(new URL(`${PAGE}#nps.promoters=1`), "nps", []).hash, "");
});

test("old query-string links move into the fragment; other parameters stay", () => {
  const old = new URL(`${PAGE}?h=lojalitet&nps.promoters=5#nps.passives=2`);
  const moved = withQueryStateInFragment(old);
  assert.equal(moved.search, "?h=lojalitet");
  assert.equal(moved.hash, "#nps.passives=2&nps.promoters=5");
  const kept = new URL(`${PAGE}?nps.promoters=5#nps.promoters=9`);
  assert.equal(withQueryStateInFragment(kept).hash, "#nps.promoters=9");
  assert.equal(withQueryStateInFragment(new URL(PAGE)).href, PAGE);
});
