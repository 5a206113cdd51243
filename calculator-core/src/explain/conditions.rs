//! Condition traces: each condition's result, and every comparison inside
//! it as the user's value against the threshold, as the document words it.

use super::{keys, truth, yes_no, Comparison, ConditionTrace, Explainer, Truth};
use crate::expression::{eval, CmpOp, Ev, Expr, Val, Value};
use crate::text::join_into;
use std::sync::Arc;

/// What a comparison's subject is compared with.
#[derive(Clone, Copy)]
enum Against<'x> {
    /// `subject op b`.
    Value(CmpOp, &'x Expr),
    /// `subject in ["C", "I65"]`, codes by prefix.
    Prefixes(&'x [Arc<str>]),
    /// `subject in ["small", "micro"]`.
    Set(&'x [Value]),
    /// A yes/no input or fact on its own (`is_high_tech_enterprise`,
    /// `not restricted_industry`).
    Is(bool),
}

/// Calls `each(whole, subject, against, negated)` for every comparison in
/// `e`, in the order a condition's trace lists them. `negated`: a `not`
/// above turns the comparison around, and the trace shows it so, as the
/// document words it: `not (industry_code in ["C16", …])` is
/// `C3411 ∉ C16 / …`, holding, not `C3411 ∈ C16 / …` failing under a
/// condition that holds. Each item of a negated `and`/`or` is negated.
fn walk_comparisons<'x>(e: &'x Expr, negated: bool, each: &mut impl FnMut(&'x Expr, &'x Expr, Against<'x>, bool)) {
    match e {
        Expr::And(items) | Expr::Or(items) => items.iter().for_each(|i| walk_comparisons(i, negated, each)),
        Expr::Not(inner) if !matches!(**inner, Expr::Input(_) | Expr::Derived(_)) => walk_comparisons(inner, !negated, each),
        Expr::If(arms, other) => {
            for (c, v) in arms {
                // Which way is taken does not turn with a `not` around the `if`.
                walk_comparisons(c, false, each);
                walk_comparisons(v, negated, each);
            }
            walk_comparisons(other, negated, each);
        }
        Expr::Cmp(op, a, b) => each(e, a, Against::Value(*op, b), negated),
        Expr::InPrefix(a, list) => each(e, a, Against::Prefixes(list), negated),
        Expr::InSet(a, list) => each(e, a, Against::Set(list), negated),
        Expr::Input(_) | Expr::Derived(_) => each(e, e, Against::Is(true), negated),
        Expr::Not(inner) => each(e, inner, Against::Is(false), negated),
        _ => {}
    }
}

impl<'a> Explainer<'a> {
    /// The comparison `whole`: `subject` against `against`, turned around
    /// where `negated` (see [`walk_comparisons`]); `known` is its result
    /// where the caller has it.
    fn comparison(&self, whole: &'a Expr, known: Option<Truth>, subject: &'a Expr, against: Against<'a>, negated: bool) -> Comparison {
        // A threshold compared with an amount is an amount.
        let money = self.is_money(subject) || matches!(against, Against::Value(_, b) if self.is_money(b));
        let threshold = match against {
            Against::Value(_, b) => match self.option_word(b, subject) {
                Some(word) => Some(word.to_string()),
                None => self.value_of(b).map(|v| self.display(b, v, money)),
            },
            Against::Prefixes(list) => Some(list.join(" / ")),
            Against::Set(list) => {
                let mut items = String::new();
                join_into(list, " / ", &mut items, |v, out| self.display_into(subject, Val::from(v), money, out));
                Some(items)
            }
            Against::Is(b) => Some(yes_no(self.lang, b != negated).to_string()),
        };
        let op = match (against, negated) {
            (Against::Value(op, _), false) => op.symbol(),
            (Against::Value(op, _), true) => op.negated().symbol(),
            (Against::Prefixes(_) | Against::Set(_), false) => "∈",
            (Against::Prefixes(_) | Against::Set(_), true) => "∉",
            (Against::Is(_), _) => "=",
        };
        let result = known.unwrap_or_else(|| match (truth(&eval(whole, &self.env)), negated) {
            (Truth::Pass, true) => Truth::Fail,
            (Truth::Fail, true) => Truth::Pass,
            (t, _) => t,
        });
        let key = match subject {
            Expr::Input(i) => self.catalog.inputs.get(usize::from(*i)).map(|d| d.key.clone()),
            _ => None,
        };
        Comparison {
            subject: self.name(subject).map_or_else(|| self.render(subject), str::to_string),
            key,
            value: match subject {
                Expr::Input(_) => self.shown(subject),
                _ => self.value_of(subject).map(|v| self.display(subject, v, money)),
            },
            operator: op,
            threshold,
            result,
        }
    }
}

/// Traces of every condition.
pub(crate) fn conditions(x: &Explainer) -> Vec<ConditionTrace> {
    let (catalog, policy, lang) = (x.catalog, x.policy, x.lang);
    policy
        .conditions
        .iter()
        .zip(&x.out.conditions)
        .map(|(def, r)| {
            let mut comparisons = Vec::new();
            walk_comparisons(&def.expr, false, &mut |whole, subject, against, negated| {
                // The condition's own result, where it is one comparison.
                let known = std::ptr::eq(whole, &def.expr).then(|| truth(r));
                comparisons.push(x.comparison(whole, known, subject, against, negated));
            });
            let missing = match r {
                Ok(Ev::Unknown(m)) => keys(catalog, m),
                _ => Vec::new(),
            };
            ConditionTrace {
                id: def.id.clone(),
                text: def.text.get(lang).to_string(),
                citation: x.cite(&def.cite),
                formula: def.source.clone(),
                result: truth(r),
                comparisons,
                missing,
                unconfirmed: def.unconfirmed.as_ref().map(|t| t.get(lang).to_string()),
            }
        })
        .collect()
}
