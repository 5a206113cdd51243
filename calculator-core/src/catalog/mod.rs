//! Catalogs: policies as data, checked once when loaded.
//!
//! A catalog is one or more TOML files (see `POLICY_FORMAT.md`). Loading
//! parses every file, resolves every name, checks every type and every dated
//! parameter's coverage, and reports *all* problems at once, each with file,
//! line and column. The default catalog is embedded at build time.

mod build;
mod canonical;
mod compiled;
mod json_de;
mod load;
mod params;
mod policy;
pub(crate) mod raw;
mod shared;
#[cfg(feature = "toml")]
mod toml_json;

use crate::date::Date;
use crate::expression::{Expr, Function, Type, Value};
use crate::i18n::Text;
use serde::Serialize;

pub use crate::error::{Problem, ProblemKind};

/// Identity of a loaded catalog, carried by every report.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CatalogInfo {
    /// Stable id, e.g. `liaoning-default`.
    pub id: String,
    /// The catalog's own version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Date the catalog's content was last reviewed.
    pub published: Option<Date>,
    /// `sha256:` of the catalog's canonical form.
    pub hash: String,
    /// A note for readers (scope, caveats).
    pub note: Option<Text>,
}

/// The kinds of input a profile may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// 元, at most two decimals.
    Money,
    /// Any decimal.
    Number,
    /// A whole number.
    Integer,
    /// A ratio between 0 and 1 (`"0.03"`, or `"3%"`).
    Ratio,
    /// Yes / no.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// One of the declared options.
    Enum,
    /// Free text.
    Text,
    /// GB/T 4754-2017 industry code.
    IndustryCode,
    /// GB/T 2260 region code, six digits.
    RegionCode,
    /// 统一社会信用代码 (GB 32100-2015).
    CreditCode,
}

impl InputKind {
    pub(crate) const NAMES: &'static [&'static str] =
        &["money", "number", "integer", "ratio", "boolean", "date", "enum", "text", "industry_code", "region_code", "credit_code"];

    pub(crate) fn parse(s: &str) -> Option<InputKind> {
        Some(match s {
            "money" => InputKind::Money,
            "number" => InputKind::Number,
            "integer" => InputKind::Integer,
            "ratio" => InputKind::Ratio,
            "boolean" => InputKind::Boolean,
            "date" => InputKind::Date,
            "enum" => InputKind::Enum,
            "text" => InputKind::Text,
            "industry_code" => InputKind::IndustryCode,
            "region_code" => InputKind::RegionCode,
            "credit_code" => InputKind::CreditCode,
            _ => return None,
        })
    }
}

/// One choice of an option-typed input or derived fact.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Choice {
    /// The value a profile carries.
    pub value: String,
    /// What a person reads.
    pub label: Text,
}

/// An input a profile may carry, as the catalog declares it.
#[derive(Clone, Debug, Serialize)]
pub struct InputDef {
    /// The profile key (docs/CONTRACT.md).
    pub key: String,
    /// Its kind.
    pub kind: InputKind,
    /// Question label.
    pub label: Text,
    /// Help text: what the figure is and where to find it.
    pub help: Option<Text>,
    /// Unit for display (`元`, `人`).
    pub unit: Option<String>,
    /// Question group: `basic`, `tax`, `qualification`, `employment`.
    pub group: String,
    /// Smallest allowed value.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub min: Option<rust_decimal::Decimal>,
    /// Largest allowed value.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub max: Option<rust_decimal::Decimal>,
    /// Options of an enum input.
    pub options: Vec<Choice>,
    /// A default only where the law supplies one.
    #[serde(skip)]
    pub(crate) default: Option<Value>,
    /// Why the default holds.
    pub default_basis: Option<Text>,
}

/// A fact the catalog derives from inputs (e.g. `size_class`).
#[derive(Clone, Debug)]
pub struct DerivedDef {
    /// Key in the report's `derived` map.
    pub key: String,
    /// Label.
    pub label: Text,
    /// Options, for option-typed facts.
    pub options: Vec<Choice>,
    /// Legal basis.
    pub basis: Option<Text>,
    /// Set where the rule is not confirmed.
    pub unconfirmed: Option<Text>,
    pub(crate) expr: Expr,
}

/// Kinds of benefit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 税收减免.
    TaxCredit,
    /// 补贴奖励.
    Subsidy,
    /// 降费.
    FeeReduction,
    /// 递延纳税: tax paid later, not tax forgiven (e.g. a one-off deduction
    /// of equipment instead of depreciation). Totalled apart, never added to
    /// money saved.
    TaxDeferral,
}

impl Category {
    /// All categories, in report order.
    pub const ALL: [Category; 4] = [Category::TaxCredit, Category::Subsidy, Category::FeeReduction, Category::TaxDeferral];

    /// The key used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Category::TaxCredit => "tax_credit",
            Category::Subsidy => "subsidy",
            Category::FeeReduction => "fee_reduction",
            Category::TaxDeferral => "tax_deferral",
        }
    }
}

/// How a benefit reaches the enterprise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMode {
    /// 免申即享: granted without any application.
    Automatic,
    /// 申报即享: claimed by filling in the tax or fee return.
    Declare,
    /// 需申请: an application to the authority.
    Apply,
}

/// How and where to claim.
#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    /// Mode.
    pub mode: DeliveryMode,
    /// Channel (电子税务局, 人社部门 …).
    pub channel: Option<Text>,
    /// Deadline as the document states it.
    pub deadline: Option<Text>,
}

/// How strongly a fact is sourced (the evidence tags of docs/reference/).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Read in the official text.
    Official,
    /// Read in a verbatim reprint.
    Reprint,
    /// A secondary summary.
    Secondary,
    /// Only a third-party code repository says so.
    Github,
    /// Not confirmed in any source.
    Unconfirmed,
}

/// A document a policy rests on.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Key used in citations.
    pub key: String,
    /// Title.
    pub title: String,
    /// 文号.
    pub number: String,
    /// Issuer(s).
    pub issuer: String,
    /// Where to read it.
    pub url: Option<String>,
    /// Date of issue.
    pub date: Option<Date>,
    /// In force from.
    pub from: Option<Date>,
    /// In force until (inclusive).
    pub until: Option<Date>,
    /// Evidence level.
    pub evidence: Evidence,
    /// What is not confirmed about it.
    pub unconfirmed: Option<Text>,
}

/// A clause of a document.
#[derive(Clone, Debug)]
pub struct Citation {
    pub(crate) doc: usize,
    /// The clause (条款), e.g. `第五条`.
    pub clause: String,
    /// `文号 条款`, as reports cite it; written once when the catalog is
    /// assembled, as every report borrows it.
    pub(crate) text: String,
}

/// One dated value of a parameter.
#[derive(Clone, Debug)]
pub struct ParamVersion {
    /// In force from.
    pub from: Date,
    /// In force until (inclusive); open-ended if `None`.
    pub until: Option<Date>,
    pub(crate) value: Value,
    /// Basis.
    pub cite: Citation,
    /// What is not confirmed.
    pub unconfirmed: Option<Text>,
}

/// A parameter whose value may change on dates.
#[derive(Clone, Debug)]
pub struct ParamDef {
    /// Name used in formulas.
    pub name: String,
    /// Label.
    pub label: Option<Text>,
    /// Values by date.
    pub versions: Vec<ParamVersion>,
}

impl ParamDef {
    pub(crate) fn at(&self, date: Date) -> Option<&ParamVersion> {
        self.versions.iter().find(|v| v.from <= date && v.until.is_none_or(|u| date <= u))
    }
}

/// A condition of a policy.
#[derive(Clone, Debug)]
pub struct ConditionDef {
    /// Stable id within the policy.
    pub id: String,
    /// What the document requires, in words.
    pub text: Text,
    /// The formula as written.
    pub source: String,
    /// Basis.
    pub cite: Option<Citation>,
    /// What is not confirmed.
    pub unconfirmed: Option<Text>,
    pub(crate) expr: Expr,
    /// Whether the condition reads a step of the amount (most read only
    /// inputs, and can rule a policy out before anything is computed).
    pub(crate) uses_steps: bool,
}

/// A step of the amount's computation.
#[derive(Clone, Debug)]
pub struct StepDef {
    /// Name used in later formulas and in `figures`.
    pub name: String,
    /// Label.
    pub label: Text,
    /// The formula as written.
    pub source: String,
    /// Basis.
    pub cite: Option<Citation>,
    /// Whether it is published in `figures` (rounded half-up to 分 there and
    /// in every later step, as on a return).
    pub figure: bool,
    /// What is not confirmed.
    pub unconfirmed: Option<Text>,
    pub(crate) expr: Expr,
}

/// Levels of government.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 国家.
    National,
    /// 省.
    Provincial,
    /// 市.
    Municipal,
    /// 区县, 开发区.
    District,
}

/// A policy, checked and ready to evaluate.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Stable id (docs/CONTRACT.md).
    pub id: String,
    /// Name.
    pub name: Text,
    /// One-line summary.
    pub summary: Option<Text>,
    /// Category.
    pub category: Category,
    /// Level of government.
    pub level: Level,
    /// Region-code prefixes it is limited to; empty for everywhere.
    pub regions: Vec<String>,
    /// First day in force; `None` where no source states it.
    pub valid_from: Option<Date>,
    /// Last day in force.
    pub valid_until: Option<Date>,
    /// Whether the amount is a ceiling ("最高", "不超过") rather than the
    /// exact sum; the report and the UI say so.
    pub amount_ceiling: bool,
    /// How to claim.
    pub delivery: Delivery,
    /// Documents.
    pub documents: Vec<Document>,
    /// Dated parameters.
    pub params: Vec<ParamDef>,
    /// Conditions, in the document's order (a region condition first where scoped).
    pub conditions: Vec<ConditionDef>,
    /// Steps of the amount.
    pub steps: Vec<StepDef>,
    /// Caveats that always apply.
    pub unconfirmed: Vec<Text>,
    /// Note.
    pub note: Option<Text>,
    pub(crate) amount: Expr,
    /// The amount's formula as written.
    pub amount_formula: String,
}

impl Policy {
    /// Whether the policy is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_until.is_none_or(|u| date <= u)
    }

    /// The document to show as the source on `date`: the first whose own
    /// window contains it, else the first.
    pub fn source_on(&self, date: Date) -> Option<&Document> {
        self.documents.iter().find(|d| d.from.is_none_or(|f| f <= date) && d.until.is_none_or(|u| date <= u)).or_else(|| self.documents.first())
    }

    /// The lowest evidence level among the documents.
    pub fn evidence(&self) -> Evidence {
        self.documents.iter().map(|d| d.evidence).max().unwrap_or(Evidence::Unconfirmed)
    }
}

/// A set of policies an enterprise may claim only one of, for the same
/// income or period (e.g. one corporate-income-tax rate preference).
#[derive(Clone, Debug, Serialize)]
pub struct ExclusiveGroup {
    /// Stable id.
    pub id: String,
    /// Member policies, in order of preference when amounts tie.
    pub policies: Vec<String>,
    /// The rule in words.
    pub rule: Text,
    /// Where the rule is stated.
    pub basis: Text,
}

/// Yes/no inputs asked as one question, "which of these do you hold?": one
/// answer sets each of them, true where ticked and false elsewhere.
#[derive(Clone, Debug, Serialize)]
pub struct AskTogether {
    /// The question's key (not a profile key).
    pub key: String,
    /// The question.
    pub label: Text,
    /// Help text.
    pub help: Option<Text>,
    /// The yes/no inputs it answers, by slot, in the order shown.
    pub inputs: Vec<u16>,
    /// How each of `inputs` reads as a box of the checklist, where the
    /// catalog words it apart from the input's label (one per input).
    pub labels: Vec<Option<Text>>,
    /// Numbers it asks by whether there is any (`本年度发生了研发费用`),
    /// after the yes/no inputs: unticked sets the number to 0; a ticked one
    /// is then asked for its value.
    pub presence: Vec<Presence>,
}

/// A number a checklist asks by whether there is any.
#[derive(Clone, Debug, Serialize)]
pub struct Presence {
    /// The input's slot.
    pub input: u16,
    /// The item as the checklist words it.
    pub label: Text,
}

/// A loaded, checked catalog.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub(crate) info: CatalogInfo,
    pub(crate) inputs: Vec<InputDef>,
    pub(crate) derived: Vec<DerivedDef>,
    pub(crate) derived_order: Vec<u16>,
    pub(crate) functions: Vec<Function>,
    pub(crate) policies: Vec<Policy>,
    pub(crate) exclusive: Vec<ExclusiveGroup>,
    pub(crate) ask_together: Vec<AskTogether>,
    /// Input slots in key order, to find an input by key without a scan.
    pub(crate) by_key: Vec<u16>,
}

impl Catalog {
    /// The catalog of these parts, with what is derived from them rather
    /// than stored: the inputs in key order, each citation's text, and which
    /// conditions read the amount's steps. Loading and reading compiled bytes
    /// both end here.
    #[allow(clippy::too_many_arguments)] // one argument per part of a catalog, each named
    pub(crate) fn assemble(
        info: CatalogInfo,
        inputs: Vec<InputDef>,
        derived: Vec<DerivedDef>,
        derived_order: Vec<u16>,
        functions: Vec<Function>,
        mut policies: Vec<Policy>,
        exclusive: Vec<ExclusiveGroup>,
        ask_together: Vec<AskTogether>,
    ) -> Catalog {
        for p in &mut policies {
            let Policy { documents, params, conditions, steps, .. } = p;
            let versions = params.iter_mut().flat_map(|d| d.versions.iter_mut().map(|v| &mut v.cite));
            let cites = versions.chain(conditions.iter_mut().filter_map(|c| c.cite.as_mut())).chain(steps.iter_mut().filter_map(|s| s.cite.as_mut()));
            for c in cites {
                c.text.clear();
                if let Some(d) = documents.get(c.doc) {
                    c.text.reserve(d.number.len() + 1 + c.clause.len());
                    c.text.push_str(&d.number);
                    c.text.push(' ');
                    c.text.push_str(&c.clause);
                }
            }
            for c in conditions {
                c.uses_steps = c.expr.uses_steps();
            }
        }
        let mut by_key: Vec<u16> = (0..inputs.len()).filter_map(|i| u16::try_from(i).ok()).collect();
        crate::order::sort_by(&mut by_key, |&a, &b| inputs[usize::from(a)].key.cmp(&inputs[usize::from(b)].key));
        Catalog { info, inputs, derived, derived_order, functions, policies, exclusive, ask_together, by_key }
    }

    /// The slot of the input named `key`.
    pub(crate) fn input_slot(&self, key: &str) -> Option<usize> {
        self.by_key.binary_search_by(|&i| self.inputs[usize::from(i)].key.as_str().cmp(key)).ok().map(|i| usize::from(self.by_key[i]))
    }

    /// The catalog's identity.
    pub fn info(&self) -> &CatalogInfo {
        &self.info
    }

    /// Declared inputs, in question order.
    pub fn inputs(&self) -> &[InputDef] {
        &self.inputs
    }

    /// Declared derived facts.
    pub fn derived(&self) -> &[DerivedDef] {
        &self.derived
    }

    /// Policies.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// Groups of mutually exclusive policies.
    pub fn exclusive_groups(&self) -> &[ExclusiveGroup] {
        &self.exclusive
    }

    /// Yes/no inputs asked together as one question.
    pub fn ask_together(&self) -> &[AskTogether] {
        &self.ask_together
    }

    /// The input declared under `key`.
    pub fn input(&self, key: &str) -> Option<&InputDef> {
        self.input_slot(key).map(|i| &self.inputs[i])
    }
}

/// The default catalog's files, embedded at build time as JSON, converted
/// from the authored TOML by `build.rs`: `(file name, JSON text)`. Reading
/// JSON keeps a TOML parser out of the browser build; the hash is the same
/// as the TOML files' (it covers the data, not the syntax).
pub const DEFAULT_JSON: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_catalog.rs"));

/// The default catalog compiled ([`Catalog::to_bytes`]): what
/// [`crate::default_catalog`] reads. A test checks that it is
/// [`DEFAULT_JSON`] compiled by this version; when a policy file changes,
/// `policy-calc compile calculator-core --out calculator-core/default-catalog.bin`
/// writes it again.
pub const DEFAULT_COMPILED: &[u8] = include_bytes!("../../default-catalog.bin");
