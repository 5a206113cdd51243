//! The near-miss search: for a policy that fails only numeric thresholds on
//! inputs, the nearest values that would make it eligible, verified by
//! deciding it again with them. The result is data; the explanation puts it
//! into words.

use super::policy::{decide_with, Outcome, Scratch};
use super::{derive, Status};
use crate::catalog::{Catalog, InputKind, Policy};
use crate::expression::{CmpOp, Env, Ev, Expr, Val, Value};
use rust_decimal::Decimal;

/// One input changed to the nearest value that meets a failing threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    /// The input's slot.
    pub slot: u16,
    /// Its value now.
    pub current: Decimal,
    /// The nearest value that would do.
    pub needed: Decimal,
    /// `needed − current`.
    pub delta: Decimal,
}

/// The changes, all needed together, that make an ineligible `policy`
/// eligible (or leave only inputs missing), where every failing condition
/// is a numeric threshold on an input.
pub(crate) fn near_miss(catalog: &Catalog, policy: &Policy, out: &Outcome, env: &Env) -> Option<Vec<Fix>> {
    let mut changes: Vec<(u16, Decimal)> = Vec::new();
    for (def, r) in policy.conditions.iter().zip(&out.conditions) {
        if !matches!(r, Ok(Ev::Known(Val::Bool(false)))) {
            continue;
        }
        let before = changes.len();
        numeric_fixes(catalog, &def.expr, env, &mut changes);
        if changes.len() == before {
            return None;
        }
    }
    if changes.is_empty() {
        return None;
    }
    let mut adjusted = env.inputs.to_vec();
    for (slot, needed) in &changes {
        adjusted[usize::from(*slot)] = Some(Value::Num(*needed));
    }
    let derived = derive(catalog, &adjusted, env.as_of);
    let scope = Env { inputs: &adjusted, derived: &derived, params: out.params, steps: &[], locals: &[], functions: env.functions, as_of: env.as_of };
    let after = decide_with(policy, true, &scope, false, Scratch::default());
    if !matches!(after.status, Status::Eligible | Status::NeedsInput) {
        return None;
    }
    let fixes = changes.into_iter().filter_map(|(slot, needed)| {
        let Some(Value::Num(current)) = env.inputs[usize::from(slot)] else { return None };
        Some(Fix { slot, current, needed, delta: needed.checked_sub(current)? })
    });
    Some(fixes.collect())
}

/// The nearest value of each input that a failing comparison of `e` with a
/// constant needs.
fn numeric_fixes(catalog: &Catalog, e: &Expr, env: &Env, changes: &mut Vec<(u16, Decimal)>) {
    match e {
        Expr::And(items) | Expr::Or(items) => items.iter().for_each(|i| numeric_fixes(catalog, i, env, changes)),
        Expr::Cmp(op, a, b) => {
            let (slot, c, op) = match (&**a, &**b) {
                (Expr::Input(i), Expr::Const(Value::Num(c))) => (*i, *c, *op),
                (Expr::Const(Value::Num(c)), Expr::Input(i)) => (*i, *c, op.swapped()),
                _ => return,
            };
            let Some(def) = catalog.inputs.get(usize::from(slot)) else {
                return;
            };
            let Some(Some(Value::Num(x))) = env.inputs.get(usize::from(slot)) else {
                return;
            };
            if op.holds(x.cmp(&c)) {
                return;
            }
            // "More than zero" asks for an amount at all, not for one more
            // 分 of it: no change to suggest (the reason says what it needs).
            if c.is_zero() && matches!(op, CmpOp::Gt | CmpOp::Lt) {
                return;
            }
            let unit = match def.kind {
                InputKind::Integer => Decimal::ONE,
                InputKind::Money => Decimal::new(1, 2),
                _ => Decimal::new(1, 4),
            };
            let needed = match op {
                CmpOp::Ge | CmpOp::Le | CmpOp::Eq => c,
                CmpOp::Gt => match c.checked_add(unit) {
                    Some(n) => n,
                    None => return,
                },
                CmpOp::Lt => match c.checked_sub(unit) {
                    Some(n) => n,
                    None => return,
                },
                CmpOp::Ne => return,
            };
            changes.push((slot, needed));
        }
        _ => {}
    }
}
