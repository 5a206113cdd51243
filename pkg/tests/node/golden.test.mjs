// The golden cases (tests/golden/*.json), run through the npm package's Node
// build with the semantics of tests/src/lib.rs `check`: one set of fixtures
// for the core natively, in Chromium and here.
//
// For each expected policy: every field given (status, amount, missing, …)
// equals the result's; `figures.<name>` equals the result's figure;
// `near_miss.<key>` equals the `needed` of the near miss's change of that key;
// an expectation (or its `figures`, `near_miss`) that is not an object is a
// failure, not skipped. `derived.<key>` equals the report's derived fact, and
// `error_fields` the sorted fields of the report's errors. What is absent
// counts as null.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { repo, nodePackage } from "./paths.mjs";

const { evaluate } = nodePackage();
const dir = path.join(repo, "tests", "golden");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const json = (v) => (v === undefined ? "null" : JSON.stringify(v));

/** What differs between the case's expectations and the package's report. */
function check(c) {
  const report = evaluate(c.profile, { asOf: c.as_of });
  const diffs = [];
  const differ = (what, want, got) => {
    if (!isDeepStrictEqual(want ?? null, got ?? null)) diffs.push(`${what}: expected ${json(want)}, got ${json(got)}`);
  };
  const notFields = "an object of fields";
  for (const [policy, want] of Object.entries(c.expect ?? {})) {
    const got = report.results.find((r) => r.policy_id === policy) ?? null;
    if (!isObject(want)) {
      differ(policy, notFields, want);
      continue;
    }
    for (const [key, w] of Object.entries(want)) {
      if ((key === "figures" || key === "near_miss") && !isObject(w)) {
        differ(`${policy}.${key}`, notFields, w);
      } else if (key === "figures") {
        for (const [f, wv] of Object.entries(w)) differ(`${policy}.figures.${f}`, wv, got?.figures?.[f]);
      } else if (key === "near_miss") {
        for (const [k, wv] of Object.entries(w)) {
          const change = (got?.near_miss?.changes ?? []).find((ch) => ch.key === k);
          differ(`${policy}.near_miss.${k}`, wv, change?.needed);
        }
      } else {
        differ(`${policy}.${key}`, w, got?.[key]);
      }
    }
  }
  for (const [k, w] of Object.entries(c.derived ?? {})) differ(`derived.${k}`, w, report.derived[k]);
  if (c.error_fields !== undefined && c.error_fields !== null) {
    differ("errors", [...c.error_fields].sort(), report.errors.map((e) => e.field).sort());
  }
  return diffs;
}

test("the golden folder has cases", () => {
  assert.ok(files.length > 0, `no tests/golden/*.json in ${dir}`);
});

for (const file of files) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  test(`golden/${file}: ${cases.length} cases through target/npm/node`, async (t) => {
    assert.ok(Array.isArray(cases) && cases.length > 0, `golden/${file} holds a list of cases`);
    for (const c of cases) {
      await t.test(c.name, () => {
        const diffs = check(c);
        assert.ok(diffs.length === 0, `${c.name} [${c.source}]\n    ${diffs.join("\n    ")}`);
      });
    }
  });
}

test("an expectation that is not an object of fields fails, as in tests/src/lib.rs", () => {
  const slp = "cn.cit.small-low-profit";
  const c = (expect) => ({ name: "t", source: "t", as_of: "2025-12-31", profile: {}, expect });
  assert.deepEqual(check(c({ [slp]: { status: "needs_input" } })), []);
  for (const [expect, what] of [
    [{ [slp]: "needs_input" }, slp],
    [{ [slp]: null }, slp],
    [{ [slp]: { status: "needs_input", figures: "45000.00" } }, `${slp}.figures`],
    [{ [slp]: { status: "needs_input", near_miss: null } }, `${slp}.near_miss`],
  ]) {
    const diffs = check(c(expect));
    assert.ok(diffs.some((d) => d.startsWith(`${what}: expected "an object of fields"`)), `${JSON.stringify(expect)} gives ${diffs}`);
  }
});
