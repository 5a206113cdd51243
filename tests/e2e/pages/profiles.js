// A complete enterprise profile (the profile of bench/benches/evaluate.rs),
// shared by the pages that time and compare the headless API.
export const FULL_PROFILE = {
  credit_code: "91110000600037341L", entity_type: "enterprise", region_code: "210202", industry_code: "C3411",
  established_on: "2015-03-01", employees: 80, annual_revenue: "25000000", total_assets: "30000000",
  restricted_industry: false, cit_collection: "audit", taxable_income: "2600000", rd_expense: "1200000",
  vat_taxpayer: "general", is_high_tech_enterprise: true, onpayroll_staff: 80, disabled_staff: 0, avg_wage: "72000",
  local_avg_wage: "65000", ui_premiums_paid: "38000", ui_paid_months: 36, layoff_rate: "0.01", insured_staff: 80,
  eligible_new_hires: 2,
};
