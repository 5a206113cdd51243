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
