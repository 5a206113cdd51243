// Issue #6: the native register matcher (policy-calc match, lean path) and
// the wasm build run in Node (evaluate, full report) give byte-identical
// matches for a few thousand generated enterprises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import fs from "node:fs";
import { targetDir, nodePackage } from "./paths.mjs";

const { evaluate } = nodePackage();

function policyCalc(args, input) {
  // The newer of the two builds: a stale one would compare an older catalog.
  const bin = ["debug", "release"].map((p) => path.join(targetDir, p, "policy-calc")).filter((b) => fs.existsSync(b))
    .sort((x, y) => fs.statSync(y).mtimeMs - fs.statSync(x).mtimeMs)[0];
  assert.ok(bin, "policy-calc is built (cargo test builds it)");
  const r = spawnSync(bin, args, { input, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The matcher's output format: keys in serde_json's (sorted) order. */
function matches(register, asOf) {
  let out = "";
  register.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const profile = JSON.parse(line);
    const key = typeof profile.credit_code === "string" && profile.credit_code !== "" ? profile.credit_code : `line:${i + 1}`;
    for (const r of evaluate(profile, { asOf }).results) {
      if (r.status === "eligible" && r.amount === null) {
        out += JSON.stringify({ amount: null, amount_missing: r.amount_missing, counted_in_totals: r.counted_in_totals, key, policy_id: r.policy_id, status: r.status }) + "\n";
      } else if (r.status === "eligible") {
        out += JSON.stringify({ amount: r.amount, counted_in_totals: r.counted_in_totals, key, policy_id: r.policy_id, status: r.status }) + "\n";
      } else if (r.status === "needs_input") {
        out += JSON.stringify({ key, missing: r.missing, policy_id: r.policy_id, status: r.status }) + "\n";
      }
    }
  });
  return out;
}

for (const asOf of ["2023-06-30", "2025-12-31", "2026-06-30"]) {
  test(`1000 generated enterprises on ${asOf} (3000 in all): native lean path = wasm full report, byte for byte`, () => {
    const register = policyCalc(["generate", "--rows", "1000", "--seed", asOf.replaceAll("-", ""), "--format", "jsonl"]);
    const native = policyCalc(["match", "--as-of", asOf, "--format", "jsonl", "--needs-input", "--threads", "2"], register);
    const wasm = matches(register, asOf);
    assert.ok(native.split("\n").length > 1000);
    if (native !== wasm) {
      const a = native.split("\n"), b = wasm.split("\n");
      const i = a.findIndex((l, k) => l !== b[k]);
      assert.fail(`first difference at match ${i + 1}:\n native ${a[i]}\n wasm   ${b[i]}`);
    }
  });
}
