//! What a report shows a clerk, on the worked example WE-5 of
//! `../shared/reference` (财政部 税务总局公告2023年第12号, as interpreted by the
//! STA for 2023 Q1): 应纳税所得额 90万 → 税 4.5万, 减免 18万.

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
        on_list.result("cn.cit.rd-super-deduction").expect("in the catalog").conditions.iter().find(|c| c.id == "negative_list").expect("condition").clone();
    let c = &condition.comparisons[0];
    // F (wholesale and retail) is on the list.
    assert_eq!((c.value.as_deref(), c.operator, c.result, condition.result), (Some("F5123"), "∉", Truth::Fail, Truth::Fail));
}

/// A catalog of one policy whose condition is `when`, over two inputs.
fn one_condition(when: &str) -> Catalog {
    let src = format!(
        r#"[catalog]
id = "t"
version = "1"
title = "t"

[[input]]
key = "employees"
type = "integer"
group = "g"
label = "从业人数"

[[input]]
key = "is_high_tech_enterprise"
type = "boolean"
group = "g"
label = "高新技术企业"

[[policy]]
id = "p"
name = "p"
category = "subsidy"
level = "national"
valid_from = 2020-01-01
delivery = {{ mode = "apply" }}
amount = "1"
[[policy.document]]
key = "d"
title = "t"
number = "n"
issuer = "i"
evidence = "official"
[[policy.condition]]
id = "c"
text = "c"
when = '{when}'
cite = "一"
"#
    );
    Catalog::from_sources(&[("t.toml", &src)]).expect("loads")
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
