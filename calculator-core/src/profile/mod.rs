//! Enterprise profiles: raw values in, validated typed values out.
//!
//! Validation collects every problem at once, each naming its field, and
//! never throws a value away silently: an invalid value becomes *unknown*
//! for evaluation (so policies that need it ask for it) and its error is in
//! the report, while the host keeps what the user typed.

mod codes;
mod field;

pub use codes::{check_credit_code, normalize_industry_code};

use crate::catalog::{Catalog, InputDef};
use crate::expression::Value;
use crate::i18n::Lang;
use field::{shorten, FieldReader};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
pub(crate) enum Raw<'a> {
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

/// An enterprise profile: docs/CONTRACT.md keys to raw values. A missing key is unknown.
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
    /// Matches `header` (docs/CONTRACT.md keys) to `catalog`'s inputs.
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
    (!blank).then(|| FieldReader { input, lang }.value(raw))
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
}
