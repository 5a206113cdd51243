//! A catalog's warnings: what loading accepts but a reviewer would question.
//!
//! - an input no policy and no derived fact reads (the credit code aside,
//!   which names the enterprise);
//! - a document of a policy that nothing cites and that is the source for no
//!   window of its own;
//! - a condition that holds for none of the answers tried, and an amount
//!   that is computed for none of them.
//!
//! "The answers tried" are the planner's ([`crate::questions`]): for every
//! input a condition or an amount reads, directly or through a derived fact,
//! yes and no, each option, a value either side of each threshold, a code
//! inside and outside each list; in combination, up to [`COMBINATIONS`] per
//! condition or amount, on the first day of the policy's window. A catalog
//! whose conditions are written as comparisons with constants has no false
//! warning this way; one that compares two inputs with each other may, and
//! the warning says which condition to look at.
//!
//! `policy-calc check` prints them; the default catalog has none (a test).

use crate::catalog::{Catalog, Policy};
use crate::decide::{derive, Options, Outcome, Plan, Scratch};
use crate::error::{Problem, ProblemKind};
use crate::expression::{eval, Env, Ev, Expr, Val, Value, R};
use crate::i18n::Lang;
use crate::questions::tried_values;

/// The most combinations of tried answers evaluated for one condition or
/// amount; beyond that, an even spread of them.
pub const COMBINATIONS: usize = 4096;

/// The catalog's warnings, each as a [`Problem`] without a position.
///
/// ```
/// assert!(calculator_core::lint(calculator_core::default_catalog()?).is_empty());
/// # Ok::<(), calculator_core::Error>(())
/// ```
pub fn lint(catalog: &Catalog) -> Vec<Problem> {
    let mut found = Vec::new();
    let warn = |found: &mut Vec<Problem>, context: String, kind: ProblemKind| found.push(Problem { file: String::new(), line: 0, column: 0, context, kind });
    // Inputs nothing reads.
    let mut read = vec![false; catalog.inputs.len()];
    let mut mark = |e: &Expr| {
        e.walk(&mut |x| {
            if let Expr::Input(i) = x {
                if let Some(r) = read.get_mut(usize::from(*i)) {
                    *r = true;
                }
            }
        })
    };
    catalog.derived.iter().for_each(|d| mark(&d.expr));
    for p in &catalog.policies {
        p.conditions.iter().for_each(|c| mark(&c.expr));
        p.steps.iter().for_each(|s| mark(&s.expr));
        mark(&p.amount);
    }
    // The credit code names the enterprise (a register's key); no rule reads it.
    for (def, _) in catalog.inputs.iter().zip(&read).filter(|(d, r)| !**r && d.kind != crate::catalog::InputKind::CreditCode) {
        warn(&mut found, format!("input {}", def.key), ProblemKind::InputUnread { key: def.key.clone() });
    }
    for (i, p) in catalog.policies.iter().enumerate() {
        let ctx = format!("policy {}", p.id);
        // Documents nothing cites.
        let cited: Vec<usize> = p
            .params
            .iter()
            .flat_map(|d| d.versions.iter().map(|v| v.cite.doc))
            .chain(p.conditions.iter().filter_map(|c| c.cite.as_ref().map(|c| c.doc)))
            .chain(p.steps.iter().filter_map(|s| s.cite.as_ref().map(|c| c.doc)))
            .collect();
        for (d, doc) in p.documents.iter().enumerate() {
            let a_source = doc.from.is_some() || doc.until.is_some();
            if !cited.contains(&d) && !a_source && d != 0 {
                warn(&mut found, ctx.clone(), ProblemKind::DocumentUncited { number: doc.number.clone() });
            }
        }
        let Some(as_of) = p.valid_from.or_else(|| p.params.iter().filter_map(|d| d.versions.first().map(|v| v.from)).min()) else { continue };
        let plan = Plan::new(catalog, &Options { as_of, lang: Lang::ZhCn });
        let tried = tried_values(&plan);
        for (c, def) in p.conditions.iter().enumerate() {
            let slots = reads(catalog, p, &def.expr);
            let holds = sample(&plan, i, &slots, &tried, |_, _, out| matches!(out.conditions.get(c), Some(Ok(Ev::Known(Val::Bool(true))))));
            if holds == Some(false) {
                warn(&mut found, format!("{ctx}, condition {}", def.id), ProblemKind::ConditionNeverHolds { id: def.id.clone() });
            }
        }
        let mut slots = reads(catalog, p, &p.amount);
        for s in &p.steps {
            slots.extend(reads(catalog, p, &s.expr));
        }
        slots.sort_unstable();
        slots.dedup();
        // The amount, its conditions aside: computed from the steps.
        let computed = sample(&plan, i, &slots, &tried, |inputs, derived, out| {
            let env = Env { inputs, derived, params: out.params, steps: &out.steps, locals: &[], functions: &catalog.functions, as_of };
            matches!(eval(&p.amount, &env), Ok(Ev::Known(Val::Num(_))))
        });
        if computed == Some(false) {
            warn(&mut found, ctx.clone(), ProblemKind::AmountNeverComputed);
        }
    }
    found
}

/// The input slots `e` reads, directly or through derived facts.
fn reads(catalog: &Catalog, policy: &Policy, e: &Expr) -> Vec<usize> {
    let mut slots = Vec::new();
    let mut seen_derived = Vec::new();
    let mut todo = vec![e];
    while let Some(e) = todo.pop() {
        e.walk(&mut |x| match x {
            Expr::Input(i) => slots.push(usize::from(*i)),
            Expr::Derived(d) if !seen_derived.contains(d) => seen_derived.push(*d),
            Expr::Step(s) => {
                if let Some(step) = policy.steps.get(usize::from(*s)) {
                    step.expr.walk(&mut |y| {
                        if let Expr::Input(i) = y {
                            slots.push(usize::from(*i));
                        }
                    });
                }
            }
            _ => {}
        });
        // Derived facts read inputs of their own.
        while let Some(d) = seen_derived.pop() {
            if let Some(def) = catalog.derived.get(usize::from(d)) {
                def.expr.walk(&mut |y| {
                    if let Expr::Input(i) = y {
                        slots.push(usize::from(*i));
                    }
                });
            }
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// Whether `check` holds for some combination of the tried answers of
/// `slots` (policy `i` decided in full with them); `None` when some slot has
/// no answer to try (nothing can be said).
fn sample(plan: &Plan, i: usize, slots: &[usize], tried: &[Vec<Value>], check: impl Fn(&[Option<Value>], &[R], &Outcome) -> bool) -> Option<bool> {
    let catalog = plan.catalog();
    let radices: Vec<usize> = slots.iter().map(|&s| tried.get(s).map_or(0, Vec::len)).collect();
    if radices.contains(&0) {
        return None;
    }
    let total = radices.iter().try_fold(1usize, |acc, &r| acc.checked_mul(r)).unwrap_or(usize::MAX);
    let step = (total / COMBINATIONS).max(1);
    let mut values: Vec<Option<Value>> = vec![None; catalog.inputs.len()];
    let mut n = 0usize;
    while n < total {
        // Combination `n` in mixed radix.
        let mut rest = n;
        for (&slot, &radix) in slots.iter().zip(&radices) {
            values[slot] = Some(tried[slot][rest % radix].clone());
            rest /= radix;
        }
        let derived = derive(catalog, &values, plan.options().as_of);
        let out = plan.decide(i, &values, &derived, false, Scratch::default());
        if check(&values, &derived, &out) {
            return Some(true);
        }
        n = n.saturating_add(step);
    }
    Some(false)
}
