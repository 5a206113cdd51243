//! The answers the planner tries for each input: yes and no; every option;
//! for a number, a value just below and just above every threshold the
//! catalog compares it with (`employees <= 300` tries 299 and 301); for a
//! code, one inside each prefix list the catalog tests and one outside all.
//! Thresholds are read from the derived facts and from every policy's
//! conditions, with the policy's parameters on the plan's date.

use crate::catalog::{Choice, InputKind};
use crate::decide::Plan;
use crate::expression::{Expr, Value};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What the catalog compares inputs with.
#[derive(Default, Clone)]
struct Seen {
    numbers: Vec<Decimal>,
    dates: Vec<crate::date::Date>,
    prefixes: Vec<Arc<str>>,
}

/// Per input slot, the values to try.
pub(crate) fn tried(plan: &Plan) -> Vec<Vec<Value>> {
    let catalog = plan.catalog();
    let mut seen = vec![Seen::default(); catalog.inputs.len()];
    for d in &catalog.derived {
        collect(&d.expr, &[], &mut seen);
    }
    for (i, p) in catalog.policies.iter().enumerate() {
        let params = plan.params(i);
        for c in &p.conditions {
            collect(&c.expr, params, &mut seen);
        }
    }
    catalog.inputs.iter().zip(seen).map(|(def, s)| values(def.kind, &def.options, def.min, def.max, s)).collect()
}

/// Notes what `e` compares inputs with.
fn collect(e: &Expr, params: &[Option<Value>], seen: &mut [Seen]) {
    e.walk(&mut |x| {
        let constant = |c: &Expr| match c {
            Expr::Const(v) => Some(v.clone()),
            Expr::Param(i) => params.get(usize::from(*i)).cloned().flatten(),
            _ => None,
        };
        let mut note = |slot: u16, v: Value| {
            if let Some(s) = seen.get_mut(usize::from(slot)) {
                match v {
                    Value::Num(n) => s.numbers.push(n),
                    Value::Date(d) => s.dates.push(d),
                    _ => {}
                }
            }
        };
        match x {
            Expr::Cmp(_, a, b) => match (&**a, &**b) {
                (Expr::Input(i), other) | (other, Expr::Input(i)) => {
                    if let Some(v) = constant(other) {
                        note(*i, v);
                    }
                }
                _ => {}
            },
            Expr::InPrefix(a, list) => {
                if let Expr::Input(i) = &**a {
                    if let Some(s) = seen.get_mut(usize::from(*i)) {
                        s.prefixes.extend(list.iter().cloned());
                    }
                }
            }
            _ => {}
        }
    });
}

/// The values to try for one input.
fn values(kind: InputKind, options: &[Choice], min: Option<Decimal>, max: Option<Decimal>, s: Seen) -> Vec<Value> {
    match kind {
        InputKind::Boolean => vec![Value::Bool(true), Value::Bool(false)],
        InputKind::Enum => options.iter().map(|o| Value::Text(Arc::from(o.value.as_str()))).collect(),
        InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio => {
            let unit = match kind {
                InputKind::Integer => Decimal::ONE,
                InputKind::Money => Decimal::new(1, 2),
                _ => Decimal::new(1, 4),
            };
            let mut points: Vec<Decimal> = Vec::new();
            for c in s.numbers {
                points.extend([c.checked_sub(unit), c.checked_add(unit)].into_iter().flatten());
            }
            distinct(points.into_iter().map(|p| Value::Num(clamp(p, min, max, kind))))
        }
        InputKind::Date => distinct(s.dates.into_iter().flat_map(|d| [d.add_days(-1), d.add_days(1)]).map(Value::Date)),
        InputKind::IndustryCode | InputKind::RegionCode => {
            if s.prefixes.is_empty() {
                return Vec::new();
            }
            let region = kind == InputKind::RegionCode;
            // A code inside each list the catalog tests (a region's prefix
            // padded to six digits), and one outside them all.
            let outside: &[&str] = if region { &["110000", "310000"] } else { &["T97", "S94", "A01"] };
            let other = outside.iter().find(|c| !s.prefixes.iter().any(|p| c.starts_with(&**p))).map(|c| Arc::from(*c));
            let inside = s.prefixes.iter().map(|p| {
                let mut code = p.to_string();
                while region && code.len() < 6 {
                    code.push('0');
                }
                Arc::from(code)
            });
            distinct(inside.chain(other).map(Value::Text))
        }
        InputKind::Text | InputKind::CreditCode => Vec::new(),
    }
}

/// The values, each once, in the order met (a value tried twice would weigh double).
fn distinct(values: impl Iterator<Item = Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// `p` within the input's bounds (a ratio within 0–1).
fn clamp(p: Decimal, min: Option<Decimal>, max: Option<Decimal>, kind: InputKind) -> Decimal {
    let (lo, hi) = match kind {
        InputKind::Ratio => (Some(min.unwrap_or(Decimal::ZERO)), Some(max.unwrap_or(Decimal::ONE))),
        _ => (min, max),
    };
    let p = lo.map_or(p, |lo| p.max(lo));
    hi.map_or(p, |hi| p.min(hi))
}
