//! The catalog's warnings (`calculator_core::lint`, printed by `policy-calc
//! check`): what loading accepts but a reviewer would question.

use crate::support::{catalog_head, policy_with};
use calculator_core::{default_catalog, lint, Catalog, ProblemKind};

fn warnings(amount: &str, body: &str) -> Vec<(String, ProblemKind)> {
    let second = "[[policy.document]]\nkey = \"b\"\ntitle = \"b\"\nnumber = \"乙\"\nissuer = \"i\"\nevidence = \"official\"\n";
    let src =
        catalog_head(&[("employees", "integer", "从业人数"), ("forgotten", "money", "没人用的输入")]) + &policy_with("p", amount, &format!("{second}{body}"));
    let catalog = Catalog::from_sources(&[("t.toml", &src)]).expect("loads");
    lint(&catalog).into_iter().map(|p| (p.context, p.kind)).collect()
}

#[test]
fn the_default_catalog_has_no_warnings() {
    let found: Vec<String> = lint(default_catalog().expect("loads")).iter().map(|p| p.render(calculator_core::Lang::En)).collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn an_unread_input_an_uncited_document_an_impossible_condition_and_an_uncomputable_amount_are_warned_about() {
    let found = warnings(
        "1000 / (employees - employees)",
        r#"[[policy.condition]]
id = "impossible"
text = "从业人数多于10人又少于5人"
when = "employees > 10 and employees < 5"
cite = "一"
"#,
    );
    let kinds: Vec<&ProblemKind> = found.iter().map(|(_, k)| k).collect();
    assert!(kinds.contains(&&ProblemKind::InputUnread { key: "forgotten".into() }), "{found:?}");
    assert!(kinds.contains(&&ProblemKind::DocumentUncited { number: "乙".into() }), "{found:?}");
    assert!(kinds.contains(&&ProblemKind::ConditionNeverHolds { id: "impossible".into() }), "{found:?}");
    assert!(kinds.contains(&&ProblemKind::AmountNeverComputed), "{found:?}");
}

#[test]
fn a_sound_policy_is_not_warned_about() {
    let found = warnings(
        "forgotten * 10%",
        r#"[[policy.condition]]
id = "small"
text = "从业人数不超过300人"
when = "employees <= 300"
cite = { doc = "b", clause = "二" }
"#,
    );
    assert!(found.is_empty(), "{found:?}");
}
