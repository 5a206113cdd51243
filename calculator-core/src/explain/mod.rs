//! Explanations: what a decision means, in words. Condition traces (each
//! comparison: the user's value, the operator, the threshold), the amount's
//! steps with the values substituted, the near miss, the reason and the
//! caveats. Nothing here decides anything: it reads an [`Outcome`] of
//! [`crate::decide`] and the catalog's texts.

mod conditions;
mod render;
mod words;

pub(crate) use conditions::conditions;
pub(crate) use render::steps;
pub use words::validity;
pub(crate) use words::{caveats, eval_error_code, eval_error_text, mode_text, near_miss, reason, stacking_texts, window};

use crate::catalog::{Catalog, Choice, Citation, InputKind, Policy};
use crate::decide::{Options, Outcome};
use crate::expression::{eval, peek, ArithOp, Builtin, Env, Ev, Expr, Val, Value, R};
use crate::i18n::Lang;
use crate::money::Money;
use crate::text::push_decimal;
use serde::Serialize;

/// pass / fail / unknown.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// Holds.
    Pass,
    /// Fails.
    Fail,
    /// Cannot be decided yet.
    Unknown,
}

/// One comparison inside a condition: the user's value against the threshold.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Comparison {
    /// What is compared (an input's label, or the formula text).
    pub subject: String,
    /// The profile key, where the subject is one input.
    pub key: Option<String>,
    /// The user's (or derived) value, if known.
    pub value: Option<String>,
    /// `=`, `≠`, `<`, `≤`, `>`, `≥`, `∈` or `∉`. A comparison under a `not`
    /// is shown turned around (`not (x > 300)` as `x ≤ 300`, `not (code in
    /// …)` as `code ∉ …`), so that `result` says whether it is as the rule
    /// needs.
    pub operator: &'static str,
    /// The threshold or the allowed set.
    pub threshold: Option<String>,
    /// Outcome.
    pub result: Truth,
}

/// The trace of one condition.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ConditionTrace {
    /// Condition id.
    pub id: String,
    /// What the document requires.
    pub text: String,
    /// 文号 and 条款.
    pub citation: Option<String>,
    /// The rule as written in the catalog.
    pub formula: String,
    /// Outcome.
    pub result: Truth,
    /// The comparisons inside it.
    pub comparisons: Vec<Comparison>,
    /// Inputs that would decide it, when unknown.
    pub missing: Vec<String>,
    /// What is unconfirmed about it.
    pub unconfirmed: Option<String>,
}

/// One step of the amount.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Step {
    /// Step name (a `figures` key where published).
    pub name: String,
    /// Label.
    pub label: String,
    /// The formula as written.
    pub formula: String,
    /// The formula with the values it used.
    pub substituted: String,
    /// Its value, if known.
    pub value: Option<String>,
    /// 文号 and 条款.
    pub citation: Option<String>,
    /// What is unconfirmed about it.
    pub unconfirmed: Option<String>,
}

/// One change that would turn an ineligible result eligible.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Change {
    /// Profile key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// The value now.
    pub current: String,
    /// The nearest value that would do.
    pub needed: String,
    /// `needed − current`.
    pub delta: String,
}

/// What would make an ineligible policy eligible, where only numeric thresholds fail.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NearMiss {
    /// The changes, all needed together.
    pub changes: Vec<Change>,
    /// In words.
    pub message: String,
}

/// A value for people, by the one rule of every explanation: an amount of
/// money to the 分 (`900000.00`), any other number as it is, without
/// trailing zeros (`0.25`, `160`); dates as `YYYY-MM-DD`. Whether a number
/// is money follows from the formula it comes from ([`Explainer::is_money`]).
pub(crate) fn show(value: Val, money: bool) -> String {
    let mut out = String::new();
    show_into(value, money, &mut out);
    out
}

/// As [`show`], appended to `out`.
pub(crate) fn show_into(value: Val, money: bool, out: &mut String) {
    match value {
        Val::Num(n) if money => push_decimal(out, Money::half_up(n).value()),
        Val::Num(n) => push_decimal(out, n.normalize()),
        Val::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Val::Date(d) => d.push_to(out),
        Val::Text(t) => out.push_str(t),
        Val::Table(_) => out.push_str("[table]"),
    }
}

/// Each known input's value as people read it, by slot: an option's label,
/// yes/no, money to the 分. Written once per report: a full report shows
/// the same inputs in dozens of comparisons and formulas.
pub(crate) fn shown_inputs(catalog: &Catalog, inputs: &[Option<Value>], lang: Lang) -> Vec<Option<String>> {
    catalog
        .inputs
        .iter()
        .zip(inputs)
        .map(|(def, v)| {
            let v = Val::from(v.as_ref()?);
            Some(word(lang, &def.options, v).map_or_else(|| show(v, def.kind == InputKind::Money), str::to_string))
        })
        .collect()
}

/// The catalog's or the calculator's word for a value: yes/no, or the label
/// of the one of `options` it is.
fn word<'c>(lang: Lang, options: &'c [Choice], v: Val) -> Option<&'c str> {
    match v {
        Val::Bool(b) => Some(yes_no(lang, b)),
        Val::Text(t) => options.iter().find(|c| c.value == t).map(|o| o.label.get(lang)),
        _ => None,
    }
}

fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b {
        lang.pick("是", "是", "yes")
    } else {
        lang.pick("否", "否", "no")
    }
}

/// A kept result as pass / fail / unknown.
fn truth(r: &R) -> Truth {
    match r {
        Ok(Ev::Known(Val::Bool(true))) => Truth::Pass,
        Ok(Ev::Known(_)) => Truth::Fail,
        _ => Truth::Unknown,
    }
}

/// The keys of the inputs in `missing`.
pub(crate) fn keys(catalog: &Catalog, missing: &crate::expression::Missing) -> Vec<String> {
    missing.iter().filter_map(|i| catalog.inputs.get(usize::from(i)).map(|d| d.key.clone())).collect()
}

/// What explaining one policy's outcome reads: built once per result.
pub(crate) struct Explainer<'a> {
    catalog: &'a Catalog,
    policy: &'a Policy,
    out: &'a Outcome<'a>,
    env: Env<'a, 'a>,
    lang: Lang,
    /// Each input's value as shown, by slot (see [`shown_inputs`]).
    inputs_shown: &'a [Option<String>],
    /// Whether each of the policy's steps is an amount of money.
    step_money: Vec<bool>,
}

impl<'a> Explainer<'a> {
    pub(crate) fn new(
        catalog: &'a Catalog,
        policy: &'a Policy,
        out: &'a Outcome,
        inputs: &'a [Option<Value>],
        derived: &'a [R<'a>],
        inputs_shown: &'a [Option<String>],
        o: &Options,
    ) -> Explainer<'a> {
        let env = Env { inputs, derived, params: out.params, steps: &out.steps, locals: &[], functions: &catalog.functions, as_of: o.as_of };
        let mut x = Explainer { catalog, policy, out, env, lang: o.lang, inputs_shown, step_money: Vec::with_capacity(policy.steps.len()) };
        for s in &policy.steps {
            let money = s.figure || x.is_money(&s.expr);
            x.step_money.push(money);
        }
        x
    }

    /// Whether `e` is an amount of money: a money input, a published figure
    /// or a step that is one, and what arithmetic makes of them: a sum or
    /// difference with an amount, an amount times or divided by a plain
    /// number, the least or greatest of amounts, either way of an `if` that
    /// gives one. A constant is not money by itself; it is written as its
    /// context is (see [`render`](Self::render)).
    pub(super) fn is_money(&self, e: &Expr) -> bool {
        match e {
            Expr::Input(i) => self.catalog.inputs.get(usize::from(*i)).is_some_and(|d| d.kind == InputKind::Money),
            Expr::Step(i) => self.step_money.get(usize::from(*i)).copied().unwrap_or(false),
            Expr::Neg(a) => self.is_money(a),
            Expr::Arith(ArithOp::Add | ArithOp::Sub, a, b) => self.is_money(a) || self.is_money(b),
            Expr::Arith(ArithOp::Mul, a, b) => self.is_money(a) != self.is_money(b),
            Expr::Arith(ArithOp::Div, a, b) => self.is_money(a) && !self.is_money(b),
            Expr::If(arms, other) => arms.iter().any(|(_, v)| self.is_money(v)) || self.is_money(other),
            Expr::Builtin(Builtin::Min | Builtin::Max, args) => args.iter().any(|a| self.is_money(a)),
            Expr::Builtin(Builtin::Abs | Builtin::Round(..) | Builtin::Progressive, args) => args.first().is_some_and(|a| self.is_money(a)),
            _ => false,
        }
    }

    /// `文号 条款` of a citation, as the catalog wrote it once.
    fn cite(&self, cite: &Option<Citation>) -> Option<String> {
        let c = cite.as_ref()?;
        self.policy.documents.get(c.doc)?;
        Some(c.text.clone())
    }

    /// What the explained decision evaluated in.
    pub(crate) fn env(&self) -> &Env<'a, 'a> {
        &self.env
    }

    /// The known value of `e` as people read it.
    fn shown(&self, e: &'a Expr) -> Option<String> {
        match e {
            Expr::Input(i) => self.inputs_shown.get(usize::from(*i))?.clone(),
            _ => self.value_of(e).map(|v| self.display(e, v, self.is_money(e))),
        }
    }

    /// A value of `e` as people read it: an option's label, yes/no, or
    /// [`show`] (`money`: whether it is written as an amount).
    fn display(&self, e: &'a Expr, v: Val, money: bool) -> String {
        match self.word(e, v) {
            Some(word) => word.to_string(),
            None => show(v, money),
        }
    }

    /// As [`display`](Self::display), appended to `out`.
    fn display_into(&self, e: &'a Expr, v: Val, money: bool, out: &mut String) {
        match self.word(e, v) {
            Some(word) => out.push_str(word),
            None => show_into(v, money, out),
        }
    }

    /// The catalog's or the calculator's word for a value of `e`: yes/no, an option's label.
    fn word(&self, e: &'a Expr, v: Val) -> Option<&'a str> {
        word(self.lang, self.options_of(e), v)
    }

    /// The options of the input or fact `e` reads; none for anything else.
    fn options_of(&self, e: &Expr) -> &'a [Choice] {
        let options = match e {
            Expr::Input(i) => self.catalog.inputs.get(usize::from(*i)).map(|d| &d.options),
            Expr::Derived(i) => self.catalog.derived.get(usize::from(*i)).map(|d| &d.options),
            _ => None,
        };
        options.map_or(&[], |o| &o[..])
    }

    /// Where `e` is an option written in the catalog (`"enterprise"`) and
    /// compared with `other` (`entity_type`), that option's label (企业), as
    /// the user's own value is shown.
    fn option_word(&self, e: &'a Expr, other: &'a Expr) -> Option<&'a str> {
        match e {
            Expr::Const(v @ Value::Text(_)) => self.word(other, Val::from(v)),
            _ => None,
        }
    }

    /// The name of what `e` reads, as the catalog labels it.
    fn name(&self, e: &'a Expr) -> Option<&'a str> {
        Some(match e {
            Expr::Input(i) => self.catalog.inputs.get(usize::from(*i))?.label.get(self.lang),
            Expr::Derived(i) => self.catalog.derived.get(usize::from(*i))?.label.get(self.lang),
            Expr::Step(i) => self.policy.steps.get(usize::from(*i))?.label.get(self.lang),
            Expr::Param(i) => {
                let p = self.policy.params.get(usize::from(*i))?;
                p.label.as_ref().map_or(p.name.as_str(), |l| l.get(self.lang))
            }
            Expr::AsOf => self.lang.pick("测算日期", "測算日期", "evaluation date"),
            _ => return None,
        })
    }

    /// The known value of `e`: read in place where it is a leaf, which
    /// most operands in an explanation are, else evaluated again.
    fn value_of(&self, e: &'a Expr) -> Option<Val<'a>> {
        if let Some(v) = peek(e, &self.env) {
            return Some(v);
        }
        match eval(e, &self.env) {
            Ok(Ev::Known(v)) => Some(v),
            _ => None,
        }
    }
}
