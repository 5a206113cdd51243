//! The JS boundary: `matchRegister`, `registerTemplate`, `catalogInfo`.

use crate::{error_code, run, template, Progress, Settings};
use calculator_core::{default_catalog, Date, Lang};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** `asOf`: the date whose rules apply (YYYY-MM-DD). `sheet`: a workbook's sheet (default the first).
 *  `key`: the column naming each enterprise (default 统一社会信用代码 / credit_code, else `line:N`).
 *  `needsInput`: also write the policies that need more input. `jsonLines`: the file is JSON Lines profiles. */
export interface RegisterOptions { asOf: string; lang?: "zh-CN" | "zh-TW" | "en"; sheet?: string; key?: string; needsInput?: boolean; jsonLines?: boolean; }
/** After every chunk of rows: rows read so far (`badRows` of them skipped), enterprises with an eligible policy, and how far into the file. */
export interface RegisterProgress { rows: number; badRows: number; withEligible: number; position: number; length: number; }
/** What `policy-calc match` writes: `csv` (--out .csv, with a BOM), `xlsx` (--out .xlsx), `notices` (--notices, JSON Lines) and `summary` (--summary, each policy also with `name` and `category`);
 *  `columns`: the header's columns read as inputs (as named there); `notes`: the ignored ones; `bad`: the first 100 unreadable rows by line, of `badRows`. */
export interface RegisterOutcome { csv: string; xlsx: Uint8Array; notices: string; summary: any; columns: string[]; notes: string[]; bad: string[]; badRows: number; rows: number; }
/** Throws an `Error` with `code` (not_a_table, utf16, empty, no_such_sheet, no_known_columns, bad_header, no_key_column, workbook, bad_options) and a message in `lang`. */
export function matchRegister(bytes: Uint8Array, options: RegisterOptions, onProgress?: (p: RegisterProgress) => void): RegisterOutcome;
"#;

fn get(o: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(o, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn set(o: &Object, key: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(key), &v.into());
}

fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    set(&e, "code", code);
    e.into()
}

/// Matches a register (see the crate's documentation); `bytes` is the whole file.
#[wasm_bindgen(js_name = matchRegister, skip_typescript)]
pub fn match_register(bytes: &[u8], options: JsValue, on_progress: Option<Function>) -> Result<JsValue, JsValue> {
    let lang = get(&options, "lang").and_then(|v| v.as_string()).map_or(Lang::ZhCn, |t| Lang::from_tag(&t));
    let as_of_text = get(&options, "asOf").and_then(|v| v.as_string()).unwrap_or_default();
    let as_of: Date = as_of_text.parse().map_err(|_| {
        error(
            "bad_options",
            &lang.pick(
                format!("asOf：“{as_of_text}”不是日期，应为 YYYY-MM-DD"),
                format!("asOf：「{as_of_text}」不是日期，應為 YYYY-MM-DD"),
                format!("asOf: \"{as_of_text}\" is not a date (YYYY-MM-DD)"),
            ),
        )
    })?;
    let mut settings = Settings::new(as_of, lang);
    settings.sheet = get(&options, "sheet").and_then(|v| v.as_string()).filter(|s| !s.trim().is_empty());
    settings.options.key = get(&options, "key").and_then(|v| v.as_string()).filter(|s| !s.trim().is_empty());
    settings.options.needs_input = get(&options, "needsInput").is_some_and(|v| v.is_truthy());
    settings.json_lines = get(&options, "jsonLines").is_some_and(|v| v.is_truthy());

    let mut report = |p: &Progress| {
        if let Some(f) = &on_progress {
            let o = Object::new();
            set(&o, "rows", p.rows as f64);
            set(&o, "badRows", p.bad_rows as f64);
            set(&o, "withEligible", p.with_eligible as f64);
            set(&o, "position", p.position as f64);
            set(&o, "length", p.length as f64);
            // A throwing callback must not stop the run: the page's progress
            // bar is not worth the register.
            let _ = f.call1(&JsValue::NULL, &o);
        }
    };
    let out = run(bytes, &settings, &mut report).map_err(|e| error(error_code(&e), &e.message(lang)))?;

    let o = Object::new();
    set(&o, "csv", out.csv);
    set(&o, "notices", out.notices);
    set(&o, "xlsx", Uint8Array::from(out.xlsx.as_slice()));
    let rows = out.summary["rows"].as_u64().unwrap_or(0) + out.summary["bad_rows"].as_u64().unwrap_or(0);
    let bad_rows = out.summary["bad_rows"].as_u64().unwrap_or(0);
    set(&o, "summary", js_sys::JSON::parse(&out.summary.to_string()).unwrap_or(JsValue::NULL));
    set(&o, "columns", out.columns.into_iter().map(JsValue::from).collect::<Array>());
    set(&o, "notes", out.notes.into_iter().map(JsValue::from).collect::<Array>());
    set(&o, "bad", out.bad.into_iter().map(JsValue::from).collect::<Array>());
    set(&o, "badRows", bad_rows as f64);
    set(&o, "rows", rows as f64);
    Ok(o.into())
}

/// A CSV a clerk fills in: the credit code, the name, then every input of
/// the built-in catalog by its label in `lang`, with a BOM for Excel.
#[wasm_bindgen(js_name = registerTemplate)]
pub fn register_template(lang: Option<String>) -> Result<String, JsValue> {
    let lang = lang.map_or(Lang::ZhCn, |t| Lang::from_tag(&t));
    let catalog = default_catalog().map_err(|e| error("catalog", &e.to_string()))?;
    Ok(template(catalog, lang))
}

/// The built-in catalog's id, version and hash, and how many policies and inputs it has.
#[wasm_bindgen(js_name = catalogInfo)]
pub fn catalog_info() -> Result<JsValue, JsValue> {
    let catalog = default_catalog().map_err(|e| error("catalog", &e.to_string()))?;
    let info = catalog.info();
    let o = Object::new();
    set(&o, "id", info.id.clone());
    set(&o, "version", info.version.clone());
    set(&o, "hash", info.hash.clone());
    set(&o, "policies", catalog.policies().len() as f64);
    set(&o, "inputs", catalog.inputs().len() as f64);
    Ok(o.into())
}

#[cfg(test)]
mod tests {
    //! In headless Chromium: the boundary gives what the Rust side wrote.
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (k, v) in pairs {
            set(&o, k, v.clone());
        }
        o.into()
    }

    const REGISTER: &str = "统一社会信用代码,企业名称,主体类型,企业所得税年度应纳税所得额,从业人数,资产总额,是否从事国家限制或禁止行业,未知列\n\
        91210800MA0QEXAMP3,营口某某机械有限公司,enterprise,1800000,48,19000000,false,x\n\
        91210800MA0QEXAMP4,营口某某商贸有限公司,enterprise,不是数字,12,3000000,false,y\n";

    #[wasm_bindgen_test]
    fn a_register_is_matched_with_progress_per_chunk() {
        let calls = std::rc::Rc::new(std::cell::Cell::new(0u32));
        let seen = calls.clone();
        let cb = Closure::<dyn FnMut(JsValue)>::new(move |p: JsValue| {
            seen.set(seen.get() + 1);
            assert_eq!(get(&p, "rows").and_then(|v| v.as_f64()), Some(2.0));
        });
        let out = match_register(REGISTER.as_bytes(), opts(&[("asOf", "2025-12-31".into())]), Some(cb.as_ref().unchecked_ref::<Function>().clone())).unwrap();
        assert_eq!(calls.get(), 1, "two rows are one chunk: one call");
        let csv = get(&out, "csv").and_then(|v| v.as_string()).unwrap();
        // 2023年第12号: 1,800,000 × 20% × 25% = 90,000 paid instead of 450,000 → 360,000.00 saved.
        assert!(csv.contains("91210800MA0QEXAMP3") && csv.contains("360000.00"), "{csv}");
        let xlsx: Uint8Array = get(&out, "xlsx").unwrap().into();
        assert_eq!(xlsx.subarray(0, 4).to_vec(), b"PK\x03\x04");
        let notes: Array = get(&out, "notes").unwrap().into();
        assert!(notes.get(0).as_string().unwrap().contains("未知列"));
        // The six input columns, by their header names; not the name, not the unknown one.
        let columns: Array = get(&out, "columns").unwrap().into();
        assert_eq!(
            columns.iter().filter_map(|c| c.as_string()).collect::<Vec<_>>(),
            ["统一社会信用代码", "主体类型", "企业所得税年度应纳税所得额", "从业人数", "资产总额", "是否从事国家限制或禁止行业"]
        );
        // A bad number is a field error of its row, not an unreadable row.
        assert_eq!(get(&out, "rows").and_then(|v| v.as_f64()), Some(2.0));
    }

    #[wasm_bindgen_test]
    fn a_file_that_is_no_register_throws_one_coded_message() {
        let e = match_register("名称,备注\n甲,乙\n".as_bytes(), opts(&[("asOf", "2025-12-31".into()), ("lang", "en".into())]), None).unwrap_err();
        assert_eq!(get(&e, "code").and_then(|v| v.as_string()).as_deref(), Some("no_known_columns"));
        let e = match_register(b"a", opts(&[("asOf", "31.12.2025".into())]), None).unwrap_err();
        assert_eq!(get(&e, "code").and_then(|v| v.as_string()).as_deref(), Some("bad_options"));
    }
}
