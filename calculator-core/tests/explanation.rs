//! What a report shows a clerk, on the worked example WE-5 of
//! docs/reference/policies.md (财政部 税务总局公告2023年第12号, as interpreted by
//! the STA for 2023 Q1): 应纳税所得额 90万 → 税 4.5万, 减免 18万.

use crate::support::{catalog_head, policy_toml, policy_with};
use calculator_core::{default_catalog, evaluate, Catalog, Lang, Options, Profile, Truth};

fn we5(lang: Lang) -> calculator_core::PolicyResult {
    result("cn.cit.small-low-profit", lang)
}

fn result(policy: &str, lang: Lang) -> calculator_core::PolicyResult {
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
    // One number rule: an amount of money to the 分 wherever it appears (the
    // income, the threshold it is compared with, every step computed from
    // it); a rate or a count as it is.
    assert_eq!((income.value.as_deref(), income.operator, income.threshold.as_deref()), (Some("900000.00"), "≤", Some("3000000.00")));
    let staff = &r.conditions.iter().find(|c| c.id == "staff").expect("condition").comparisons[0];
    assert_eq!((staff.value.as_deref(), staff.threshold.as_deref()), (Some("160"), Some("300")));
    let steps: Vec<(&str, &str, Option<&str>)> = r.breakdown.iter().map(|s| (&*s.name, s.substituted.as_str(), s.value.as_deref())).collect();
    assert_eq!(
        steps,
        [
            ("income", "max(900000.00, 0.00)", Some("900000.00")),
            ("tax_payable", "progressive(900000.00, 分段实际税率)", Some("45000.00")),
            ("tax_at_25", "900000.00 × 0.25", Some("225000.00")),
            ("relief", "225000.00 − 45000.00", Some("180000.00")),
        ]
    );
}

#[test]
fn a_step_that_calls_a_catalog_function_shows_its_name_after_compiling() {
    // The R&D super-deduction prices its saving with the catalog's
    // `cit_rate`; the default catalog is read from its compiled form.
    let r = result("cn.cit.rd-super-deduction", Lang::ZhCn);
    let rate = r.breakdown.iter().find(|s| s.name == "rate_with").expect("step");
    assert_eq!(rate.substituted, "cit_rate(900000.00, 160, 30000000.00, 否, [是否持有在有效期内的高新技术企业证书?], 0.05)");
    assert_eq!(rate.value.as_deref(), Some("0.05"));
    let recompiled = Catalog::from_bytes(&default_catalog().expect("loads").to_bytes()).expect("reads back");
    let again =
        evaluate(&recompiled, &Profile::new().with("taxable_income", "900000"), &Options { as_of: "2023-03-31".parse().expect("a date"), lang: Lang::En });
    let step = again.result("cn.cit.rd-super-deduction").expect("in the catalog").breakdown.iter().find(|s| s.name == "rate_with").expect("step").clone();
    assert!(step.substituted.starts_with("cit_rate(900000.00, [Staff"), "{}", step.substituted);
}

#[test]
fn an_eligible_policy_whose_amount_waits_still_shows_what_is_known() {
    // 财政部 税务总局公告2023年第7号 第一条: 100% of 100000 expensed R&D is
    // deducted again; what that saves depends on the CIT rate, which needs
    // the staff and assets (小型微利) — unknown here.
    let catalog = default_catalog().expect("the default catalog loads");
    let profile = Profile::new()
        .with("entity_type", "enterprise")
        .with("cit_collection", "audit")
        .with("industry_code", "C3411")
        .with("rd_expense", "100000")
        .with("taxable_income", "900000");
    let report = evaluate(catalog, &profile, &Options { as_of: "2025-12-31".parse().expect("a date"), lang: Lang::ZhCn });
    let r = report.result("cn.cit.rd-super-deduction").expect("in the catalog");
    assert_eq!((r.status, r.amount, r.counted_in_totals), (calculator_core::Status::Eligible, None, false));
    assert!(r.missing.is_empty());
    assert_eq!(r.amount_missing, ["employees", "total_assets", "restricted_industry", "is_high_tech_enterprise"].map(String::from).to_vec());
    assert_eq!(r.figures.get("extra_deduction").map(|m| m.to_string()).as_deref(), Some("100000.00"));
    assert!(r.reason.starts_with("各项条件均已满足。计算金额还需："), "{}", r.reason);
    assert_eq!(
        report.amounts_pending.get("tax_credit"),
        Some(
            &report
                .results
                .iter()
                .filter(|x| x.status == calculator_core::Status::Eligible && x.amount.is_none() && x.category == calculator_core::Category::TaxCredit)
                .count()
                .try_into()
                .expect("small")
        )
    );
}

#[test]
fn an_industry_negative_list_is_shown_as_its_codes() {
    // 财税〔2015〕119号 五（一）: the industries that may not deduct extra.
    let r = result("cn.cit.rd-super-deduction", Lang::ZhCn);
    let condition = r.conditions.iter().find(|c| c.id == "rd_negative_list").expect("condition");
    let c = &condition.comparisons[0];
    // `not (industry_code in [...])`: C3411 (metal tools) is not on the list,
    // which is what the condition asks, and the trace says so.
    assert_eq!((c.value.as_deref(), c.operator, c.threshold.as_deref()), (Some("C3411"), "∉", Some("C16 / H / F / K / L / R90")));
    assert_eq!((c.result, condition.result), (Truth::Pass, Truth::Pass));
    let on_list = evaluate(
        default_catalog().expect("the default catalog loads"),
        &Profile::new().with("industry_code", "F5123"),
        &Options { as_of: "2023-03-31".parse().expect("a date"), lang: Lang::ZhCn },
    );
    let condition =
        on_list.result("cn.cit.rd-super-deduction").expect("in the catalog").conditions.iter().find(|c| c.id == "rd_negative_list").expect("condition").clone();
    let c = &condition.comparisons[0];
    // F (wholesale and retail) is on the list.
    assert_eq!((c.value.as_deref(), c.operator, c.result, condition.result), (Some("F5123"), "∉", Truth::Fail, Truth::Fail));
}

/// A catalog of one policy whose condition is `when`, over two inputs.
fn one_condition(when: &str) -> Catalog {
    let src = catalog_head(&[("employees", "integer", "从业人数"), ("is_high_tech_enterprise", "boolean", "高新技术企业")]) + &policy_toml("p", "1", when);
    Catalog::from_sources(&[("t.toml", &src)]).expect("loads")
}

#[test]
fn a_near_miss_is_offered_only_for_a_change_that_means_something() {
    let options = Options { as_of: "2025-12-31".parse().expect("a date"), lang: Lang::ZhCn };
    let profile = Profile::new().with("employees", 0).with("is_high_tech_enterprise", true);
    // "More than zero" asks for staff at all: "one more person (to 1)" would
    // say nothing; the reason names the condition instead.
    let positive = evaluate(&one_condition("employees > 0"), &profile, &options);
    assert_eq!(positive.results[0].near_miss, None);
    assert_eq!(positive.results[0].reason, "不符合：c。");
    // A real threshold: 10 staff are needed, and the change says how many more.
    let threshold = evaluate(&one_condition("employees >= 10"), &profile.clone().with("employees", 4), &options);
    let near = threshold.results[0].near_miss.as_ref().expect("a near miss");
    assert_eq!((near.changes[0].needed.as_str(), near.changes[0].delta.as_str()), ("10", "6"));
    assert_eq!(near.message, "从业人数再增加 6（达到 10）即可符合条件。");
}

#[test]
fn a_policy_that_cannot_be_computed_is_a_policy_error_not_a_field_error() {
    let src = catalog_head(&[("employees", "integer", "从业人数")]) + &policy_with("per-head", "10000 / employees", "");
    let catalog = Catalog::from_sources(&[("t.toml", &src)]).expect("loads");
    let report = evaluate(&catalog, &Profile::new().with("employees", 0), &Options { as_of: "2025-12-31".parse().expect("a date"), lang: Lang::En });
    assert_eq!(report.results[0].status, calculator_core::Status::Error);
    assert!(report.errors.is_empty(), "the profile is fine: {:?}", report.errors);
    let e = &report.policy_errors[0];
    assert_eq!((e.policy_id.as_str(), e.code, e.message.as_str()), ("per-head", "division_by_zero", "the formula divides by zero"));
}

/// A comparison's operator, threshold and result.
type Shown<'a> = (&'a str, &'a str, Truth);

#[test]
fn a_comparison_under_not_is_shown_turned_around() {
    let profile = Profile::new().with("employees", 80).with("is_high_tech_enterprise", true);
    let options = Options { as_of: "2025-12-31".parse().expect("a date"), lang: Lang::ZhCn };
    // The condition; (operator, threshold, result) of each comparison; the condition's result.
    let cases: [(&str, &[Shown], Truth); 4] = [
        // 80 is not over 300: `not (employees > 300)` holds, as 80 ≤ 300.
        ("not (employees > 300)", &[("≤", "300", Truth::Pass)], Truth::Pass),
        ("not (employees == 80)", &[("≠", "80", Truth::Fail)], Truth::Fail),
        // De Morgan: not (a or b) holds where neither holds.
        ("not (employees < 10 or is_high_tech_enterprise)", &[("≥", "10", Truth::Pass), ("=", "否", Truth::Fail)], Truth::Fail),
        // A double negation reads as the plain test.
        ("not (not is_high_tech_enterprise)", &[("=", "是", Truth::Pass)], Truth::Pass),
    ];
    for (when, expected, holds) in cases {
        let catalog = one_condition(when);
        let report = evaluate(&catalog, &profile, &options);
        let condition = &report.results[0].conditions[0];
        let shown: Vec<Shown> = condition.comparisons.iter().map(|c| (c.operator, c.threshold.as_deref().unwrap_or_default(), c.result)).collect();
        assert_eq!((shown.as_slice(), condition.result), (expected, holds), "{when}");
    }
}
