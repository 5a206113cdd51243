//! What a run found, added up: per policy (how many qualify, the total
//! amount, how many need input and what is missing most) and per district.
//! Each chunk's summary is merged into the run's in any order: the figures
//! are sums, so splitting a register into parts and adding up the parts'
//! summaries gives the whole one's.

use crate::districts::district_name;
use calculator_core::{Catalog, Date, Lang};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Counts for one policy.
#[derive(Default, Clone, Debug, PartialEq)]
pub struct PolicyCount {
    /// Enterprises for which it is eligible.
    pub eligible: u64,
    /// Of those, how many wait for an input to compute the amount.
    pub amount_pending: u64,
    /// The amounts counted in totals (one member per exclusive group).
    pub total: Decimal,
    /// Enterprises for which it needs input.
    pub needs_input: u64,
    /// How often each input (by catalog slot) was missing; empty until one was.
    pub missing: Vec<u64>,
}

/// Counts for one district (a `region_code`; `""` when the row has none).
#[derive(Default, Clone, Debug, PartialEq)]
pub struct DistrictCount {
    /// Enterprises read.
    pub enterprises: u64,
    /// Of those, with at least one eligible policy.
    pub with_eligible: u64,
    /// Eligible policies, summed over the enterprises.
    pub eligible: u64,
    /// Their amounts counted in totals.
    pub total: Decimal,
    /// Enterprises with at least one policy needing input.
    pub with_needs_input: u64,
}

/// Lines of a diff against a baseline catalog, by kind.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Changes {
    /// Matches only under the catalog matched.
    pub new: u64,
    /// Matches under both, with another status or amount.
    pub changed: u64,
    /// Matches only under the baseline.
    pub gone: u64,
}

/// What a chunk (and, merged, a run) found.
#[derive(Default, Clone, Debug, PartialEq)]
pub struct Summary {
    /// Rows read and decided.
    pub rows: u64,
    /// Rows skipped (see [`crate::BadRow`]).
    pub bad_rows: u64,
    /// Rows with at least one value that could not be used (it counted as unknown).
    pub rows_with_field_errors: u64,
    /// Enterprises with at least one eligible policy.
    pub with_eligible: u64,
    /// By policy, in catalog order; empty until a policy matched.
    pub policies: Vec<PolicyCount>,
    /// By region code.
    pub districts: BTreeMap<String, DistrictCount>,
    /// Against the baseline, when there is one.
    pub changes: Option<Changes>,
}

impl Summary {
    pub(crate) fn policy(&mut self, i: usize, policies: usize) -> &mut PolicyCount {
        if self.policies.len() < policies {
            self.policies.resize_with(policies, PolicyCount::default);
        }
        &mut self.policies[i]
    }

    /// Adds `other` (a later chunk, or another part of the register) to this one.
    pub fn merge(&mut self, other: Summary) {
        self.rows += other.rows;
        self.bad_rows += other.bad_rows;
        self.rows_with_field_errors += other.rows_with_field_errors;
        self.with_eligible += other.with_eligible;
        let n = other.policies.len();
        for (i, c) in other.policies.into_iter().enumerate() {
            let mine = self.policy(i, n);
            mine.eligible += c.eligible;
            mine.amount_pending += c.amount_pending;
            mine.total += c.total;
            mine.needs_input += c.needs_input;
            if mine.missing.len() < c.missing.len() {
                mine.missing.resize(c.missing.len(), 0);
            }
            for (m, k) in mine.missing.iter_mut().zip(c.missing) {
                *m += k;
            }
        }
        for (code, d) in other.districts {
            let mine = self.districts.entry(code).or_default();
            mine.enterprises += d.enterprises;
            mine.with_eligible += d.with_eligible;
            mine.eligible += d.eligible;
            mine.total += d.total;
            mine.with_needs_input += d.with_needs_input;
        }
        if let Some(c) = other.changes {
            let mine = self.changes.get_or_insert_with(Changes::default);
            mine.new += c.new;
            mine.changed += c.changed;
            mine.gone += c.gone;
        }
    }

    /// The inputs of policy `i` missing most often (key, count), at most `n`.
    pub fn most_missing<'c>(&self, catalog: &'c Catalog, i: usize, n: usize) -> Vec<(&'c str, u64)> {
        let Some(c) = self.policies.get(i) else { return Vec::new() };
        let mut missing: Vec<(&str, u64)> =
            c.missing.iter().enumerate().filter(|(_, n)| **n > 0).map(|(slot, n)| (catalog.inputs()[slot].key.as_str(), *n)).collect();
        missing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        missing.truncate(n);
        missing
    }

    /// The summary as JSON: per policy in the catalog's order, per district
    /// in code order (`name` from GB/T 2260 when known, in `lang`).
    pub fn to_json(&self, catalog: &Catalog, as_of: Date, lang: Lang) -> serde_json::Value {
        let policies: Vec<serde_json::Value> = catalog
            .policies()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let c = self.policies.get(i).cloned().unwrap_or_default();
                serde_json::json!({
                    "policy_id": p.id,
                    "eligible": c.eligible,
                    "amount_pending": c.amount_pending,
                    "total_amount": format!("{:.2}", c.total),
                    "needs_input": c.needs_input,
                    "most_missing": self.most_missing(catalog, i, 5).into_iter().map(|(key, count)| serde_json::json!({ "key": key, "count": count })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let districts: Vec<serde_json::Value> = self
            .districts
            .iter()
            .map(|(code, d)| {
                serde_json::json!({
                    "region_code": code,
                    "name": district_name(code, lang),
                    "enterprises": d.enterprises,
                    "with_eligible": d.with_eligible,
                    "eligible": d.eligible,
                    "total_amount": format!("{:.2}", d.total),
                    "with_needs_input": d.with_needs_input,
                })
            })
            .collect();
        let info = catalog.info();
        let mut v = serde_json::json!({
            "catalog": { "id": info.id, "version": info.version, "hash": info.hash },
            "as_of": as_of.to_string(),
            "rows": self.rows,
            "bad_rows": self.bad_rows,
            "rows_with_field_errors": self.rows_with_field_errors,
            "with_eligible": self.with_eligible,
            "policies": policies,
            "districts": districts,
        });
        if let Some(c) = self.changes {
            v["changes"] = serde_json::json!({ "new": c.new, "changed": c.changed, "gone": c.gone });
        }
        v
    }
}
