//! Golden cases for the default catalog, shared by the native and the
//! browser test runs: `golden/*.json`, each case citing its source.

use calculator_core::{decide_all, default_catalog, evaluate, Lang, Options, Profile, Report};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The golden files, embedded so that the wasm build needs no file access.
pub const GOLDEN: &[(&str, &str)] = &[
    ("golden/national.json", include_str!("../golden/national.json")),
    ("golden/catalog.json", include_str!("../golden/catalog.json")),
    ("golden/employment.json", include_str!("../golden/employment.json")),
    ("golden/finance.json", include_str!("../golden/finance.json")),
    ("golden/local.json", include_str!("../golden/local.json")),
];

/// One case.
#[derive(Deserialize, Debug)]
pub struct Case {
    pub name: String,
    pub source: String,
    pub as_of: String,
    pub profile: Profile,
    #[serde(default)]
    pub expect: BTreeMap<String, Value>,
    #[serde(default)]
    pub derived: BTreeMap<String, Value>,
    #[serde(default)]
    pub error_fields: Option<Vec<String>>,
}

/// Every case of every golden file.
pub fn cases() -> Vec<Case> {
    GOLDEN.iter().flat_map(|(name, text)| serde_json::from_str::<Vec<Case>>(text).unwrap_or_else(|e| panic!("{name}: {e}"))).collect()
}

fn field(report: &Report, policy: &str) -> Value {
    let r = report.result(policy).map(|r| serde_json::to_value(r).expect("serializable"));
    r.unwrap_or(Value::Null)
}

/// Runs one case; returns what differs.
pub fn check(case: &Case) -> Vec<String> {
    let catalog = match default_catalog() {
        Ok(c) => c,
        Err(e) => return vec![e.to_string()],
    };
    let Ok(as_of) = case.as_of.parse() else { return vec![format!("bad as_of {}", case.as_of)] };
    let options = Options { as_of, lang: Lang::ZhCn };
    let report = evaluate(catalog, &case.profile, &options);
    let mut diffs = Vec::new();
    // The lean path (register matching) decides exactly as the full report.
    let lean = decide_all(catalog, &case.profile, &options);
    for (d, r) in lean.decisions.iter().zip(&report.results) {
        let keys = |slots: &[u16]| -> Vec<String> { slots.iter().map(|&i| catalog.inputs()[usize::from(i)].key.clone()).collect() };
        let (missing, amount_missing) = (keys(&d.missing), keys(&d.amount_missing));
        if (d.status, d.amount, d.counted_in_totals) != (r.status, r.amount, r.counted_in_totals) || missing != r.missing || amount_missing != r.amount_missing
        {
            diffs.push(format!(
                "{}: lean path gives {:?} {:?} {missing:?} {}, the report {:?} {:?} {:?} {}",
                r.policy_id, d.status, d.amount, d.counted_in_totals, r.status, r.amount, r.missing, r.counted_in_totals
            ));
        }
    }
    if lean.field_errors != report.errors.len() {
        diffs.push(format!("lean path counts {} field errors, the report {}", lean.field_errors, report.errors.len()));
    }
    let mut differ = |what: String, want: &Value, got: &Value| {
        if want != got {
            diffs.push(format!("{what}: expected {want}, got {got}"));
        }
    };
    // An expectation that is no object of fields checks nothing: it is a
    // difference, never skipped.
    let not_fields = json!("an object of fields");
    for (policy, want) in &case.expect {
        let got = field(&report, policy);
        let Value::Object(want) = want else {
            differ(policy.clone(), &not_fields, want);
            continue;
        };
        for (key, w) in want {
            match (key.as_str(), w) {
                ("figures", Value::Object(figures)) => {
                    for (f, wv) in figures {
                        differ(format!("{policy}.figures.{f}"), wv, &got["figures"][f]);
                    }
                }
                ("near_miss", Value::Object(needed)) => {
                    for (k, wv) in needed {
                        let change = got["near_miss"]["changes"]
                            .as_array()
                            .and_then(|a| a.iter().find(|c| c["key"] == Value::String(k.clone())))
                            .map(|c| c["needed"].clone())
                            .unwrap_or(Value::Null);
                        differ(format!("{policy}.near_miss.{k}"), wv, &change);
                    }
                }
                ("figures" | "near_miss", _) => differ(format!("{policy}.{key}"), &not_fields, w),
                _ => differ(format!("{policy}.{key}"), w, &got[key]),
            }
        }
    }
    let derived = serde_json::to_value(&report.derived).expect("serializable");
    for (k, w) in &case.derived {
        differ(format!("derived.{k}"), w, &derived[k]);
    }
    if let Some(fields) = &case.error_fields {
        let mut got: Vec<String> = report.errors.iter().map(|e| e.field.clone()).collect();
        got.sort();
        let mut want = fields.clone();
        want.sort();
        differ("errors".into(), &json!(want), &json!(got));
    }
    diffs
}

/// Policies of the default catalog lacking a golden case that expects each of
/// eligible, ineligible and needs_input: `(policy id, missing statuses)`.
pub fn uncovered() -> Vec<(String, Vec<&'static str>)> {
    let cases = cases();
    let Ok(catalog) = default_catalog() else { return vec![("<default catalog>".into(), vec!["loads"])] };
    let mut gaps = Vec::new();
    for p in catalog.policies() {
        let missing: Vec<&'static str> = ["eligible", "ineligible", "needs_input"]
            .into_iter()
            .filter(|status| !cases.iter().any(|c| c.expect.get(&p.id).is_some_and(|e| e["status"] == *status)))
            .collect();
        if !missing.is_empty() {
            gaps.push((p.id.clone(), missing));
        }
    }
    gaps
}

/// Runs every case and panics with all differences.
pub fn run_all() -> usize {
    let cases = cases();
    let mut failures = Vec::new();
    for c in &cases {
        let d = check(c);
        if !d.is_empty() {
            failures.push(format!("✘ {} [{}]\n    {}", c.name, c.source, d.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} golden cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    cases.len()
}
