//! What several policies share is written once and followed by every policy
//! that uses it (POLICY_FORMAT.md, "Written once").

use calculator_core::{evaluate, Catalog, Lang, Options, ProblemKind, Profile, Status};

const SHARED: &str = r#"[catalog]
id = "t"
version = "1"
title = "t"

[[input]]
key = "employees"
type = "integer"
group = "basic"
label = "从业人数"

[[document]]
key = "law"
title = "法"
number = "某法"
issuer = "人大"
evidence = "official"

[[parameter]]
name = "cap"
[[parameter.version]]
from = 2020-01-01
value = "300"
cite = { doc = "law", clause = "第一条" }

[[condition]]
id = "small"
text = "从业人数不超过上限"
when = "employees <= 300"
cite = { doc = "law", clause = "第二条" }
"#;

fn policy(id: &str, body: &str) -> String {
    format!(
        r#"
[[policy]]
id = "{id}"
name = "{id}"
category = "subsidy"
level = "national"
valid_from = 2020-01-01
delivery = {{ mode = "apply" }}
{body}
"#
    )
}

const USES: &str = r#"amount = "cap * 10"
[[policy.document]]
key = "own"
title = "通知"
number = "某通知"
issuer = "厅"
evidence = "official"
[[policy.parameter]]
use = "cap"
[[policy.condition]]
use = "small"
"#;

#[test]
fn a_shared_condition_parameter_and_document_are_copied_into_each_policy_that_uses_them() {
    let src = format!("{SHARED}{}{}", policy("a", USES), policy("b", USES));
    let catalog = Catalog::from_sources(&[("t.toml", &src)]).expect("loads");
    for p in catalog.policies() {
        let numbers: Vec<&str> = p.documents.iter().map(|d| d.number.as_str()).collect();
        // The policy's own document first; the shared one its condition cites after.
        assert_eq!(numbers, ["某通知", "某法"], "{}", p.id);
        assert_eq!(p.conditions[0].id, "small");
    }
    let report = evaluate(&catalog, &Profile::new().with("employees", 20), &Options { as_of: "2025-12-31".parse().unwrap(), lang: Lang::ZhCn });
    for r in &report.results {
        assert_eq!((r.status, r.amount.map(|m| m.to_string())), (Status::Eligible, Some("3000.00".into())));
        assert_eq!(r.conditions[0].citation.as_deref(), Some("某法 第二条"), "cited as the policy's own");
    }
    // Change the shared condition once: both policies follow.
    let stricter = src.replace("when = \"employees <= 300\"", "when = \"employees <= 10\"");
    let catalog = Catalog::from_sources(&[("t.toml", &stricter)]).expect("loads");
    let report = evaluate(&catalog, &Profile::new().with("employees", 20), &Options { as_of: "2025-12-31".parse().unwrap(), lang: Lang::ZhCn });
    assert!(report.results.iter().all(|r| r.status == Status::Ineligible));
}

fn problems(src: &str) -> Vec<ProblemKind> {
    match Catalog::from_sources(&[("t.toml", src)]) {
        Ok(_) => Vec::new(),
        Err(calculator_core::Error::Catalog(p)) => p.into_iter().map(|p| p.kind).collect(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_shared_item_no_policy_uses_is_a_load_error() {
    let kinds = problems(&format!("{SHARED}{}", policy("a", "amount = \"1\"\n[[policy.document]]\nuse = \"law\"\n")));
    assert!(kinds.contains(&ProblemKind::Unused { what: "parameter".into(), name: "cap".into() }), "{kinds:?}");
    assert!(kinds.contains(&ProblemKind::Unused { what: "condition".into(), name: "small".into() }), "{kinds:?}");
    assert!(!kinds.iter().any(|k| matches!(k, ProblemKind::Unused { what, .. } if what == "document")), "{kinds:?}");
}

#[test]
fn a_use_of_nothing_or_with_more_fields_is_refused() {
    let typo = USES.replace("use = \"small\"", "use = \"smal\"");
    let kinds = problems(&format!("{SHARED}{}", policy("a", &typo)));
    let unknown = ProblemKind::UnknownReference { what: calculator_core::Reference::SharedCondition, name: "smal".into(), suggestion: Some("small".into()) };
    assert!(kinds.contains(&unknown), "{kinds:?}");
    assert_eq!(unknown.message(calculator_core::Lang::ZhCn), "目录中没有共享条件 `smal`；您是否指 `small`？");
    let both = USES.replace("use = \"small\"", "use = \"small\"\nid = \"x\"");
    let kinds = problems(&format!("{SHARED}{}", policy("a", &both)));
    assert!(kinds.iter().any(|k| matches!(k, ProblemKind::Invalid { field, .. } if field == "use")), "{kinds:?}");
}

#[test]
fn a_window_that_ends_before_a_parameters_first_value_is_named_as_such() {
    let early = policy("a", USES).replace("valid_from = 2020-01-01", "valid_from = 2018-01-01\nvalid_until = 2019-06-30");
    let kinds = problems(&format!("{SHARED}{early}"));
    assert!(kinds.contains(&ProblemKind::WindowBeforeParameter { name: "cap".into(), until: "2019-06-30".into(), first: "2020-01-01".into() }), "{kinds:?}");
}
