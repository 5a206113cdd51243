//! The report: what [`evaluate`](crate::evaluate) returns, shaped as in
//! docs/CONTRACT.md. Its types, and [`assemble`], the one place where the
//! decisions of [`crate::decide`] and the words of [`crate::explain`] meet.

mod assemble;

pub use crate::decide::Status;
pub use crate::explain::{Change, Comparison, ConditionTrace, NearMiss, Step, Truth};
pub use assemble::evaluate;

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
    pub mode_text: &'static str,
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
    /// Benefit in 元 when eligible and computed, else `null`.
    pub amount: Option<Money>,
    /// Named intermediate quantities: every published figure that can be
    /// computed, also while the amount waits for an input.
    pub figures: BTreeMap<String, Money>,
    /// Inputs that would decide a `needs_input` result.
    pub missing: Vec<String>,
    /// Inputs that would compute the amount of an eligible result whose
    /// `amount` is `null`.
    pub amount_missing: Vec<String>,
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
    /// Whether `amount` is in `totals`: eligible, computed, and not set
    /// aside for a better policy of the same exclusive group.
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

/// A derived fact's value in a report: JSON-ready without a JSON library in
/// the core.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Plain {
    /// true / false.
    Bool(bool),
    /// Text, an option, a date, or a number as its decimal text.
    Text(String),
}

/// A policy whose own formula could not be computed for this profile
/// (overflow, division by zero, no parameter value on the date): a fault of
/// the catalog, not of the profile.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PolicyError {
    /// The policy.
    pub policy_id: String,
    /// `overflow`, `division_by_zero` or `no_parameter_value`.
    pub code: &'static str,
    /// In words.
    pub message: String,
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
    pub derived: BTreeMap<String, Plain>,
    /// One result per policy, in catalog order.
    pub results: Vec<PolicyResult>,
    /// Sum of the computed eligible amounts per category, one per exclusive group.
    pub totals: BTreeMap<&'static str, Money>,
    /// Per category, how many eligible policies still wait for an input to
    /// compute their amount (not in `totals`).
    pub amounts_pending: BTreeMap<&'static str, u32>,
    /// Recommendations where policies cannot be combined.
    pub stacking: Vec<StackingAdvice>,
    /// Field warnings (unknown keys …).
    pub warnings: Vec<FieldIssue>,
    /// Field errors: values that could not be used (they count as unknown).
    pub errors: Vec<FieldIssue>,
    /// Policies whose formula could not be computed (their status is `error`).
    pub policy_errors: Vec<PolicyError>,
}

impl Report {
    /// The result for `policy_id`.
    pub fn result(&self, policy_id: &str) -> Option<&PolicyResult> {
        self.results.iter().find(|r| r.policy_id == policy_id)
    }
}
