//! The report: what evaluation returns, shaped as in CONTRACT.md.

use crate::catalog::{Category, DeliveryMode, Evidence, Level};
use crate::date::Date;
use crate::i18n::Lang;
use crate::money::Money;
use crate::profile::FieldIssue;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which catalog produced a report.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CatalogRef {
    /// Catalog id.
    pub id: String,
    /// Catalog version.
    pub version: String,
    /// `sha256:` content hash.
    pub hash: String,
}

/// The outcome for one policy.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every condition holds and the amount is known.
    Eligible,
    /// Some condition fails on the known inputs.
    Ineligible,
    /// Nothing fails yet, but some inputs are missing (listed in `missing`).
    NeedsInput,
    /// The evaluation date is outside the policy's validity.
    NotInForce,
    /// The catalog's formula could not be computed (overflow, division by
    /// zero); listed in `errors`. Never shown as an amount.
    Error,
}

/// pass / fail / unknown.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// Holds.
    Pass,
    /// Fails.
    Fail,
    /// Cannot be decided yet.
    Unknown,
}

/// One comparison inside a condition: the user's value against the threshold.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Comparison {
    /// What is compared (an input's label, or the formula text).
    pub subject: String,
    /// The profile key, where the subject is one input.
    pub key: Option<String>,
    /// The user's (or derived) value, if known.
    pub value: Option<String>,
    /// `≤`, `≥`, `=`, `∈` …
    pub operator: String,
    /// The threshold or the allowed set.
    pub threshold: Option<String>,
    /// Outcome.
    pub result: Truth,
}

/// The trace of one condition.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ConditionTrace {
    /// Condition id.
    pub id: String,
    /// What the document requires.
    pub text: String,
    /// 文号 and 条款.
    pub citation: Option<String>,
    /// The rule as written in the catalog.
    pub formula: String,
    /// Outcome.
    pub result: Truth,
    /// The comparisons inside it.
    pub comparisons: Vec<Comparison>,
    /// Inputs that would decide it, when unknown.
    pub missing: Vec<String>,
    /// What is unconfirmed about it.
    pub unconfirmed: Option<String>,
}

/// One step of the amount.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Step {
    /// Step name (a `figures` key where published).
    pub name: String,
    /// Label.
    pub label: String,
    /// The formula as written.
    pub formula: String,
    /// The formula with the values it used.
    pub substituted: String,
    /// Its value, if known.
    pub value: Option<String>,
    /// 文号 and 条款.
    pub citation: Option<String>,
    /// What is unconfirmed about it.
    pub unconfirmed: Option<String>,
}

/// One change that would turn an ineligible result eligible.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Change {
    /// Profile key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// The value now.
    pub current: String,
    /// The nearest value that would do.
    pub needed: String,
    /// `needed − current`.
    pub delta: String,
}

/// What would make an ineligible policy eligible, where only numeric thresholds fail.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NearMiss {
    /// The changes, all needed together.
    pub changes: Vec<Change>,
    /// In words.
    pub message: String,
}

/// Where the rule comes from.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Source {
    /// 文号.
    pub document: String,
    /// Title.
    pub title: String,
    /// Where to read it.
    pub url: Option<String>,
    /// Issuer.
    pub issuer: String,
    /// Evidence level of this document.
    pub evidence: Evidence,
}

/// How to claim, in the report's language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HowToClaim {
    /// Mode.
    pub mode: DeliveryMode,
    /// Mode in words (免申即享 / 申报即享 / 需申请).
    pub mode_text: String,
    /// Channel.
    pub channel: Option<String>,
    /// Deadline.
    pub deadline: Option<String>,
}

/// The result for one policy.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PolicyResult {
    /// Policy id.
    pub policy_id: String,
    /// Name.
    pub name: String,
    /// Status.
    pub status: Status,
    /// Category.
    pub category: Category,
    /// Level of government.
    pub level: Level,
    /// Benefit in 元 when eligible, else `null`.
    pub amount: Option<Money>,
    /// Named intermediate quantities.
    pub figures: BTreeMap<String, Money>,
    /// Inputs that would decide a `needs_input` result.
    pub missing: Vec<String>,
    /// Condition traces.
    pub conditions: Vec<ConditionTrace>,
    /// The amount's steps.
    pub breakdown: Vec<Step>,
    /// For ineligible results that fail only numeric thresholds.
    pub near_miss: Option<NearMiss>,
    /// The document in force on the evaluation date.
    pub source: Source,
    /// All documents the policy rests on (文号).
    pub documents: Vec<String>,
    /// First day in force; `null` where no source states it.
    pub valid_from: Option<Date>,
    /// Last day in force.
    pub valid_until: Option<Date>,
    /// Whether `amount` is a ceiling ("最高", "不超过"), not an exact sum.
    pub amount_ceiling: bool,
    /// Whether `amount` is in `totals`: eligible, and not set aside for a
    /// better policy of the same exclusive group.
    pub counted_in_totals: bool,
    /// Which policy this one cannot be combined with, and which to choose.
    pub stacking: Option<String>,
    /// How to claim.
    pub how_to_claim: HowToClaim,
    /// One sentence saying why this status.
    pub reason: String,
    /// The catalog's note on the policy (stacking rules, what is not included).
    pub note: Option<String>,
    /// Whether any fact used is not confirmed (see `caveats`).
    pub unconfirmed: bool,
    /// The unconfirmed facts, in words.
    pub caveats: Vec<String>,
}

/// Where two or more eligible policies cannot be combined: which to choose.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct StackingAdvice {
    /// Exclusive group id.
    pub group: String,
    /// The rule in words.
    pub rule: String,
    /// Where it is stated.
    pub basis: String,
    /// The eligible members.
    pub eligible: Vec<String>,
    /// The one worth most.
    pub recommended: String,
}

/// A report for one profile on one date.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Report {
    /// Which catalog.
    pub catalog: CatalogRef,
    /// Evaluation date.
    pub as_of: Date,
    /// Language of the texts.
    pub lang: Lang,
    /// Facts computed from the inputs; absent while undecided.
    pub derived: BTreeMap<String, serde_json_free::Plain>,
    /// One result per policy, in catalog order.
    pub results: Vec<PolicyResult>,
    /// Sum of eligible amounts per category, one per exclusive group.
    pub totals: BTreeMap<&'static str, Money>,
    /// Recommendations where policies cannot be combined.
    pub stacking: Vec<StackingAdvice>,
    /// Field warnings (unknown keys …).
    pub warnings: Vec<FieldIssue>,
    /// Field errors, and formulas that could not be computed.
    pub errors: Vec<FieldIssue>,
}

impl Report {
    /// The result for `policy_id`.
    pub fn result(&self, policy_id: &str) -> Option<&PolicyResult> {
        self.results.iter().find(|r| r.policy_id == policy_id)
    }
}

/// A JSON-ready scalar, without pulling a JSON library into the core.
pub mod serde_json_free {
    use serde::Serialize;

    /// A derived fact's value.
    #[derive(Clone, Debug, Serialize, PartialEq, Eq)]
    #[serde(untagged)]
    pub enum Plain {
        /// true / false.
        Bool(bool),
        /// Text, an option, a date, or a number as its decimal text.
        Text(String),
    }
}
