// Templates of the calculators' Norwegian messages.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fill } from "../../docs/javascripts/calculator-form.mjs";

test("a template gets its values, and an unknown key becomes empty", () => {
  assert.equal(
    fill("Oppdatert. {label}: {value}", { label: "CLV", value: "2 666,67 kr" }),
    "Oppdatert. CLV: 2 666,67 kr",
  );
  assert.equal(fill("{a}{b}", { a: "x" }), "x");
});
