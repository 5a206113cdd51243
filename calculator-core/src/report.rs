//! The report: what evaluation returns, shaped as in CONTRACT.md.
//!
//! Texts the catalog holds (names, conditions, citations, keys) are borrowed
//! from it for the report's lifetime `'c`, not copied: a full report holds
//! well over a thousand of them. Texts written for this profile are owned.
//! [`Report::into_owned`] detaches a report from its catalog.

use crate::catalog::{Category, DeliveryMode, Evidence, Level};
use crate::date::Date;
use crate::i18n::Lang;
use crate::money::Money;
use crate::profile::FieldIssue;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Which catalog produced a report.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CatalogRef<'c> {
    /// Catalog id.
    pub id: Cow<'c, str>,
    /// Catalog version.
    pub version: Cow<'c, str>,
    /// `sha256:` content hash.
    pub hash: Cow<'c, str>,
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
pub struct Comparison<'c> {
    /// What is compared (an input's label, or the formula text).
    pub subject: Cow<'c, str>,
    /// The profile key, where the subject is one input.
    pub key: Option<Cow<'c, str>>,
    /// The user's (or derived) value, if known.
    pub value: Option<Cow<'c, str>>,
    /// `=`, `≠`, `<`, `≤`, `>`, `≥`, `∈` or `∉`. A comparison under a `not`
    /// is shown turned around (`not (x > 300)` as `x ≤ 300`, `not (code in
    /// …)` as `code ∉ …`), so that `result` says whether it is as the rule
    /// needs.
    pub operator: &'static str,
    /// The threshold or the allowed set.
    pub threshold: Option<Cow<'c, str>>,
    /// Outcome.
    pub result: Truth,
}

/// The trace of one condition.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ConditionTrace<'c> {
    /// Condition id.
    pub id: Cow<'c, str>,
    /// What the document requires.
    pub text: Cow<'c, str>,
    /// 文号 and 条款.
    pub citation: Option<Cow<'c, str>>,
    /// The rule as written in the catalog.
    pub formula: Cow<'c, str>,
    /// Outcome.
    pub result: Truth,
    /// The comparisons inside it.
    pub comparisons: Vec<Comparison<'c>>,
    /// Inputs that would decide it, when unknown.
    pub missing: Vec<Cow<'c, str>>,
    /// What is unconfirmed about it.
    pub unconfirmed: Option<Cow<'c, str>>,
}

/// One step of the amount.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Step<'c> {
    /// Step name (a `figures` key where published).
    pub name: Cow<'c, str>,
    /// Label.
    pub label: Cow<'c, str>,
    /// The formula as written.
    pub formula: Cow<'c, str>,
    /// The formula with the values it used.
    pub substituted: String,
    /// Its value, if known.
    pub value: Option<Cow<'c, str>>,
    /// 文号 and 条款.
    pub citation: Option<Cow<'c, str>>,
    /// What is unconfirmed about it.
    pub unconfirmed: Option<Cow<'c, str>>,
}

/// One change that would turn an ineligible result eligible.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Change<'c> {
    /// Profile key.
    pub key: Cow<'c, str>,
    /// Its label.
    pub label: Cow<'c, str>,
    /// The value now.
    pub current: String,
    /// The nearest value that would do.
    pub needed: String,
    /// `needed − current`.
    pub delta: String,
}

/// What would make an ineligible policy eligible, where only numeric thresholds fail.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NearMiss<'c> {
    /// The changes, all needed together.
    pub changes: Vec<Change<'c>>,
    /// In words.
    pub message: String,
}

/// Where the rule comes from.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Source<'c> {
    /// 文号.
    pub document: Cow<'c, str>,
    /// Title.
    pub title: Cow<'c, str>,
    /// Where to read it.
    pub url: Option<Cow<'c, str>>,
    /// Issuer.
    pub issuer: Cow<'c, str>,
    /// Evidence level of this document.
    pub evidence: Evidence,
}

/// How to claim, in the report's language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HowToClaim<'c> {
    /// Mode.
    pub mode: DeliveryMode,
    /// Mode in words (免申即享 / 申报即享 / 需申请).
    pub mode_text: &'static str,
    /// Channel.
    pub channel: Option<Cow<'c, str>>,
    /// Deadline.
    pub deadline: Option<Cow<'c, str>>,
}

/// The result for one policy.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PolicyResult<'c> {
    /// Policy id.
    pub policy_id: Cow<'c, str>,
    /// Name.
    pub name: Cow<'c, str>,
    /// Status.
    pub status: Status,
    /// Category.
    pub category: Category,
    /// Level of government.
    pub level: Level,
    /// Benefit in 元 when eligible, else `null`.
    pub amount: Option<Money>,
    /// Named intermediate quantities.
    pub figures: BTreeMap<Cow<'c, str>, Money>,
    /// Inputs that would decide a `needs_input` result.
    pub missing: Vec<Cow<'c, str>>,
    /// Condition traces.
    pub conditions: Vec<ConditionTrace<'c>>,
    /// The amount's steps.
    pub breakdown: Vec<Step<'c>>,
    /// For ineligible results that fail only numeric thresholds.
    pub near_miss: Option<NearMiss<'c>>,
    /// The document in force on the evaluation date.
    pub source: Source<'c>,
    /// All documents the policy rests on (文号).
    pub documents: Vec<Cow<'c, str>>,
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
    pub how_to_claim: HowToClaim<'c>,
    /// One sentence saying why this status.
    pub reason: Cow<'c, str>,
    /// The catalog's note on the policy (stacking rules, what is not included).
    pub note: Option<Cow<'c, str>>,
    /// Whether any fact used is not confirmed (see `caveats`).
    pub unconfirmed: bool,
    /// The unconfirmed facts, in words.
    pub caveats: Vec<Cow<'c, str>>,
}

/// Where two or more eligible policies cannot be combined: which to choose.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct StackingAdvice<'c> {
    /// Exclusive group id.
    pub group: Cow<'c, str>,
    /// The rule in words.
    pub rule: Cow<'c, str>,
    /// Where it is stated.
    pub basis: Cow<'c, str>,
    /// The eligible members.
    pub eligible: Vec<Cow<'c, str>>,
    /// The one worth most.
    pub recommended: Cow<'c, str>,
}

/// A report for one profile on one date.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Report<'c> {
    /// Which catalog.
    pub catalog: CatalogRef<'c>,
    /// Evaluation date.
    pub as_of: Date,
    /// Language of the texts.
    pub lang: Lang,
    /// Facts computed from the inputs; absent while undecided.
    pub derived: BTreeMap<Cow<'c, str>, serde_json_free::Plain>,
    /// One result per policy, in catalog order.
    pub results: Vec<PolicyResult<'c>>,
    /// Sum of eligible amounts per category, one per exclusive group.
    pub totals: BTreeMap<&'static str, Money>,
    /// Recommendations where policies cannot be combined.
    pub stacking: Vec<StackingAdvice<'c>>,
    /// Field warnings (unknown keys …).
    pub warnings: Vec<FieldIssue>,
    /// Field errors, and formulas that could not be computed.
    pub errors: Vec<FieldIssue>,
}

impl<'c> Report<'c> {
    /// The result for `policy_id`.
    pub fn result(&self, policy_id: &str) -> Option<&PolicyResult<'c>> {
        self.results.iter().find(|r| r.policy_id == policy_id)
    }
}

impl Report<'_> {
    /// The same report, owning every text: for keeping it after its catalog
    /// goes, as a page does with a catalog its host may replace.
    pub fn into_owned(self) -> Report<'static> {
        Report {
            catalog: CatalogRef { id: own(self.catalog.id), version: own(self.catalog.version), hash: own(self.catalog.hash) },
            as_of: self.as_of,
            lang: self.lang,
            derived: own_keys(self.derived),
            results: self.results.into_iter().map(PolicyResult::into_owned).collect(),
            totals: self.totals,
            stacking: self
                .stacking
                .into_iter()
                .map(|a| StackingAdvice {
                    group: own(a.group),
                    rule: own(a.rule),
                    basis: own(a.basis),
                    eligible: own_all(a.eligible),
                    recommended: own(a.recommended),
                })
                .collect(),
            warnings: self.warnings,
            errors: self.errors,
        }
    }
}

impl PolicyResult<'_> {
    fn into_owned(self) -> PolicyResult<'static> {
        let conditions = self
            .conditions
            .into_iter()
            .map(|c| ConditionTrace {
                id: own(c.id),
                text: own(c.text),
                citation: c.citation.map(own),
                formula: own(c.formula),
                result: c.result,
                comparisons: c
                    .comparisons
                    .into_iter()
                    .map(|x| Comparison {
                        subject: own(x.subject),
                        key: x.key.map(own),
                        value: x.value.map(own),
                        operator: x.operator,
                        threshold: x.threshold.map(own),
                        result: x.result,
                    })
                    .collect(),
                missing: own_all(c.missing),
                unconfirmed: c.unconfirmed.map(own),
            })
            .collect();
        let breakdown = self
            .breakdown
            .into_iter()
            .map(|s| Step {
                name: own(s.name),
                label: own(s.label),
                formula: own(s.formula),
                substituted: s.substituted,
                value: s.value.map(own),
                citation: s.citation.map(own),
                unconfirmed: s.unconfirmed.map(own),
            })
            .collect();
        let near_miss = self.near_miss.map(|n| NearMiss {
            changes: n
                .changes
                .into_iter()
                .map(|c| Change { key: own(c.key), label: own(c.label), current: c.current, needed: c.needed, delta: c.delta })
                .collect(),
            message: n.message,
        });
        let s = self.source;
        PolicyResult {
            policy_id: own(self.policy_id),
            name: own(self.name),
            status: self.status,
            category: self.category,
            level: self.level,
            amount: self.amount,
            figures: own_keys(self.figures),
            missing: own_all(self.missing),
            conditions,
            breakdown,
            near_miss,
            source: Source { document: own(s.document), title: own(s.title), url: s.url.map(own), issuer: own(s.issuer), evidence: s.evidence },
            documents: own_all(self.documents),
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            amount_ceiling: self.amount_ceiling,
            counted_in_totals: self.counted_in_totals,
            stacking: self.stacking,
            how_to_claim: HowToClaim {
                mode: self.how_to_claim.mode,
                mode_text: self.how_to_claim.mode_text,
                channel: self.how_to_claim.channel.map(own),
                deadline: self.how_to_claim.deadline.map(own),
            },
            reason: own(self.reason),
            note: self.note.map(own),
            unconfirmed: self.unconfirmed,
            caveats: own_all(self.caveats),
        }
    }
}

fn own(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn own_all(texts: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    texts.into_iter().map(own).collect()
}

fn own_keys<V>(map: BTreeMap<Cow<'_, str>, V>) -> BTreeMap<Cow<'static, str>, V> {
    // Inserted one by one: collecting into a map links a sort of its own.
    let mut owned = BTreeMap::new();
    for (k, v) in map {
        owned.insert(own(k), v);
    }
    owned
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

#[cfg(test)]
mod tests {
    use crate::{default_catalog, evaluate, Lang, Options, Profile, Status};

    #[test]
    fn an_owned_report_is_the_same_report() {
        let catalog = default_catalog().unwrap();
        // Just over the small low-profit limit of 3,000,000 元: a near miss,
        // besides eligible, ineligible and open results.
        let profile = Profile::new()
            .with("entity_type", "enterprise")
            .with("region_code", "210202")
            .with("industry_code", "C3411")
            .with("employees", 80)
            .with("annual_revenue", "25000000")
            .with("total_assets", "30000000")
            .with("restricted_industry", false)
            .with("cit_collection", "audit")
            .with("taxable_income", "3000100")
            .with("rd_expense", "1200000")
            .with("vat_taxpayer", "general")
            .with("onpayroll_staff", 80)
            .with("disabled_staff", 0)
            .with("avg_wage", "72000")
            .with("local_avg_wage", "65000");
        let report = evaluate(catalog, &profile, &Options { as_of: "2025-12-31".parse().unwrap(), lang: Lang::ZhTw });
        let statuses: Vec<Status> = report.results.iter().map(|r| r.status).collect();
        assert!(statuses.contains(&Status::Eligible) && statuses.contains(&Status::Ineligible) && statuses.contains(&Status::NeedsInput));
        let cit = report.result("cn.cit.small-low-profit").unwrap();
        assert_eq!(cit.near_miss.as_ref().unwrap().changes[0].needed, "3000000.00");
        let owned = report.clone().into_owned();
        assert_eq!(owned, report);
    }
}
