//! Evaluation: a pure function of (catalog, profile, date) to a report.

use crate::catalog::{Catalog, Category, Citation, DeliveryMode, InputKind, Policy};
use crate::date::Date;
use crate::explanation;
use crate::expression::{eval, CmpOp, Env, Ev, EvalError, Expr, Missing, Rounding, Val, Value, R};
use crate::i18n::Lang;
use crate::money::Money;
use crate::profile::{validate, validate_cells, Columns, FieldIssue, IssueCode, Profile, Validated};
use crate::report::*;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The date whose rules apply.
    pub as_of: Date,
    /// Language of the report's texts.
    pub lang: Lang,
}

/// Everything evaluation of one policy found, before it is put into words.
pub(crate) struct Outcome<'e> {
    pub status: Status,
    pub amount: Option<Decimal>,
    pub missing: Missing,
    pub params: &'e [Option<Value>],
    pub steps: Vec<R<'e>>,
    pub conditions: Vec<R<'e>>,
    pub error: Option<EvalError>,
}

/// A catalog prepared for one date and language: whether each policy is in
/// force and the values its parameters take on that date are looked up once,
/// not for every profile. Matching a register prepares one plan for the whole
/// run; [`evaluate`], [`decide_all`] and [`questions`](crate::questions)
/// prepare one per call.
///
/// ```
/// use calculator_core::{default_catalog, Lang, Options, Plan, Profile, Status};
/// let catalog = default_catalog()?;
/// let plan = Plan::new(catalog, &Options { as_of: "2025-12-31".parse()?, lang: Lang::ZhCn });
/// for income in ["900000", "2600000", "3100000"] {
///     let report = plan.evaluate(&Profile::new().with("taxable_income", income));
///     assert_ne!(report.result("cn.cit.small-low-profit").unwrap().status, Status::Error);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Plan<'c> {
    catalog: &'c Catalog,
    options: Options,
    /// Per policy, in catalog order.
    policies: Vec<Prepared>,
}

/// One policy on the plan's date.
struct Prepared {
    in_force: bool,
    /// Each parameter's value in force on the date (`None`: no version covers it).
    params: Vec<Option<Value>>,
}

/// Buffers one decision after another reuses, so that deciding a profile in
/// the lean path does not allocate per policy.
#[derive(Default)]
pub(crate) struct Scratch<'e> {
    steps: Vec<R<'e>>,
    conditions: Vec<R<'e>>,
}

impl<'e> Scratch<'e> {
    /// Takes back an outcome's buffers once its decision has been read.
    fn reuse(&mut self, out: Outcome<'e>) {
        (self.steps, self.conditions) = (out.steps, out.conditions);
    }
}

impl<'c> Plan<'c> {
    /// Prepares `catalog` for `options.as_of`.
    pub fn new(catalog: &'c Catalog, options: &Options) -> Plan<'c> {
        let policies = catalog
            .policies
            .iter()
            .map(|p| Prepared { in_force: p.in_force(options.as_of), params: p.params.iter().map(|d| d.at(options.as_of).map(|v| v.value.clone())).collect() })
            .collect();
        Plan { catalog, options: *options, policies }
    }

    /// The catalog this plan prepares.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The date and language this plan was prepared for.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// As [`evaluate`], on the plan's date and in its language.
    pub fn evaluate(&self, profile: &Profile) -> Report<'c> {
        let validated = validate(self.catalog, profile, self.options.lang);
        self.evaluate_validated(&validated)
    }

    /// As [`decide_all`], on the plan's date.
    pub fn decide_all(&self, profile: &Profile) -> Decisions {
        let v = validate(self.catalog, profile, self.options.lang);
        self.decide_values(&v.values, v.errors.len())
    }

    /// As [`Plan::decide_all`] for a register's row read straight from its
    /// cells (see [`Columns`]): the same decisions as for the profile of
    /// the row's non-blank cells, without building it.
    pub fn decide_cells<'a>(&self, columns: &Columns, cells: impl IntoIterator<Item = &'a str>) -> Decisions {
        let (values, errors) = validate_cells(self.catalog, columns, cells, self.options.lang);
        self.decide_values(&values, errors)
    }

    fn decide_values(&self, values: &[Option<Value>], field_errors: usize) -> Decisions {
        let catalog = self.catalog;
        let derived = derive(catalog, values, self.options.as_of);
        let mut scratch = Scratch::default();
        let mut decisions: Vec<Decision> = Vec::with_capacity(catalog.policies.len());
        for i in 0..catalog.policies.len() {
            let out = self.decide(i, values, &derived, true, std::mem::take(&mut scratch));
            decisions.push(Decision {
                status: out.status,
                amount: out.amount.map(Money::exact),
                missing: if out.status == Status::NeedsInput { out.missing.to_vec() } else { Vec::new() },
                counted_in_totals: out.status == Status::Eligible,
            });
            scratch.reuse(out);
        }
        for g in &catalog.exclusive {
            if let Some((eligible, best)) = choose(catalog, g, |i| (decisions[i].status, decisions[i].amount)) {
                for i in eligible.into_iter().filter(|&i| i != best) {
                    decisions[i].counted_in_totals = false;
                }
            }
        }
        Decisions { decisions, field_errors }
    }

    /// Decides policy `i` of the catalog (see [`decide_with`]).
    fn decide<'e>(&'e self, i: usize, inputs: &'e [Option<Value>], derived: &[R<'e>], lean: bool, scratch: Scratch<'e>) -> Outcome<'e> {
        let p = &self.policies[i];
        decide_with(self.catalog, &self.catalog.policies[i], &p.params, p.in_force, inputs, derived, self.options.as_of, lean, scratch)
    }
}

/// Derived facts for one profile, in catalog order.
pub(crate) fn derive<'e>(catalog: &'e Catalog, inputs: &'e [Option<Value>], as_of: Date) -> Vec<R<'e>> {
    let mut derived: Vec<R<'e>> = vec![Ok(Ev::Unknown(Missing::NONE)); catalog.derived.len()];
    for &i in &catalog.derived_order {
        let env = Env { inputs, derived: &derived, params: &[], steps: &[], locals: &[], functions: &catalog.functions, as_of };
        let value = eval(&catalog.derived[usize::from(i)].expr, &env);
        derived[usize::from(i)] = value;
    }
    derived
}

/// Decides one policy, given its parameters' values on `as_of` and whether it
/// is in force then, keeping everything the explanation needs.
///
/// `lean`: only the decision is wanted. Conditions that read no step (the
/// region of a city's policy, the kind of enterprise) are evaluated first,
/// and one of them false decides at once; the steps are computed only when a
/// condition or the amount reads them. The decision is the same either way:
/// such a condition evaluates the same with or without the steps, and the
/// order of precedence below (a false condition, an error, a missing input,
/// the amount) never needs a step that was skipped.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decide_with<'e>(
    catalog: &'e Catalog,
    policy: &'e Policy,
    params: &'e [Option<Value>],
    in_force: bool,
    inputs: &'e [Option<Value>],
    derived: &[R<'e>],
    as_of: Date,
    lean: bool,
    scratch: Scratch<'e>,
) -> Outcome<'e> {
    let Scratch { mut steps, mut conditions } = scratch;
    steps.clear();
    conditions.clear();
    let mut out = Outcome { status: Status::NotInForce, amount: None, missing: Missing::NONE, params, steps, conditions, error: None };
    if !in_force {
        return out;
    }
    let scope = Env { inputs, derived, params, steps: &[], locals: &[], functions: &catalog.functions, as_of };
    for c in &policy.conditions {
        let r = if c.uses_steps { Ok(Ev::Unknown(Missing::NONE)) } else { eval(&c.expr, &scope) };
        if lean && matches!(r, Ok(Ev::Known(Val::Bool(false)))) {
            out.status = Status::Ineligible;
            return out;
        }
        out.conditions.push(r);
    }
    if !lean || policy.conditions.iter().any(|c| c.uses_steps) {
        compute_steps(catalog, policy, params, inputs, derived, as_of, &mut out.steps);
        let e = Env { inputs, derived, params, steps: &out.steps, locals: &[], functions: &catalog.functions, as_of };
        for (c, r) in policy.conditions.iter().zip(out.conditions.iter_mut()) {
            if c.uses_steps {
                *r = eval(&c.expr, &e);
            }
        }
    }
    let mut failed = false;
    let mut missing = Missing::NONE;
    for c in &out.conditions {
        match c {
            Err(err) => out.error = out.error.or(Some(*err)),
            Ok(Ev::Known(Val::Bool(false))) => failed = true,
            Ok(Ev::Known(_)) => {}
            Ok(Ev::Unknown(m)) => missing.merge(m),
        }
    }
    out.status = if failed {
        out.error = None;
        Status::Ineligible
    } else if out.error.is_some() {
        Status::Error
    } else if !missing.is_empty() {
        out.missing = missing;
        Status::NeedsInput
    } else {
        if out.steps.len() < policy.steps.len() {
            compute_steps(catalog, policy, params, inputs, derived, as_of, &mut out.steps);
        }
        let e = Env { inputs, derived, params, steps: &out.steps, locals: &[], functions: &catalog.functions, as_of };
        match eval(&policy.amount, &e) {
            Ok(Ev::Known(Val::Num(n))) => {
                out.amount = Some(Rounding::HalfUp.apply(n, 2));
                Status::Eligible
            }
            Ok(Ev::Unknown(m)) => {
                out.missing = m;
                Status::NeedsInput
            }
            Ok(Ev::Known(_)) => Status::Error,
            Err(err) => {
                out.error = Some(err);
                Status::Error
            }
        }
    };
    out
}

/// The amount's steps in order, each seeing the ones before it.
fn compute_steps<'e>(
    catalog: &'e Catalog,
    policy: &'e Policy,
    params: &'e [Option<Value>],
    inputs: &'e [Option<Value>],
    derived: &[R<'e>],
    as_of: Date,
    steps: &mut Vec<R<'e>>,
) {
    steps.clear();
    for s in &policy.steps {
        let e = Env { inputs, derived, params, steps, locals: &[], functions: &catalog.functions, as_of };
        let mut v = eval(&s.expr, &e);
        if s.figure {
            // A published figure is filled in to the 分, as on a return, and later steps use it so.
            if let Ok(Ev::Known(Val::Num(n))) = v {
                v = Ok(Ev::Known(Val::Num(Rounding::HalfUp.apply(n, 2))));
            }
        }
        steps.push(v);
    }
}

pub(crate) fn cite_text<'c>(policy: &Policy, cite: &'c Option<Citation>) -> Option<Cow<'c, str>> {
    let c = cite.as_ref()?;
    policy.documents.get(c.doc)?;
    Some(Cow::Borrowed(&c.text))
}

fn mode_text(mode: DeliveryMode, lang: Lang) -> &'static str {
    match mode {
        DeliveryMode::Automatic => lang.pick("免申即享", "免申即享", "granted automatically (no application)"),
        DeliveryMode::Declare => {
            lang.pick("申报即享（在纳税或缴费申报时自行享受）", "申報即享（於納稅或繳費申報時自行享受）", "claimed on the tax or fee return")
        }
        DeliveryMode::Apply => lang.pick("需申请", "需申請", "apply to the authority"),
    }
}

fn eval_error_text(e: EvalError, policy: &Policy, lang: Lang) -> String {
    match e {
        EvalError::Overflow => lang.pick("计算结果超出可精确表示的范围", "計算結果超出可精確表示的範圍", "the result is too large to compute exactly").into(),
        EvalError::DivisionByZero => lang.pick("公式中出现除以零", "公式中出現除以零", "the formula divides by zero").into(),
        EvalError::NoParameterValue(i) => {
            let name = policy.params.get(usize::from(i)).map_or("?", |p| p.name.as_str());
            match lang {
                Lang::En => format!("parameter `{name}` has no value in force on this date"),
                Lang::ZhTw => format!("參數 `{name}` 在此日期沒有有效取值"),
                Lang::ZhCn => format!("参数 `{name}` 在此日期没有有效取值"),
            }
        }
    }
}

/// A validity window in words, e.g. `2023-01-01 – 2027-12-31` or
/// `2023-01-01 起，未规定截止日期`; a missing start says it is not confirmed.
///
/// ```
/// use calculator_core::{validity, Lang};
/// assert_eq!(validity(None, Some("2027-12-31".parse()?), Lang::ZhCn), "起始日期未确认 – 2027-12-31");
/// # Ok::<(), calculator_core::DateError>(())
/// ```
pub fn validity(from: Option<Date>, until: Option<Date>, lang: Lang) -> String {
    let unknown = lang.pick("起始日期未确认", "起始日期未確認", "start date not confirmed");
    match (from, until) {
        (Some(f), Some(u)) => format!("{f} – {u}"),
        (None, Some(u)) => format!("{unknown} – {u}"),
        (Some(f), None) => match lang {
            Lang::En => format!("from {f}, no end date"),
            Lang::ZhTw => format!("{f} 起，未規定截止日期"),
            Lang::ZhCn => format!("{f} 起，未规定截止日期"),
        },
        (None, None) => lang.pick("起止日期未确认", "起止日期未確認", "start and end dates not confirmed").to_string(),
    }
}

pub(crate) fn window(policy: &Policy, lang: Lang) -> String {
    validity(policy.valid_from, policy.valid_until, lang)
}

pub(crate) fn keys<'c>(catalog: &'c Catalog, missing: &Missing) -> Vec<Cow<'c, str>> {
    missing.iter().filter_map(|i| catalog.inputs.get(usize::from(i)).map(|d| Cow::Borrowed(d.key.as_str()))).collect()
}

/// `before`, the `items` joined by `sep`, then `after`.
fn sentence<'t>(before: &str, items: impl Iterator<Item = &'t str>, sep: &str, after: &str) -> String {
    // Nine in ten of the default catalog's fit (median 165 bytes): one allocation.
    let mut out = String::with_capacity(256);
    out.push_str(before);
    explanation::join_into(items, sep, &mut out, |t, out| out.push_str(t));
    out.push_str(after);
    out
}

/// Formats a value for people: money to the 分, other numbers as written.
pub(crate) fn show(value: Val, kind: Option<InputKind>) -> String {
    let mut out = String::new();
    show_into(value, kind, &mut out);
    out
}

/// As [`show`], appended to `out`.
pub(crate) fn show_into(value: Val, kind: Option<InputKind>, out: &mut String) {
    match value {
        Val::Num(n) if kind == Some(InputKind::Money) => crate::money::push_decimal(out, Money::half_up(n).value()),
        Val::Num(n) => crate::money::push_decimal(out, n.normalize()),
        Val::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Val::Date(d) => d.push_to(out),
        Val::Text(t) => out.push_str(t),
        Val::Table(_) => out.push_str("[table]"),
    }
}

fn result<'c: 'e, 'e>(
    plan: &'e Plan<'c>,
    i: usize,
    v: &'e Validated,
    derived: &[R<'e>],
    inputs_shown: &[Option<Cow<'c, str>>],
    errors: &mut Vec<FieldIssue>,
    scratch: &mut Scratch<'e>,
) -> PolicyResult<'c> {
    let (catalog, o): (&'c Catalog, _) = (plan.catalog, &plan.options);
    let policy = &catalog.policies[i];
    let lang = o.lang;
    let out = plan.decide(i, &v.values, derived, false, std::mem::take(scratch));
    let doc = policy.source_on(o.as_of);
    let text = |field: fn(&crate::catalog::Document) -> &String| Cow::Borrowed(doc.map_or("", |d| field(d).as_str()));
    let source = Source {
        document: text(|d| &d.number),
        title: text(|d| &d.title),
        url: doc.and_then(|d| d.url.as_deref()).map(Cow::Borrowed),
        issuer: text(|d| &d.issuer),
        evidence: doc.map_or(crate::catalog::Evidence::Unconfirmed, |d| d.evidence),
    };
    let in_force = out.status != Status::NotInForce;
    let explain = explanation::Ctx::new(catalog, policy, &out, &v.values, derived, inputs_shown, o);
    let conditions = if in_force { explanation::conditions(&explain) } else { Vec::new() };
    let breakdown = if in_force { explanation::steps(&explain) } else { Vec::new() };
    let mut figures = BTreeMap::new();
    if out.status == Status::Eligible {
        for (s, r) in policy.steps.iter().zip(&out.steps) {
            if let (true, Ok(Ev::Known(Val::Num(n)))) = (s.figure, r) {
                figures.insert(Cow::Borrowed(s.name.as_str()), Money::half_up(*n));
            }
        }
    }
    let near_miss = if out.status == Status::Ineligible { explanation::near_miss(&explain) } else { None };
    let caveats = explanation::caveats(policy, &out, o);
    let reason: Cow<'c, str> = match out.status {
        Status::Eligible => Cow::Borrowed(lang.pick("各项条件均已满足。", "各項條件均已滿足。", "All conditions are met.")),
        // Written straight into one buffer: most results of a report carry
        // one of these two sentences.
        Status::Ineligible => {
            let failed =
                policy.conditions.iter().zip(&out.conditions).filter(|(_, r)| matches!(r, Ok(Ev::Known(Val::Bool(false))))).map(|(c, _)| c.text.get(lang));
            let (before, sep, after) = lang.pick(("不符合：", "；", "。"), ("不符合：", "；", "。"), ("Not met: ", "; ", "."));
            Cow::Owned(sentence(before, failed, sep, after))
        }
        Status::NeedsInput => {
            let labels = out.missing.iter().filter_map(|i| catalog.inputs.get(usize::from(i))).map(|d| d.label.get(lang));
            let (before, sep, after) = lang.pick(
                ("目前没有不符合的条件，请补充：", "、", "。"),
                ("目前沒有不符合的條件，請補充：", "、", "。"),
                ("Nothing fails so far; please provide: ", ", ", "."),
            );
            Cow::Owned(sentence(before, labels, sep, after))
        }
        Status::NotInForce => {
            let window = window(policy, lang);
            Cow::Owned(match lang {
                Lang::En => format!("Not in force on {}: valid {window}.", o.as_of),
                Lang::ZhTw => format!("{} 不在有效期內（有效期 {window}）。", o.as_of),
                Lang::ZhCn => format!("{} 不在有效期内（有效期 {window}）。", o.as_of),
            })
        }
        Status::Error => Cow::Owned(out.error.map(|e| eval_error_text(e, policy, lang)).unwrap_or_default()),
    };
    if let (Status::Error, Some(e)) = (out.status, out.error) {
        errors.push(FieldIssue { field: policy.id.clone(), code: IssueCode::OutOfRange, message: eval_error_text(e, policy, lang) });
    }
    let result = PolicyResult {
        policy_id: Cow::Borrowed(&policy.id),
        name: Cow::Borrowed(policy.name.get(lang)),
        status: out.status,
        category: policy.category,
        level: policy.level,
        amount: out.amount.map(Money::exact),
        figures,
        missing: keys(catalog, &out.missing),
        conditions,
        breakdown,
        near_miss,
        source,
        documents: policy.documents.iter().map(|d| Cow::Borrowed(d.number.as_str())).collect(),
        valid_from: policy.valid_from,
        valid_until: policy.valid_until,
        amount_ceiling: policy.amount_ceiling,
        counted_in_totals: out.status == Status::Eligible,
        stacking: None,
        how_to_claim: HowToClaim {
            mode: policy.delivery.mode,
            mode_text: mode_text(policy.delivery.mode, lang),
            channel: policy.delivery.channel.as_ref().map(|t| Cow::Borrowed(t.get(lang))),
            deadline: policy.delivery.deadline.as_ref().map(|t| Cow::Borrowed(t.get(lang))),
        },
        reason,
        note: policy.note.as_ref().map(|t| Cow::Borrowed(t.get(lang))),
        unconfirmed: !caveats.is_empty(),
        caveats,
    };
    scratch.reuse(out);
    result
}

/// Evaluates every policy of `catalog` for `profile` on `options.as_of`.
///
/// ```
/// use calculator_core::{default_catalog, evaluate, Lang, Options, Profile, Status};
/// let catalog = default_catalog()?;
/// let profile = Profile::new()
///     .with("entity_type", "enterprise")
///     .with("restricted_industry", false)
///     .with("taxable_income", "900000")
///     .with("employees", 160)
///     .with("total_assets", "30000000");
/// let report = evaluate(catalog, &profile, &Options { as_of: "2023-03-31".parse()?, lang: Lang::ZhCn });
/// let cit = report.result("cn.cit.small-low-profit").unwrap();
/// assert_eq!(cit.status, Status::Eligible);
/// assert_eq!(cit.amount.unwrap().to_string(), "180000.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate<'c>(catalog: &'c Catalog, profile: &Profile, options: &Options) -> Report<'c> {
    Plan::new(catalog, options).evaluate(profile)
}

impl<'c> Plan<'c> {
    fn evaluate_validated(&self, v: &Validated) -> Report<'c> {
        let (catalog, o) = (self.catalog, &self.options);
        let derived = derive(catalog, &v.values, o.as_of);
        let mut errors = v.errors.clone();
        let mut scratch = Scratch::default();
        let shown = explanation::shown_inputs(catalog, &v.values, o.lang);
        let mut results: Vec<PolicyResult<'c>> = (0..catalog.policies.len()).map(|i| result(self, i, v, &derived, &shown, &mut errors, &mut scratch)).collect();
        let stacking = stack(catalog, &mut results, o.lang);
        // Inserted one by one: collecting into a map links a sort of its own.
        let mut totals: BTreeMap<&'static str, Money> = BTreeMap::new();
        for c in Category::ALL {
            totals.insert(c.key(), Money::ZERO);
        }
        for r in results.iter().filter(|r| r.counted_in_totals) {
            if let (Status::Eligible, Some(a)) = (r.status, r.amount) {
                let slot = totals.entry(r.category.key()).or_insert(Money::ZERO);
                *slot = slot.checked_add(a).unwrap_or(*slot);
            }
        }
        let mut derived_out = BTreeMap::new();
        for (d, r) in catalog.derived.iter().zip(&derived) {
            if let Ok(Ev::Known(v)) = r {
                let plain = match *v {
                    Val::Bool(b) => serde_json_free::Plain::Bool(b),
                    other => serde_json_free::Plain::Text(show(other, None)),
                };
                derived_out.insert(Cow::Borrowed(d.key.as_str()), plain);
            }
        }
        Report {
            catalog: CatalogRef { id: Cow::Borrowed(&catalog.info.id), version: Cow::Borrowed(&catalog.info.version), hash: Cow::Borrowed(&catalog.info.hash) },
            as_of: o.as_of,
            lang: o.lang,
            derived: derived_out,
            results,
            totals,
            stacking,
            warnings: v.warnings.clone(),
            errors,
        }
    }
}

/// Applies the catalog's exclusive groups: where two or more members are
/// eligible, recommends the one worth most (the first listed on a tie), keeps
/// the others out of the totals, and says so on each of them.
fn stack<'c>(catalog: &'c Catalog, results: &mut [PolicyResult<'c>], lang: Lang) -> Vec<StackingAdvice<'c>> {
    let mut advice = Vec::new();
    for g in &catalog.exclusive {
        let Some((eligible, best)) = choose(catalog, g, |i| (results[i].status, results[i].amount)) else {
            continue;
        };
        let name = |i: usize| catalog.policies[i].name.get(lang);
        let best_name = name(best);
        let others: Vec<&str> = eligible.iter().filter(|&&i| i != best).map(|&i| name(i)).collect();
        let rule = g.rule.get(lang);
        for &i in &eligible {
            let text = if i == best {
                match lang {
                    Lang::En => format!(
                        "Cannot be combined with {} ({rule}). This one is worth more and is recommended; it is counted in the totals.",
                        others.join(", ")
                    ),
                    Lang::ZhTw => format!("與「{}」不可同時享受（{rule}）。本項金額較高，建議選擇，已計入合計。", others.join("」「")),
                    Lang::ZhCn => format!("与「{}」不可同时享受（{rule}）。本项金额较高，建议选择，已计入合计。", others.join("」「")),
                }
            } else {
                results[i].counted_in_totals = false;
                match lang {
                    Lang::En => format!(
                        "Cannot be combined with {best_name} ({rule}). {best_name} is worth more and is recommended; this one is not counted in the totals."
                    ),
                    Lang::ZhTw => format!("與「{best_name}」不可同時享受（{rule}）。建議選擇金額較高的「{best_name}」，本項未計入合計。"),
                    Lang::ZhCn => format!("与「{best_name}」不可同时享受（{rule}）。建议选择金额较高的「{best_name}」，本项未计入合计。"),
                }
            };
            results[i].stacking = Some(text);
        }
        advice.push(StackingAdvice {
            group: Cow::Borrowed(&g.id),
            rule: Cow::Borrowed(rule),
            basis: Cow::Borrowed(g.basis.get(lang)),
            eligible: eligible.iter().map(|&i| results[i].policy_id.clone()).collect(),
            recommended: results[best].policy_id.clone(),
        });
    }
    advice
}

/// In an exclusive group with two or more eligible members: their indices
/// (catalog order) and the one worth most, the first listed on a tie. One
/// rule for the report and the lean decisions.
fn choose(catalog: &Catalog, g: &crate::catalog::ExclusiveGroup, of: impl Fn(usize) -> (Status, Option<Money>)) -> Option<(Vec<usize>, usize)> {
    let eligible: Vec<usize> =
        g.policies.iter().filter_map(|id| catalog.policies.iter().position(|p| &p.id == id)).filter(|&i| of(i).0 == Status::Eligible).collect();
    if eligible.len() < 2 {
        return None;
    }
    let amount = |i: usize| of(i).1.map_or(Decimal::MIN, Money::value);
    let best = eligible.iter().copied().fold(eligible[0], |b, i| if amount(i) > amount(b) { i } else { b });
    Some((eligible, best))
}

/// One policy decided, without its explanation: what matching a register needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// As in the full report.
    pub status: Status,
    /// As in the full report: `Some` only when eligible.
    pub amount: Option<Money>,
    /// Inputs that would decide a `needs_input` policy, as indices into
    /// [`Catalog::inputs`] (sorted), so that nothing is allocated per key.
    pub missing: Vec<u16>,
    /// As in the full report: false for the members of an exclusive group
    /// that are not recommended.
    pub counted_in_totals: bool,
}

/// Every policy decided for one profile, in catalog order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decisions {
    /// One per policy, in catalog order.
    pub decisions: Vec<Decision>,
    /// Fields whose value could not be used (they count as unknown).
    pub field_errors: usize,
}

/// Decides every policy for `profile` without putting anything into words:
/// the statuses, amounts, missing inputs and totals flags of [`evaluate`],
/// for matching whole registers. A test keeps the two in agreement.
///
/// ```
/// use calculator_core::{decide_all, default_catalog, evaluate, Lang, Options, Profile};
/// let catalog = default_catalog()?;
/// let profile = Profile::new().with("entity_type", "enterprise").with("taxable_income", "900000");
/// let options = Options { as_of: "2025-12-31".parse()?, lang: Lang::ZhCn };
/// let lean = decide_all(catalog, &profile, &options);
/// let full = evaluate(catalog, &profile, &options);
/// for (d, r) in lean.decisions.iter().zip(&full.results) {
///     assert_eq!((d.status, d.amount), (r.status, r.amount));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_all(catalog: &Catalog, profile: &Profile, options: &Options) -> Decisions {
    Plan::new(catalog, options).decide_all(profile)
}

/// Whether `op` holds between two numbers (near-miss search).
pub(crate) fn holds(op: CmpOp, a: Decimal, b: Decimal) -> bool {
    match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}

pub(crate) fn is_input(e: &Expr) -> Option<u16> {
    match e {
        Expr::Input(i) => Some(*i),
        _ => None,
    }
}
