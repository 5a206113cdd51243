//! Enterprise profiles: raw values in, validated typed values out.
//!
//! Validation collects every problem at once, each naming its field, and
//! never throws a value away silently: an invalid value becomes *unknown*
//! for evaluation (so policies that need it ask for it) and its error is in
//! the report, while the host keeps what the user typed.

use crate::catalog::{Catalog, InputDef, InputKind};
use crate::expression::{is_industry_prefix, Value};
use crate::i18n::Lang;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A value as a host hands it over: JSON-like, numbers kept as their decimal text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RawValue {
    /// `null`: unknown.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, as its exact decimal text (`"1234.56"`).
    Number(String),
    /// A string.
    Text(String),
}

/// A raw value borrowed: what validation reads, from a [`RawValue`] or
/// straight from a register's cell.
#[derive(Clone, Copy)]
enum Raw<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    Text(&'a str),
}

impl RawValue {
    fn borrowed(&self) -> Raw<'_> {
        match self {
            RawValue::Null => Raw::Null,
            RawValue::Bool(b) => Raw::Bool(*b),
            RawValue::Number(n) => Raw::Number(n),
            RawValue::Text(t) => Raw::Text(t),
        }
    }
}

impl From<&str> for RawValue {
    fn from(s: &str) -> Self {
        RawValue::Text(s.to_string())
    }
}

impl From<bool> for RawValue {
    fn from(b: bool) -> Self {
        RawValue::Bool(b)
    }
}

impl From<i64> for RawValue {
    fn from(n: i64) -> Self {
        RawValue::Number(n.to_string())
    }
}

impl From<Decimal> for RawValue {
    fn from(d: Decimal) -> Self {
        RawValue::Number(d.to_string())
    }
}

// serde_json's `arbitrary_precision` hands numbers over as this one-key map,
// which keeps their exact text: no binary floating point on the way in.
const JSON_NUMBER: &str = "$serde_json::private::Number";

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawValue, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, an integer, a boolean or null (decimals as strings, e.g. \"1234.56\")")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
                RawValue::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                match map.next_key::<String>()? {
                    Some(k) if k == JSON_NUMBER => Ok(RawValue::Number(map.next_value()?)),
                    _ => Err(de::Error::custom("expected a single value, found an object")),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// An enterprise profile: CONTRACT.md keys to raw values. A missing key is unknown.
///
/// ```
/// use calculator_core::Profile;
/// let p = Profile::new().with("employees", 20).with("annual_revenue", "3000000.00");
/// assert_eq!(p.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Profile(pub BTreeMap<String, RawValue>);

impl Profile {
    /// An empty profile: everything unknown.
    pub fn new() -> Profile {
        Profile::default()
    }

    /// Adds or replaces one value.
    pub fn with(mut self, key: &str, value: impl Into<RawValue>) -> Profile {
        self.0.insert(key.to_string(), value.into());
        self
    }

    /// Sets one value.
    pub fn set(&mut self, key: &str, value: impl Into<RawValue>) {
        self.0.insert(key.to_string(), value.into());
    }

    /// Number of keys given.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no key is given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Machine-readable codes of field problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// The catalog declares no such input (a warning).
    UnknownField,
    /// Not a number.
    NotANumber,
    /// Outside the declared range.
    OutOfRange,
    /// Money with more than two decimals.
    TooManyDecimals,
    /// Not a whole number.
    NotAnInteger,
    /// Not yes / no.
    NotABoolean,
    /// Not a date.
    NotADate,
    /// Not one of the options.
    UnknownOption,
    /// Not a GB/T 4754-2017 code.
    BadIndustryCode,
    /// Not a six-digit region code.
    BadRegionCode,
    /// Fails the GB 32100 check.
    BadCreditCode,
    /// Text too long.
    TooLong,
}

/// A problem with one field of a profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    /// The profile key.
    pub field: String,
    /// Machine-readable code.
    pub code: IssueCode,
    /// Localized message naming the field.
    pub message: String,
}

/// A profile checked against a catalog's inputs.
#[derive(Clone, Debug)]
pub struct Validated {
    pub(crate) values: Vec<Option<Value>>,
    /// Problems that made a value unusable (it is treated as unknown).
    pub errors: Vec<FieldIssue>,
    /// Things worth knowing that did not stop anything.
    pub warnings: Vec<FieldIssue>,
}

const CREDIT_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Checks a 统一社会信用代码 per GB 32100-2015: 18 characters from the code's
/// alphabet, digits in positions 3–8, and the check character.
/// Returns the expected check character when only that is wrong.
///
/// ```
/// use calculator_core::profile::check_credit_code;
/// assert_eq!(check_credit_code("91110000600037341L"), Ok(()));
/// assert_eq!(check_credit_code("91350100M000100Y4Z"), Err(Some('3')));
/// ```
pub fn check_credit_code(code: &str) -> Result<(), Option<char>> {
    let b = code.as_bytes();
    if b.len() != 18 || !b[2..8].iter().all(u8::is_ascii_digit) {
        return Err(None);
    }
    let mut sum = 0u32;
    for (i, c) in b[..17].iter().enumerate() {
        let v = CREDIT_ALPHABET.iter().position(|a| a == c).ok_or(None)? as u32;
        sum += v * CREDIT_WEIGHTS[i];
    }
    let expected = CREDIT_ALPHABET[((31 - sum % 31) % 31) as usize];
    if b[17] == expected {
        Ok(())
    } else {
        Err(Some(char::from(expected)))
    }
}

/// GB/T 4754-2017: each 门类 letter and its range of 大类 numbers.
const SECTIONS: &[(char, u8, u8)] = &[
    ('A', 1, 5),
    ('B', 6, 12),
    ('C', 13, 43),
    ('D', 44, 46),
    ('E', 47, 50),
    ('F', 51, 52),
    ('G', 53, 60),
    ('H', 61, 62),
    ('I', 63, 65),
    ('J', 66, 69),
    ('K', 70, 70),
    ('L', 71, 72),
    ('M', 73, 75),
    ('N', 76, 79),
    ('O', 80, 82),
    ('P', 83, 83),
    ('Q', 84, 85),
    ('R', 86, 90),
    ('S', 91, 96),
    ('T', 97, 97),
];

/// Normalizes an industry code: `c3411` → `C3411`, `3411` → `C3411` (the
/// letter follows from the 大类). `None` if it is not a GB/T 4754-2017 code.
pub fn normalize_industry_code(s: &str) -> Option<String> {
    let s: String = s.trim().to_ascii_uppercase();
    let (letter, digits) = match s.chars().next()? {
        c if c.is_ascii_alphabetic() => (Some(c), s.get(1..)?),
        _ => (None, s.as_str()),
    };
    if digits.is_empty() {
        return letter.filter(|l| SECTIONS.iter().any(|(c, _, _)| c == l)).map(String::from);
    }
    if !(2..=4).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let division: u8 = digits.get(..2)?.parse().ok()?;
    let section = SECTIONS.iter().find(|(_, lo, hi)| (*lo..=*hi).contains(&division))?.0;
    if letter.is_some_and(|l| l != section) {
        return None;
    }
    let code = format!("{section}{digits}");
    is_industry_prefix(&code).then_some(code)
}

const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65", "71", "81", "82",
];

fn parse_decimal(text: &str) -> Option<Decimal> {
    let separator = |c: char| matches!(c, ',' | '，' | ' ' | '_' | '\u{a0}');
    // Copied only when there are separators to drop: most values have none.
    let cleaned: std::borrow::Cow<str> = if text.contains(separator) { text.chars().filter(|c| !separator(*c)).collect() } else { text.into() };
    let cleaned = cleaned.strip_suffix('元').unwrap_or(&cleaned);
    let (body, factor) = if let Some(b) = cleaned.strip_suffix('万') {
        (b, Some(Decimal::from(10_000)))
    } else if let Some(b) = cleaned.strip_suffix('亿') {
        (b, Some(Decimal::from(100_000_000)))
    } else {
        (cleaned, None)
    };
    let body = body.strip_prefix('+').unwrap_or(body);
    if body.is_empty() || body.len() > 64 {
        return None;
    }
    let d = if body.contains(['e', 'E']) {
        Decimal::from_scientific(body).ok()?
    } else {
        if !body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
            return None;
        }
        Decimal::from_str_exact(body).ok()?
    };
    match factor {
        Some(f) => d.checked_mul(f),
        None => Some(d),
    }
}

/// Default bounds where a catalog declares none: far beyond any real
/// enterprise, far below where exact arithmetic could overflow.
fn default_bound() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

struct Ctx<'a> {
    input: &'a InputDef,
    lang: Lang,
}

impl Ctx<'_> {
    fn issue(&self, code: IssueCode, detail: String) -> FieldIssue {
        let label = self.input.label.get(self.lang);
        let message = match self.lang {
            Lang::En => format!("{label} ({}): {detail}", self.input.key),
            _ => format!("「{label}」：{detail}"),
        };
        FieldIssue { field: self.input.key.clone(), code, message }
    }

    fn t(&self, zh_cn: &str, zh_tw: &str, en: &str) -> String {
        self.lang.pick(zh_cn, zh_tw, en).to_string()
    }

    fn number(&self, raw: Raw) -> Result<Decimal, FieldIssue> {
        let text = match raw {
            Raw::Number(t) | Raw::Text(t) => t,
            Raw::Bool(_) | Raw::Null => "",
        };
        let is_ratio = self.input.kind == InputKind::Ratio;
        let (text, percent) = match text.trim().strip_suffix('%') {
            Some(t) if is_ratio => (t, true),
            _ => (text, false),
        };
        let Some(mut d) = parse_decimal(text) else {
            let example = match self.input.kind {
                InputKind::Integer => "25",
                InputKind::Ratio => "0.03",
                _ => "1234.56",
            };
            let shown = shorten(text);
            let detail = match self.lang {
                Lang::En => format!("`{shown}` is not a number; write it like {example}"),
                Lang::ZhTw => format!("「{shown}」不是數字，請按 {example} 的格式填寫"),
                Lang::ZhCn => format!("“{shown}”不是数字，请按 {example} 的格式填写"),
            };
            return Err(self.issue(IssueCode::NotANumber, detail));
        };
        if percent {
            d /= Decimal::ONE_HUNDRED;
        }
        let d = d.normalize();
        match self.input.kind {
            InputKind::Integer if !d.fract().is_zero() => {
                return Err(self.issue(IssueCode::NotAnInteger, self.t("请填写整数", "請填寫整數", "must be a whole number")))
            }
            InputKind::Money if d.scale() > 2 => {
                let detail = self.t("金额最多保留两位小数（到分）", "金額最多保留兩位小數（到分）", "money has at most two decimals (fen)");
                return Err(self.issue(IssueCode::TooManyDecimals, detail));
            }
            _ => {}
        }
        let (min, max) = match self.input.kind {
            InputKind::Ratio => (self.input.min.unwrap_or(Decimal::ZERO), self.input.max.unwrap_or(Decimal::ONE)),
            _ => (self.input.min.unwrap_or(-default_bound()), self.input.max.unwrap_or(default_bound())),
        };
        if d < min || d > max {
            let (lo, hi) = (min.normalize(), max.normalize());
            let detail = match self.lang {
                Lang::En => format!("must be between {lo} and {hi}"),
                Lang::ZhTw => format!("應在 {lo} 至 {hi} 之間"),
                Lang::ZhCn => format!("应在 {lo} 至 {hi} 之间"),
            };
            return Err(self.issue(IssueCode::OutOfRange, detail));
        }
        Ok(d)
    }

    fn text<'r>(&self, raw: Raw<'r>) -> Option<&'r str> {
        match raw {
            Raw::Text(t) | Raw::Number(t) => Some(t),
            _ => None,
        }
    }

    fn value(&self, raw: Raw) -> Result<Value, FieldIssue> {
        let too_long = |s: &str| s.len() > 200;
        match self.input.kind {
            InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio => self.number(raw).map(Value::Num),
            InputKind::Boolean => {
                let b = match raw {
                    Raw::Bool(b) => Some(b),
                    Raw::Number(n) if n == "1" || n == "0" => Some(n == "1"),
                    Raw::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                        "true" | "yes" | "1" | "是" | "y" => Some(true),
                        "false" | "no" | "0" | "否" | "n" => Some(false),
                        _ => None,
                    },
                    _ => None,
                };
                b.map(Value::Bool).ok_or_else(|| self.issue(IssueCode::NotABoolean, self.t("请选择“是”或“否”", "請選擇「是」或「否」", "answer yes or no")))
            }
            InputKind::Date => self.text(raw).and_then(|t| t.trim().parse().ok()).map(Value::Date).ok_or_else(|| {
                self.issue(IssueCode::NotADate, self.t("请按 2025-12-31 的格式填写日期", "請按 2025-12-31 的格式填寫日期", "write the date as 2025-12-31"))
            }),
            InputKind::Enum => {
                let t = self.text(raw).unwrap_or("");
                if self.input.options.iter().any(|o| o.value == t) {
                    Ok(Value::Text(Arc::from(t)))
                } else {
                    let list: Vec<String> = self.input.options.iter().map(|o| format!("{}（{}）", o.label.get(self.lang), o.value)).collect();
                    let shown = shorten(t);
                    let detail = match self.lang {
                        Lang::En => format!("`{shown}` is not one of: {}", list.join(", ")),
                        Lang::ZhTw => format!("「{shown}」不是可選項，可選：{}", list.join("、")),
                        Lang::ZhCn => format!("“{shown}”不是可选项，可选：{}", list.join("、")),
                    };
                    Err(self.issue(IssueCode::UnknownOption, detail))
                }
            }
            InputKind::Text => match self.text(raw) {
                Some(t) if !too_long(t) => Ok(Value::Text(Arc::from(t))),
                _ => Err(self.issue(IssueCode::TooLong, self.t("不超过200个字符", "不超過200個字元", "at most 200 characters"))),
            },
            InputKind::IndustryCode => {
                self.text(raw).filter(|t| !too_long(t)).and_then(normalize_industry_code).map(|c| Value::Text(Arc::from(c))).ok_or_else(|| {
                    let detail = self.t(
                        "不是有效的国民经济行业分类代码（GB/T 4754-2017），例如 C3411、I65、F52",
                        "不是有效的國民經濟行業分類代碼（GB/T 4754-2017），例如 C3411、I65、F52",
                        "not a GB/T 4754-2017 industry code, e.g. C3411, I65, F52",
                    );
                    self.issue(IssueCode::BadIndustryCode, detail)
                })
            }
            InputKind::RegionCode => {
                let t = self.text(raw).unwrap_or("").trim();
                if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) && t.get(..2).is_some_and(|p| PROVINCES.contains(&p)) {
                    Ok(Value::Text(Arc::from(t)))
                } else {
                    let detail = self.t(
                        "应为6位行政区划代码，例如大连市中山区 210202",
                        "應為6位行政區劃代碼，例如大連市中山區 210202",
                        "a six-digit administrative division code, e.g. 210202",
                    );
                    Err(self.issue(IssueCode::BadRegionCode, detail))
                }
            }
            InputKind::CreditCode => {
                let t: String = self.text(raw).unwrap_or("").trim().to_ascii_uppercase();
                match check_credit_code(&t) {
                    Ok(()) => Ok(Value::Text(Arc::from(t.as_str()))),
                    Err(expected) => {
                        let detail = match (expected, self.lang) {
                            (Some(c), Lang::En) => format!("the check character (18th) does not match; expected {c}. Please re-check the code"),
                            (Some(c), Lang::ZhTw) => format!("校驗碼（第18位）不符，按前17位應為 {c}，請核對"),
                            (Some(c), Lang::ZhCn) => format!("校验码（第18位）不符，按前17位应为 {c}，请核对"),
                            (None, _) => self.t(
                                "应为18位统一社会信用代码（不含 I、O、Z、S、V，第3–8位为数字）",
                                "應為18位統一社會信用代碼（不含 I、O、Z、S、V，第3–8位為數字）",
                                "an 18-character unified social credit code (no I, O, Z, S, V; digits in positions 3–8)",
                            ),
                        };
                        Err(self.issue(IssueCode::BadCreditCode, detail))
                    }
                }
            }
        }
    }
}

/// A register's columns matched to a catalog's inputs once, so that row
/// after row is read straight from its cells, without building a
/// [`Profile`] (a map of owned keys and values) for each.
///
/// Cells are read as a profile's text values would be: a blank cell is
/// unknown, a bad one is a field error and unknown; a column that names no
/// input is ignored; of a repeated column, the last is read.
///
/// ```
/// use calculator_core::{default_catalog, Columns, Lang, Options, Plan, Profile};
/// let catalog = default_catalog()?;
/// let plan = Plan::new(catalog, &Options { as_of: "2025-12-31".parse()?, lang: Lang::ZhCn });
/// let columns = Columns::new(catalog, &["name", "entity_type", "taxable_income"]);
/// let from_cells = plan.decide_cells(&columns, ["某厂", "enterprise", "900000"]);
/// let from_profile = plan.decide_all(&Profile::new().with("entity_type", "enterprise").with("taxable_income", "900000"));
/// assert_eq!(from_cells, from_profile);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Columns {
    /// Per column, the input slot it fills.
    slots: Vec<Option<u16>>,
    /// The columns that name no input.
    unknown: Vec<usize>,
}

impl Columns {
    /// Matches `header` (CONTRACT.md keys) to `catalog`'s inputs.
    pub fn new<S: AsRef<str>>(catalog: &Catalog, header: &[S]) -> Columns {
        let mut slots: Vec<Option<u16>> = header.iter().map(|h| catalog.input_slot(h.as_ref()).and_then(|i| u16::try_from(i).ok())).collect();
        let unknown = (0..slots.len()).filter(|&i| slots[i].is_none()).collect();
        // A repeated column: only the last one is read, as a profile keeps the last value of a key.
        for i in 0..slots.len() {
            if slots[i].is_some() && slots[i + 1..].contains(&slots[i]) {
                slots[i] = None;
            }
        }
        Columns { slots, unknown }
    }

    /// The names in `header` (the one these columns were made from) that are
    /// not inputs of the catalog, and are ignored.
    pub fn ignored<'h, S: AsRef<str>>(&self, header: &'h [S]) -> Vec<&'h str> {
        self.unknown.iter().filter_map(|&i| header.get(i).map(AsRef::as_ref)).collect()
    }
}

/// One value for `input`: `None` when it is blank (unknown, and no error),
/// else the value or the field's problem.
fn read(input: &InputDef, raw: Raw, lang: Lang) -> Option<Result<Value, FieldIssue>> {
    let blank = match raw {
        Raw::Null => true,
        Raw::Text(t) => t.trim().is_empty(),
        _ => false,
    };
    (!blank).then(|| Ctx { input, lang }.value(raw))
}

/// Validates one row of cells under `columns`: the values by slot, and how
/// many cells were field errors.
pub(crate) fn validate_cells<'a>(catalog: &Catalog, columns: &Columns, cells: impl IntoIterator<Item = &'a str>, lang: Lang) -> (Vec<Option<Value>>, usize) {
    let mut values: Vec<Option<Value>> = catalog.inputs().iter().map(|i| i.default.clone()).collect();
    let mut errors = 0;
    for (&slot, cell) in columns.slots.iter().zip(cells) {
        let Some(slot) = slot.map(usize::from) else { continue };
        let Some(input) = catalog.inputs().get(slot) else { continue };
        match read(input, Raw::Text(cell), lang) {
            None => {}
            Some(Ok(v)) => values[slot] = Some(v),
            Some(Err(_)) => {
                values[slot] = None;
                errors += 1;
            }
        }
    }
    (values, errors)
}

/// Validates `profile` against the inputs `catalog` declares.
pub fn validate(catalog: &Catalog, profile: &Profile, lang: Lang) -> Validated {
    // Absent inputs take their legal default (most have none: unknown).
    let mut values: Vec<Option<Value>> = catalog.inputs().iter().map(|i| i.default.clone()).collect();
    let mut errors: Vec<(usize, FieldIssue)> = Vec::new();
    let mut warnings = Vec::new();
    // One pass over what the profile holds (a register row has a few dozen
    // keys; the catalog has more inputs than that). Both are in key order,
    // so the catalog's inputs are walked once alongside, not searched.
    let by_key = &catalog.by_key;
    let mut cursor = 0;
    for (key, raw) in &profile.0 {
        let found = loop {
            let Some(&i) = by_key.get(cursor) else { break None };
            match catalog.inputs[usize::from(i)].key.as_str().cmp(key) {
                std::cmp::Ordering::Less => cursor += 1,
                std::cmp::Ordering::Equal => break Some(usize::from(i)),
                std::cmp::Ordering::Greater => break None,
            }
        };
        let Some(slot) = found else {
            let shown = shorten(key);
            let message = match lang {
                Lang::En => format!("`{shown}` is not an input of this catalog and was ignored"),
                Lang::ZhTw => format!("「{shown}」不是本目錄的輸入項，已忽略"),
                Lang::ZhCn => format!("“{shown}”不是本目录的输入项，已忽略"),
            };
            warnings.push(FieldIssue { field: key.clone(), code: IssueCode::UnknownField, message });
            continue;
        };
        match read(&catalog.inputs()[slot], raw.borrowed(), lang) {
            None => {}
            Some(Ok(v)) => values[slot] = Some(v),
            // Unusable: unknown, not the default.
            Some(Err(issue)) => {
                values[slot] = None;
                errors.push((slot, issue));
            }
        }
    }
    // Errors in question order, as the page lists them.
    crate::order::sort_by_key(&mut errors, |(slot, _)| *slot);
    Validated { values, errors: errors.into_iter().map(|(_, e)| e).collect(), warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_anywhere_in_key_order_are_warned_about_and_the_rest_read() {
        // The catalog's inputs are walked alongside the profile's keys; keys
        // sorting before the first input, between two and after the last
        // must neither be read as an input nor hide the next one.
        let catalog = crate::default_catalog().expect("default catalog");
        let p = Profile::new()
            .with("AAA", "1")
            .with("employees", 48)
            .with("employees_extra", "x")
            .with("entity_type", "enterprise")
            .with("taxable_income", "1800000")
            .with("zzz", true);
        let v = validate(catalog, &p, Lang::En);
        let warned: Vec<&str> = v.warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(warned, ["AAA", "employees_extra", "zzz"]);
        let value = |key: &str| v.values[catalog.input_slot(key).expect(key)].clone();
        assert_eq!(value("employees"), Some(Value::Num(48.into())));
        assert_eq!(value("entity_type"), Some(Value::Text("enterprise".into())));
        assert_eq!(value("taxable_income"), Some(Value::Num(1_800_000.into())));
        assert!(v.errors.is_empty());
    }

    #[test]
    fn credit_code_vectors_from_gb32100() {
        // Vectors from shared/reference/ux-a11y-security.md.
        assert_eq!(check_credit_code("91110000600037341L"), Ok(()));
        assert_eq!(check_credit_code("91350100M000100Y4Z"), Err(Some('3')));
        assert_eq!(check_credit_code("91350100M000100Y43"), Ok(()));
        assert_eq!(check_credit_code("9111000060003734"), Err(None));
        assert_eq!(check_credit_code("91AB0000600037341L"), Err(None));
        assert_eq!(check_credit_code("9111000060003734IL"), Err(None));
    }

    #[test]
    fn industry_codes() {
        assert_eq!(normalize_industry_code("c3411").as_deref(), Some("C3411"));
        assert_eq!(normalize_industry_code("3411").as_deref(), Some("C3411"));
        assert_eq!(normalize_industry_code("I65").as_deref(), Some("I65"));
        assert_eq!(normalize_industry_code("F").as_deref(), Some("F"));
        assert_eq!(normalize_industry_code("I34"), None);
        assert_eq!(normalize_industry_code("Z1"), None);
        assert_eq!(normalize_industry_code("C34111"), None);
        assert_eq!(normalize_industry_code(""), None);
    }

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_decimal("1,234.56"), Some("1234.56".parse().unwrap()));
        assert_eq!(parse_decimal("300万"), Some(Decimal::from(3_000_000)));
        assert_eq!(parse_decimal("1e21"), Some("1000000000000000000000".parse().unwrap()));
        assert_eq!(parse_decimal("0.1"), Some("0.1".parse().unwrap()));
        assert_eq!(parse_decimal("NaN"), None);
        assert_eq!(parse_decimal("Infinity"), None);
        assert_eq!(parse_decimal("1e999"), None);
        assert_eq!(parse_decimal("99999999999999999999999999999999"), None);
    }
}
