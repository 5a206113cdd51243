//! Explanations: condition traces, the amount's steps, near misses, caveats.

use crate::catalog::{Catalog, Choice, DerivedDef, InputDef, InputKind, Policy};
use crate::evaluation::{cite_text, decide_with, derive, holds, is_input, show, show_into, Options, Outcome, Scratch};
use crate::expression::{eval, peek, ArithOp, Builtin, CmpOp, Env, Ev, Expr, Val, Value, R};
use crate::i18n::Lang;
use crate::report::{Change, Comparison, ConditionTrace, NearMiss, Status, Step, Truth};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::sync::Arc;

/// What explaining one policy's outcome reads: built once per result. The
/// texts it writes borrow from the catalog (`'c`).
pub(crate) struct Ctx<'c, 'a> {
    catalog: &'c Catalog,
    policy: &'c Policy,
    out: &'a Outcome<'a>,
    env: Env<'a, 'a>,
    lang: Lang,
    /// Each input's value as shown, by slot (see [`shown_inputs`]).
    inputs_shown: &'a [Option<Cow<'c, str>>],
}

/// Each known input's value as people read it, by slot: an option's label,
/// yes/no, money to the 分. Written once per report: a full report shows
/// the same inputs in dozens of comparisons and formulas.
pub(crate) fn shown_inputs<'c>(catalog: &'c Catalog, inputs: &[Option<Value>], lang: Lang) -> Vec<Option<Cow<'c, str>>> {
    catalog
        .inputs
        .iter()
        .zip(inputs)
        .map(|(def, v)| {
            let v = Val::from(v.as_ref()?);
            Some(word(lang, &def.options, v).map_or_else(|| Cow::Owned(show(v, Some(def.kind))), Cow::Borrowed))
        })
        .collect()
}

/// The options of the input or fact `e` reads; none for anything else.
fn options_of<'c>(inputs: &'c [InputDef], derived: &'c [DerivedDef], e: &Expr) -> &'c [Choice] {
    let options = match e {
        Expr::Input(i) => inputs.get(usize::from(*i)).map(|d| &d.options),
        Expr::Derived(i) => derived.get(usize::from(*i)).map(|d| &d.options),
        _ => None,
    };
    options.map_or(&[], |o| &o[..])
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

fn truth(r: &R) -> Truth {
    match r {
        Ok(Ev::Known(Val::Bool(true))) => Truth::Pass,
        Ok(Ev::Known(_)) => Truth::Fail,
        _ => Truth::Unknown,
    }
}

impl<'c, 'a> Ctx<'c, 'a> {
    fn yes_no(&self, b: bool) -> &'static str {
        yes_no(self.lang, b)
    }

    /// The known value of `e` as people read it.
    fn shown(&self, e: &'a Expr) -> Option<Cow<'c, str>> {
        match e {
            Expr::Input(i) => self.inputs_shown.get(usize::from(*i))?.clone(),
            _ => self.value_of(e).map(|v| self.display(e, v)),
        }
    }

    /// A value as people read it: option labels, yes/no, money to the 分.
    fn display(&self, e: &'a Expr, v: Val) -> Cow<'c, str> {
        match self.word(e, v) {
            Some(word) => Cow::Borrowed(word),
            None => Cow::Owned(show(v, self.kind(e))),
        }
    }

    /// As [`display`](Self::display), appended to `out`.
    fn display_into(&self, e: &'a Expr, v: Val, out: &mut String) {
        match self.word(e, v) {
            Some(word) => out.push_str(word),
            None => show_into(v, self.kind(e), out),
        }
    }

    /// The catalog's or the calculator's word for a value of `e`: yes/no, an option's label.
    fn word(&self, e: &'a Expr, v: Val) -> Option<&'c str> {
        word(self.lang, options_of(&self.catalog.inputs, &self.catalog.derived, e), v)
    }

    /// Where `e` is an option written in the catalog (`"enterprise"`) and
    /// compared with `other` (`entity_type`), that option's label (企业), as
    /// the user's own value is shown.
    fn option_word(&self, e: &'a Expr, other: &'a Expr) -> Option<&'c str> {
        match e {
            Expr::Const(v @ Value::Text(_)) => self.word(other, Val::from(v)),
            _ => None,
        }
    }

    /// The kind of the input `e` reads, if it is one (money is shown to the 分).
    fn kind(&self, e: &'a Expr) -> Option<InputKind> {
        is_input(e).and_then(|i| self.catalog.inputs.get(usize::from(i))).map(|d| d.kind)
    }

    fn name(&self, e: &'a Expr) -> Option<&'c str> {
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

    /// The expression with the values it uses, e.g. `900000.00 × 0.25 × 0.2`.
    fn render(&self, e: &'a Expr) -> String {
        // Most fit (median 39 bytes, nine in ten under 110): one allocation.
        let mut out = String::with_capacity(112);
        self.render_into(e, &mut out);
        out
    }

    /// An unknown value in a formula: `[its name?]`.
    fn unknown_into(&self, e: &'a Expr, out: &mut String) {
        out.push('[');
        out.push_str(self.name(e).unwrap_or_default());
        out.push_str("?]");
    }

    /// As [`render`](Self::render), written into one buffer: a report renders
    /// hundreds of expressions.
    fn render_into(&self, e: &'a Expr, out: &mut String) {
        let atom = |x: &'a Expr, out: &mut String| {
            if matches!(x, Expr::Arith(..) | Expr::If(..) | Expr::Cmp(..) | Expr::And(_) | Expr::Or(_)) {
                out.push('(');
                self.render_into(x, out);
                out.push(')');
            } else {
                self.render_into(x, out);
            }
        };
        match e {
            Expr::Const(v) => self.display_into(e, Val::from(v), out),
            Expr::Input(i) => match self.inputs_shown.get(usize::from(*i)) {
                Some(Some(text)) => out.push_str(text),
                _ => self.unknown_into(e, out),
            },
            Expr::Derived(_) | Expr::Step(_) | Expr::AsOf => match self.value_of(e) {
                Some(v) => self.display_into(e, v, out),
                None => self.unknown_into(e, out),
            },
            Expr::Param(_) => match self.value_of(e) {
                Some(Val::Table(_)) | None => out.push_str(self.name(e).unwrap_or_default()),
                Some(v) => self.display_into(e, v, out),
            },
            Expr::Local(_) => out.push('…'),
            Expr::Neg(a) => {
                out.push('-');
                atom(a, out);
            }
            Expr::Not(a) => {
                out.push_str(self.lang.pick("非 ", "非 ", "not "));
                atom(a, out);
            }
            Expr::Arith(op, a, b) => {
                let sym = match op {
                    ArithOp::Add => " + ",
                    ArithOp::Sub => " − ",
                    ArithOp::Mul => " × ",
                    ArithOp::Div => " ÷ ",
                };
                match &**a {
                    Expr::Arith(inner, ..) if same_level(*inner, *op) => self.render_into(a, out),
                    _ => atom(a, out),
                }
                out.push_str(sym);
                atom(b, out);
            }
            Expr::Cmp(op, a, b) => {
                match self.option_word(a, b) {
                    Some(word) => out.push_str(word),
                    None => atom(a, out),
                }
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                match self.option_word(b, a) {
                    Some(word) => out.push_str(word),
                    None => atom(b, out),
                }
            }
            Expr::InPrefix(a, prefixes) => {
                atom(a, out);
                out.push_str(" ∈ {");
                join_into(prefixes, ", ", out, |p, out| out.push_str(p));
                out.push('}');
            }
            Expr::InSet(a, set) => {
                atom(a, out);
                out.push_str(" ∈ {");
                join_into(set, ", ", out, |v, out| self.display_into(a, Val::from(v), out));
                out.push('}');
            }
            Expr::And(items) | Expr::Or(items) => {
                let word = if matches!(e, Expr::And(_)) { self.lang.pick(" 且 ", " 且 ", " and ") } else { self.lang.pick(" 或 ", " 或 ", " or ") };
                join_into(items, word, out, atom);
            }
            Expr::If(..) => match self.value_of(e) {
                Some(v) => self.display_into(e, v, out),
                None => out.push('?'),
            },
            Expr::Builtin(b, args) => {
                out.push_str(match b {
                    Builtin::Min => "min(",
                    Builtin::Max => "max(",
                    Builtin::Abs => "abs(",
                    Builtin::Round(..) => "round(",
                    Builtin::Progressive => "progressive(",
                    Builtin::Band => "band(",
                    Builtin::AddMonths => "add_months(",
                    Builtin::AddYears => "add_years(",
                    Builtin::Year => "year(",
                    Builtin::Month => "month(",
                });
                join_into(args, ", ", out, |x, out| self.render_into(x, out));
                if let Builtin::Round(places, _) = b {
                    out.push_str(", ");
                    out.push_str(&places.to_string());
                }
                out.push(')');
            }
            Expr::Call(_, args) => {
                out.push_str("f(");
                join_into(args, ", ", out, |x, out| self.render_into(x, out));
                out.push(')');
            }
        }
    }

    /// The comparison `whole`: `subject` against `against`, turned around
    /// where `negated` (see [`walk_comparisons`]); `known` is its result
    /// where the caller has it, `fixed` its threshold where the catalog
    /// wrote that once (see [`fixed_thresholds`]).
    fn comparison(
        &self,
        whole: &'a Expr,
        known: Option<Truth>,
        subject: &'a Expr,
        against: Against<'a>,
        negated: bool,
        fixed: Option<&'c str>,
    ) -> Comparison<'c> {
        let threshold = match (fixed, against) {
            (Some(text), _) => Some(Cow::Borrowed(text)),
            (None, Against::Value(_, b)) => match self.option_word(b, subject) {
                Some(word) => Some(Cow::Borrowed(word)),
                None => self.value_of(b).map(|v| self.display(b, v)),
            },
            (None, Against::Prefixes(list)) => Some(Cow::Owned(list.join(" / "))),
            (None, Against::Set(list)) => {
                let mut items = String::new();
                join_into(list, " / ", &mut items, |v, out| self.display_into(subject, Val::from(v), out));
                Some(Cow::Owned(items))
            }
            (None, Against::Is(b)) => Some(Cow::Borrowed(self.yes_no(b != negated))),
        };
        let op = match (against, negated) {
            (Against::Value(op, _), false) => op.symbol(),
            (Against::Value(op, _), true) => opposite(op).symbol(),
            (Against::Prefixes(_) | Against::Set(_), false) => "∈",
            (Against::Prefixes(_) | Against::Set(_), true) => "∉",
            (Against::Is(_), _) => "=",
        };
        let result = known.unwrap_or_else(|| match (truth(&eval(whole, &self.env)), negated) {
            (Truth::Pass, true) => Truth::Fail,
            (Truth::Fail, true) => Truth::Pass,
            (t, _) => t,
        });
        let key = is_input(subject).and_then(|i| self.catalog.inputs.get(usize::from(i))).map(|d| Cow::Borrowed(d.key.as_str()));
        Comparison {
            subject: self.name(subject).map_or_else(|| Cow::Owned(self.render(subject)), Cow::Borrowed),
            key,
            value: self.shown(subject),
            operator: op,
            threshold,
            result,
        }
    }
}

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

/// The comparison that holds exactly where `op` does not.
fn opposite(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
        CmpOp::Lt => CmpOp::Ge,
        CmpOp::Le => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Le,
        CmpOp::Ge => CmpOp::Lt,
    }
}

/// The thresholds of `condition`'s comparisons that read the same in every
/// report, in the order of its trace: a number or a code list the catalog
/// wrote (`300万` is `3000000`). Written once when the catalog is assembled;
/// the others (an option's label, yes/no, a parameter's value on the date)
/// depend on the report's language or date.
pub(crate) fn fixed_thresholds(inputs: &[InputDef], derived: &[DerivedDef], condition: &Expr) -> Vec<Option<Box<str>>> {
    let mut fixed = Vec::new();
    walk_comparisons(condition, false, &mut |_, subject, against, _| {
        fixed.push(match against {
            Against::Value(_, Expr::Const(v @ (Value::Num(_) | Value::Date(_) | Value::Text(_)))) => {
                // An option is shown by its label, in the report's language.
                let labelled = matches!(v, Value::Text(t) if options_of(inputs, derived, subject).iter().any(|c| *c.value == **t));
                (!labelled).then(|| show(Val::from(v), None).into_boxed_str())
            }
            Against::Prefixes(list) => Some(list.join(" / ").into_boxed_str()),
            _ => None,
        })
    });
    fixed
}

/// Writes each of `items` with `each`, `sep` between them.
pub(crate) fn join_into<T>(items: impl IntoIterator<Item = T>, sep: &str, out: &mut String, mut each: impl FnMut(T, &mut String)) {
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        each(x, out);
    }
}

fn same_level(a: ArithOp, b: ArithOp) -> bool {
    let level = |o| matches!(o, ArithOp::Add | ArithOp::Sub);
    level(a) == level(b) && !matches!(b, ArithOp::Sub | ArithOp::Div)
}

impl<'c: 'a, 'a> Ctx<'c, 'a> {
    pub(crate) fn new(
        catalog: &'c Catalog,
        policy: &'c Policy,
        out: &'a Outcome,
        inputs: &'a [Option<Value>],
        derived: &'a [R<'a>],
        inputs_shown: &'a [Option<Cow<'c, str>>],
        o: &Options,
    ) -> Ctx<'c, 'a> {
        let env = Env { inputs, derived, params: out.params, steps: &out.steps, locals: &[], functions: &catalog.functions, as_of: o.as_of };
        Ctx { catalog, policy, out, env, lang: o.lang, inputs_shown }
    }
}

/// Traces of every condition.
pub(crate) fn conditions<'c>(c: &Ctx<'c, '_>) -> Vec<ConditionTrace<'c>> {
    let (catalog, policy, lang) = (c.catalog, c.policy, c.lang);
    policy
        .conditions
        .iter()
        .zip(&c.out.conditions)
        .map(|(def, r)| {
            let mut comparisons = Vec::with_capacity(def.thresholds.len());
            walk_comparisons(&def.expr, false, &mut |whole, subject, against, negated| {
                // The condition's own result, where it is one comparison.
                let known = std::ptr::eq(whole, &def.expr).then(|| truth(r));
                let fixed = def.thresholds.get(comparisons.len()).and_then(|t| t.as_deref());
                comparisons.push(c.comparison(whole, known, subject, against, negated, fixed));
            });
            let missing = match r {
                Ok(Ev::Unknown(m)) => crate::evaluation::keys(catalog, m),
                _ => Vec::new(),
            };
            ConditionTrace {
                id: Cow::Borrowed(&def.id),
                text: Cow::Borrowed(def.text.get(lang)),
                citation: cite_text(policy, &def.cite),
                formula: Cow::Borrowed(&def.source),
                result: truth(r),
                comparisons,
                missing,
                unconfirmed: def.unconfirmed.as_ref().map(|t| Cow::Borrowed(t.get(lang))),
            }
        })
        .collect()
}

/// The amount's steps with their values.
pub(crate) fn steps<'c>(c: &Ctx<'c, '_>) -> Vec<Step<'c>> {
    let (policy, lang) = (c.policy, c.lang);
    policy
        .steps
        .iter()
        .zip(&c.out.steps)
        .map(|(def, r)| Step {
            name: Cow::Borrowed(&def.name),
            label: Cow::Borrowed(def.label.get(lang)),
            formula: Cow::Borrowed(&def.source),
            substituted: c.render(&def.expr),
            value: match r {
                Ok(Ev::Known(v)) => Some(Cow::Owned(show(*v, if def.figure { Some(InputKind::Money) } else { None }))),
                _ => None,
            },
            citation: cite_text(policy, &def.cite),
            unconfirmed: def.unconfirmed.as_ref().map(|t| Cow::Borrowed(t.get(lang))),
        })
        .collect()
}

/// The unconfirmed facts this result rests on, each once, in the order met.
pub(crate) fn caveats<'c>(policy: &'c Policy, out: &Outcome, o: &Options) -> Vec<Cow<'c, str>> {
    let mut notes: Vec<&'c crate::i18n::Text> = policy.unconfirmed.iter().collect();
    notes.extend(policy.source_on(o.as_of).and_then(|d| d.unconfirmed.as_ref()));
    if out.status != Status::NotInForce {
        notes.extend(policy.params.iter().filter_map(|p| p.at(o.as_of).and_then(|v| v.unconfirmed.as_ref())));
        notes.extend(policy.conditions.iter().filter_map(|c| c.unconfirmed.as_ref()));
        notes.extend(policy.steps.iter().filter_map(|s| s.unconfirmed.as_ref()));
    }
    let mut list: Vec<Cow<'c, str>> = Vec::with_capacity(notes.len());
    for t in notes {
        let t = t.get(o.lang);
        if !list.iter().any(|kept| kept == t) {
            list.push(Cow::Borrowed(t));
        }
    }
    list
}

/// For an ineligible policy whose failing conditions are all numeric
/// thresholds on inputs: the nearest values that make it eligible, verified
/// by evaluating again.
pub(crate) fn near_miss<'c>(c: &Ctx<'c, '_>) -> Option<NearMiss<'c>> {
    let (catalog, policy, out, env) = (c.catalog, c.policy, c.out, &c.env);
    let (inputs, as_of) = (env.inputs, env.as_of);
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
    let mut adjusted = inputs.to_vec();
    for (slot, needed) in &changes {
        adjusted[usize::from(*slot)] = Some(Value::Num(*needed));
    }
    let new_derived = derive(catalog, &adjusted, as_of);
    let after = decide_with(catalog, policy, out.params, true, &adjusted, &new_derived, as_of, false, Scratch::default());
    if !matches!(after.status, Status::Eligible | Status::NeedsInput) {
        return None;
    }
    let lang = c.lang;
    let mut out_changes = Vec::new();
    let mut words = Vec::new();
    for (slot, needed) in changes {
        let def = &catalog.inputs[usize::from(slot)];
        let Some(Value::Num(current)) = &inputs[usize::from(slot)] else {
            continue;
        };
        let Some(delta) = needed.checked_sub(*current) else {
            continue;
        };
        let fmt = |d: Decimal| show(Val::Num(d), Some(def.kind));
        let unit = def.unit.clone().unwrap_or_default();
        let label = def.label.get(lang);
        let (more, amount) = (delta > Decimal::ZERO, fmt(delta.abs()));
        words.push(match (lang, more) {
            (Lang::En, true) => format!("{label} {} higher (to {}{unit})", amount, fmt(needed)),
            (Lang::En, false) => format!("{label} {} lower (to {}{unit})", amount, fmt(needed)),
            (Lang::ZhTw, true) => {
                format!("{label}再增加 {amount}{unit}（達到 {}{unit}）", fmt(needed))
            }
            (Lang::ZhTw, false) => {
                format!("{label}減少 {amount}{unit}（降至 {}{unit}）", fmt(needed))
            }
            (Lang::ZhCn, true) => {
                format!("{label}再增加 {amount}{unit}（达到 {}{unit}）", fmt(needed))
            }
            (Lang::ZhCn, false) => {
                format!("{label}减少 {amount}{unit}（降至 {}{unit}）", fmt(needed))
            }
        });
        out_changes.push(Change { key: Cow::Borrowed(&def.key), label: Cow::Borrowed(label), current: fmt(*current), needed: fmt(needed), delta: fmt(delta) });
    }
    let message = match lang {
        Lang::En => format!("Would qualify if: {}.", words.join("; ")),
        Lang::ZhTw => format!("{}即可符合條件。", words.join("，")),
        Lang::ZhCn => format!("{}即可符合条件。", words.join("，")),
    };
    Some(NearMiss { changes: out_changes, message })
}

fn numeric_fixes(catalog: &Catalog, e: &Expr, env: &Env, changes: &mut Vec<(u16, Decimal)>) {
    match e {
        Expr::And(items) | Expr::Or(items) => items.iter().for_each(|i| numeric_fixes(catalog, i, env, changes)),
        Expr::Cmp(op, a, b) => {
            let (slot, c, op) = match (&**a, &**b) {
                (Expr::Input(i), Expr::Const(Value::Num(c))) => (*i, *c, *op),
                (Expr::Const(Value::Num(c)), Expr::Input(i)) => (*i, *c, flip(*op)),
                _ => return,
            };
            let Some(def) = catalog.inputs.get(usize::from(slot)) else {
                return;
            };
            let Some(Some(Value::Num(x))) = env.inputs.get(usize::from(slot)) else {
                return;
            };
            if holds(op, *x, c) {
                return;
            }
            let unit = match def.kind {
                InputKind::Integer => Decimal::ONE,
                InputKind::Money => Decimal::new(1, 2),
                _ => Decimal::new(1, 4),
            };
            use crate::expression::CmpOp::*;
            let needed = match op {
                Ge | Le | Eq => c,
                Gt => match c.checked_add(unit) {
                    Some(n) => n,
                    None => return,
                },
                Lt => match c.checked_sub(unit) {
                    Some(n) => n,
                    None => return,
                },
                Ne => return,
            };
            changes.push((slot, needed));
        }
        _ => {}
    }
}

fn flip(op: crate::expression::CmpOp) -> crate::expression::CmpOp {
    use crate::expression::CmpOp::*;
    match op {
        Lt => Gt,
        Le => Ge,
        Gt => Lt,
        Ge => Le,
        other => other,
    }
}
