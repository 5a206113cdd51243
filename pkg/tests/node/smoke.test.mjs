// The nodejs build of the package, as a Node user loads it (no init needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { evaluate } = require("../../../target/pkg-node/liaoqitong_policy_calculator.js");

test("WE-5 (STA interpretation of 2023年第6号): 90万 → tax 45000.00, relief 180000.00", () => {
  const report = evaluate(
    { entity_type: "enterprise", restricted_industry: false, taxable_income: 900000, employees: 160, total_assets: "30000000" },
    { asOf: "2023-03-31" },
  );
  const r = report.results.find((x) => x.policy_id === "cn.cit.small-low-profit");
  assert.equal(r.status, "eligible");
  assert.equal(r.amount, "180000.00");
  assert.equal(r.figures.tax_payable, "45000.00");
  assert.equal(report.totals.tax_credit, "180000.00");
});

test("an unusable call throws an Error with a code", () => {
  assert.throws(() => evaluate({}, { asOf: "31/12/2025" }), (e) => e instanceof Error && e.code === "invalid_option");
});
