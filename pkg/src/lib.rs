//! The JS API of 辽企通 政策计算器 (CONTRACT.md): plain objects in and out,
//! money as decimal strings, JS `Error`s with a stable `code` for unusable calls.
//!
//! ```js
//! import init, { evaluate } from "liaoqitong-policy-calculator";
//! await init();
//! const report = evaluate({ entity_type: "enterprise", taxable_income: "900000" }, { asOf: "2025-12-31" });
//! ```

use calculator_core::{default_catalog, Catalog, Date, Lang, Options, Profile, RawValue};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** A profile: CONTRACT.md keys; money as decimal strings (numbers are read through their shortest decimal form). */
export type Profile = Record<string, string | number | boolean | null | undefined>;
export interface EvaluateOptions { asOf?: string; lang?: "zh-CN" | "zh-TW" | "en"; catalog?: string | object; }
export type Status = "eligible" | "ineligible" | "needs_input" | "not_in_force" | "error";
export interface Comparison { subject: string; key: string | null; value: string | null; operator: string; threshold: string | null; result: "pass" | "fail" | "unknown"; }
export interface ConditionTrace { id: string; text: string; citation: string | null; formula: string; result: "pass" | "fail" | "unknown"; comparisons: Comparison[]; missing: string[]; unconfirmed: string | null; }
export interface Step { name: string; label: string; formula: string; substituted: string; value: string | null; citation: string | null; unconfirmed: string | null; }
export interface NearMiss { changes: { key: string; label: string; current: string; needed: string; delta: string }[]; message: string; }
export interface PolicyResult {
  policy_id: string; name: string; status: Status; category: "tax_credit" | "subsidy" | "fee_reduction";
  level: "national" | "provincial" | "municipal" | "district"; amount: string | null; figures: Record<string, string>;
  missing: string[]; conditions: ConditionTrace[]; breakdown: Step[]; near_miss: NearMiss | null;
  source: { document: string; title: string; url: string | null; issuer: string; evidence: string };
  documents: string[]; valid_from: string | null; valid_until: string | null;
  amount_ceiling: boolean; counted_in_totals: boolean; stacking: string | null;
  how_to_claim: { mode: "automatic" | "declare" | "apply"; mode_text: string; channel: string | null; deadline: string | null };
  reason: string; note: string | null; unconfirmed: boolean; caveats: string[];
}
export interface FieldIssue { field: string; code: string; message: string; }
export interface Report {
  catalog: { id: string; version: string; hash: string }; as_of: string; lang: string;
  derived: Record<string, string | boolean>; results: PolicyResult[];
  totals: { tax_credit: string; subsidy: string; fee_reduction: string };
  stacking: { group: string; rule: string; basis: string; eligible: string[]; recommended: string }[];
  warnings: FieldIssue[]; errors: FieldIssue[];
}
export function evaluate(profile: Profile, options?: EvaluateOptions): Report;
"#;

/// A JS `Error` with a machine-readable `code`.
fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    let _ = Reflect::set(&err, &"code".into(), &code.into());
    err.into()
}

fn today() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, d.get_month() as u8 + 1, d.get_date() as u8).ok()
}

/// A JS value as profile input, without binary floating point: numbers are
/// taken through `Number.prototype.toString`, their shortest decimal form.
fn raw_value(v: &JsValue) -> RawValue {
    if v.is_null() || v.is_undefined() {
        RawValue::Null
    } else if let Some(b) = v.as_bool() {
        RawValue::Bool(b)
    } else if let Some(s) = v.as_string() {
        RawValue::Text(s)
    } else if let Some(n) = v.dyn_ref::<js_sys::Number>() {
        // NaN and ±Infinity become text the validator rejects by name.
        let text: String = n.to_string_with_radix(10).map(String::from).unwrap_or_else(|_| "NaN".into());
        if js_sys::Number::is_finite(v) { RawValue::Number(text) } else { RawValue::Text(text) }
    } else {
        RawValue::Text(String::from(js_sys::JSON::stringify(v).unwrap_or_else(|_| "[object]".into())))
    }
}

fn profile_from(js: &JsValue) -> Result<Profile, JsValue> {
    if js.is_null() || js.is_undefined() {
        return Ok(Profile::new());
    }
    let Some(obj) = js.dyn_ref::<Object>() else {
        return Err(js_error("invalid_profile", "profile must be a plain object of CONTRACT.md keys"));
    };
    let mut p = Profile::new();
    for entry in Object::entries(obj).iter() {
        let pair: Array = entry.unchecked_into();
        if let Some(key) = pair.get(0).as_string() {
            p.set(&key, raw_value(&pair.get(1)));
        }
    }
    Ok(p)
}

/// A JS object as JSON values, for catalogs handed over as objects. Numbers
/// are kept as their decimal text: the core reads no floating point.
fn json_value(v: &JsValue, depth: usize) -> Result<serde_json::Value, JsValue> {
    use serde_json::Value as J;
    if depth > 32 {
        return Err(js_error("catalog_invalid", "catalog object nests too deeply"));
    }
    Ok(if let Some(b) = v.as_bool() {
        J::Bool(b)
    } else if let Some(s) = v.as_string() {
        J::String(s)
    } else if let Some(n) = v.dyn_ref::<js_sys::Number>() {
        J::String(n.to_string_with_radix(10).map(String::from).unwrap_or_default())
    } else if Array::is_array(v) {
        let a: &Array = v.unchecked_ref();
        J::Array(a.iter().map(|x| json_value(&x, depth + 1)).collect::<Result<_, _>>()?)
    } else if let Some(obj) = v.dyn_ref::<Object>() {
        let mut t = serde_json::Map::new();
        for entry in Object::entries(obj).iter() {
            let pair: Array = entry.unchecked_into();
            if let Some(k) = pair.get(0).as_string() {
                let value = pair.get(1);
                if !value.is_null() && !value.is_undefined() {
                    t.insert(k, json_value(&value, depth + 1)?);
                }
            }
        }
        J::Object(t)
    } else {
        return Err(js_error("catalog_invalid", "catalog values must be strings, numbers, booleans, arrays or objects"));
    })
}

struct Call {
    options: Options,
    catalog: Option<Catalog>,
}

fn options_from(js: &JsValue) -> Result<Call, JsValue> {
    let get = |k: &str| if js.is_object() { Reflect::get(js, &k.into()).ok() } else { None };
    let lang = match get("lang").and_then(|v| v.as_string()) {
        Some(tag) => Lang::from_tag(&tag),
        None => Lang::ZhCn,
    };
    let as_of = match get("asOf").filter(|v| !v.is_undefined() && !v.is_null()) {
        None => today().ok_or_else(|| js_error("invalid_option", "could not read today's date"))?,
        Some(v) => {
            let text = v.as_string().unwrap_or_default();
            text.parse().map_err(|_| {
                let e = calculator_core::Error::InvalidOption { option: "asOf", value: text.chars().take(40).collect() };
                js_error(e.code(), &format!("{} (YYYY-MM-DD)", e.message(lang)))
            })?
        }
    };
    let catalog = match get("catalog").filter(|v| !v.is_undefined() && !v.is_null()) {
        None => None,
        Some(c) => {
            let loaded = match c.as_string() {
                Some(text) if text.trim_start().starts_with('{') => Catalog::from_json(&[("catalog.json", &text)]),
                Some(text) => Catalog::from_sources(&[("catalog.toml", &text)]),
                None => match json_value(&c, 0)? {
                    v @ serde_json::Value::Object(_) => Catalog::from_values(vec![("catalog".into(), v)]),
                    _ => return Err(js_error("catalog_invalid", "catalog must be TOML or JSON text, or an object")),
                },
            };
            Some(loaded.map_err(|e| js_error(e.code(), &e.message(lang)))?)
        }
    };
    Ok(Call { options: Options { as_of, lang }, catalog })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error("internal", &e.to_string()))
}

fn with_catalog<T>(call: &Call, f: impl FnOnce(&Catalog) -> T) -> Result<T, JsValue> {
    match &call.catalog {
        Some(c) => Ok(f(c)),
        None => {
            let c = default_catalog().map_err(|e| js_error(e.code(), &e.message(call.options.lang)))?;
            Ok(f(c))
        }
    }
}

/// Evaluates every policy for `profile` (CONTRACT.md). Throws only for an
/// unusable call (`invalid_profile`, `invalid_option`, `catalog_invalid`).
#[wasm_bindgen(skip_typescript)]
pub fn evaluate(profile: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let profile = profile_from(&profile)?;
    let call = options_from(&options)?;
    let report = with_catalog(&call, |c| calculator_core::evaluate(c, &profile, &call.options))?;
    to_js(&report)
}
