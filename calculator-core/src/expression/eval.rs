//! Three-valued evaluation.
//!
//! A result is `Known`, or `Unknown` with the inputs that would decide it.
//! `and`/`or` follow Kleene's logic, so `false and ?` is `false`: a policy is
//! decided as soon as the known inputs decide it.

use super::parse::{ArithOp, CmpOp};
use super::{Builtin, Expr, Table, Value};
use crate::date::Date;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Input slots whose values are missing, sorted and without repeats.
pub(crate) type Missing = Vec<u16>;

/// A three-valued result.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ev {
    Known(Value),
    Unknown(Missing),
}

/// Why evaluation stopped. Never a silent wrong number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EvalError {
    Overflow,
    DivisionByZero,
    /// A parameter has no value in force on the evaluation date.
    NoParameterValue(u16),
}

/// What an expression can see while it is evaluated.
pub(crate) struct Env<'a> {
    pub inputs: &'a [Option<Value>],
    pub derived: &'a [Result<Ev, EvalError>],
    pub params: &'a [Option<Value>],
    pub steps: &'a [Result<Ev, EvalError>],
    pub locals: &'a [Ev],
    pub functions: &'a [Expr],
    pub as_of: Date,
}

/// Adds `other` to `into`, keeping it sorted and without repeats. (Vectors
/// here hold a few slots; extending and sorting in place measured faster
/// than a merge into a new vector.)
pub(crate) fn merge(into: &mut Missing, other: &[u16]) {
    if other.is_empty() {
        return;
    }
    into.extend_from_slice(other);
    into.sort_unstable();
    into.dedup();
}

type R = Result<Ev, EvalError>;

fn num(v: &Value) -> Decimal {
    match v {
        Value::Num(n) => *n,
        // The checker only lets numbers reach numeric operators.
        _ => Decimal::ZERO,
    }
}

fn date(v: &Value) -> Date {
    match v {
        Value::Date(d) => *d,
        // The checker only lets dates reach date functions.
        _ => Date::MIN,
    }
}

/// Evaluates all of `items`; returns the known values, or the union of what is missing.
fn all(items: &[Expr], env: &Env) -> Result<Result<Vec<Value>, Missing>, EvalError> {
    let mut values = Vec::with_capacity(items.len());
    let mut missing = Vec::new();
    for e in items {
        match eval(e, env)? {
            Ev::Known(v) => values.push(v),
            Ev::Unknown(m) => merge(&mut missing, &m),
        }
    }
    Ok(if missing.is_empty() { Ok(values) } else { Err(missing) })
}

fn known_num(d: Option<Decimal>, err: EvalError) -> R {
    d.map(|n| Ev::Known(Value::Num(n))).ok_or(err)
}

fn arith(op: ArithOp, a: Decimal, b: Decimal) -> R {
    match op {
        ArithOp::Add => known_num(a.checked_add(b), EvalError::Overflow),
        ArithOp::Sub => known_num(a.checked_sub(b), EvalError::Overflow),
        ArithOp::Mul => known_num(a.checked_mul(b), EvalError::Overflow),
        ArithOp::Div if b.is_zero() => Err(EvalError::DivisionByZero),
        ArithOp::Div => known_num(a.checked_div(b), EvalError::Overflow),
    }
}

fn compare(op: CmpOp, a: &Value, b: &Value) -> bool {
    let ord = match (a, b) {
        (Value::Num(x), Value::Num(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        _ => {
            let eq = a == b;
            return match op {
                CmpOp::Eq => eq,
                CmpOp::Ne => !eq,
                _ => false,
            };
        }
    };
    match op {
        CmpOp::Eq => ord == Ordering::Equal,
        CmpOp::Ne => ord != Ordering::Equal,
        CmpOp::Lt => ord == Ordering::Less,
        CmpOp::Le => ord != Ordering::Greater,
        CmpOp::Gt => ord == Ordering::Greater,
        CmpOp::Ge => ord != Ordering::Less,
    }
}

/// Tax on `base` by progressive brackets (超额累进).
pub(crate) fn progressive(base: Decimal, brackets: &[super::Bracket]) -> Result<Decimal, EvalError> {
    let mut total = Decimal::ZERO;
    let mut lower = Decimal::ZERO;
    for b in brackets {
        if base <= lower {
            break;
        }
        let top = match b.upto {
            Some(u) => base.min(u),
            None => base,
        };
        let part = top.checked_sub(lower).ok_or(EvalError::Overflow)?;
        let tax = part.checked_mul(b.rate).ok_or(EvalError::Overflow)?;
        total = total.checked_add(tax).ok_or(EvalError::Overflow)?;
        match b.upto {
            Some(u) => lower = u,
            None => break,
        }
    }
    Ok(total)
}

/// The value of the band `base` falls in.
pub(crate) fn band(base: Decimal, bands: &[super::Band]) -> Option<Decimal> {
    bands
        .iter()
        .find(|b| match b.bound {
            None => true,
            Some(bound) if b.inclusive => base <= bound,
            Some(bound) => base < bound,
        })
        .map(|b| b.value)
}

fn builtin(b: Builtin, v: &[Value]) -> R {
    let n = |i: usize| num(&v[i]);
    match b {
        Builtin::Min => Ok(Ev::Known(Value::Num(v.iter().map(num).min().unwrap_or_default()))),
        Builtin::Max => Ok(Ev::Known(Value::Num(v.iter().map(num).max().unwrap_or_default()))),
        Builtin::Abs => Ok(Ev::Known(Value::Num(n(0).abs()))),
        Builtin::Round(places, mode) => Ok(Ev::Known(Value::Num(mode.apply(n(0), places)))),
        Builtin::Progressive | Builtin::Band => {
            let Value::Table(table) = &v[1] else { return Err(EvalError::Overflow) };
            let out = match (b, table.as_ref()) {
                (Builtin::Progressive, Table::Brackets(rows)) => progressive(n(0), rows)?,
                (Builtin::Band, Table::Bands(rows)) => band(n(0), rows).ok_or(EvalError::Overflow)?,
                _ => return Err(EvalError::Overflow),
            };
            Ok(Ev::Known(Value::Num(out)))
        }
        Builtin::AddMonths | Builtin::AddYears => {
            let count = i64::try_from(n(1).trunc()).map_err(|_| EvalError::Overflow)?;
            let months = if b == Builtin::AddYears { count.checked_mul(12).ok_or(EvalError::Overflow)? } else { count };
            Ok(Ev::Known(Value::Date(date(&v[0]).add_months(months))))
        }
        Builtin::Year => Ok(Ev::Known(Value::Num(Decimal::from(date(&v[0]).year())))),
        Builtin::Month => Ok(Ev::Known(Value::Num(Decimal::from(date(&v[0]).month())))),
    }
}

fn logic(items: &[Expr], env: &Env, decisive: bool) -> R {
    let mut missing = Vec::new();
    for e in items {
        match eval(e, env)? {
            Ev::Known(Value::Bool(b)) if b == decisive => return Ok(Ev::Known(Value::Bool(decisive))),
            Ev::Known(_) => {}
            Ev::Unknown(m) => merge(&mut missing, &m),
        }
    }
    Ok(if missing.is_empty() { Ev::Known(Value::Bool(!decisive)) } else { Ev::Unknown(missing) })
}

fn if_chain(arms: &[(Expr, Expr)], other: &Expr, env: &Env) -> R {
    let Some(((cond, then), rest)) = arms.split_first() else {
        return eval(other, env);
    };
    match eval(cond, env)? {
        Ev::Known(Value::Bool(true)) => eval(then, env),
        Ev::Known(_) => if_chain(rest, other, env),
        Ev::Unknown(mut missing) => {
            // Both ways may still agree (e.g. "micro" whichever way a bound falls).
            // An error on a way that may not be taken is not an error yet.
            let a = eval(then, env);
            let b = if_chain(rest, other, env);
            match (a, b) {
                (Ok(Ev::Known(x)), Ok(Ev::Known(y))) if x == y => Ok(Ev::Known(x)),
                (a, b) => {
                    for r in [a, b] {
                        if let Ok(Ev::Unknown(m)) = r {
                            merge(&mut missing, &m);
                        }
                    }
                    Ok(Ev::Unknown(missing))
                }
            }
        }
    }
}

/// Evaluates a checked expression.
pub(crate) fn eval(e: &Expr, env: &Env) -> R {
    match e {
        Expr::Const(v) => Ok(Ev::Known(v.clone())),
        Expr::Input(i) => Ok(match env.inputs.get(usize::from(*i)).cloned().flatten() {
            Some(v) => Ev::Known(v),
            None => Ev::Unknown(vec![*i]),
        }),
        Expr::Derived(i) => env.derived.get(usize::from(*i)).cloned().unwrap_or(Err(EvalError::Overflow)),
        Expr::Param(i) => match env.params.get(usize::from(*i)) {
            Some(Some(v)) => Ok(Ev::Known(v.clone())),
            _ => Err(EvalError::NoParameterValue(*i)),
        },
        Expr::Step(i) => env.steps.get(usize::from(*i)).cloned().unwrap_or(Err(EvalError::Overflow)),
        Expr::Local(i) => Ok(env.locals.get(usize::from(*i)).cloned().unwrap_or(Ev::Unknown(Vec::new()))),
        Expr::AsOf => Ok(Ev::Known(Value::Date(env.as_of))),
        Expr::Neg(a) => Ok(match eval(a, env)? {
            Ev::Known(v) => Ev::Known(Value::Num(-num(&v))),
            u => u,
        }),
        Expr::Not(a) => Ok(match eval(a, env)? {
            Ev::Known(Value::Bool(b)) => Ev::Known(Value::Bool(!b)),
            other => other,
        }),
        Expr::Arith(op, a, b) => {
            let (x, y) = (eval(a, env)?, eval(b, env)?);
            match (x, y) {
                (Ev::Known(x), Ev::Known(y)) => arith(*op, num(&x), num(&y)),
                (x, y) => Ok(Ev::Unknown(unknowns(&[x, y]))),
            }
        }
        Expr::Cmp(op, a, b) => {
            let (x, y) = (eval(a, env)?, eval(b, env)?);
            match (x, y) {
                (Ev::Known(x), Ev::Known(y)) => Ok(Ev::Known(Value::Bool(compare(*op, &x, &y)))),
                (x, y) => Ok(Ev::Unknown(unknowns(&[x, y]))),
            }
        }
        Expr::InPrefix(a, prefixes) => Ok(match eval(a, env)? {
            Ev::Known(Value::Text(code)) => Ev::Known(Value::Bool(prefixes.iter().any(|p| code.starts_with(&**p)))),
            Ev::Known(_) => Ev::Known(Value::Bool(false)),
            u => u,
        }),
        Expr::InSet(a, set) => Ok(match eval(a, env)? {
            Ev::Known(v) => Ev::Known(Value::Bool(set.iter().any(|s| compare(CmpOp::Eq, &v, s)))),
            u => u,
        }),
        Expr::And(items) => logic(items, env, false),
        Expr::Or(items) => logic(items, env, true),
        Expr::If(arms, other) => if_chain(arms, other, env),
        Expr::Builtin(b, args) => match all(args, env)? {
            Ok(values) => builtin(*b, &values),
            Err(missing) => Ok(Ev::Unknown(missing)),
        },
        Expr::Call(f, args) => {
            let locals = args.iter().map(|a| eval(a, env)).collect::<Result<Vec<_>, _>>()?;
            let body = env.functions.get(usize::from(*f)).ok_or(EvalError::Overflow)?;
            let inner = Env { locals: &locals, ..*env };
            eval(body, &inner)
        }
    }
}

fn unknowns(items: &[Ev]) -> Missing {
    let mut missing = Vec::new();
    for i in items {
        if let Ev::Unknown(m) = i {
            merge(&mut missing, m);
        }
    }
    missing
}

impl Clone for Env<'_> {
    fn clone(&self) -> Self {
        *self
    }
}

impl Copy for Env<'_> {}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn merge_keeps_missing_sorted_without_repeats() {
        let mut m = vec![2, 5, 9];
        merge(&mut m, &[1, 5, 7, 12]);
        assert_eq!(m, [1, 2, 5, 7, 9, 12]);
        merge(&mut m, &[]);
        assert_eq!(m, [1, 2, 5, 7, 9, 12]);
        let mut e = Vec::new();
        merge(&mut e, &[3]);
        assert_eq!(e, [3]);
    }
}
