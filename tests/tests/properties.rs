//! Properties of the evaluation over generated profiles and dates (issue #7):
//! what must hold for every input, not only for the worked examples.
#![cfg(not(target_arch = "wasm32"))]

use calculator_core::{decide_all, default_catalog, evaluate, Catalog, InputKind, Lang, Options, Profile, RawValue, Report, Status};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn catalog() -> &'static Catalog {
    default_catalog().expect("the default catalog loads")
}

/// Values a register or a portal might send for a key: plausible ones,
/// edge cases and some garbage.
fn value_for(key: &'static str) -> BoxedStrategy<RawValue> {
    let text = |v: &'static [&'static str]| proptest::sample::select(v).prop_map(|s| RawValue::Text(s.to_string())).boxed();
    let money = prop_oneof![
        4 => (0u64..2_000_000_000).prop_map(|c| RawValue::Text(format!("{}.{:02}", c / 100, c % 100))),
        1 => (0u64..5_000).prop_map(|w| RawValue::Text(format!("{w}万"))),
        1 => proptest::sample::select(&["0", "-1", "1e30", "abc", "", "99999999999999999999999999999"][..]).prop_map(|s| RawValue::Text(s.into())),
    ];
    match key {
        "entity_type" => text(&["enterprise", "enterprise", "individual_business", "social_organization", "company"]),
        "region_code" => text(&["210202", "210102", "210802", "211402", "110101", "2102", "abc"]),
        "industry_code" => text(&["C3411", "C34", "I65", "F52", "F51", "K7010", "L72", "A01", "Z9", ""]),
        "cit_collection" => text(&["audit", "deemed", "other"]),
        "vat_taxpayer" => text(&["small_scale", "general"]),
        "vat_filing_period" => text(&["month", "quarter"]),
        "slp_settlement" => text(&["yes", "no", "first_year"]),
        "high_tech_recognition" => text(&["first", "renewed", "failed", "none"]),
        "layoff_rate" | "college_staff_ratio" | "atse_revenue_ratio" | "offshore_revenue_ratio" | "guarantee_fee_rate" => {
            text(&["0", "0.01", "0.05", "0.055", "0.2", "0.5", "0.6", "1", "1.5", "-0.1", "3%"])
        }
        "employees" | "onpayroll_staff" | "disabled_staff" | "insured_staff" | "eligible_new_hires" | "ui_paid_months" | "ht_pool_years_funded" => {
            prop_oneof![4 => (0u32..1_500).prop_map(|n| RawValue::Number(n.to_string())), 1 => text(&["-3", "2.5", "1e9", "many"])].boxed()
        }
        "established_on" => text(&["2015-03-01", "2024-12-31", "2026-02-29", "0000-01-01", "9999-12-31"]),
        k if k.ends_with("_listed")
            || k.starts_with("is_")
            || k.starts_with("in_")
            || k == "restricted_industry"
            || k == "gov_guarantee"
            || k == "atse_business"
            || k == "union_small_amount"
            || k == "tech_sme_first_filed"
            || k == "chuying_recognized"
            || k == "gazelle_unicorn_new"
            || k == "above_scale"
            || k == "little_giant_pool_new"
            || k == "high_tech_relocated_in"
            || k == "ht_pool_new_entrant"
            || k == "ht_pool_member"
            || k == "ui_raised_refund_area" =>
        {
            prop_oneof![any::<bool>().prop_map(RawValue::Bool), text(&["是", "否", "maybe"])].boxed()
        }
        _ => money.boxed(),
    }
}

/// A profile: each input present or not (unknown), with a generated value.
fn profile() -> impl Strategy<Value = Profile> {
    let keys: Vec<&'static str> = catalog().inputs().iter().map(|i| &*Box::leak(i.key.clone().into_boxed_str())).collect();
    let per_key: Vec<BoxedStrategy<Option<(String, RawValue)>>> =
        keys.into_iter().map(|k| proptest::option::weighted(0.7, value_for(k).prop_map(move |v| (k.to_string(), v))).boxed()).collect();
    per_key.prop_map(|pairs| Profile(pairs.into_iter().flatten().collect()))
}

fn date() -> impl Strategy<Value = calculator_core::Date> {
    (2019u16..=2028, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| calculator_core::Date::new(y, m, d).expect("a valid date"))
}

fn options(as_of: calculator_core::Date) -> Options {
    Options { as_of, lang: Lang::ZhCn }
}

/// A value every input of this kind accepts.
fn plausible(kind: InputKind, options: &[calculator_core::catalog::Choice]) -> RawValue {
    match kind {
        InputKind::Money | InputKind::Number => RawValue::Text("100000".into()),
        InputKind::Integer => RawValue::Number("10".into()),
        InputKind::Ratio => RawValue::Text("0.5".into()),
        InputKind::Boolean => RawValue::Bool(true),
        InputKind::Date => RawValue::Text("2020-01-01".into()),
        InputKind::Enum => RawValue::Text(options.first().map_or(String::new(), |o| o.value.clone())),
        InputKind::IndustryCode => RawValue::Text("C34".into()),
        InputKind::RegionCode => RawValue::Text("210202".into()),
        InputKind::CreditCode => RawValue::Text("91110000600037341L".into()),
        _ => RawValue::Text("x".into()),
    }
}

fn totals_hold(report: &Report) -> Result<(), String> {
    for (category, total) in &report.totals {
        let sum: Decimal = report
            .results
            .iter()
            .filter(|r| r.status == Status::Eligible && r.counted_in_totals && r.category.key() == *category)
            .filter_map(|r| r.amount.map(|m| m.value()))
            .sum();
        if sum != total.value() {
            return Err(format!("{category}: total {} but the counted amounts add up to {sum}", total.value()));
        }
        let waiting = report.results.iter().filter(|r| r.status == Status::Eligible && r.amount.is_none() && r.category.key() == *category).count();
        if report.amounts_pending.get(category).copied() != Some(waiting as u32) {
            return Err(format!("{category}: {waiting} eligible amounts wait, amounts_pending says {:?}", report.amounts_pending.get(category)));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Same input, same report; the lean path decides exactly as the report.
    #[test]
    fn evaluation_is_deterministic_and_the_lean_path_agrees(p in profile(), d in date()) {
        let o = options(d);
        let a = evaluate(catalog(), &p, &o);
        prop_assert_eq!(&a, &evaluate(catalog(), &p, &o));
        let lean = decide_all(catalog(), &p, &o);
        for (x, r) in lean.decisions.iter().zip(&a.results) {
            prop_assert_eq!((x.status, x.amount, x.counted_in_totals), (r.status, r.amount, r.counted_in_totals), "{}", r.policy_id);
            let keys = |slots: &[u16]| slots.iter().map(|&i| catalog().inputs()[usize::from(i)].key.clone()).collect::<Vec<_>>();
            prop_assert_eq!((keys(&x.missing), keys(&x.amount_missing)), (r.missing.clone(), r.amount_missing.clone()), "{}", r.policy_id);
        }
    }

    /// A register row read cell by cell (`Columns`, `Plan::decide_cells`) is
    /// decided as its profile is: the same decisions and field-error count,
    /// with the columns in any order, an unknown column and a repeated one.
    #[test]
    fn a_row_of_cells_is_decided_as_its_profile(p in profile(), d in date(), shuffle in any::<u64>()) {
        let o = options(d);
        let plan = calculator_core::Plan::new(catalog(), &o);
        // Cells are text, as in a CSV file; booleans as true/false.
        let cell = |v: &RawValue| match v {
            RawValue::Text(t) | RawValue::Number(t) => t.clone(),
            RawValue::Bool(b) => b.to_string(),
            RawValue::Null => String::new(),
        };
        let mut pairs: Vec<(String, String)> = p.0.iter().map(|(k, v)| (k.clone(), cell(v))).collect();
        // Any order: rotate by the generated amount, and add a column no input has
        // and a first, garbled copy of a real column (the last one is read).
        if !pairs.is_empty() {
            let n = pairs.len();
            pairs.rotate_left((shuffle as usize) % n);
            let (k, _) = pairs[0].clone();
            pairs.insert(0, (k, "garbled value".into()));
        }
        pairs.insert(0, ("enterprise_name".into(), "某厂".into()));
        let header: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        let columns = calculator_core::Columns::new(catalog(), &header);
        prop_assert_eq!(columns.ignored(&header), vec!["enterprise_name"]);
        let from_cells = plan.decide_cells(&columns, pairs.iter().map(|(_, v)| v.as_str()));
        let as_text = Profile(p.0.iter().map(|(k, v)| (k.clone(), RawValue::Text(cell(v)))).collect());
        prop_assert_eq!(from_cells, plan.decide_all(&as_text));
    }

    /// Totals are the sum of the counted eligible amounts; an amount exists
    /// only when the policy is eligible, and an eligible policy without one
    /// says which inputs would compute it; amounts are never negative and
    /// have at most two decimals (分).
    #[test]
    fn totals_add_up_and_amounts_are_whole_fen_and_never_negative(p in profile(), d in date()) {
        let r = evaluate(catalog(), &p, &options(d));
        prop_assert!(totals_hold(&r).is_ok(), "{:?}", totals_hold(&r));
        for x in &r.results {
            prop_assert!(x.amount.is_none() || x.status == Status::Eligible, "{} has an amount but is {:?}", x.policy_id, x.status);
            prop_assert_eq!(x.status == Status::Eligible && x.amount.is_none(), !x.amount_missing.is_empty(), "{}", x.policy_id);
            if let Some(m) = x.amount {
                prop_assert!(m.value() >= Decimal::ZERO, "{} is negative: {}", x.policy_id, m);
                prop_assert_eq!(m.value(), m.value().round_dp(2), "{} has more than 2 decimals: {}", x.policy_id, m);
            }
        }
    }

    /// Knowing more never undoes a decision: a result decided without an
    /// input is the same whatever that input turns out to be (three-valued
    /// logic). Inputs with a legal default are left out: there, "absent"
    /// means the default.
    #[test]
    fn a_decided_result_does_not_change_when_an_unknown_input_becomes_known(p in profile(), d in date(), pick in any::<prop::sample::Index>(), v in any::<prop::sample::Index>()) {
        let c = catalog();
        let absent: Vec<&calculator_core::InputDef> = c.inputs().iter().filter(|i| !p.0.contains_key(&i.key) && i.default_basis.is_none()).collect();
        prop_assume!(!absent.is_empty());
        let input = absent[pick.index(absent.len())];
        let values = [plausible(input.kind, &input.options), RawValue::Text("0".into()), RawValue::Bool(false)];
        let mut more = p.clone();
        more.0.insert(input.key.clone(), values[v.index(values.len())].clone());
        let (before, after) = (evaluate(c, &p, &options(d)), evaluate(c, &more, &options(d)));
        for (b, a) in before.results.iter().zip(&after.results) {
            if matches!(b.status, Status::Eligible | Status::Ineligible | Status::NotInForce) {
                prop_assert_eq!(b.status, a.status, "{} changed when {} became known", b.policy_id, input.key);
            }
            // A computed amount stays; one that waited may now be known.
            if b.amount.is_some() {
                prop_assert_eq!(b.amount, a.amount, "{}'s amount changed when {} became known", b.policy_id, input.key);
            }
        }
    }

    /// A policy needing input never asks again for what was just supplied.
    #[test]
    fn supplying_the_missing_inputs_never_leaves_them_missing(p in profile(), d in date()) {
        let c = catalog();
        let r = evaluate(c, &p, &options(d));
        for x in r.results.iter().filter(|x| x.status == Status::NeedsInput) {
            let mut more = p.clone();
            for key in &x.missing {
                let def = c.input(key).expect("missing keys are inputs");
                more.0.insert(key.to_string(), plausible(def.kind, &def.options));
            }
            let again = evaluate(c, &more, &options(d));
            let y = again.result(&x.policy_id).expect("same policies");
            for key in &x.missing {
                prop_assert!(!y.missing.contains(key), "{}: {} supplied but still missing", x.policy_id, key);
            }
        }
    }

    /// More 研发费用 never lowers the extra deduction (财税〔2023〕7号 is
    /// proportional); more disabled staff never raises the 残保金 payable.
    #[test]
    fn more_rd_never_lowers_the_deduction_and_more_disabled_staff_never_raises_the_levy(
        p in profile(), d in date(), rd in 0u64..100_000_000, extra in 1u64..50_000_000, staff in 0u32..10, more_staff in 1u32..5,
    ) {
        let c = catalog();
        let figure = |p: &Profile, id: &str, f: &str| evaluate(c, p, &options(d)).result(id).and_then(|r| r.figures.get(f).map(|m| m.value()));
        // Whatever else was generated, an enterprise for which both policies
        // apply: a manufacturer on actual profit in Dalian with 1,000 staff
        // on the payroll (quota 1.5% = 15; it places at most 14).
        let mut base = p;
        for (k, v) in [("entity_type", "enterprise"), ("cit_collection", "audit"), ("industry_code", "C34"), ("region_code", "210202"),
                       ("taxable_income", "1000000"), ("employees", "60"), ("annual_revenue", "20000000"), ("total_assets", "15000000"),
                       ("onpayroll_staff", "1000"), ("avg_wage", "60000"), ("local_avg_wage", "80000"), ("slp_settlement", "yes")] {
            base.set(k, RawValue::Text(v.into()));
        }
        base.set("restricted_industry", RawValue::Bool(false));
        base.set("ic_machine_tool_listed", RawValue::Bool(false));
        base.set("is_high_tech_enterprise", RawValue::Bool(false));
        let mut a = base.clone();
        a.set("rd_expense", RawValue::Text((rd + 1).to_string()));
        let mut b = base.clone();
        b.set("rd_expense", RawValue::Text((rd + 1 + extra).to_string()));
        let (x, y) = (figure(&a, "cn.cit.rd-super-deduction", "extra_deduction"), figure(&b, "cn.cit.rd-super-deduction", "extra_deduction"));
        if d >= calculator_core::Date::new(2023, 1, 1).expect("date") {
            // 7号 applies from 2023: both must be computed for the comparison to mean anything.
            prop_assert!(x.is_some() && y.is_some(), "R&D deduction not computed: {:?} {:?}", x, y);
        }
        if let (Some(x), Some(y)) = (x, y) {
            prop_assert!(y >= x, "extra deduction fell from {} to {}", x, y);
        }
        let mut a = base.clone();
        a.set("disabled_staff", RawValue::Number(staff.to_string()));
        let mut b = base;
        b.set("disabled_staff", RawValue::Number((staff + more_staff).to_string()));
        let (x, y) = (figure(&a, "cn.fee.disability-levy", "levy_payable"), figure(&b, "cn.fee.disability-levy", "levy_payable"));
        let in_2023_2027 = (calculator_core::Date::new(2023, 1, 1).expect("date")..=calculator_core::Date::new(2027, 12, 31).expect("date")).contains(&d);
        if in_2023_2027 {
            // 2023年第8号 runs to 2027: below quota in Liaoning, the levy is computed.
            prop_assert!(x.is_some() && y.is_some(), "levy not computed: {:?} {:?}", x, y);
        }
        if let (Some(x), Some(y)) = (x, y) {
            prop_assert!(y <= x, "levy payable rose from {} to {}", x, y);
        }
        let levy_gross = figure(&a, "cn.fee.disability-levy", "levy_gross");
        prop_assert!(levy_gross.is_none() || x.is_some(), "levy computed without its payable figure");
    }
}

#[test]
fn absurd_values_are_field_errors_not_panics() {
    let c = catalog();
    let huge = "9".repeat(10_000_000);
    let profile = Profile::new()
        .with("taxable_income", huge.as_str())
        .with("employees", "1e30")
        .with("annual_revenue", "79228162514264337593543950336")
        .with("established_on", "0000-01-01")
        .with("entity_type", "a".repeat(1_000).as_str())
        .with("total_assets", "NaN")
        .with("industry_code", "Infinity");
    for as_of in ["0001-01-01", "9999-12-31", "2025-12-31"] {
        let r = evaluate(c, &profile, &options(calculator_core::Date::from_str(as_of).expect("date")));
        let fields: Vec<&str> = r.errors.iter().map(|e| e.field.as_str()).collect();
        for f in ["taxable_income", "employees", "annual_revenue", "entity_type", "total_assets", "industry_code"] {
            assert!(fields.contains(&f), "{f} should be a field error on {as_of}: {fields:?}");
        }
        // The 10 MB value is not copied into the message.
        assert!(r.errors.iter().all(|e| e.message.len() < 2_000));
    }
}
