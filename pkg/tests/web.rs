//! The JS boundary, in headless Chromium: decimals survive unchanged, errors carry codes.
#![cfg(target_arch = "wasm32")]
use js_sys::{Object, Reflect};
use liaoqitong_policy_calculator::evaluate;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |acc, k| Reflect::get(&acc, &(*k).into()).unwrap())
}

fn result<'a>(report: &JsValue, id: &str) -> JsValue {
    let results: js_sys::Array = get(report, &["results"]).into();
    results.iter().find(|r| get(r, &["policy_id"]).as_string().as_deref() == Some(id)).expect("policy present")
}

#[wasm_bindgen_test]
fn js_numbers_are_read_as_their_shortest_decimal() {
    // 1234567.89 has no exact binary form; through f64 arithmetic the 5% tax
    // would drift. Expected (2023年第12号): 1234567.89 × 5% = 61728.3945 → 61728.39;
    // × 25% = 308641.9725 → 308641.97; relief 308641.97 − 61728.39 = 246913.58.
    let profile = obj(&[
        ("entity_type", "enterprise".into()),
        ("restricted_industry", false.into()),
        ("taxable_income", 1234567.89.into()),
        ("employees", 100.into()),
        ("total_assets", "20000000".into()),
    ]);
    let report = evaluate(profile, obj(&[("asOf", "2025-06-30".into())])).unwrap();
    let r = result(&report, "cn.cit.small-low-profit");
    assert_eq!(get(&r, &["status"]).as_string().unwrap(), "eligible");
    assert_eq!(get(&r, &["figures", "tax_payable"]).as_string().unwrap(), "61728.39");
    assert_eq!(get(&r, &["amount"]).as_string().unwrap(), "246913.58");
    assert_eq!(get(&report, &["as_of"]).as_string().unwrap(), "2025-06-30");
    assert!(get(&report, &["catalog", "hash"]).as_string().unwrap().starts_with("sha256:"));
}

#[wasm_bindgen_test]
fn decimal_strings_round_trip_exactly() {
    let profile = obj(&[("vat_taxpayer", "small_scale".into()), ("vat_filing_period", "month".into()), ("vat_period_sales", "123456.78".into())]);
    let report = evaluate(profile, obj(&[("asOf", "2025-06-30".into())])).unwrap();
    let r = result(&report, "cn.vat.small-scale");
    // 123456.78 × 1% = 1234.5678 → 1234.57; × 3% = 3703.7034 → 3703.70; relief 2469.13.
    assert_eq!(get(&r, &["figures", "vat_payable"]).as_string().unwrap(), "1234.57");
    assert_eq!(get(&r, &["amount"]).as_string().unwrap(), "2469.13");
    assert!(get(&r, &["near_miss"]).is_null(), "json_compatible: null, not undefined");
}

#[wasm_bindgen_test]
fn nan_and_bad_values_are_field_errors_not_exceptions() {
    let profile = obj(&[("employees", f64::NAN.into()), ("total_assets", f64::INFINITY.into()), ("credit_code", "91350100M000100Y4Z".into())]);
    let report = evaluate(profile, obj(&[("asOf", "2025-06-30".into()), ("lang", "en".into())])).unwrap();
    let errors: js_sys::Array = get(&report, &["errors"]).into();
    let fields: Vec<String> = errors.iter().map(|e| get(&e, &["field"]).as_string().unwrap()).collect();
    assert_eq!(fields, vec!["credit_code", "employees", "total_assets"]);
}

#[wasm_bindgen_test]
fn unusable_calls_throw_errors_with_codes() {
    let e = evaluate(JsValue::from(5), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().unwrap(), "invalid_profile");
    let e = evaluate(Object::new().into(), obj(&[("asOf", "2025-02-30".into())])).unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().unwrap(), "invalid_option");
    let e = evaluate(Object::new().into(), obj(&[("catalog", "[catalog]\nid = \"x\"".into())])).unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().unwrap(), "catalog_invalid");
}

#[wasm_bindgen_test]
fn a_replacement_catalog_object_is_used() {
    let catalog = js_sys::JSON::parse(r#"{
      "catalog": {"id": "test", "version": "1", "title": "t"},
      "input": [{"key": "n", "type": "integer", "group": "basic", "label": "n"}],
      "policy": [{"id": "x.p", "name": "p", "category": "subsidy", "level": "municipal", "valid_from": "2020-01-01",
                  "delivery": {"mode": "apply"}, "amount": "n * 1000.5",
                  "document": [{"key": "d", "title": "t", "number": "n", "issuer": "i", "evidence": "official"}],
                  "condition": [{"id": "c", "text": "n ≥ 2", "when": "n >= 2", "cite": "一"}]}]
    }"#).unwrap();
    let report = evaluate(obj(&[("n", 3.into())]), obj(&[("asOf", "2025-01-01".into()), ("catalog", catalog)])).unwrap();
    assert_eq!(get(&report, &["catalog", "id"]).as_string().unwrap(), "test");
    let r = result(&report, "x.p");
    assert_eq!(get(&r, &["amount"]).as_string().unwrap(), "3001.50");
    assert_eq!(get(&report, &["totals", "subsidy"]).as_string().unwrap(), "3001.50");
}
