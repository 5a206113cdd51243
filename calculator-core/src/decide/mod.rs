//! Decisions: for one profile on one date, each policy's status, amount and
//! missing inputs, and which members of an exclusive group count in the
//! totals. Pure, and with nothing put into words: the register matcher
//! needs only this, and the report ([`crate::report`]) puts it into words
//! through [`crate::explain`].
//!
//! Evaluation is three-valued (see [`crate::expression`]): a condition holds,
//! fails, or is unknown together with the inputs that would decide it. A
//! policy is ineligible as soon as one condition fails, whatever else is
//! unknown; it needs input while nothing fails and something is unknown.

mod near_miss;
mod policy;

pub(crate) use near_miss::{near_miss, Fix};
pub(crate) use policy::{Outcome, Scratch};

use crate::catalog::{Catalog, ExclusiveGroup};
use crate::date::Date;
use crate::expression::{eval, Env, Ev, Missing, Value, R};
use crate::i18n::Lang;
use crate::money::Money;
use crate::profile::{validate, validate_cells, Columns, Profile};
use rust_decimal::Decimal;
use serde::Serialize;

/// How to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The date whose rules apply.
    pub as_of: Date,
    /// Language of the report's texts.
    pub lang: Lang,
}

/// The outcome for one policy.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every condition holds. The amount is known, or waits for the inputs
    /// listed in `amount_missing`.
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

/// A catalog prepared for one date and language: whether each policy is in
/// force and the values its parameters take on that date are looked up once,
/// not for every profile. Matching a register prepares one plan for the whole
/// run; [`evaluate`](crate::evaluate), [`decide_all`] and
/// [`questions`](crate::questions) prepare one per call.
///
/// ```
/// use calculator_core::{default_catalog, Lang, Options, Plan, Profile, Status};
/// let catalog = default_catalog()?;
/// let plan = Plan::new(catalog, &Options { as_of: "2025-12-31".parse()?, lang: Lang::ZhCn });
/// for income in ["900000", "2600000", "3100000"] {
///     let report = plan.evaluate(&Profile::new().with("taxable_income", income));
///     assert_ne!(report.result("cn.cit.small-low-profit").unwrap().status, Status::Error);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Plan<'c> {
    catalog: &'c Catalog,
    options: Options,
    /// Per policy, in catalog order.
    policies: Vec<Prepared>,
}

/// One policy on the plan's date.
struct Prepared {
    in_force: bool,
    /// Each parameter's value in force on the date (`None`: no version covers it).
    params: Vec<Option<Value>>,
}

impl<'c> Plan<'c> {
    /// Prepares `catalog` for `options.as_of`.
    pub fn new(catalog: &'c Catalog, options: &Options) -> Plan<'c> {
        let policies = catalog
            .policies
            .iter()
            .map(|p| Prepared { in_force: p.in_force(options.as_of), params: p.params.iter().map(|d| d.at(options.as_of).map(|v| v.value.clone())).collect() })
            .collect();
        Plan { catalog, options: *options, policies }
    }

    /// The catalog this plan prepares.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The date and language this plan was prepared for.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The values of policy `i`'s parameters on the plan's date.
    pub(crate) fn params(&self, i: usize) -> &[Option<Value>] {
        self.policies.get(i).map_or(&[], |p| &p.params)
    }

    /// As [`decide_all`], on the plan's date.
    pub fn decide_all(&self, profile: &Profile) -> Decisions {
        let v = validate(self.catalog, profile, self.options.lang);
        self.decide_values(&v.values, v.errors.len())
    }

    /// As [`Plan::decide_all`] for a register's row read straight from its
    /// cells (see [`Columns`]): the same decisions as for the profile of
    /// the row's non-blank cells, without building it.
    pub fn decide_cells<'a>(&self, columns: &Columns, cells: impl IntoIterator<Item = &'a str>) -> Decisions {
        let (values, errors) = validate_cells(self.catalog, columns, cells, self.options.lang);
        self.decide_values(&values, errors)
    }
    pub(crate) fn decide_values(&self, values: &[Option<Value>], field_errors: usize) -> Decisions {
        let catalog = self.catalog;
        let derived = derive(catalog, values, self.options.as_of);
        let mut scratch = Scratch::default();
        let mut decisions: Vec<Decision> = Vec::with_capacity(catalog.policies.len());
        for i in 0..catalog.policies.len() {
            let out = self.decide(i, values, &derived, true, std::mem::take(&mut scratch));
            decisions.push(Decision {
                status: out.status,
                amount: out.amount.map(Money::exact),
                missing: if out.status == Status::NeedsInput { out.missing.to_vec() } else { Vec::new() },
                amount_missing: out.amount_missing.to_vec(),
                counted_in_totals: out.status == Status::Eligible && out.amount.is_some(),
            });
            scratch.reuse(out);
        }
        for g in &catalog.exclusive {
            if let Some(choice) = choose(catalog, g, |i| (decisions[i].status, decisions[i].amount)) {
                for i in choice.eligible.into_iter().filter(|&i| i != choice.best) {
                    decisions[i].counted_in_totals = false;
                }
            }
        }
        Decisions { decisions, field_errors }
    }

    /// Decides policy `i` of the catalog for the validated `inputs` and the
    /// facts derived from them, keeping what an explanation needs unless
    /// `lean` (see [`policy::decide_with`]).
    pub(crate) fn decide<'e>(&'e self, i: usize, inputs: &'e [Option<Value>], derived: &[R<'e>], lean: bool, scratch: Scratch<'e>) -> Outcome<'e> {
        let p = &self.policies[i];
        let env = Env { inputs, derived, params: &p.params, steps: &[], locals: &[], functions: &self.catalog.functions, as_of: self.options.as_of };
        policy::decide_with(&self.catalog.policies[i], p.in_force, &env, lean, scratch)
    }
}

/// Derived facts for one profile, in catalog order.
pub(crate) fn derive<'e>(catalog: &'e Catalog, inputs: &'e [Option<Value>], as_of: Date) -> Vec<R<'e>> {
    let mut derived: Vec<R<'e>> = vec![Ok(Ev::Unknown(Missing::NONE)); catalog.derived.len()];
    for &i in &catalog.derived_order {
        let env = Env { inputs, derived: &derived, params: &[], steps: &[], locals: &[], functions: &catalog.functions, as_of };
        let value = eval(&catalog.derived[usize::from(i)].expr, &env);
        derived[usize::from(i)] = value;
    }
    derived
}

/// An exclusive group with two or more eligible members.
pub(crate) struct GroupChoice {
    /// The eligible members, in catalog order.
    pub eligible: Vec<usize>,
    /// The one worth most among those whose amount is known (the first
    /// listed on a tie), else the first.
    pub best: usize,
    /// Whether every eligible member's amount is known, so that `best` is
    /// worth most for certain.
    pub complete: bool,
}

/// Chooses among an exclusive group's eligible members. One rule for the
/// report and the lean decisions.
pub(crate) fn choose(catalog: &Catalog, g: &ExclusiveGroup, of: impl Fn(usize) -> (Status, Option<Money>)) -> Option<GroupChoice> {
    let eligible: Vec<usize> =
        g.policies.iter().filter_map(|id| catalog.policies.iter().position(|p| &p.id == id)).filter(|&i| of(i).0 == Status::Eligible).collect();
    if eligible.len() < 2 {
        return None;
    }
    let amount = |i: usize| of(i).1.map_or(Decimal::MIN, Money::value);
    let best = eligible.iter().copied().fold(eligible[0], |b, i| if amount(i) > amount(b) { i } else { b });
    let complete = eligible.iter().all(|&i| of(i).1.is_some());
    Some(GroupChoice { eligible, best, complete })
}

/// One policy decided, without its explanation: what matching a register needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// As in the full report.
    pub status: Status,
    /// As in the full report: `Some` only when eligible and computable.
    pub amount: Option<Money>,
    /// Inputs that would decide a `needs_input` policy, as indices into
    /// [`Catalog::inputs`] (sorted), so that nothing is allocated per key.
    pub missing: Vec<u16>,
    /// Inputs that would compute the amount of an eligible policy (indices,
    /// sorted); empty when the amount is known.
    pub amount_missing: Vec<u16>,
    /// As in the full report: whether `amount` is in the totals — eligible,
    /// computed, and not set aside for a better member of an exclusive group.
    pub counted_in_totals: bool,
}

/// Every policy decided for one profile, in catalog order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decisions {
    /// One per policy, in catalog order.
    pub decisions: Vec<Decision>,
    /// Fields whose value could not be used (they count as unknown).
    pub field_errors: usize,
}

/// Decides every policy for `profile` without putting anything into words:
/// the statuses, amounts, missing inputs and totals flags of
/// [`evaluate`](crate::evaluate), for matching whole registers. A test keeps
/// the two in agreement.
///
/// ```
/// use calculator_core::{decide_all, default_catalog, evaluate, Lang, Options, Profile};
/// let catalog = default_catalog()?;
/// let profile = Profile::new().with("entity_type", "enterprise").with("taxable_income", "900000");
/// let options = Options { as_of: "2025-12-31".parse()?, lang: Lang::ZhCn };
/// let lean = decide_all(catalog, &profile, &options);
/// let full = evaluate(catalog, &profile, &options);
/// for (d, r) in lean.decisions.iter().zip(&full.results) {
///     assert_eq!((d.status, d.amount), (r.status, r.amount));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_all(catalog: &Catalog, profile: &Profile, options: &Options) -> Decisions {
    Plan::new(catalog, options).decide_all(profile)
}
