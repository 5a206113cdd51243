// Times the headless API in the browser: full-catalog evaluation of one
// complete profile (the profile of bench/benches/evaluate.rs).
import init, { catalogInfo, evaluate } from "/api/liaoqitong_policy_calculator.js";
import { FULL_PROFILE } from "./profiles.js";

await init({ module_or_path: new URL("/api/liaoqitong_policy_calculator_bg.wasm", import.meta.url) });
const profile = FULL_PROFILE;
const options = { asOf: "2025-12-31" };
for (let i = 0; i < 50; i++) evaluate(profile, options); // warm up
const runs = 500;
const t0 = performance.now();
for (let i = 0; i < runs; i++) evaluate(profile, options);
const perEvaluation = (performance.now() - t0) / runs;
// A result for every policy of the catalog, however many this release has.
window.__timing = { runs, perEvaluationMs: perEvaluation, results: evaluate(profile, options).results.length, policies: catalogInfo(options).policies };
