// Times the headless API in the browser: full-catalog evaluation of one
// complete profile (the profile of bench/benches/evaluate.rs).
import init, { evaluate } from "/api/liaoqitong_policy_calculator.js";

await init({ module_or_path: new URL("/api/liaoqitong_policy_calculator_bg.wasm", import.meta.url) });
const profile = {
  credit_code: "91110000600037341L", entity_type: "enterprise", region_code: "210202", industry_code: "C3411",
  established_on: "2015-03-01", employees: 80, annual_revenue: "25000000", total_assets: "30000000",
  restricted_industry: false, cit_collection: "audit", taxable_income: "2600000", rd_expense: "1200000",
  vat_taxpayer: "general", is_high_tech_enterprise: true, onpayroll_staff: 80, disabled_staff: 0, avg_wage: "72000",
  local_avg_wage: "65000", ui_premiums_paid: "38000", ui_paid_months: 36, layoff_rate: "0.01", insured_staff: 80,
  eligible_new_hires: 2,
};
const options = { asOf: "2025-12-31" };
for (let i = 0; i < 50; i++) evaluate(profile, options); // warm up
const runs = 500;
const t0 = performance.now();
for (let i = 0; i < runs; i++) evaluate(profile, options);
const perEvaluation = (performance.now() - t0) / runs;
window.__timing = { runs, perEvaluationMs: perEvaluation, results: evaluate(profile, options).results.length };
