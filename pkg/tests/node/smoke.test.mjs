// The nodejs build of the package, as a Node user loads it (no init needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { nodePackage } from "./paths.mjs";

const { evaluate, questions, validateProfile, catalogInfo, listPolicies, validateCatalog } = nodePackage();

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

test("the headless API from Node: questions, profile and catalog checks, the listing", () => {
  const asked = questions({ entity_type: "individual_business" }, { asOf: "2025-12-31" }).map((q) => q.key);
  assert.ok(asked.includes("business_taxable_income"));
  assert.ok(!asked.includes("taxable_income"));

  const check = validateProfile({ region_code: "2108" }, { lang: "en" });
  assert.equal(check.valid, false);
  assert.equal(check.errors[0].field, "region_code");

  const info = catalogInfo();
  assert.equal(info.policies, 26);
  assert.equal(listPolicies({ asOf: "2025-12-31" }).filter((p) => p.id.startsWith("dl.sti.")).length, 5);

  // A catalog handed over as JSON text has the hash of the same object.
  const text = JSON.stringify({ catalog: { id: "t", version: "1", title: "t" } });
  const a = validateCatalog(text);
  const b = validateCatalog(JSON.parse(text));
  assert.equal(a.valid, true);
  assert.equal(a.catalog.hash, b.catalog.hash);
  const bad = validateCatalog({ catalog: { id: "t" }, policy: [{ id: 3 }] }, { lang: "en" });
  assert.equal(bad.valid, false);
  assert.ok(bad.problems.length > 0 && bad.problems.every((p) => typeof p.message === "string" && p.message.length > 0));
});
