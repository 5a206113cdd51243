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

/// The inputs whose values are missing, as a set of input slots.
///
/// Slots below 128 (every input of the default catalog) are bits of two
/// words, so the three-valued evaluation of a profile allocates nothing for
/// them; a larger catalog keeps its higher slots in a sorted vector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Missing {
    low: [u64; 2],
    // Boxed: a set is carried by every unknown result, and one pointer keeps
    // those small; catalogs with more than 128 inputs are rare.
    #[allow(clippy::box_collection)]
    high: Option<Box<Vec<u16>>>,
}

impl Missing {
    /// The empty set.
    pub const NONE: Missing = Missing { low: [0; 2], high: None };

    /// The set of one slot.
    pub fn one(slot: u16) -> Missing {
        let mut m = Missing::NONE;
        m.insert(slot);
        m
    }

    fn insert(&mut self, slot: u16) {
        match usize::from(slot) {
            s @ 0..=127 => self.low[s / 64] |= 1 << (s % 64),
            _ => {
                let high = self.high.get_or_insert_with(Box::default);
                if let Err(at) = high.binary_search(&slot) {
                    high.insert(at, slot);
                }
            }
        }
    }

    /// Whether nothing is missing.
    pub fn is_empty(&self) -> bool {
        self.low == [0; 2] && self.high.is_none()
    }

    /// Adds every slot of `other`.
    pub fn merge(&mut self, other: &Missing) {
        self.low[0] |= other.low[0];
        self.low[1] |= other.low[1];
        for &s in other.high.iter().flat_map(|h| h.iter()) {
            self.insert(s);
        }
    }

    /// The slots, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        let bits = |w: usize| {
            let mut word = self.low[w];
            std::iter::from_fn(move || {
                let bit = word.trailing_zeros();
                word &= word.wrapping_sub(1);
                // At most 64 bits per word, so the slot fits in u16.
                (bit < 64).then(|| (w * 64) as u16 + bit as u16)
            })
        };
        bits(0).chain(bits(1)).chain(self.high.iter().flat_map(|h| h.iter().copied()))
    }

    /// The slots, ascending, as a vector.
    pub fn to_vec(&self) -> Vec<u16> {
        self.iter().collect()
    }
}

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

/// The most arguments a builtin other than `min` and `max` takes.
const FIXED_ARGS: usize = 3;

/// Evaluates a builtin's arguments, then the builtin. Unknown when an
/// argument is, with what all of them miss. The arguments live on the stack:
/// this runs for every profile.
fn builtin(b: Builtin, args: &[Expr], env: &Env) -> R {
    let mut missing = Missing::NONE;
    if let Builtin::Min | Builtin::Max = b {
        let mut best: Option<Decimal> = None;
        for a in args {
            match eval(a, env)? {
                Ev::Known(v) => {
                    let n = num(&v);
                    best = Some(match best {
                        Some(x) if b == Builtin::Min => x.min(n),
                        Some(x) => x.max(n),
                        None => n,
                    });
                }
                Ev::Unknown(m) => missing.merge(&m),
            }
        }
        return Ok(if missing.is_empty() { Ev::Known(Value::Num(best.unwrap_or_default())) } else { Ev::Unknown(missing) });
    }
    let mut v: [Value; FIXED_ARGS] = [const { Value::Bool(false) }; FIXED_ARGS];
    if args.len() > FIXED_ARGS {
        // The checker allows no such call.
        return Err(EvalError::Overflow);
    }
    for (slot, a) in v.iter_mut().zip(args) {
        match eval(a, env)? {
            Ev::Known(x) => *slot = x,
            Ev::Unknown(m) => missing.merge(&m),
        }
    }
    if !missing.is_empty() {
        return Ok(Ev::Unknown(missing));
    }
    let n = |i: usize| num(&v[i]);
    match b {
        // Folded above without a buffer; never reached.
        Builtin::Min | Builtin::Max => Err(EvalError::Overflow),
        Builtin::Abs => Ok(Ev::Known(Value::Num(n(0).abs()))),
        Builtin::Round(places, mode) => Ok(Ev::Known(Value::Num(mode.apply(n(0), places)))),
        Builtin::Progressive | Builtin::Band => {
            let Value::Table(table) = &v[1] else {
                return Err(EvalError::Overflow);
            };
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
    let mut missing = Missing::NONE;
    for e in items {
        match eval(e, env)? {
            Ev::Known(Value::Bool(b)) if b == decisive => return Ok(Ev::Known(Value::Bool(decisive))),
            Ev::Known(_) => {}
            Ev::Unknown(m) => missing.merge(&m),
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
                            missing.merge(&m);
                        }
                    }
                    Ok(Ev::Unknown(missing))
                }
            }
        }
    }
}

/// A leaf's known value, borrowed: comparisons and arithmetic on inputs,
/// parameters and constants (most of a catalog's conditions) then read
/// their operands in place instead of cloning them into a result first.
pub(crate) fn peek<'e>(e: &'e Expr, env: &Env<'e>) -> Option<&'e Value> {
    let known = |r: Option<&'e Result<Ev, EvalError>>| match r {
        Some(Ok(Ev::Known(v))) => Some(v),
        _ => None,
    };
    match e {
        Expr::Const(v) => Some(v),
        Expr::Input(i) => env.inputs.get(usize::from(*i))?.as_ref(),
        Expr::Param(i) => env.params.get(usize::from(*i))?.as_ref(),
        Expr::Derived(i) => known(env.derived.get(usize::from(*i))),
        Expr::Step(i) => known(env.steps.get(usize::from(*i))),
        _ => None,
    }
}

/// Evaluates a checked expression.
pub(crate) fn eval(e: &Expr, env: &Env) -> R {
    match e {
        Expr::Const(v) => Ok(Ev::Known(v.clone())),
        Expr::Input(i) => Ok(match env.inputs.get(usize::from(*i)).cloned().flatten() {
            Some(v) => Ev::Known(v),
            None => Ev::Unknown(Missing::one(*i)),
        }),
        Expr::Derived(i) => env.derived.get(usize::from(*i)).cloned().unwrap_or(Err(EvalError::Overflow)),
        Expr::Param(i) => match env.params.get(usize::from(*i)) {
            Some(Some(v)) => Ok(Ev::Known(v.clone())),
            _ => Err(EvalError::NoParameterValue(*i)),
        },
        Expr::Step(i) => env.steps.get(usize::from(*i)).cloned().unwrap_or(Err(EvalError::Overflow)),
        Expr::Local(i) => Ok(env.locals.get(usize::from(*i)).cloned().unwrap_or(Ev::Unknown(Missing::NONE))),
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
            if let (Some(x), Some(y)) = (peek(a, env), peek(b, env)) {
                return arith(*op, num(x), num(y));
            }
            let (x, y) = (eval(a, env)?, eval(b, env)?);
            match (x, y) {
                (Ev::Known(x), Ev::Known(y)) => arith(*op, num(&x), num(&y)),
                (x, y) => Ok(Ev::Unknown(unknowns(&[x, y]))),
            }
        }
        Expr::Cmp(op, a, b) => {
            if let (Some(x), Some(y)) = (peek(a, env), peek(b, env)) {
                return Ok(Ev::Known(Value::Bool(compare(*op, x, y))));
            }
            let (x, y) = (eval(a, env)?, eval(b, env)?);
            match (x, y) {
                (Ev::Known(x), Ev::Known(y)) => Ok(Ev::Known(Value::Bool(compare(*op, &x, &y)))),
                (x, y) => Ok(Ev::Unknown(unknowns(&[x, y]))),
            }
        }
        Expr::InPrefix(a, prefixes) if peek(a, env).is_some() => {
            let found = matches!(peek(a, env), Some(Value::Text(code)) if prefixes.iter().any(|p| code.starts_with(&**p)));
            Ok(Ev::Known(Value::Bool(found)))
        }
        Expr::InSet(a, set) if peek(a, env).is_some() => {
            let found = peek(a, env).is_some_and(|v| set.iter().any(|s| compare(CmpOp::Eq, v, s)));
            Ok(Ev::Known(Value::Bool(found)))
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
        Expr::Builtin(b, args) => builtin(*b, args, env),
        Expr::Call(f, args) => {
            let body = env.functions.get(usize::from(*f)).ok_or(EvalError::Overflow)?;
            // Most functions take a few arguments: those stay on the stack.
            // (The default catalog's `cit_rate` takes six; a heap buffer for
            // it made the R&D policies' steps twice as slow.)
            const FEW: usize = 8;
            if args.len() <= FEW {
                let mut locals: [Ev; FEW] = [const { Ev::Unknown(Missing::NONE) }; FEW];
                for (slot, a) in locals.iter_mut().zip(args) {
                    *slot = eval(a, env)?;
                }
                return eval(body, &Env { locals: &locals[..args.len()], ..*env });
            }
            let locals = args.iter().map(|a| eval(a, env)).collect::<Result<Vec<_>, _>>()?;
            eval(body, &Env { locals: &locals, ..*env })
        }
    }
}

fn unknowns(items: &[Ev]) -> Missing {
    let mut missing = Missing::NONE;
    for i in items {
        if let Ev::Unknown(m) = i {
            missing.merge(m);
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
    use super::Missing;

    fn set(slots: &[u16]) -> Missing {
        let mut m = Missing::NONE;
        for &s in slots {
            m.merge(&Missing::one(s));
        }
        m
    }

    #[test]
    fn missing_is_a_sorted_set_across_the_word_boundary() {
        let mut m = set(&[2, 200, 5, 9, 127]);
        m.merge(&set(&[1, 5, 7, 64, 128, 200, 130]));
        assert_eq!(m.to_vec(), [1, 2, 5, 7, 9, 64, 127, 128, 130, 200]);
        m.merge(&Missing::NONE);
        assert_eq!(m.iter().count(), 10);
        assert!(Missing::NONE.is_empty() && !Missing::one(3).is_empty() && !Missing::one(300).is_empty());
        assert_eq!(set(&[3, 3]), Missing::one(3));
    }
}
