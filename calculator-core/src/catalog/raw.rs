//! The catalog file format as written by people (see POLICY_FORMAT.md).
//!
//! These types only mirror the file; `load` checks them and builds the
//! evaluation-ready [`super::Catalog`].

use crate::date::Date;
use crate::i18n::Text;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::ops::Range;

/// A piece of source text (an expression or a number) and, when read from a
/// TOML file, where it stands, so that errors can give line and column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Src {
    pub text: String,
    pub span: Option<Range<usize>>,
}

// The field names serde_spanned uses to ask the TOML reader for positions.
pub(crate) const SPANNED: &str = "$__serde_spanned_private_Spanned";
const SPAN_START: &str = "$__serde_spanned_private_start";
const SPAN_END: &str = "$__serde_spanned_private_end";
const SPAN_VALUE: &str = "$__serde_spanned_private_value";

impl<'de> Deserialize<'de> for Src {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Src, D::Error> {
        struct Plain(String);
        impl<'de> Deserialize<'de> for Plain {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Plain, D::Error> {
                d.deserialize_any(SrcVisitor).map(|s| Plain(s.text))
            }
        }
        struct SrcVisitor;
        impl<'de> Visitor<'de> for SrcVisitor {
            type Value = Src;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an expression or a number written as text, e.g. \"300万\" or \"25% * 20%\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Src, E> {
                Ok(Src { text: v.to_string(), span: None })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Src, E> {
                Ok(Src { text: v.to_string(), span: None })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Src, E> {
                Ok(Src { text: v.to_string(), span: None })
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Src, E> {
                Ok(Src { text: v.to_string(), span: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Src, A::Error> {
                let (mut start, mut end, mut text) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        SPAN_START => start = Some(map.next_value::<usize>()?),
                        SPAN_END => end = Some(map.next_value::<usize>()?),
                        SPAN_VALUE => text = Some(map.next_value::<Plain>()?.0),
                        _ => return Err(de::Error::custom("expected an expression, found a table")),
                    }
                }
                let text = text.ok_or_else(|| de::Error::custom("expected an expression"))?;
                let span = match (start, end) {
                    (Some(s), Some(e)) => Some(s..e),
                    _ => None,
                };
                Ok(Src { text, span })
            }
        }
        d.deserialize_struct(SPANNED, &[SPAN_START, SPAN_END, SPAN_VALUE], SrcVisitor)
    }
}

/// One catalog file.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct File {
    #[serde(default)]
    pub catalog: Option<Info>,
    #[serde(default)]
    pub input: Vec<Input>,
    #[serde(default)]
    pub derived: Vec<Derived>,
    #[serde(default)]
    pub function: Vec<Function>,
    #[serde(default)]
    pub policy: Vec<Policy>,
    #[serde(default)]
    pub exclusive: Vec<Exclusive>,
    #[serde(default)]
    pub ask_together: Vec<AskTogether>,
    /// Documents, parameters and conditions several policies share: each
    /// policy names the ones it rests on with `use`.
    #[serde(default)]
    pub document: Vec<Document>,
    #[serde(default)]
    pub parameter: Vec<Param>,
    #[serde(default)]
    pub condition: Vec<Condition>,
}

/// Yes/no inputs asked as one question ("which of these do you hold?").
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AskTogether {
    pub key: String,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub inputs: Vec<Item>,
    #[serde(default)]
    pub presence: Vec<Presence>,
}

/// A yes/no input of a checklist: its key, or `{ input, label }` where the
/// box reads better as a statement than the input's question does
/// (“民营企业” beside “是否为民营企业”).
#[derive(Debug)]
pub enum Item {
    Key(String),
    Labelled { input: String, label: Text },
}

impl Item {
    pub fn key(&self) -> &str {
        match self {
            Item::Key(k) | Item::Labelled { input: k, .. } => k,
        }
    }
}

// Hand-written for the same reason as `Cite`'s.
impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Item, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an input's key, or { input = \"…\", label = { … } }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item::Key(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                let (mut input, mut label) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "input" => input = Some(map.next_value::<String>()?),
                        "label" => label = Some(map.next_value::<Text>()?),
                        other => return Err(de::Error::unknown_field(other, &["input", "label"])),
                    }
                }
                Ok(Item::Labelled {
                    input: input.ok_or_else(|| de::Error::missing_field("input"))?,
                    label: label.ok_or_else(|| de::Error::missing_field("label"))?,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A number asked in a checklist by whether there is any: unticked is 0.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    pub input: String,
    pub label: Text,
}

/// Policies of which one enterprise may claim only one for the same income
/// or period; the report recommends the one worth most.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Exclusive {
    pub id: String,
    pub policies: Vec<String>,
    pub rule: Text,
    pub basis: Text,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Info {
    pub id: String,
    pub version: String,
    pub title: Text,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: Text,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub unit: Option<String>,
    pub group: String,
    #[serde(default)]
    pub min: Option<Src>,
    #[serde(default)]
    pub max: Option<Src>,
    #[serde(default)]
    pub options: Vec<Choice>,
    #[serde(default)]
    pub default: Option<Src>,
    #[serde(default)]
    pub default_basis: Option<Text>,
}

#[derive(Debug, Clone)]
pub enum Cite {
    Clause(String),
    Full { doc: String, clause: String },
}

// Hand-written rather than `#[serde(untagged)]`, which buffers every value
// and weighs tens of kilobytes in the browser build.
impl<'de> Deserialize<'de> for Cite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cite, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cite;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a clause, or { doc = \"…\", clause = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cite, E> {
                Ok(Cite::Clause(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cite, A::Error> {
                let (mut doc, mut clause) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "doc" => doc = Some(map.next_value::<String>()?),
                        "clause" => clause = Some(map.next_value::<String>()?),
                        other => return Err(de::Error::unknown_field(other, &["doc", "clause"])),
                    }
                }
                Ok(Cite::Full { doc: doc.ok_or_else(|| de::Error::missing_field("doc"))?, clause: clause.ok_or_else(|| de::Error::missing_field("clause"))? })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub label: Text,
    #[serde(default)]
    pub options: Vec<Choice>,
    pub formula: Src,
    #[serde(default)]
    pub basis: Option<Text>,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Function {
    pub name: String,
    /// `["name: type", …]`
    #[serde(default)]
    pub params: Vec<String>,
    pub returns: String,
    pub body: Src,
    /// For people reading the catalog; the engine does not use it.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    pub mode: String,
    #[serde(default)]
    pub channel: Option<Text>,
    #[serde(default)]
    pub deadline: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// `use = "key"`: the catalog's document of that key (policies only).
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    #[serde(default)]
    pub upto: Option<Src>,
    pub rate: Src,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct BandRow {
    #[serde(default)]
    pub upto: Option<Src>,
    #[serde(default)]
    pub below: Option<Src>,
    pub value: Src,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ParamVersion {
    pub from: Date,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub value: Option<Src>,
    #[serde(default)]
    pub brackets: Option<Vec<Bracket>>,
    #[serde(default)]
    pub bands: Option<Vec<BandRow>>,
    pub cite: Cite,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// `use = "name"`: the catalog's parameter of that name (policies only).
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub label: Option<Text>,
    #[serde(default)]
    pub version: Vec<ParamVersion>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// `use = "id"`: the catalog's condition of that id (policies only).
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub text: Option<Text>,
    #[serde(default)]
    pub when: Option<Src>,
    #[serde(default)]
    pub cite: Option<Cite>,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub name: String,
    pub label: Text,
    pub formula: Src,
    #[serde(default)]
    pub cite: Option<Cite>,
    #[serde(default)]
    pub figure: bool,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub summary: Option<Text>,
    pub category: String,
    pub level: String,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub region_note: Option<Text>,
    #[serde(default)]
    pub valid_from: Option<Date>,
    #[serde(default)]
    pub valid_until: Option<Date>,
    pub delivery: Delivery,
    pub document: Vec<Document>,
    #[serde(default)]
    pub parameter: Vec<Param>,
    #[serde(default)]
    pub condition: Vec<Condition>,
    #[serde(default)]
    pub step: Vec<Step>,
    pub amount: Src,
    #[serde(default)]
    pub amount_ceiling: bool,
    #[serde(default)]
    pub unconfirmed: Vec<Text>,
    #[serde(default)]
    pub note: Option<Text>,
}
