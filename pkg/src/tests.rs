//! The JS boundary, in headless Chromium: decimals survive unchanged, errors carry codes.
//! (Unit tests rather than tests/: the crate is a cdylib only, for size.)
use super::{catalog_info, compile_catalog, evaluate, list_policies, questions, validate_catalog, validate_profile};
use js_sys::{Object, Reflect};
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

fn result(report: &JsValue, id: &str) -> JsValue {
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
    let catalog = js_sys::JSON::parse(
        r#"{
      "catalog": {"id": "test", "version": "1", "title": "t"},
      "input": [{"key": "n", "type": "integer", "group": "basic", "label": "n"}],
      "policy": [{"id": "x.p", "name": "p", "category": "subsidy", "level": "municipal", "valid_from": "2020-01-01",
                  "delivery": {"mode": "apply"}, "amount": "n * 1000.5",
                  "document": [{"key": "d", "title": "t", "number": "n", "issuer": "i", "evidence": "official"}],
                  "condition": [{"id": "c", "text": "n ≥ 2", "when": "n >= 2", "cite": "一"}]}]
    }"#,
    )
    .unwrap();
    let report = evaluate(obj(&[("n", 3.into())]), obj(&[("asOf", "2025-01-01".into()), ("catalog", catalog)])).unwrap();
    assert_eq!(get(&report, &["catalog", "id"]).as_string().unwrap(), "test");
    let r = result(&report, "x.p");
    assert_eq!(get(&r, &["amount"]).as_string().unwrap(), "3001.50");
    assert_eq!(get(&report, &["totals", "subsidy"]).as_string().unwrap(), "3001.50");
}

fn array(v: &JsValue) -> Vec<JsValue> {
    js_sys::Array::from(v).iter().collect()
}

fn find(list: &JsValue, field: &str, value: &str) -> JsValue {
    array(list).into_iter().find(|x| get(x, &[field]).as_string().as_deref() == Some(value)).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn questions_name_the_inputs_still_open_with_choices_in_the_callers_language() {
    let qs = questions(obj(&[("entity_type", "enterprise".into())]), obj(&[("asOf", "2025-12-31".into()), ("lang", "en".into())])).unwrap();
    let income = find(&qs, "key", "taxable_income");
    assert_eq!(get(&income, &["kind"]).as_string().unwrap(), "money");
    assert!(array(&get(&income, &["policies"])).iter().any(|p| p.as_string().as_deref() == Some("cn.cit.small-low-profit")));
    let vat = find(&qs, "key", "vat_taxpayer");
    let general = find(&get(&vat, &["options"]), "value", "general");
    assert_eq!(get(&general, &["label"]).as_string().unwrap(), "General taxpayer");
    // An individual business is asked nothing about corporate income tax.
    let qs = questions(obj(&[("entity_type", "individual_business".into())]), obj(&[("asOf", "2025-12-31".into())])).unwrap();
    assert!(find(&qs, "key", "taxable_income").is_undefined());
    assert!(!find(&qs, "key", "business_taxable_income").is_undefined());
}

#[wasm_bindgen_test]
fn validate_profile_names_each_bad_field_and_never_throws() {
    let check = validate_profile(
        obj(&[("employees", "四十八".into()), ("credit_code", "91210800MA0000000X".into()), ("colour", "red".into())]),
        obj(&[("lang", "zh-CN".into())]),
    )
    .unwrap();
    assert_eq!(get(&check, &["valid"]), JsValue::FALSE);
    let fields: Vec<String> = array(&get(&check, &["errors"])).iter().map(|e| get(e, &["field"]).as_string().unwrap()).collect();
    assert_eq!(fields, ["credit_code", "employees"]);
    assert!(!find(&get(&check, &["warnings"]), "field", "colour").is_undefined());
    let ok = validate_profile(obj(&[("employees", 48.into())]), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&ok, &["valid"]), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn catalog_info_and_list_policies_describe_the_default_catalog() {
    // What changes with each catalog release is read from the core, not written in.
    let core = calculator_core::default_catalog().unwrap();
    let info = catalog_info(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&info, &["policies"]).as_f64(), Some(core.policies().len() as f64));
    assert_eq!(get(&info, &["version"]).as_string().as_deref(), Some(core.info().version.as_str()));
    assert_eq!(get(&info, &["hash"]).as_string().as_deref(), Some(core.info().hash.as_str()));
    assert!(core.info().hash.starts_with("sha256:"));
    assert_eq!(array(&get(&info, &["inputs"])).len(), core.inputs().len());
    let income = find(&get(&info, &["inputs"]), "key", "taxable_income");
    assert_eq!(get(&income, &["kind"]).as_string().unwrap(), "money");

    // Every policy of the catalog is listed, once, in catalog order.
    let list = list_policies(obj(&[("asOf", "2025-12-31".into())])).unwrap();
    let ids: Vec<String> = array(&list).iter().map(|p| get(p, &["id"]).as_string().unwrap()).collect();
    assert_eq!(ids, core.policies().iter().map(|p| p.id.clone()).collect::<Vec<_>>());
    // 工会经费返还 ran to 2024-12-31 (总工办发〔2023〕3号 and its extension).
    let union = find(&list, "id", "cn.union.small-amount-refund");
    assert_eq!(get(&union, &["in_force"]), JsValue::FALSE);
    assert_eq!(get(&union, &["valid_until"]).as_string().unwrap(), "2024-12-31");
    let slp = find(&list, "id", "cn.cit.small-low-profit");
    assert_eq!(get(&slp, &["in_force"]), JsValue::TRUE);
    assert_eq!(get(&slp, &["claim"]).as_string().unwrap(), "declare");
    assert!(array(&get(&slp, &["documents"])).iter().any(|d| get(d, &["number"]).as_string().unwrap().contains("2023年第12号")));
}

#[wasm_bindgen_test]
fn validate_catalog_returns_located_problems_and_one_hash_for_text_and_object() {
    let bad = validate_catalog("{\n  \"catalog\": {\"id\": \"t\",}\n}".into(), obj(&[("lang", "en".into())])).unwrap();
    assert_eq!(get(&bad, &["valid"]), JsValue::FALSE);
    let first = array(&get(&bad, &["problems"])).remove(0);
    assert_eq!(get(&first, &["line"]).as_f64(), Some(2.0));
    assert!(!get(&first, &["message"]).as_string().unwrap().is_empty());
    let wrong =
        validate_catalog(js_sys::JSON::parse(r#"{"catalog": {"id": "t", "version": "1", "title": "t"}, "policy": [{"id": 7}]}"#).unwrap(), JsValue::UNDEFINED)
            .unwrap();
    assert_eq!(get(&wrong, &["valid"]), JsValue::FALSE);

    let json = r#"{"catalog": {"id": "t", "version": "1", "title": "t", "published": "2025-01-01"}}"#;
    let a = validate_catalog(json.into(), JsValue::UNDEFINED).unwrap();
    let b = validate_catalog(js_sys::JSON::parse(json).unwrap(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&a, &["valid"]), JsValue::TRUE);
    assert_eq!(get(&a, &["catalog", "hash"]).as_string(), get(&b, &["catalog", "hash"]).as_string());

    // TOML text is for the native tools; the browser package says how to convert it.
    let e = validate_catalog("[catalog]\nid = \"t\"\n".into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().unwrap(), "catalog_invalid");
    assert!(get(&e, &["message"]).as_string().unwrap().contains("policy-calc json"));
}

#[wasm_bindgen_test]
fn a_catalog_with_an_expected_hash_fails_closed_on_one_changed_byte() {
    let text = r#"{"catalog": {"id": "t", "version": "1", "title": "t"}, "input": [{"key": "n", "type": "integer", "group": "basic", "label": "n"}],
      "policy": [{"id": "x.p", "name": "p", "category": "subsidy", "level": "municipal", "valid_from": "2020-01-01",
                  "delivery": {"mode": "apply"}, "amount": "n * 1000",
                  "document": [{"key": "d", "title": "t", "number": "n", "issuer": "i", "evidence": "official"}],
                  "condition": [{"id": "c", "text": "n ≥ 2", "when": "n >= 2", "cite": "一"}]}]}"#;
    let check = validate_catalog(text.into(), JsValue::UNDEFINED).unwrap();
    let hash = get(&check, &["catalog", "hash"]);
    let ok = evaluate(obj(&[("n", 3.into())]), obj(&[("asOf", "2025-01-01".into()), ("catalog", text.into()), ("catalogHash", hash.clone())])).unwrap();
    assert_eq!(get(&result(&ok, "x.p"), &["amount"]).as_string().unwrap(), "3000.00");
    // One byte changed on the way: 1000 → 9000 per unit.
    let tampered = text.replace("n * 1000", "n * 9000");
    let e = evaluate(obj(&[("n", 3.into())]), obj(&[("asOf", "2025-01-01".into()), ("catalog", tampered.into()), ("catalogHash", hash)])).unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().unwrap(), "catalog_hash_mismatch");
    // The built-in catalog can be pinned the same way.
    let builtin = get(&catalog_info(JsValue::UNDEFINED).unwrap(), &["hash"]);
    assert!(evaluate(Object::new().into(), obj(&[("catalogHash", builtin)])).is_ok());
    let e = evaluate(Object::new().into(), obj(&[("catalogHash", "sha256:00".into())])).unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().unwrap(), "catalog_hash_mismatch");
}

#[wasm_bindgen_test]
fn compile_catalog_checks_pins_and_compiles_what_the_widget_reads() {
    let json = include_str!("../../tests/e2e/pages/small-catalog.json");
    let hash = "sha256:701a54ecc4324d7628d7f1cac9f4e12027ff57a911194a40a93a739a4387a0d1";
    let bytes = compile_catalog(json.into(), obj(&[("catalogHash", hash.into())])).unwrap().to_vec();
    // The header of this version's compiled catalogs (magic, format, crate
    // version), read from what the core writes: it changes with the format.
    let own = calculator_core::default_catalog().unwrap().to_bytes();
    let header = 9 + usize::from(own[8]);
    assert!(bytes.starts_with(b"LQTPCAT"));
    assert_eq!(bytes[..header], own[..header]);
    let c = calculator_core::Catalog::from_bytes(&bytes).unwrap();
    assert_eq!((c.info().id.as_str(), c.info().hash.as_str()), ("e2e-small", hash));
    // The same catalog as an object compiles to the same bytes.
    let same = compile_catalog(js_sys::JSON::parse(json).unwrap(), JsValue::UNDEFINED).unwrap().to_vec();
    assert_eq!(same, bytes);
    let code = |e: JsValue| get(&e, &["code"]).as_string().unwrap();
    let wrong = compile_catalog(json.into(), obj(&[("catalogHash", "sha256:00".into())])).unwrap_err();
    assert_eq!(code(wrong), "catalog_hash_mismatch");
    let broken = compile_catalog(r#"{"catalog": {"id": 1}}"#.into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(code(broken), "catalog_invalid");
}
