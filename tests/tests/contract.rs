//! docs/CONTRACT.md is the public contract: its tables of profile keys and
//! policy ids are checked against the default catalog, both ways, so that
//! neither a key nor a policy changes or appears without the contract
//! saying so.

use calculator_core::{default_catalog, InputKind};
use std::collections::BTreeSet;

const CONTRACT: &str = include_str!("../../docs/CONTRACT.md");

/// The table rows between `<!-- NAME:start -->` and `<!-- NAME:end -->`, as cells.
fn rows(name: &str) -> Vec<Vec<String>> {
    let start = format!("<!-- {name}:start -->");
    let end = format!("<!-- {name}:end -->");
    let body = CONTRACT.split(&start).nth(1).and_then(|rest| rest.split(&end).next()).unwrap_or_else(|| panic!("docs/CONTRACT.md has no {start} … {end}"));
    body.lines().filter(|l| l.starts_with("| `")).map(|l| l.trim().trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect()).collect()
}

fn code(cell: &str) -> &str {
    cell.trim().trim_matches('`')
}

fn kind_name(kind: InputKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[test]
fn every_profile_key_of_the_contract_is_an_input_of_the_type_it_says_and_back() {
    let catalog = default_catalog().expect("the default catalog loads");
    let table = rows("profile-keys");
    let mut listed = BTreeSet::new();
    for row in &table {
        let key = code(&row[0]);
        let input = catalog.input(key).unwrap_or_else(|| panic!("docs/CONTRACT.md lists `{key}`, which the default catalog does not declare"));
        let ty = &row[2];
        let (kind, options) = ty.split_once(": ").map_or((ty.as_str(), None), |(k, o)| (k, Some(o)));
        assert_eq!(kind, kind_name(input.kind), "`{key}`: the contract says {ty}");
        if let Some(options) = options {
            let said: Vec<&str> = options.split(" · ").map(|o| o.trim_matches('`').trim_matches('"')).collect();
            let declared: Vec<&str> = input.options.iter().map(|o| o.value.as_str()).collect();
            assert_eq!(said, declared, "`{key}`: the options of the contract and of the catalog");
        }
        assert!(listed.insert(key.to_string()), "`{key}` is listed twice");
    }
    let unlisted: Vec<&str> = catalog.inputs().iter().map(|i| i.key.as_str()).filter(|k| !listed.contains(*k)).collect();
    assert!(unlisted.is_empty(), "inputs of the default catalog missing from docs/CONTRACT.md §2: {unlisted:?}");
}

#[test]
fn every_policy_id_of_the_contract_is_in_the_catalog_with_its_figures_and_back() {
    let catalog = default_catalog().expect("the default catalog loads");
    let mut listed = BTreeSet::new();
    for row in rows("policy-ids") {
        let id = code(&row[0]);
        let policy = catalog.policies().iter().find(|p| p.id == id).unwrap_or_else(|| panic!("docs/CONTRACT.md lists `{id}`, not in the default catalog"));
        // The figures an eligible result must carry: the `name`s before any "(…)".
        for figure in row[2].split(['`']).skip(1).step_by(2) {
            assert!(
                policy.steps.iter().any(|s| s.name == figure && s.figure),
                "`{id}`: the contract requires the figure `{figure}`, which the policy does not publish"
            );
        }
        assert!(listed.insert(id.to_string()), "`{id}` is listed twice");
    }
    let unlisted: Vec<&str> = catalog.policies().iter().map(|p| p.id.as_str()).filter(|id| !listed.contains(*id)).collect();
    assert!(unlisted.is_empty(), "policies of the default catalog missing from docs/CONTRACT.md §4: {unlisted:?}");
}
