//! The JS API of 辽企通 政策计算器 (CONTRACT.md): plain objects in and out,
//! money as decimal strings, JS `Error`s with a stable `code` for unusable calls.
//!
//! ```js
//! import init, { evaluate } from "liaoqitong-policy-calculator";
//! await init();
//! const report = evaluate({ entity_type: "enterprise", taxable_income: "900000" }, { asOf: "2025-12-31" });
//! ```

use calculator_core::{default_catalog, validity, Catalog, Date, Lang, Options, Profile, RawValue};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** A profile: CONTRACT.md keys; money as decimal strings (numbers are read through their shortest decimal form). */
export type Profile = Record<string, string | number | boolean | null | undefined>;
/** `catalog`: a replacement catalog as JSON text or an object (`policy-calc json` converts TOML catalogs).
 *  `catalogHash`: the `sha256:…` the catalog must have; a mismatch throws `catalog_hash_mismatch` and the catalog is not used. */
export interface EvaluateOptions { asOf?: string; lang?: "zh-CN" | "zh-TW" | "en"; catalog?: string | object; catalogHash?: string; }
/** `questions` also takes `unsure`: the keys the user said she does not know, which are not asked again. */
export interface QuestionOptions extends EvaluateOptions { unsure?: string[]; }
export type Status = "eligible" | "ineligible" | "needs_input" | "not_in_force" | "error";
/** `operator`: = ≠ < ≤ > ≥ ∈ ∉. Under a `not` a comparison is shown turned around (`not (x > 300)` as `x ≤ 300`), so `result` says whether it is as the rule needs. */
export interface Comparison { subject: string; key: string | null; value: string | null; operator: string; threshold: string | null; result: "pass" | "fail" | "unknown"; }
export interface ConditionTrace { id: string; text: string; citation: string | null; formula: string; result: "pass" | "fail" | "unknown"; comparisons: Comparison[]; missing: string[]; unconfirmed: string | null; }
export interface Step { name: string; label: string; formula: string; substituted: string; value: string | null; citation: string | null; unconfirmed: string | null; }
export interface NearMiss { changes: { key: string; label: string; current: string; needed: string; delta: string }[]; message: string; }
export interface PolicyResult {
  policy_id: string; name: string; status: Status; category: "tax_credit" | "subsidy" | "fee_reduction" | "tax_deferral";
  level: "national" | "provincial" | "municipal" | "district";
  /** The benefit in 元; `null` unless eligible, and while an eligible policy's amount waits for `amount_missing`. */
  amount: string | null; figures: Record<string, string>;
  /** Inputs that would decide a `needs_input` result. */
  missing: string[];
  /** Inputs that would compute the amount of an eligible result whose `amount` is `null`. */
  amount_missing: string[];
  conditions: ConditionTrace[]; breakdown: Step[]; near_miss: NearMiss | null;
  source: { document: string; title: string; url: string | null; issuer: string; evidence: string };
  documents: string[]; valid_from: string | null; valid_until: string | null;
  amount_ceiling: boolean; counted_in_totals: boolean; stacking: string | null;
  how_to_claim: { mode: "automatic" | "declare" | "apply"; mode_text: string; channel: string | null; deadline: string | null };
  reason: string; note: string | null; unconfirmed: boolean; caveats: string[];
}
export interface FieldIssue { field: string; code: string; message: string; }
/** A policy whose own formula could not be computed for this profile (its status is `error`). */
export interface PolicyError { policy_id: string; code: "overflow" | "division_by_zero" | "no_parameter_value"; message: string; }
export interface Report {
  catalog: { id: string; version: string; hash: string }; as_of: string; lang: string;
  derived: Record<string, string | boolean>; results: PolicyResult[];
  /** `tax_deferral`: tax paid later, not saved — never add it to the others. */
  totals: { tax_credit: string; subsidy: string; fee_reduction: string; tax_deferral: string };
  /** Per category, how many eligible policies still wait for an input to compute their amount. */
  amounts_pending: { tax_credit: number; subsidy: number; fee_reduction: number; tax_deferral: number };
  stacking: { group: string; rule: string; basis: string; eligible: string[]; recommended: string }[];
  warnings: FieldIssue[]; errors: FieldIssue[]; policy_errors: PolicyError[];
}
export function evaluate(profile: Profile, options?: EvaluateOptions): Report;

export interface Choice { value: string; label: string; }
export type InputKind = "money" | "number" | "integer" | "ratio" | "boolean" | "date" | "enum" | "text" | "industry_code" | "region_code" | "credit_code";
/** One question still worth asking, in the order to ask them: first what decides the open policies (`purpose: "decide"`,
 *  most decisive first), then what computes the amounts of those already eligible (`"amount"`).
 *  A `multi_select` answers several inputs at once (`keys`; `key` names the question): a yes/no input is true where ticked,
 *  false where not; a number of `presence` is 0 where unticked, and a ticked one is asked for its value next. */
export interface Question {
  key: string; label: string; help: string | null; kind: InputKind | "multi_select"; unit: string | null; group: string; options: Choice[];
  keys: string[]; presence: string[]; purpose: "decide" | "amount"; policies: string[];
}
/** The questions that would decide the policies still open for `profile`, then those that compute eligible amounts. */
export function questions(profile: Profile, options?: QuestionOptions): Question[];

/** Field-level problems of a profile (never thrown). */
export interface ProfileCheck { valid: boolean; errors: FieldIssue[]; warnings: FieldIssue[]; }
export function validateProfile(profile: Profile, options?: EvaluateOptions): ProfileCheck;

export interface InputInfo { key: string; label: string; help: string | null; kind: InputKind; unit: string | null; group: string; options: Choice[]; }
export interface CatalogInfo { id: string; version: string; title: string; published: string | null; hash: string; note: string | null; policies: number; inputs: InputInfo[]; }
/** The catalog in use (the default one, or `options.catalog`). */
export function catalogInfo(options?: EvaluateOptions): CatalogInfo;

export interface DocumentInfo { number: string; title: string; issuer: string; url: string | null; date: string | null; evidence: string; }
export interface PolicyInfo {
  id: string; name: string; summary: string | null; category: "tax_credit" | "subsidy" | "fee_reduction" | "tax_deferral";
  level: "national" | "provincial" | "municipal" | "district"; regions: string[];
  valid_from: string | null; valid_until: string | null; validity: string; in_force: boolean;
  amount_ceiling: boolean; claim: "automatic" | "declare" | "apply"; documents: DocumentInfo[]; unconfirmed: string[];
}
/** Every policy of the catalog, with whether it is in force on `options.asOf`. */
export function listPolicies(options?: EvaluateOptions): PolicyInfo[];

export interface CatalogProblem { file: string; line: number; column: number; context: string; message: string; }
export interface CatalogCheck { valid: boolean; catalog: { id: string; version: string; hash: string } | null; problems: CatalogProblem[]; }
/** Checks a catalog (TOML or JSON text, or an object) without using it; problems are returned, not thrown. */
export function validateCatalog(catalog: string | object, options?: { lang?: "zh-CN" | "zh-TW" | "en" }): CatalogCheck;
/** Reads and checks a catalog and returns it compiled, for the widget (which reads only compiled
 *  catalogs). The bytes suit this version of the package only. Throws as `evaluate` does for a bad
 *  catalog (`catalog_invalid`, `catalog_hash_mismatch` when `catalogHash` is given and differs). */
export function compileCatalog(catalog: string | object, options?: { lang?: "zh-CN" | "zh-TW" | "en"; catalogHash?: string }): Uint8Array;
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
        if js_sys::Number::is_finite(v) {
            RawValue::Number(text)
        } else {
            RawValue::Text(text)
        }
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
#[cfg(feature = "catalogs")]
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

fn lang_of(js: &JsValue) -> Lang {
    let tag = if js.is_object() { Reflect::get(js, &"lang".into()).ok().and_then(|v| v.as_string()) } else { None };
    tag.map_or(Lang::ZhCn, |t| Lang::from_tag(&t))
}

/// A catalog handed over as TOML or JSON text, or as an object.
#[cfg(feature = "catalogs")]
fn load_catalog(c: &JsValue) -> Result<Result<Catalog, calculator_core::Error>, JsValue> {
    Ok(match c.as_string() {
        Some(text) if text.trim_start().starts_with('{') => Catalog::from_json(&[("catalog.json", &text)]),
        #[cfg(feature = "toml")]
        Some(text) => Catalog::from_sources(&[("catalog.toml", &text)]),
        #[cfg(not(feature = "toml"))]
        Some(_) => return Err(js_error("catalog_invalid", "catalog text must be JSON here (policy-calc json converts TOML catalogs)")),
        None => match json_value(c, 0)? {
            v @ serde_json::Value::Object(_) => Catalog::from_values(vec![("catalog".into(), v)]),
            _ => return Err(js_error("catalog_invalid", "catalog must be TOML or JSON text, or an object")),
        },
    })
}

/// The lean build carries the built-in catalog compiled, and neither the
/// catalog reader nor the checker: it cannot take another catalog.
#[cfg(not(feature = "catalogs"))]
#[inline(always)] // so that callers see it always fails, and drop what follows
fn load_catalog(_: &JsValue) -> Result<Result<Catalog, calculator_core::Error>, JsValue> {
    Err(js_error("catalog_unsupported", "this build (api-lite) has only the built-in catalog; use the full build (api) to read or check another catalog"))
}

/// A host's catalog, read and checked, refused unless it has the `expected`
/// hash when one is given.
fn pinned_catalog(c: &JsValue, expected: Option<String>, lang: Lang) -> Result<Catalog, JsValue> {
    let checked = load_catalog(c)?.and_then(|catalog| match &expected {
        Some(hash) => catalog.verify_hash(hash).map(|()| catalog),
        None => Ok(catalog),
    });
    checked.map_err(|e| js_error(e.code(), &e.message(lang)))
}

fn options_from(js: &JsValue) -> Result<Call, JsValue> {
    let get = |k: &str| if js.is_object() { Reflect::get(js, &k.into()).ok() } else { None };
    let lang = lang_of(js);
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
        Some(c) => Some(pinned_catalog(&c, get("catalogHash").and_then(|h| h.as_string()), lang)?),
    };
    if let (None, Some(expected)) = (&catalog, get("catalogHash").and_then(|h| h.as_string())) {
        // Pinning the built-in catalog: the package must carry the rules the host checked.
        default_catalog().and_then(|c| c.verify_hash(&expected)).map_err(|e| js_error(e.code(), &e.message(lang)))?;
    }
    Ok(Call { options: Options { as_of, lang }, catalog })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| js_error("internal", &e.to_string()))
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
    with_catalog(&call, |c| to_js(&calculator_core::evaluate(c, &profile, &call.options)))?
}

/// The inputs that would decide the policies still open for `profile`, the
/// most decisive first (条件预校验).
#[wasm_bindgen(skip_typescript)]
pub fn questions(profile: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let profile = profile_from(&profile)?;
    let call = options_from(&options)?;
    let lang = call.options.lang;
    let unsure: Vec<String> = if options.is_object() {
        Reflect::get(&options, &"unsure".into()).ok().filter(Array::is_array).map_or_else(Vec::new, |v| {
            let list: &Array = v.unchecked_ref();
            list.iter().filter_map(|k| k.as_string()).collect()
        })
    } else {
        Vec::new()
    };
    with_catalog(&call, |c| {
        let unsure: Vec<&str> = unsure.iter().map(String::as_str).collect();
        let qs = calculator_core::Planner::new(c, &call.options).questions(&profile, &unsure);
        let out: Vec<QuestionInfo> = qs.iter().map(|q| question_info(q, lang)).collect();
        to_js(&out)
    })?
}

/// A question, its texts and choices in the caller's language.
#[derive(Serialize)]
struct QuestionInfo<'a> {
    key: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    kind: calculator_core::QuestionKind,
    unit: Option<&'a str>,
    group: &'a str,
    options: Vec<ChoiceInfo<'a>>,
    keys: &'a [String],
    presence: &'a [String],
    purpose: calculator_core::Purpose,
    policies: &'a [String],
}

fn question_info(q: &calculator_core::Question, lang: Lang) -> QuestionInfo<'_> {
    QuestionInfo {
        key: &q.key,
        label: &q.label,
        help: q.help.as_deref(),
        kind: q.kind,
        unit: q.unit.as_deref(),
        group: &q.group,
        options: q.options.iter().map(|o| ChoiceInfo { value: &o.value, label: o.label.get(lang) }).collect(),
        keys: &q.keys,
        presence: &q.presence,
        purpose: q.purpose,
        policies: &q.policies,
    }
}

#[derive(Serialize)]
struct ProfileCheck {
    valid: bool,
    errors: Vec<calculator_core::FieldIssue>,
    warnings: Vec<calculator_core::FieldIssue>,
}

/// Field-level problems of `profile`, localized, each naming its key.
#[wasm_bindgen(js_name = validateProfile, skip_typescript)]
pub fn validate_profile(profile: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let profile = profile_from(&profile)?;
    let call = options_from(&options)?;
    let v = with_catalog(&call, |c| calculator_core::validate(c, &profile, call.options.lang))?;
    to_js(&ProfileCheck { valid: v.errors.is_empty(), errors: v.errors, warnings: v.warnings })
}

#[derive(Serialize)]
struct InputInfo<'a> {
    key: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    kind: calculator_core::InputKind,
    unit: Option<&'a str>,
    group: &'a str,
    options: Vec<ChoiceInfo<'a>>,
}

fn input_info(d: &calculator_core::InputDef, lang: Lang) -> InputInfo<'_> {
    InputInfo {
        key: &d.key,
        label: d.label.get(lang),
        help: d.help.as_ref().map(|h| h.get(lang)),
        kind: d.kind,
        unit: d.unit.as_deref(),
        group: &d.group,
        options: d.options.iter().map(|o| ChoiceInfo { value: &o.value, label: o.label.get(lang) }).collect(),
    }
}

#[derive(Serialize)]
struct ChoiceInfo<'a> {
    value: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct CatalogSummary<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    published: Option<String>,
    hash: &'a str,
    note: Option<&'a str>,
    policies: usize,
    inputs: Vec<InputInfo<'a>>,
}

/// The catalog in use: identity, hash, and the inputs it reads (labels in `lang`).
#[wasm_bindgen(js_name = catalogInfo, skip_typescript)]
pub fn catalog_info(options: JsValue) -> Result<JsValue, JsValue> {
    let call = options_from(&options)?;
    let lang = call.options.lang;
    with_catalog(&call, |c| {
        let i = c.info();
        to_js(&CatalogSummary {
            id: &i.id,
            version: &i.version,
            title: i.title.get(lang),
            published: i.published.map(|d| d.to_string()),
            hash: &i.hash,
            note: i.note.as_ref().map(|n| n.get(lang)),
            policies: c.policies().len(),
            inputs: c.inputs().iter().map(|d| input_info(d, lang)).collect(),
        })
    })?
}

#[derive(Serialize)]
struct DocumentInfo<'a> {
    number: &'a str,
    title: &'a str,
    issuer: &'a str,
    url: Option<&'a str>,
    date: Option<String>,
    evidence: calculator_core::catalog::Evidence,
}

#[derive(Serialize)]
struct PolicyInfo<'a> {
    id: &'a str,
    name: &'a str,
    summary: Option<&'a str>,
    category: calculator_core::Category,
    level: calculator_core::catalog::Level,
    regions: &'a [String],
    valid_from: Option<String>,
    valid_until: Option<String>,
    validity: String,
    in_force: bool,
    amount_ceiling: bool,
    claim: calculator_core::catalog::DeliveryMode,
    documents: Vec<DocumentInfo<'a>>,
    unconfirmed: Vec<&'a str>,
}

/// Every policy of the catalog in use, and whether it is in force on `asOf`.
#[wasm_bindgen(js_name = listPolicies, skip_typescript)]
pub fn list_policies(options: JsValue) -> Result<JsValue, JsValue> {
    let call = options_from(&options)?;
    let (lang, as_of) = (call.options.lang, call.options.as_of);
    with_catalog(&call, |c| {
        let list: Vec<PolicyInfo> = c
            .policies()
            .iter()
            .map(|p| PolicyInfo {
                id: &p.id,
                name: p.name.get(lang),
                summary: p.summary.as_ref().map(|s| s.get(lang)),
                category: p.category,
                level: p.level,
                regions: &p.regions,
                valid_from: p.valid_from.map(|d| d.to_string()),
                valid_until: p.valid_until.map(|d| d.to_string()),
                validity: validity(p.valid_from, p.valid_until, lang),
                in_force: p.in_force(as_of),
                amount_ceiling: p.amount_ceiling,
                claim: p.delivery.mode,
                documents: p
                    .documents
                    .iter()
                    .map(|d| DocumentInfo {
                        number: &d.number,
                        title: &d.title,
                        issuer: &d.issuer,
                        url: d.url.as_deref(),
                        date: d.date.map(|x| x.to_string()),
                        evidence: d.evidence,
                    })
                    .collect(),
                unconfirmed: p.unconfirmed.iter().map(|t| t.get(lang)).collect(),
            })
            .collect();
        to_js(&list)
    })?
}

#[derive(Serialize)]
struct CatalogCheck {
    valid: bool,
    catalog: Option<CatalogId>,
    problems: Vec<ProblemInfo>,
}

#[derive(Serialize)]
struct CatalogId {
    id: String,
    version: String,
    hash: String,
}

#[derive(Serialize)]
struct ProblemInfo {
    file: String,
    line: u32,
    column: u32,
    context: String,
    message: String,
}

/// Checks a catalog without using it. Problems are returned (with file,
/// line and column for TOML text), never thrown.
#[wasm_bindgen(js_name = validateCatalog, skip_typescript)]
pub fn validate_catalog(catalog: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(&options);
    let check = match load_catalog(&catalog)? {
        Ok(c) => CatalogCheck {
            valid: true,
            catalog: Some(CatalogId { id: c.info().id.clone(), version: c.info().version.clone(), hash: c.info().hash.clone() }),
            problems: Vec::new(),
        },
        Err(calculator_core::Error::Catalog(problems)) => CatalogCheck {
            valid: false,
            catalog: None,
            problems: problems
                .into_iter()
                .map(|p| ProblemInfo { message: p.kind.message(lang), file: p.file, line: p.line, column: p.column, context: p.context })
                .collect(),
        },
        Err(e) => CatalogCheck {
            valid: false,
            catalog: None,
            problems: vec![ProblemInfo { file: String::new(), line: 0, column: 0, context: String::new(), message: e.message(lang) }],
        },
    };
    to_js(&check)
}

/// The catalog compiled ([`Catalog::to_bytes`]): the widget module reads
/// only compiled catalogs, so that it carries no reader or checker;
/// `policy-calculator.js` loads this module only when a host gives one.
#[cfg(feature = "catalogs")]
#[wasm_bindgen(js_name = compileCatalog, skip_typescript)]
pub fn compile_catalog(catalog: JsValue, options: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    let hash = if options.is_object() { Reflect::get(&options, &"catalogHash".into()).ok().and_then(|h| h.as_string()) } else { None };
    let c = pinned_catalog(&catalog, hash, lang_of(&options))?;
    Ok(js_sys::Uint8Array::from(c.to_bytes().as_slice()))
}

/// The lean build has no catalog reader: its `compileCatalog` only says so
/// (kept, so that both builds have the same functions and types).
#[cfg(not(feature = "catalogs"))]
#[wasm_bindgen(js_name = compileCatalog, skip_typescript)]
pub fn compile_catalog(catalog: JsValue, _options: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    load_catalog(&catalog).map(|_| js_sys::Uint8Array::new_with_length(0))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
