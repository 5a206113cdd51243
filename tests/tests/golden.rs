//! The golden cases, natively and (with `wasm-pack test`) in headless Chromium.

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn golden_cases_reproduce_their_worked_examples() {
    let n = calculator_tests::run_all();
    assert!(n >= 40, "only {n} golden cases");
}

/// Issue #3: every policy has an eligible, an ineligible and a needs_input case.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_policy_has_eligible_ineligible_and_needs_input_cases() {
    let gaps = calculator_tests::uncovered();
    assert!(gaps.is_empty(), "policies without a case for each outcome: {gaps:?}");
}

fn case(expect: serde_json::Value) -> calculator_tests::Case {
    let case = serde_json::json!({ "name": "t", "source": "t", "as_of": "2025-12-31", "profile": {}, "expect": expect });
    serde_json::from_value(case).expect("a case")
}

/// Issue #19: an expectation that is not an object of fields (`"eligible"`
/// for `{"status": "eligible"}`) fails, and so do `figures` or `near_miss`
/// that are not objects: none is skipped.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_expectation_that_is_not_an_object_is_a_difference() {
    use serde_json::json;
    let slp = "cn.cit.small-low-profit";
    assert_eq!(calculator_tests::check(&case(json!({ slp: { "status": "needs_input" } }))), Vec::<String>::new());
    for (expect, what) in [
        (json!({ slp: "needs_input" }), slp.to_string()),
        (json!({ slp: null }), slp.to_string()),
        (json!({ slp: ["needs_input"] }), slp.to_string()),
        (json!({ slp: { "status": "needs_input", "figures": "45000.00" } }), format!("{slp}.figures")),
        (json!({ slp: { "status": "needs_input", "near_miss": null } }), format!("{slp}.near_miss")),
    ] {
        let diffs = calculator_tests::check(&case(expect.clone()));
        assert!(diffs.iter().any(|d| d.starts_with(&format!("{what}: expected \"an object of fields\""))), "{expect} gives {diffs:?}");
    }
}

/// Every file of golden/ is embedded, so that the native, browser and Node
/// runs (pkg/tests/node/golden.test.mjs reads the folder) check the same cases.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_golden_file_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/golden")
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .map(|n| format!("golden/{n}"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = calculator_tests::GOLDEN.iter().map(|(name, _)| name.to_string()).collect();
    embedded.sort();
    assert_eq!(embedded, on_disk, "tests/src/lib.rs GOLDEN lists every file of tests/golden/");
}
