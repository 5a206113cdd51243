// The nodejs build of the package, as a Node user loads it (no init needed).
// The worked examples are the golden cases (golden.test.mjs); here: what the
// package adds around them. Counts are read from the catalog, not written in.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { repo, nodePackage } from "./paths.mjs";

const { evaluate, questions, validateProfile, catalogInfo, listPolicies, validateCatalog } = nodePackage();

/** A decimal string in 元 ("180000.00"; a zero total is "0.00") as whole 分 (BigInt), for exact sums. */
function cents(amount) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  assert.ok(m, `an amount in 元 with at most two decimals: ${amount}`);
  const c = BigInt(m[2]) * 100n + BigInt((m[3] ?? "0").padEnd(2, "0"));
  return m[1] ? -c : c;
}

test("the totals are the counted amounts summed per category (every golden profile)", () => {
  const dir = path.join(repo, "tests", "golden");
  let nonzero = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    for (const c of JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"))) {
      const report = evaluate(c.profile, { asOf: c.as_of });
      const sums = Object.fromEntries(Object.keys(report.totals).map((k) => [k, 0n]));
      for (const r of report.results.filter((r) => r.counted_in_totals)) {
        assert.equal(r.status, "eligible", `${c.name}: ${r.policy_id} is counted only when eligible`);
        assert.ok(r.category in sums, `${c.name}: ${r.policy_id}'s category ${r.category} has a total`);
        sums[r.category] += cents(r.amount);
      }
      for (const [k, v] of Object.entries(report.totals)) {
        assert.equal(cents(v), sums[k], `${c.name}: totals.${k}`);
        if (cents(v) !== 0n) nonzero += 1;
      }
    }
  }
  assert.ok(nonzero > 0, "some golden profile has a total above zero");
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

  // The listing has every policy of the catalog, each once; a report has one result per policy.
  const info = catalogInfo();
  const list = listPolicies({ asOf: "2025-12-31" });
  assert.ok(info.policies > 0);
  assert.equal(list.length, info.policies);
  assert.equal(new Set(list.map((p) => p.id)).size, list.length);
  assert.deepEqual(evaluate({}, { asOf: "2025-12-31" }).results.map((r) => r.policy_id), list.map((p) => p.id));
  // 大连 (2102)'s science and technology policies: those whose id starts with dl.sti., at least one.
  const sti = list.filter((p) => p.id.startsWith("dl.sti."));
  assert.ok(sti.length > 0, "the listing has dl.sti. policies");
  assert.ok(sti.every((p) => p.regions.length > 0 && p.regions.every((r) => r.startsWith("2102"))), JSON.stringify(sti.map((p) => [p.id, p.regions])));

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
