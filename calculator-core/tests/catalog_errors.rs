//! Malformed catalogs give located, localized errors; none panics.
use crate::support::{catalog_head, policy_toml};
use calculator_core::{default_catalog, questions, Catalog, Error, Lang, Options, ProblemKind, Profile};

fn problems(src: &str) -> Vec<calculator_core::Problem> {
    match Catalog::from_sources(&[("t.toml", src)]) {
        Err(Error::Catalog(p)) => p,
        other => panic!("expected catalog problems, got {other:?}"),
    }
}

/// The head every test catalog here starts with: one money input.
fn head() -> String {
    catalog_head(&[("taxable_income", "money", "x")])
}

fn policy(when: &str) -> String {
    format!("{}{}", head(), policy_toml("p", "1", when))
}

#[test]
fn unknown_variable_is_located_with_a_suggestion() {
    let src = policy("taxable_incme > 0");
    let when_line = src.lines().position(|l| l.starts_with("when =")).unwrap() as u32 + 1;
    let p = problems(&src);
    assert_eq!(p.len(), 1);
    // Column 9 is the first character inside the quotes of `when = "…"`.
    assert_eq!((p[0].line, p[0].column), (when_line, 9));
    assert_eq!(p[0].kind, ProblemKind::UnknownVariable { name: "taxable_incme".into(), suggestion: Some("taxable_income".into()) });
    assert!(p[0].render(Lang::ZhCn).contains("您是否指 `taxable_income`"), "{}", p[0].render(Lang::ZhCn));
    assert!(p[0].render(Lang::En).starts_with(&format!("t.toml:{when_line}:9:")));
}

#[test]
fn type_mismatch_and_syntax_errors_point_into_the_expression() {
    let p = problems(&policy("taxable_income > true"));
    assert!(matches!(p[0].kind, ProblemKind::TypeMismatch { .. }));
    assert_eq!(p[0].column, 26);
    let p = problems(&policy("taxable_income >"));
    assert!(matches!(p[0].kind, ProblemKind::Syntax { .. }));
    let p = problems(&policy("mx(taxable_income, 0) > 0"));
    assert!(matches!(&p[0].kind, ProblemKind::UnknownFunction { suggestion: Some(s), .. } if s == "max"));
}

#[test]
fn toml_errors_and_misspelt_fields_are_located() {
    let p = problems("[catalog]\nid = \"t\"\nversion = \"1\"\ntitle = \"t\"\n[[input]]\nkey = \"a\"\ntpye = \"money\"\n");
    assert_eq!(p[0].line, 7);
    assert!(matches!(p[0].kind, ProblemKind::Format { .. }));
    let p = problems("[catalog\n");
    assert_eq!(p[0].line, 1);
}

#[test]
fn cycles_gaps_and_duplicates_are_refused() {
    let cyc = format!("{}\n[[derived]]\nkey = \"a\"\ntype = \"number\"\nlabel = \"a\"\nformula = \"b + 1\"\n[[derived]]\nkey = \"b\"\ntype = \"number\"\nlabel = \"b\"\nformula = \"a + 1\"\n", head());
    assert!(problems(&cyc).iter().any(|p| matches!(p.kind, ProblemKind::Cycle { .. })));
    let gap = policy("true").replace("amount = \"1\"", "amount = \"r\"")
        + "[[policy.parameter]]\nname = \"r\"\n[[policy.parameter.version]]\nfrom = 2021-01-01\nvalue = \"1\"\ncite = \"一\"\n";
    assert!(problems(&gap).iter().any(|p| matches!(&p.kind, ProblemKind::ParameterGap { from, .. } if from == "2020-01-01")));
    let dup = policy("true") + &policy("true").replace(&head(), "");
    assert!(problems(&dup).iter().any(|p| matches!(p.kind, ProblemKind::Duplicate { .. })));
    let none = problems("");
    assert!(matches!(none[0].kind, ProblemKind::CatalogInfo { found: 0 }));
}

#[test]
fn questions_ask_the_most_decisive_input_first() {
    let c = default_catalog().unwrap();
    let q = questions(c, &Profile::new(), &Options { as_of: "2025-06-30".parse().unwrap(), lang: Lang::ZhCn });
    // entity_type is needed by nearly every open policy (CIT, 六税两费, 个体工商户,
    // 扩岗, the Dalian and Shenyang awards); region_code by every local one in
    // force in 2025: 残保金 at the Liaoning ratio, five Dalian and the 大连高新区
    // award, five 沈阳高新区 and the three 沈阳 2025 growth awards, and the
    // Liaoning, Shenyang and Anshan employment subsidies.
    let keys: Vec<(&str, usize)> = q.iter().map(|x| (x.key.as_str(), x.policies.len())).collect();
    assert_eq!(q[0].key, "entity_type", "{keys:?}");
    assert!(q[0].policies.len() >= 16, "{keys:?}");
    let region = q.iter().find(|x| x.key == "region_code").expect("region_code is asked");
    let as_of = "2025-06-30".parse().unwrap();
    let local: Vec<&str> = c.policies().iter().filter(|p| !p.regions.is_empty() && p.in_force(as_of)).map(|p| p.id.as_str()).collect();
    assert!(local.len() >= 18, "{local:?}");
    assert_eq!(region.policies, local, "every local policy in force asks for the region, and no other");
    // Once a small-scale taxpayer answers, VAT questions remain but entity-only ones shrink.
    let q2 = questions(c, &Profile::new().with("entity_type", "individual_business"), &Options { as_of: "2025-06-30".parse().unwrap(), lang: Lang::ZhCn });
    assert!(q2.iter().all(|x| x.key != "entity_type"));
    assert!(q2.iter().all(|x| x.key != "is_high_tech_enterprise"), "an individual business is never a CIT payer");
}

/// Hostile catalogs (issue #7): deep nesting and size get a clear error or a
/// bounded-time result, never a stack overflow.
#[test]
fn deeply_nested_formulas_and_json_are_refused_not_overflowed() {
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let p = problems(&policy(&format!("{deep} > 0")));
    assert!(!p.is_empty());
    let not = format!("{}true", "not ".repeat(100_000));
    assert!(!problems(&policy(&not)).is_empty());
    let minus = format!("{}1 > 0", "-".repeat(100_000));
    assert!(!problems(&policy(&minus)).is_empty());
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(Catalog::from_json(&[("deep.json", &json)]).unwrap_err().code(), "catalog_invalid");
}

#[test]
fn a_catalog_of_ten_thousand_policies_loads_and_evaluates() {
    let mut src = head();
    for i in 0..10_000 {
        src.push_str(&policy_toml(&format!("p{i}"), "taxable_income * 1%", &format!("taxable_income > {i}")));
    }
    let started = std::time::Instant::now();
    let catalog = Catalog::from_sources(&[("big.toml", &src)]).expect("loads");
    let report = calculator_core::evaluate(
        &catalog,
        &Profile::new().with("taxable_income", "5000"),
        &Options { as_of: "2025-01-01".parse().unwrap(), lang: Lang::ZhCn },
    );
    assert_eq!(report.results.iter().filter(|r| r.status == calculator_core::Status::Eligible).count(), 5000);
    // Not a timing test: a generous bound that only a runaway would cross.
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
}

#[test]
fn functions_that_double_each_other_are_refused_before_they_can_freeze_a_page() {
    // f1(x) = f0(x) + f0(x), …: f40 would take 2^40 steps to evaluate.
    let mut src = format!("{}\n[[function]]\nname = \"f0\"\nparams = [\"x: number\"]\nreturns = \"number\"\nbody = \"x\"\n", head());
    for i in 1..=40 {
        let p = i - 1;
        src.push_str(&format!("\n[[function]]\nname = \"f{i}\"\nparams = [\"x: number\"]\nreturns = \"number\"\nbody = \"f{p}(x) + f{p}(x)\"\n"));
    }
    src.push_str(&policy_toml("p", "f40(taxable_income)", "taxable_income > 0"));
    let found = problems(&src);
    // f(i) has 6·2^i − 5 nodes expanded: f18 (1,572,859) is the first over a
    // million, each one after it too, and the amount that calls f40.
    let costly: Vec<String> = found.iter().filter(|p| p.render(Lang::En).contains("more than 1000000")).map(|p| p.context.clone()).collect();
    assert_eq!(costly.first().map(String::as_str), Some("function f18"), "{found:#?}");
    assert!(costly.iter().any(|c| c == "policy p"), "{costly:?}");
    // Ten doublings (6,139 nodes) are fine.
    let mut ok = format!("{}\n[[function]]\nname = \"f0\"\nparams = [\"x: number\"]\nreturns = \"number\"\nbody = \"x\"\n", head());
    for i in 1..=10 {
        let p = i - 1;
        ok.push_str(&format!("\n[[function]]\nname = \"f{i}\"\nparams = [\"x: number\"]\nreturns = \"number\"\nbody = \"f{p}(x) + f{p}(x)\"\n"));
    }
    ok.push_str(&policy_toml("p", "f10(taxable_income)", "taxable_income > 0"));
    assert!(Catalog::from_sources(&[("t.toml", &ok)]).is_ok());
}

#[test]
fn a_checklist_reads_as_statements_and_asks_an_amounts_numbers_by_presence() {
    let c = default_catalog().unwrap();
    let options = Options { as_of: "2025-06-30".parse().unwrap(), lang: Lang::ZhCn };
    let q = questions(c, &Profile::new().with("entity_type", "enterprise"), &options);
    let circumstances = q.iter().find(|x| x.key == "circumstances").expect("the circumstances checklist is asked");
    assert_eq!(circumstances.kind, calculator_core::QuestionKind::MultiSelect);
    // The box reads as the catalog words it, not as the input's question
    // 是否从事国家限制或禁止行业.
    assert_eq!(circumstances.option_label("restricted_industry", Lang::ZhCn), Some("从事国家限制或禁止的行业"));
    assert_eq!(circumstances.option_label("loan_principal", Lang::ZhCn), Some("有向银行等金融机构借入的贷款"));
    // A small-scale individual business gets 六税两费 halved (2023年第12号); its
    // amount asks the eight taxes and the other relief as one checklist.
    let p = Profile::new().with("entity_type", "individual_business").with("vat_taxpayer", "small_scale");
    let q = questions(c, &p, &options);
    let six = q.iter().find(|x| x.key == "six_taxes_paid").expect("the six taxes are asked as one checklist");
    assert_eq!(six.purpose, calculator_core::Purpose::Amount);
    assert_eq!(six.policies, ["cn.tax.six-taxes-two-fees"]);
    assert_eq!(six.presence.len(), 9, "{:?}", six.presence);
    assert_eq!(six.option_label("property_tax", Lang::ZhCn), Some("房产税"));
}

#[test]
fn a_citation_of_a_document_the_policy_does_not_list_names_the_document() {
    let src =
        format!("{}{}", head(), policy_toml("p", "1", "taxable_income > 0").replace("cite = \"一\"", "cite = { doc = \"2026-10\", clause = \"第六条\" }"));
    let p = problems(&src);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].kind, ProblemKind::UnknownReference { what: calculator_core::Reference::Document, name: "2026-10".into(), suggestion: None });
    assert_eq!(p[0].kind.message(Lang::ZhCn), "本政策的文件中没有 `2026-10`（共享文件须以 use = \"2026-10\" 列入）");
}
