//! Three-valued evaluation.
//!
//! A result is `Known`, or `Unknown` with the inputs that would decide it.
//! `and`/`or` follow Kleene's logic, so `false and ?` is `false`: a policy is
//! decided as soon as the known inputs decide it.

use super::parse::{ArithOp, CmpOp};
use super::{Builtin, Expr, Function, Table, Value};
use crate::date::Date;
use rust_decimal::Decimal;

/// The inputs whose values are missing, as a set of input slots.
///
/// Slots below 128 (every input of the default catalog) are bits of two
/// words, so the three-valued evaluation of a profile allocates nothing for
/// them; a larger catalog keeps its higher slots in a sorted vector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Missing {
    low: [u64; 2],
    // Boxed: every kept unknown result (a derived fact, a step, a condition,
    // a function's argument) holds a set, and one pointer keeps those small;
    // catalogs with more than 128 inputs are rare.
    #[allow(clippy::box_collection)]
    high: Option<Box<Vec<u16>>>,
}

impl Missing {
    /// The empty set.
    pub const NONE: Missing = Missing { low: [0; 2], high: None };

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

/// A value while an expression is evaluated: numbers, booleans and dates by
/// value, texts and tables borrowed from the catalog or the profile. It is
/// `Copy`, so passing results up the tree moves a few words and never
/// touches a reference count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Val<'e> {
    Num(Decimal),
    Bool(bool),
    Date(Date),
    Text(&'e str),
    Table(&'e Table),
}

impl<'e> From<&'e Value> for Val<'e> {
    fn from(v: &'e Value) -> Val<'e> {
        match v {
            Value::Num(n) => Val::Num(*n),
            Value::Bool(b) => Val::Bool(*b),
            Value::Date(d) => Val::Date(*d),
            Value::Text(t) => Val::Text(t),
            Value::Table(t) => Val::Table(t),
        }
    }
}

impl Val<'_> {
    /// An owned copy, for a constant the loader computes once.
    pub(crate) fn to_value(self) -> Value {
        match self {
            Val::Num(n) => Value::Num(n),
            Val::Bool(b) => Value::Bool(b),
            Val::Date(d) => Value::Date(d),
            Val::Text(t) => Value::Text(t.into()),
            Val::Table(t) => Value::Table(std::sync::Arc::new(t.clone())),
        }
    }
}

/// A three-valued result, as kept for a derived fact, a step, a condition
/// or a function's argument.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ev<'e> {
    Known(Val<'e>),
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

/// A kept result.
pub(crate) type R<'e> = Result<Ev<'e>, EvalError>;

/// What an expression can see while it is evaluated: values borrowed for
/// `'e`, the results computed so far for `'l`.
pub(crate) struct Env<'l, 'e> {
    pub inputs: &'e [Option<Value>],
    pub derived: &'l [R<'e>],
    pub params: &'e [Option<Value>],
    pub steps: &'l [R<'e>],
    pub locals: &'l [Ev<'e>],
    pub functions: &'e [Function],
    pub as_of: Date,
}

/// A result while it is computed: `Ok(None)` is unknown, and what it misses
/// has been added to the caller's set. A known result adds nothing, so a
/// construct that may drop an unknown part (`false and ?`, both ways of an
/// `if` agreeing) evaluates that part into a set of its own.
type Out<'e> = Result<Option<Val<'e>>, EvalError>;

fn num(v: Val) -> Decimal {
    match v {
        Val::Num(n) => n,
        // The checker only lets numbers reach numeric operators.
        _ => Decimal::ZERO,
    }
}

fn date(v: Val) -> Date {
    match v {
        Val::Date(d) => d,
        // The checker only lets dates reach date functions.
        _ => Date::MIN,
    }
}

fn known_num<'e>(d: Option<Decimal>, err: EvalError) -> Out<'e> {
    d.map(|n| Some(Val::Num(n))).ok_or(err)
}

fn arith<'e>(op: ArithOp, a: Decimal, b: Decimal) -> Out<'e> {
    match op {
        ArithOp::Add => known_num(a.checked_add(b), EvalError::Overflow),
        ArithOp::Sub => known_num(a.checked_sub(b), EvalError::Overflow),
        ArithOp::Mul => known_num(a.checked_mul(b), EvalError::Overflow),
        ArithOp::Div if b.is_zero() => Err(EvalError::DivisionByZero),
        ArithOp::Div => known_num(a.checked_div(b), EvalError::Overflow),
    }
}

fn compare(op: CmpOp, a: Val, b: Val) -> bool {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => op.holds(x.cmp(&y)),
        (Val::Date(x), Val::Date(y)) => op.holds(x.cmp(&y)),
        // Texts, options and booleans are only equal or not.
        _ => match op {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            _ => false,
        },
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
/// argument is, with what all of them miss.
fn builtin<'e>(b: Builtin, args: &'e [Expr], env: &Env<'_, 'e>, missing: &mut Missing) -> Out<'e> {
    let mut unknown = false;
    if let Builtin::Min | Builtin::Max = b {
        let mut best: Option<Decimal> = None;
        for a in args {
            match run(a, env, missing)? {
                Some(v) => {
                    let n = num(v);
                    best = Some(match best {
                        Some(x) if b == Builtin::Min => x.min(n),
                        Some(x) => x.max(n),
                        None => n,
                    });
                }
                None => unknown = true,
            }
        }
        return Ok((!unknown).then(|| Val::Num(best.unwrap_or_default())));
    }
    let mut v: [Val; FIXED_ARGS] = [Val::Bool(false); FIXED_ARGS];
    if args.len() > FIXED_ARGS {
        // The checker allows no such call.
        return Err(EvalError::Overflow);
    }
    for (slot, a) in v.iter_mut().zip(args) {
        match run(a, env, missing)? {
            Some(x) => *slot = x,
            None => unknown = true,
        }
    }
    if unknown {
        return Ok(None);
    }
    let n = |i: usize| num(v[i]);
    let out = match b {
        // Folded above without a buffer; never reached.
        Builtin::Min | Builtin::Max => return Err(EvalError::Overflow),
        Builtin::Abs => Val::Num(n(0).abs()),
        Builtin::Round(places, mode) => Val::Num(mode.apply(n(0), places)),
        Builtin::Progressive | Builtin::Band => Val::Num(match (b, v[1]) {
            (Builtin::Progressive, Val::Table(Table::Brackets(rows))) => progressive(n(0), rows)?,
            (Builtin::Band, Val::Table(Table::Bands(rows))) => band(n(0), rows).ok_or(EvalError::Overflow)?,
            _ => return Err(EvalError::Overflow),
        }),
        Builtin::AddMonths | Builtin::AddYears => {
            let count = i64::try_from(n(1).trunc()).map_err(|_| EvalError::Overflow)?;
            let months = if b == Builtin::AddYears { count.checked_mul(12).ok_or(EvalError::Overflow)? } else { count };
            Val::Date(date(v[0]).add_months(months))
        }
        Builtin::Year => Val::Num(Decimal::from(date(v[0]).year())),
        Builtin::Month => Val::Num(Decimal::from(date(v[0]).month())),
    };
    Ok(Some(out))
}

/// `and` (`decisive` false) or `or` (true): one decisive item decides, and
/// what the others miss no longer matters.
fn logic<'e>(items: &'e [Expr], env: &Env<'_, 'e>, decisive: bool, missing: &mut Missing) -> Out<'e> {
    let mut open = Missing::NONE;
    let mut unknown = false;
    for e in items {
        match run(e, env, &mut open)? {
            Some(Val::Bool(b)) if b == decisive => return Ok(Some(Val::Bool(decisive))),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown {
        missing.merge(&open);
        return Ok(None);
    }
    Ok(Some(Val::Bool(!decisive)))
}

fn if_chain<'e>(arms: &'e [(Expr, Expr)], other: &'e Expr, env: &Env<'_, 'e>, missing: &mut Missing) -> Out<'e> {
    let Some(((cond, then), rest)) = arms.split_first() else {
        return run(other, env, missing);
    };
    let mut open = Missing::NONE;
    match run(cond, env, &mut open)? {
        Some(Val::Bool(true)) => run(then, env, missing),
        Some(_) => if_chain(rest, other, env, missing),
        None => {
            // Both ways may still agree (e.g. "micro" whichever way a bound falls).
            // An error on a way that may not be taken is not an error yet.
            let (mut a_missing, mut b_missing) = (Missing::NONE, Missing::NONE);
            let a = run(then, env, &mut a_missing);
            let b = if_chain(rest, other, env, &mut b_missing);
            if let (Ok(Some(x)), Ok(Some(y))) = (a, b) {
                if x == y {
                    return Ok(Some(x));
                }
            }
            missing.merge(&open);
            for (r, m) in [(a, &a_missing), (b, &b_missing)] {
                if let Ok(None) = r {
                    missing.merge(m);
                }
            }
            Ok(None)
        }
    }
}

/// A leaf's known value, read in place: comparisons and arithmetic on
/// inputs, parameters and constants (most of a catalog's conditions) then
/// need no recursion.
pub(crate) fn peek<'e>(e: &'e Expr, env: &Env<'_, 'e>) -> Option<Val<'e>> {
    let known = |r: Option<&R<'e>>| match r {
        Some(Ok(Ev::Known(v))) => Some(*v),
        _ => None,
    };
    match e {
        Expr::Const(v) => Some(Val::from(v)),
        Expr::Input(i) => env.inputs.get(usize::from(*i))?.as_ref().map(Val::from),
        Expr::Param(i) => env.params.get(usize::from(*i))?.as_ref().map(Val::from),
        Expr::Derived(i) => known(env.derived.get(usize::from(*i))),
        Expr::Step(i) => known(env.steps.get(usize::from(*i))),
        Expr::Local(i) => match env.locals.get(usize::from(*i)) {
            Some(Ev::Known(v)) => Some(*v),
            _ => None,
        },
        _ => None,
    }
}

/// Evaluates a checked expression, keeping the result.
pub(crate) fn eval<'e>(e: &'e Expr, env: &Env<'_, 'e>) -> R<'e> {
    let mut missing = Missing::NONE;
    Ok(match run(e, env, &mut missing)? {
        Some(v) => Ev::Known(v),
        None => Ev::Unknown(missing),
    })
}

/// A kept result read back: unknown adds what it misses to `missing`.
fn read<'e>(r: Option<&R<'e>>, missing: &mut Missing) -> Out<'e> {
    match r {
        Some(Ok(Ev::Known(v))) => Ok(Some(*v)),
        Some(Ok(Ev::Unknown(m))) => {
            missing.merge(m);
            Ok(None)
        }
        Some(Err(e)) => Err(*e),
        None => Err(EvalError::Overflow),
    }
}

fn run<'e>(e: &'e Expr, env: &Env<'_, 'e>, missing: &mut Missing) -> Out<'e> {
    match e {
        Expr::Const(v) => Ok(Some(Val::from(v))),
        Expr::Input(i) => Ok(match env.inputs.get(usize::from(*i)) {
            Some(Some(v)) => Some(Val::from(v)),
            _ => {
                missing.insert(*i);
                None
            }
        }),
        Expr::Derived(i) => read(env.derived.get(usize::from(*i)), missing),
        Expr::Param(i) => match env.params.get(usize::from(*i)) {
            Some(Some(v)) => Ok(Some(Val::from(v))),
            _ => Err(EvalError::NoParameterValue(*i)),
        },
        Expr::Step(i) => read(env.steps.get(usize::from(*i)), missing),
        Expr::Local(i) => Ok(match env.locals.get(usize::from(*i)) {
            Some(Ev::Known(v)) => Some(*v),
            Some(Ev::Unknown(m)) => {
                missing.merge(m);
                None
            }
            None => None,
        }),
        Expr::AsOf => Ok(Some(Val::Date(env.as_of))),
        Expr::Neg(a) => Ok(run(a, env, missing)?.map(|v| Val::Num(-num(v)))),
        Expr::Not(a) => Ok(match run(a, env, missing)? {
            Some(Val::Bool(b)) => Some(Val::Bool(!b)),
            other => other,
        }),
        Expr::Arith(op, a, b) => {
            if let (Some(x), Some(y)) = (peek(a, env), peek(b, env)) {
                return arith(*op, num(x), num(y));
            }
            match (run(a, env, missing)?, run(b, env, missing)?) {
                (Some(x), Some(y)) => arith(*op, num(x), num(y)),
                _ => Ok(None),
            }
        }
        Expr::Cmp(op, a, b) => {
            if let (Some(x), Some(y)) = (peek(a, env), peek(b, env)) {
                return Ok(Some(Val::Bool(compare(*op, x, y))));
            }
            match (run(a, env, missing)?, run(b, env, missing)?) {
                (Some(x), Some(y)) => Ok(Some(Val::Bool(compare(*op, x, y)))),
                _ => Ok(None),
            }
        }
        Expr::InPrefix(a, prefixes) => {
            Ok(run(a, env, missing)?.map(|v| Val::Bool(matches!(v, Val::Text(code) if prefixes.iter().any(|p| code.starts_with(&**p))))))
        }
        Expr::InSet(a, set) => Ok(run(a, env, missing)?.map(|v| Val::Bool(set.iter().any(|s| compare(CmpOp::Eq, v, Val::from(s)))))),
        Expr::And(items) => logic(items, env, false, missing),
        Expr::Or(items) => logic(items, env, true, missing),
        Expr::If(arms, other) => if_chain(arms, other, env, missing),
        Expr::Builtin(b, args) => builtin(*b, args, env, missing),
        Expr::Call(f, args) => {
            let body = &env.functions.get(usize::from(*f)).ok_or(EvalError::Overflow)?.body;
            // Each argument keeps what it misses: the body may not read it.
            // Most functions take a few arguments: those stay on the stack
            // (the default catalog's `cit_rate` takes six).
            const FEW: usize = 8;
            if args.len() <= FEW {
                let mut locals: [Ev; FEW] = [const { Ev::Unknown(Missing::NONE) }; FEW];
                for (slot, a) in locals.iter_mut().zip(args) {
                    *slot = eval(a, env)?;
                }
                return run(body, &Env { locals: &locals[..args.len()], ..*env }, missing);
            }
            let locals = args.iter().map(|a| eval(a, env)).collect::<Result<Vec<_>, _>>()?;
            run(body, &Env { locals: &locals, ..*env }, missing)
        }
    }
}

impl Clone for Env<'_, '_> {
    fn clone(&self) -> Self {
        *self
    }
}

impl Copy for Env<'_, '_> {}

#[cfg(test)]
mod tests {
    use super::Missing;

    fn set(slots: &[u16]) -> Missing {
        let mut m = Missing::NONE;
        for &s in slots {
            m.insert(s);
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
        assert!(Missing::NONE.is_empty() && !set(&[3]).is_empty() && !set(&[300]).is_empty());
        assert_eq!(set(&[3, 3]), set(&[3]));
    }
}
