//! Deciding one policy: its conditions, then its steps and amount.

use super::Status;
use crate::catalog::Policy;
use crate::expression::{eval, Env, Ev, EvalError, Missing, Rounding, Val, Value, R};
use rust_decimal::Decimal;

/// Everything deciding one policy found, before it is put into words.
pub(crate) struct Outcome<'e> {
    pub status: Status,
    /// When eligible, the amount, unless some input it needs is unknown.
    pub amount: Option<Decimal>,
    /// What would decide a `needs_input` status.
    pub missing: Missing,
    /// What would compute the amount of an eligible policy.
    pub amount_missing: Missing,
    /// The policy's parameters on the date, as decided with.
    pub params: &'e [Option<Value>],
    pub steps: Vec<R<'e>>,
    pub conditions: Vec<R<'e>>,
    pub error: Option<EvalError>,
}

/// Buffers one decision after another reuses, so that deciding a profile in
/// the lean path does not allocate per policy.
#[derive(Default)]
pub(crate) struct Scratch<'e> {
    steps: Vec<R<'e>>,
    conditions: Vec<R<'e>>,
}

impl<'e> Scratch<'e> {
    /// Takes back an outcome's buffers once its decision has been read.
    pub(crate) fn reuse(&mut self, out: Outcome<'e>) {
        (self.steps, self.conditions) = (out.steps, out.conditions);
    }
}

/// Decides `policy` in `scope` (its inputs, derived facts and parameters on
/// the date), given whether it is in force then, keeping everything an
/// explanation needs.
///
/// `lean`: only the decision is wanted. Conditions that read no step (the
/// region of a city's policy, the kind of enterprise) are evaluated first,
/// and one of them false decides at once; the steps are computed only when a
/// condition or the amount reads them. The decision is the same either way:
/// such a condition evaluates the same with or without the steps, and the
/// order of precedence below (a false condition, an error, a missing input,
/// the amount) never needs a step that was skipped.
///
/// Eligibility is decided by the conditions alone: when every condition
/// holds the policy is eligible, and an amount that needs more inputs waits
/// for them (`amount_missing`) without hiding it.
pub(crate) fn decide_with<'e>(policy: &'e Policy, in_force: bool, scope: &Env<'_, 'e>, lean: bool, scratch: Scratch<'e>) -> Outcome<'e> {
    let Scratch { mut steps, mut conditions } = scratch;
    steps.clear();
    conditions.clear();
    let mut out = Outcome {
        status: Status::NotInForce,
        amount: None,
        missing: Missing::NONE,
        amount_missing: Missing::NONE,
        params: scope.params,
        steps,
        conditions,
        error: None,
    };
    if !in_force {
        return out;
    }
    for c in &policy.conditions {
        let r = if c.uses_steps { Ok(Ev::Unknown(Missing::NONE)) } else { eval(&c.expr, scope) };
        if lean && matches!(r, Ok(Ev::Known(Val::Bool(false)))) {
            out.status = Status::Ineligible;
            return out;
        }
        out.conditions.push(r);
    }
    if !lean || policy.conditions.iter().any(|c| c.uses_steps) {
        compute_steps(policy, scope, &mut out.steps);
        let e = Env { steps: &out.steps, ..*scope };
        for (c, r) in policy.conditions.iter().zip(out.conditions.iter_mut()) {
            if c.uses_steps {
                *r = eval(&c.expr, &e);
            }
        }
    }
    let mut failed = false;
    let mut missing = Missing::NONE;
    for c in &out.conditions {
        match c {
            Err(err) => out.error = out.error.or(Some(*err)),
            Ok(Ev::Known(Val::Bool(false))) => failed = true,
            Ok(Ev::Known(_)) => {}
            Ok(Ev::Unknown(m)) => missing.merge(m),
        }
    }
    out.status = if failed {
        out.error = None;
        Status::Ineligible
    } else if out.error.is_some() {
        Status::Error
    } else if !missing.is_empty() {
        out.missing = missing;
        Status::NeedsInput
    } else {
        if out.steps.len() < policy.steps.len() {
            compute_steps(policy, scope, &mut out.steps);
        }
        let e = Env { steps: &out.steps, ..*scope };
        match eval(&policy.amount, &e) {
            Ok(Ev::Known(Val::Num(n))) => {
                out.amount = Some(Rounding::HalfUp.apply(n, 2));
                Status::Eligible
            }
            // Every condition holds: eligible, whether or not the amount
            // can be computed yet.
            Ok(Ev::Unknown(m)) => {
                out.amount_missing = m;
                Status::Eligible
            }
            Ok(Ev::Known(_)) => Status::Error,
            Err(err) => {
                out.error = Some(err);
                Status::Error
            }
        }
    };
    out
}

/// The amount's steps in order, each seeing the ones before it.
fn compute_steps<'e>(policy: &'e Policy, scope: &Env<'_, 'e>, steps: &mut Vec<R<'e>>) {
    steps.clear();
    for s in &policy.steps {
        let mut v = eval(&s.expr, &Env { steps: steps.as_slice(), ..*scope });
        if s.figure {
            // A published figure is filled in to the 分, as on a return, and later steps use it so.
            if let Ok(Ev::Known(Val::Num(n))) = v {
                v = Ok(Ev::Known(Val::Num(Rounding::HalfUp.apply(n, 2))));
            }
        }
        steps.push(v);
    }
}
