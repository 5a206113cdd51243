//! The expression language of conditions and amounts.
//!
//! Expressions are parsed ([`parse`]), checked against the names a catalog
//! declares (`check`), and evaluated three-valued: every result is either
//! known, or unknown together with the exact set of inputs that would decide
//! it. A missing input is never read as zero.
//!
//! Arithmetic is exact ([`rust_decimal::Decimal`]); overflow and division by
//! zero are errors, never a wrong number.

mod check;
mod cmp;
mod eval;
mod parse;

pub(crate) use check::{check, is_industry_prefix, suggest as suggest_name, CheckError, CheckErrorKind, FnSig, Scope, Sym};
pub(crate) use eval::{eval, peek, Env, Ev, EvalError, Missing, Val, R};
pub use parse::{parse, ArithOp, CmpOp, Node, NodeKind, Span, SyntaxError};

use crate::date::Date;
use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::Arc;

/// The type of an expression or variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// An exact decimal: money, counts, ratios.
    Number,
    /// true / false.
    Bool,
    /// A calendar date.
    Date,
    /// Free text.
    Text,
    /// One of a declared list of options; the index names the list.
    Enum(u16),
    /// A hierarchical code matched by prefix (`in ["C", "I65"]`).
    Code(CodeKind),
    /// A progressive bracket table (`progressive(x, table)`).
    Brackets,
    /// A band table (`band(x, table)`).
    Bands,
}

/// What a code type encodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// 国民经济行业分类 GB/T 4754-2017.
    Industry,
    /// 行政区划代码 (GB/T 2260).
    Region,
}

impl Type {
    /// A short English name, used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Type::Number => "number",
            Type::Bool => "boolean",
            Type::Date => "date",
            Type::Text => "text",
            Type::Enum(_) => "option",
            Type::Code(CodeKind::Industry) => "industry code",
            Type::Code(CodeKind::Region) => "region code",
            Type::Brackets => "bracket table",
            Type::Bands => "band table",
        }
    }
}

/// A known value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number.
    Num(Decimal),
    /// A boolean.
    Bool(bool),
    /// A date.
    Date(Date),
    /// Text, an option or a code.
    Text(Arc<str>),
    /// A parameter table.
    Table(Arc<Table>),
}

/// A parameter table.
#[derive(Clone, Debug, PartialEq)]
pub enum Table {
    /// Progressive brackets: each rate applies to the part of the base within
    /// its bracket (the 超额累进 method).
    Brackets(Vec<Bracket>),
    /// Bands: the value of the one band the base falls in.
    Bands(Vec<Band>),
}

/// One row of a progressive table.
#[derive(Clone, Debug, PartialEq)]
pub struct Bracket {
    /// Upper end of the bracket; `None` for the last, open one.
    pub upto: Option<Decimal>,
    /// Rate on the part of the base inside the bracket.
    pub rate: Decimal,
}

/// One row of a band table.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Upper bound of the band; `None` for the last, open one.
    pub bound: Option<Decimal>,
    /// Whether the bound itself belongs to this band (`upto`, "以下（含）")
    /// or to the next (`below`, "以下（不含）").
    pub inclusive: bool,
    /// The band's value.
    pub value: Decimal,
}

/// A rounding mode, always named explicitly where a rule rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// 四舍五入: halves away from zero (the default for money).
    HalfUp,
    /// Banker's rounding.
    HalfEven,
    /// Toward zero (truncate).
    Down,
    /// Away from zero.
    Up,
    /// Toward −∞.
    Floor,
    /// Toward +∞.
    Ceiling,
}

impl Rounding {
    pub(crate) fn parse(s: &str) -> Option<Rounding> {
        Some(match s {
            "half_up" => Rounding::HalfUp,
            "half_even" => Rounding::HalfEven,
            "down" => Rounding::Down,
            "up" => Rounding::Up,
            "floor" => Rounding::Floor,
            "ceiling" => Rounding::Ceiling,
            _ => return None,
        })
    }

    pub(crate) const NAMES: &'static [&'static str] = &["half_up", "half_even", "down", "up", "floor", "ceiling"];

    /// Rounds `d` to `places` decimals.
    pub fn apply(self, d: Decimal, places: u32) -> Decimal {
        let strategy = match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
            Rounding::Floor => RoundingStrategy::ToNegativeInfinity,
            Rounding::Ceiling => RoundingStrategy::ToPositiveInfinity,
        };
        d.round_dp_with_strategy(places, strategy)
    }
}

/// Functions the language provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    Min,
    Max,
    Abs,
    Round(u32, Rounding),
    Progressive,
    Band,
    AddMonths,
    AddYears,
    Year,
    Month,
}

pub(crate) const BUILTIN_NAMES: &[&str] = &["min", "max", "abs", "round", "progressive", "band", "date", "add_months", "add_years", "year", "month"];

/// A checked expression, names resolved to slots.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    Const(Value),
    Input(u16),
    Derived(u16),
    Param(u16),
    Step(u16),
    Local(u16),
    AsOf,
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    InPrefix(Box<Expr>, Vec<Arc<str>>),
    InSet(Box<Expr>, Vec<Value>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    If(Vec<(Expr, Expr)>, Box<Expr>),
    Builtin(Builtin, Vec<Expr>),
    Call(u16, Vec<Expr>),
}

/// A catalog function: its name, as formulas call it and explanations
/// show it, and its checked body over its parameters ([`Expr::Local`]).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Function {
    pub name: String,
    pub body: Expr,
}

/// The most nodes one expression may evaluate with every function call
/// expanded. Functions may call earlier functions, so without a bound a
/// catalog of a few lines could ask for 2^60 steps (`f1 = f0(x) + f0(x)`,
/// `f2 = f1(x) + f1(x)`, …) and freeze the page. The default catalog's
/// largest expression expands to a few hundred nodes.
pub(crate) const MAX_EXPANDED: u64 = 1_000_000;

/// The expanded size of each function ([`Expr::expanded_size`]), in order;
/// a call to a function not declared before the caller counts as unbounded.
pub(crate) fn function_sizes(functions: &[Function]) -> Vec<u64> {
    let mut sizes = Vec::with_capacity(functions.len());
    for f in functions {
        let size = f.body.expanded_size(&sizes);
        sizes.push(size);
    }
    sizes
}

impl Expr {
    /// How many nodes evaluating this expression may visit, each call
    /// counted with its function's expanded size from `functions`
    /// (saturating; an unknown function counts as unbounded).
    pub(crate) fn expanded_size(&self, functions: &[u64]) -> u64 {
        let mut n: u64 = 0;
        self.walk(&mut |e| {
            n = n.saturating_add(1);
            if let Expr::Call(f, _) = e {
                n = n.saturating_add(functions.get(usize::from(*f)).copied().unwrap_or(u64::MAX));
            }
        });
        n
    }

    /// Whether the expression reads a step (`Step`). Function bodies cannot:
    /// they are declared outside any policy.
    pub(crate) fn uses_steps(&self) -> bool {
        let mut found = false;
        self.walk(&mut |e| found |= matches!(e, Expr::Step(_)));
        found
    }

    /// Calls `f` on this node and every node below it.
    pub(crate) fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        match self {
            Expr::Neg(a) | Expr::Not(a) | Expr::InPrefix(a, _) | Expr::InSet(a, _) => a.walk(f),
            Expr::Arith(_, a, b) | Expr::Cmp(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Expr::And(v) | Expr::Or(v) | Expr::Builtin(_, v) | Expr::Call(_, v) => v.iter().for_each(|e| e.walk(f)),
            Expr::If(arms, other) => {
                for (c, v) in arms {
                    c.walk(f);
                    v.walk(f);
                }
                other.walk(f);
            }
            Expr::Const(_) | Expr::Input(_) | Expr::Derived(_) | Expr::Param(_) | Expr::Step(_) | Expr::Local(_) | Expr::AsOf => {}
        }
    }
}
