//! Exclusive groups: shown in the report, never applied silently.

use calculator_core::{default_catalog, evaluate, Lang, Options, Profile, Status};

fn slp_and_high_tech() -> Profile {
    // 小型微利 (5%) and 高新 (15%) on the same 2,000,000 of income.
    Profile::new()
        .with("entity_type", "enterprise")
        .with("restricted_industry", false)
        .with("cit_collection", "audit")
        .with("industry_code", "C3411")
        .with("taxable_income", "2000000")
        .with("employees", 100)
        .with("total_assets", "30000000")
        .with("is_high_tech_enterprise", true)
}

#[test]
fn the_better_rate_preference_is_recommended_and_only_it_is_totalled() {
    let r = evaluate(default_catalog().unwrap(), &slp_and_high_tech(), &Options { as_of: "2025-12-31".parse().unwrap(), lang: Lang::ZhCn });
    let slp = r.result("cn.cit.small-low-profit").unwrap();
    let hnte = r.result("cn.cit.high-tech-rate").unwrap();
    // Both stay eligible with their own amounts: 2,000,000 × 20% and × 10%.
    assert_eq!((slp.status, slp.amount.unwrap().to_string()), (Status::Eligible, "400000.00".to_string()));
    assert_eq!((hnte.status, hnte.amount.unwrap().to_string()), (Status::Eligible, "200000.00".to_string()));
    assert!(slp.counted_in_totals && !hnte.counted_in_totals);
    assert!(hnte.stacking.as_deref().unwrap().contains("建议选择金额较高的「小型微利企业所得税优惠」"), "{:?}", hnte.stacking);
    assert_eq!(r.stacking.len(), 1);
    assert_eq!(r.stacking[0].group, "cit-rate-preference");
    assert_eq!(r.stacking[0].recommended, "cn.cit.small-low-profit");
    assert_eq!(r.stacking[0].eligible, vec!["cn.cit.small-low-profit", "cn.cit.high-tech-rate"]);
    // Every other tax credit is still open, so the total is the recommended one alone.
    assert_eq!(r.totals["tax_credit"].to_string(), "400000.00");
}

#[test]
fn a_single_eligible_member_needs_no_advice() {
    let p = slp_and_high_tech().with("is_high_tech_enterprise", false);
    let r = evaluate(default_catalog().unwrap(), &p, &Options { as_of: "2025-12-31".parse().unwrap(), lang: Lang::En });
    assert!(r.stacking.is_empty());
    assert!(r.results.iter().all(|x| x.stacking.is_none()));
    assert!(r.result("cn.cit.small-low-profit").unwrap().counted_in_totals);
}
