// The hand-written TypeScript types of the package (pkg/src/lib.rs,
// `typescript_custom_section`, and pkg/widget/policy-calculator.d.ts), checked
// against what the package really returns.
//
// Calls the Node build (target/npm/node) with the golden profiles and a few
// more (field errors and warnings, a near miss, stacking, other languages, a
// host's catalog), keeps a set of outputs that between them show every shape
// seen (each field with each JSON type it took, and each value of the fields
// typed as unions of strings), and writes them as object literals assigned to
// the declared types (`const evaluate_1: Report = {...}`), one file for each
// shipped .d.ts (api, api-lite, bundler, node, widget). `tsc --strict
// --noEmit` then fails on a field the types do not declare (the check of
// excess properties of an object literal), a declared field the output lacks,
// and a value of the wrong type. Each call is also written with its real
// arguments, so that the declared parameters are checked too.
//
// Run: node pkg/tests/types/check.mjs (after ./scripts/build-package; tsc from
// `npm ci` in pkg/tests/types, which .ci/install-tools does).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { repo, targetDir, npmDir, nodePackage } from "../node/paths.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(here, "node_modules", "typescript", "bin", "tsc");
const out = path.join(targetDir, "types-check");
const api = nodePackage();

/** A host's catalog with every optional part given (note, published, summary, url, date). */
const hostCatalog = {
  catalog: { id: "types-check", version: "1", title: "t", published: "2025-01-01", note: "a note" },
  input: [
    { key: "n", type: "integer", group: "basic", label: "n", help: "how many", unit: "人" },
    { key: "region_code", type: "region_code", group: "basic", label: "region" },
    { key: "name", type: "text", group: "basic", label: "name" },
    { key: "kind", type: "enum", group: "basic", label: "kind", options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] },
  ],
  policy: [
    {
      id: "x.p", name: "p", summary: "a summary", category: "subsidy", level: "district", regions: ["210202"],
      valid_from: "2020-01-01", valid_until: "2030-12-31", note: "a policy note",
      delivery: { mode: "apply", channel: "online", deadline: "every June" }, amount: "n * 1000.5",
      document: [{ key: "d", title: "t", number: "n号", issuer: "i", url: "https://example.invalid/d", date: "2020-01-01", evidence: "official" }],
      condition: [{ id: "c", text: "n ≥ 2", when: "n >= 2", cite: "一" }, { id: "k", text: "kind a", when: 'kind == "a"', cite: "二" }],
    },
    {
      // n = 3 divides by zero: the status `error`.
      id: "x.q", name: "q", category: "fee_reduction", level: "national", valid_from: "2020-01-01",
      delivery: { mode: "automatic" }, amount: "1000 / (n - 3)",
      unconfirmed: ["a caveat that always applies"],
      document: [{ key: "d", title: "t", number: "n号", issuer: "i", evidence: "unconfirmed", unconfirmed: "where it was published" }],
      condition: [{ id: "c", text: "n ≥ 2", when: "n >= 2", cite: "一" }],
    },
  ],
};

/** Every call made: the function, its arguments and what it returned. */
const calls = [];
function call(fn, ...args) {
  const result = api[fn](...args);
  calls.push({ fn, args, result });
  return result;
}

const goldenDir = path.join(repo, "tests", "golden");
const golden = fs
  .readdirSync(goldenDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(goldenDir, f), "utf8")));
const bad = { employees: "四十八", credit_code: "91210800MA0000000X", region_code: "2108", colour: "red", taxable_income: 1234567.89 };

for (const c of golden) {
  call("evaluate", c.profile, { asOf: c.as_of });
  call("questions", c.profile, { asOf: c.as_of });
  call("validateProfile", c.profile, {});
}
for (const lang of ["zh-CN", "zh-TW", "en"]) {
  call("evaluate", {}, { asOf: "2025-12-31", lang });
  call("evaluate", bad, { asOf: "2025-12-31", lang });
  call("questions", { entity_type: "individual_business" }, { asOf: "2025-12-31", lang });
  call("validateProfile", bad, { lang });
  call("catalogInfo", { lang });
  call("listPolicies", { asOf: "2025-12-31", lang });
}
const hostCheck = call("validateCatalog", JSON.stringify(hostCatalog), { lang: "en" });
if (!hostCheck.valid) {
  console.error(`types check: the host catalog of check.mjs is refused: ${JSON.stringify(hostCheck.problems)}`);
  process.exit(1);
}
const hostHash = hostCheck.catalog.hash;
const host = { catalog: hostCatalog, catalogHash: hostHash };
for (const profile of [{ n: 3, kind: "a", region_code: "210202" }, { n: 1, kind: "b", region_code: "210202" }, { region_code: "210102" }, {}]) {
  call("evaluate", profile, { asOf: "2025-06-30", ...host });
  call("questions", profile, { asOf: "2025-06-30", ...host });
}
call("catalogInfo", host);
call("listPolicies", { asOf: "2019-01-01", ...host });
call("listPolicies", { asOf: "2019-01-01" });
call("validateCatalog", hostCatalog, { lang: "en" });
call("validateCatalog", '{\n  "catalog": {"id": "t",}\n}', { lang: "en" });
call("validateCatalog", { catalog: { id: "t", version: "1", title: "t" }, policy: [{ id: 7 }] });
call("validateCatalog", { ...hostCatalog, policy: [{ ...hostCatalog.policy[0], amount: "n * unknown_input" }] }, { lang: "zh-TW" });

/** The declared type of each function's result. */
const resultType = {
  evaluate: "Report",
  questions: "Question[]",
  validateProfile: "ProfileCheck",
  catalogInfo: "CatalogInfo",
  listPolicies: "PolicyInfo[]",
  validateCatalog: "CatalogCheck",
};

// Shapes: a field's path (array elements as [], the keys of a record as *)
// with the JSON type of its value; for a field typed as a union of strings,
// with the value.
const records = new Set([".derived", ".results[].figures", ".figures"]);
const unions = /(\.status|\.category|\.level|\.mode|\.result|\.kind|\.claim|\.evidence|\.lang)$/;
function shapes(v, p, set) {
  if (v === null) set.add(`${p}: null`);
  else if (Array.isArray(v)) {
    set.add(`${p}: array`);
    for (const x of v) shapes(x, `${p}[]`, set);
  } else if (typeof v === "object") {
    set.add(`${p}: object`);
    for (const [k, x] of Object.entries(v)) shapes(x, records.has(p) ? `${p}.*` : `${p}.${k}`, set);
  } else set.add(unions.test(p) && typeof v === "string" ? `${p}: ${JSON.stringify(v)}` : `${p}: ${typeof v}`);
  return set;
}

/** Fewest calls of each function (greedy) that between them show every shape its calls showed. */
function cover(fn) {
  const all = calls.filter((c) => c.fn === fn).map((c) => ({ ...c, shapes: shapes(c.result, "", new Set()) }));
  const seen = new Set(all.flatMap((c) => [...c.shapes]));
  const left = new Set(seen);
  const chosen = [];
  while (left.size > 0) {
    let best = null, gain = 0;
    for (const c of all) {
      const g = [...c.shapes].filter((s) => left.has(s)).length;
      // Ties: the smaller output, for a smaller file.
      if (g > gain || (g === gain && g > 0 && JSON.stringify(c.result).length < JSON.stringify(best.result).length)) [best, gain] = [c, g];
    }
    chosen.push(best);
    for (const s of best.shapes) left.delete(s);
  }
  return { chosen, seen };
}

const chosen = {};
const seen = new Set();
for (const fn of Object.keys(resultType)) {
  const c = cover(fn);
  chosen[fn] = c.chosen;
  for (const s of c.seen) seen.add(`${fn}${s}`);
}
// What the checked outputs must show, or the check proves less than it says.
for (const must of [
  "evaluate.errors[].field: string",
  "evaluate.warnings[].field: string",
  "evaluate.results[].near_miss.changes[].needed: string",
  "evaluate.stacking[].recommended: string",
  "evaluate.results[].status: \"needs_input\"",
  "evaluate.results[].status: \"not_in_force\"",
  "evaluate.results[].status: \"error\"",
  "validateCatalog.problems[].line: number",
  "validateCatalog.catalog: null",
]) {
  if (!seen.has(must)) {
    console.error(`types check: no output shows ${must}; add a profile that does`);
    process.exit(1);
  }
}

const lit = (v) => JSON.stringify(v, null, 1);
const names = ["evaluate", "questions", "validateProfile", "catalogInfo", "listPolicies", "validateCatalog", "compileCatalog"];
const types = ["Profile", "EvaluateOptions", "Report", "Question", "ProfileCheck", "CatalogInfo", "PolicyInfo", "CatalogCheck"];

/** One file: the outputs assigned to the types of the .d.ts at `dts` (a module path without .d.ts). */
function apiFile(dts) {
  let ts = `// Generated by pkg/tests/types/check.mjs: real outputs of the package, typed by ${path.relative(npmDir, dts)}.d.ts.\n`;
  ts += `import type { ${types.join(", ")} } from ${JSON.stringify(dts + ".js")};\n`;
  ts += `import { ${names.join(", ")} } from ${JSON.stringify(dts + ".js")};\n\n`;
  let i = 0;
  for (const [fn, list] of Object.entries(chosen)) {
    for (const c of list) {
      i += 1;
      const args = c.args.map(lit).join(", ");
      ts += `export const ${fn}_${i}: ${resultType[fn]} = ${lit(c.result)};\n`;
      ts += `export const ${fn}_${i}_call = (): ${resultType[fn]} => ${fn}(${args});\n\n`;
    }
  }
  ts += `export const compiled = (): Uint8Array => compileCatalog(${lit(hostCatalog)}, { lang: "en", catalogHash: ${JSON.stringify(hostHash)} });\n`;
  ts += `export const profile: Profile = ${lit(bad)};\n`;
  ts += `export const options: EvaluateOptions = ${lit({ asOf: "2025-06-30", lang: "zh-TW", ...host })};\n`;
  return ts;
}

/** The widget's types: its options with every field, its report the API's. */
function widgetFile() {
  const dts = path.join(npmDir, "widget", "policy-calculator");
  const report = chosen.evaluate.reduce((a, b) => (JSON.stringify(a.result).length <= JSON.stringify(b.result).length ? a : b)).result;
  return `// Generated by pkg/tests/types/check.mjs: the widget's types (widget/policy-calculator.d.ts) used as a host would.
import type { Report } from ${JSON.stringify(path.join(npmDir, "api", "liaoqitong_policy_calculator.js"))};
import { mount, PolicyCalculatorElement, type WidgetOptions, type WidgetHandle } from ${JSON.stringify(dts + ".js")};

export const fromWidget: Parameters<NonNullable<WidgetOptions["onResult"]>>[0] = ${lit(report)};
export const fromEvent: HTMLElementEventMap["result"]["detail"] = fromWidget;
export const asReport: Report = fromWidget;

export const options: WidgetOptions = {
  lang: "en",
  asOf: "2025-12-31",
  prefill: ${lit(bad)},
  catalog: ${lit(hostCatalog)},
  catalogHash: ${JSON.stringify(hostHash)},
  catalogUrl: "/catalogs/liaoning.json",
  theme: { "--lqt-accent": "#c8102e", "--lqt-bar": "#8b0000" },
  localSave: false,
  onResult: (report) => {
    const total: string = report.totals.subsidy;
    void total;
  },
  onApply: (policyId) => void policyId.toUpperCase(),
  onResize: (height) => void height.toFixed(0),
};

export async function host(element: Element): Promise<void> {
  const handle: WidgetHandle = await mount(element, options);
  await handle.update({ lang: "zh-TW", catalog: JSON.stringify(${lit(hostCatalog)}) });
  handle.destroy();
  await mount(element);
  const el: PolicyCalculatorElement = document.createElement("policy-calculator");
  el.prefill = ${lit({ entity_type: "enterprise", employees: 48, restricted_industry: false, taxable_income: null })};
  // The events policy-calculator.js dispatches, with their details (pkg/README.md).
  el.addEventListener("apply", (e) => void e.detail.policyId.length);
  el.addEventListener("result", (e) => void e.detail.results.map((r) => r.amount));
  el.addEventListener("resize", (e) => void e.detail.height.toFixed(0));
  el.addEventListener("error", (e) => void [e.detail.message, e.detail.code]);
  el.addEventListener("click", (e) => void e.clientX);
  const onResize = (e: CustomEvent<{ height: number }>) => void e.detail.height;
  el.addEventListener("resize", onResize);
  el.removeEventListener("resize", onResize);
  const check: PolicyCalculatorElement = new PolicyCalculatorElement();
  void check;
}
`;
}

const builds = ["api", "api-lite", "bundler", "node"];
for (const b of [...builds, "widget"]) {
  const f = b === "widget" ? path.join(npmDir, "widget", "policy-calculator.d.ts") : path.join(npmDir, b, "liaoqitong_policy_calculator.d.ts");
  if (!fs.existsSync(f)) {
    console.error(`types check: ${f} is missing; run ./scripts/build-package first`);
    process.exit(1);
  }
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const files = [];
for (const b of builds) {
  const f = `${b}.ts`;
  fs.writeFileSync(path.join(out, f), apiFile(path.join(npmDir, b, "liaoqitong_policy_calculator")));
  files.push(f);
}
fs.writeFileSync(path.join(out, "widget.ts"), widgetFile());
files.push("widget.ts");
const tsconfig = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "es2022",
    module: "esnext",
    moduleResolution: "bundler",
    lib: ["es2022", "dom"],
    types: [],
    // The shipped .d.ts files themselves are checked too.
    skipLibCheck: false,
  },
  files,
};
fs.writeFileSync(path.join(out, "tsconfig.json"), JSON.stringify(tsconfig, null, 2) + "\n");

const r = spawnSync(process.execPath, [tsc, "-p", path.join(out, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8" });
const n = Object.values(chosen).reduce((a, l) => a + l.length, 0);
if (r.status !== 0) {
  console.error(r.stdout + r.stderr);
  console.error(`types check FAILED: tsc --strict --noEmit on ${n} real outputs (${out})`);
  process.exit(1);
}
const per = Object.entries(chosen).map(([fn, l]) => `${fn} ${l.length}`).join(", ");
console.log(`types: ${n} outputs of ${calls.length} calls (${per}), showing ${seen.size} shapes, match the types of ${builds.join(", ")} and widget (tsc --strict --noEmit)`);
