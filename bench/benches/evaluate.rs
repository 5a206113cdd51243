//! Full-catalog evaluation of one complete profile, and catalog load-and-check.
use calculator_core::{catalog::DEFAULT_JSON, decide_all, default_catalog, evaluate, questions, Catalog, Columns, Lang, Options, Plan, Profile};
use criterion::{criterion_group, criterion_main, Criterion};

#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;

/// A complete enterprise profile, the same as `FULL_PROFILE` of
/// tests/e2e/pages/profiles.js (the in-browser timing), so that the native
/// and browser figures time the same work.
fn full_profile() -> Profile {
    Profile::new()
        .with("credit_code", "91110000600037341L")
        .with("entity_type", "enterprise")
        .with("region_code", "210202")
        .with("industry_code", "C3411")
        .with("established_on", "2015-03-01")
        .with("employees", 80)
        .with("annual_revenue", "25000000")
        .with("total_assets", "30000000")
        .with("restricted_industry", false)
        .with("cit_collection", "audit")
        .with("taxable_income", "2600000")
        .with("rd_expense", "1200000")
        .with("vat_taxpayer", "general")
        .with("is_high_tech_enterprise", true)
        .with("onpayroll_staff", 80)
        .with("disabled_staff", 0)
        .with("avg_wage", "72000")
        .with("local_avg_wage", "65000")
        .with("ui_premiums_paid", "38000")
        .with("ui_paid_months", 36)
        .with("layoff_rate", "0.01")
        .with("insured_staff", 80)
        .with("eligible_new_hires", 2)
}

fn bench(c: &mut Criterion) {
    let catalog = default_catalog().expect("default catalog loads");
    let profile = full_profile();
    let options = Options { as_of: "2025-12-31".parse().expect("date"), lang: Lang::ZhCn };
    c.bench_function("evaluate: default catalog, full profile, full report", |b| b.iter(|| evaluate(black_box(catalog), black_box(&profile), &options)));
    c.bench_function("decide_all (lean, no explanations): default catalog, full profile", |b| {
        b.iter(|| decide_all(black_box(catalog), black_box(&profile), &options))
    });
    // The register matcher's path: one plan for the run, then one lean
    // decision per row; a full row and a row that answers nothing.
    let plan = Plan::new(catalog, &options);
    c.bench_function("Plan::decide_all (plan prepared once): full profile", |b| b.iter(|| plan.decide_all(black_box(&profile))));
    c.bench_function("Plan::decide_all (plan prepared once): empty profile", |b| b.iter(|| plan.decide_all(black_box(&Profile::new()))));
    // A CSV row as the matcher reads it: the full profile's cells under
    // their header, without building a Profile.
    let header: Vec<&str> = profile.0.keys().map(String::as_str).collect();
    let cells: Vec<String> = profile
        .0
        .values()
        .map(|v| match v {
            calculator_core::RawValue::Text(t) | calculator_core::RawValue::Number(t) => t.clone(),
            calculator_core::RawValue::Bool(b) => b.to_string(),
            calculator_core::RawValue::Null => String::new(),
        })
        .collect();
    let columns = Columns::new(catalog, &header);
    c.bench_function("Plan::decide_cells (a register row's cells): full profile", |b| {
        b.iter(|| plan.decide_cells(&columns, black_box(&cells).iter().map(String::as_str)))
    });
    c.bench_function("catalog: read the embedded compiled default catalog", |b| {
        b.iter(|| Catalog::from_bytes(black_box(calculator_core::catalog::DEFAULT_COMPILED)).expect("reads"))
    });
    c.bench_function("Plan::evaluate (plan prepared once): full profile, full report", |b| b.iter(|| plan.evaluate(black_box(&profile))));
    c.bench_function("questions: empty profile", |b| b.iter(|| questions(catalog, black_box(&Profile::new()), &options)));
    c.bench_function("catalog: load and check the default catalog", |b| b.iter(|| Catalog::from_json(black_box(DEFAULT_JSON)).expect("loads")));
}

criterion_group!(benches, bench);
criterion_main!(benches);
