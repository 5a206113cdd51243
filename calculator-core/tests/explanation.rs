//! What a report shows a clerk, on the worked example WE-5 of
//! `../shared/reference` (财政部 税务总局公告2023年第12号, as interpreted by the
//! STA for 2023 Q1): 应纳税所得额 90万 → 税 4.5万, 减免 18万.

use calculator_core::{default_catalog, evaluate, Lang, Options, Profile, Truth};

fn we5(lang: Lang) -> calculator_core::PolicyResult<'static> {
    result("cn.cit.small-low-profit", lang)
}

fn result(policy: &str, lang: Lang) -> calculator_core::PolicyResult<'static> {
    let catalog = default_catalog().expect("the default catalog loads");
    let profile = Profile::new()
        .with("entity_type", "enterprise")
        .with("restricted_industry", false)
        .with("taxable_income", "900000")
        .with("employees", 160)
        .with("total_assets", "30000000")
        .with("cit_collection", "audit")
        .with("industry_code", "C3411");
    let report = evaluate(catalog, &profile, &Options { as_of: "2023-03-31".parse().expect("a date"), lang });
    report.result(policy).expect("in the catalog").clone()
}

#[test]
fn an_option_in_a_condition_reads_as_the_users_own_value_does() {
    for (lang, word) in [(Lang::ZhCn, "企业"), (Lang::ZhTw, "企業"), (Lang::En, "Enterprise")] {
        let r = we5(lang);
        let c = &r.conditions.iter().find(|c| c.id == "enterprise").expect("condition").comparisons[0];
        assert_eq!((c.value.as_deref(), c.threshold.as_deref()), (Some(word), Some(word)), "{lang:?}");
    }
}

#[test]
fn thresholds_and_steps_show_the_worked_examples_figures() {
    let r = we5(Lang::ZhCn);
    let income = &r.conditions.iter().find(|c| c.id == "income").expect("condition").comparisons[0];
    assert_eq!((income.value.as_deref(), income.operator, income.threshold.as_deref()), (Some("900000.00"), "≤", Some("3000000")));
    let steps: Vec<(&str, &str, Option<&str>)> = r.breakdown.iter().map(|s| (&*s.name, s.substituted.as_str(), s.value.as_deref())).collect();
    assert_eq!(
        steps,
        [
            ("income", "max(900000.00, 0)", Some("900000")),
            ("tax_payable", "progressive(900000, 分段实际税率)", Some("45000.00")),
            ("tax_at_25", "900000 × 0.25", Some("225000.00")),
            ("relief", "225000 − 45000", Some("180000.00")),
        ]
    );
}

#[test]
fn an_industry_negative_list_is_shown_as_its_codes() {
    // 财税〔2015〕119号 五（一）: the industries that may not deduct extra.
    let r = result("cn.cit.rd-super-deduction", Lang::ZhCn);
    let condition = r.conditions.iter().find(|c| c.id == "negative_list").expect("condition");
    let c = &condition.comparisons[0];
    assert_eq!((c.value.as_deref(), c.operator, c.threshold.as_deref()), (Some("C3411"), "∈", Some("C16 / H / F / K / L / R90")));
    // C3411 (metal tools) is not on the list: the membership fails, the condition holds.
    assert_eq!((c.result, condition.result), (Truth::Fail, Truth::Pass));
}
