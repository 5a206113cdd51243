//! Building one policy: its documents, region scope, dated parameters,
//! steps, conditions and amount, each checked against the catalog's names.

use super::load::{parse_enum, Loader};
use super::params::parameters;
use super::*;
use crate::error::ProblemKind;
use crate::expression::{CodeKind, Scope, Sym};
use rust_decimal::Decimal;
use std::sync::Arc;

const CATEGORIES: &[(&str, Category)] = &[("tax_credit", Category::TaxCredit), ("subsidy", Category::Subsidy), ("fee_reduction", Category::FeeReduction)];
const LEVELS: &[(&str, Level)] =
    &[("national", Level::National), ("provincial", Level::Provincial), ("municipal", Level::Municipal), ("district", Level::District)];
const MODES: &[(&str, DeliveryMode)] = &[("automatic", DeliveryMode::Automatic), ("declare", DeliveryMode::Declare), ("apply", DeliveryMode::Apply)];
const EVIDENCE: &[(&str, Evidence)] = &[
    ("official", Evidence::Official),
    ("reprint", Evidence::Reprint),
    ("secondary", Evidence::Secondary),
    ("github", Evidence::Github),
    ("unconfirmed", Evidence::Unconfirmed),
];

/// A field's value from one of the tables above, or a problem naming it.
fn pick<T>(l: &mut Loader, file: usize, ctx: &str, field: &str, r: Result<T, String>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(detail) => {
            l.invalid(file, ctx, field, detail);
            None
        }
    }
}

/// One policy, or `None` when it has problems (each recorded).
pub(super) fn build_policy(l: &mut Loader, file: usize, raw: &raw::Policy, catalog_scope: &Scope) -> Option<Policy> {
    let ctx = format!("policy {}", raw.id);
    let start = l.problems.len();
    let category = pick(l, file, &ctx, "category", parse_enum(&raw.category, CATEGORIES));
    let level = pick(l, file, &ctx, "level", parse_enum(&raw.level, LEVELS));
    let mode = pick(l, file, &ctx, "delivery.mode", parse_enum(&raw.delivery.mode, MODES));
    if matches!((raw.valid_from, raw.valid_until), (Some(from), Some(until)) if until < from) {
        l.invalid(file, &ctx, "valid_until", "ends before valid_from");
    }
    if raw.document.is_empty() {
        l.invalid(file, &ctx, "document", "every policy cites at least one document");
    }
    let documents = documents(l, file, &ctx, raw);
    // The region scope first, so that it is traced like any other condition.
    let mut conditions: Vec<ConditionDef> = region_condition(l, file, &ctx, raw, catalog_scope).into_iter().collect();
    let mut scope = catalog_scope.clone();
    let params = parameters(l, file, &ctx, raw, &documents, &mut scope);
    let steps = steps(l, file, &ctx, raw, &documents, &mut scope);
    for c in &raw.condition {
        let cctx = format!("{ctx}, condition {}", c.id);
        if conditions.iter().any(|x| x.id == c.id) {
            l.push(file, None, &cctx, ProblemKind::Duplicate { what: "condition".into(), name: c.id.clone() });
        }
        let expr = l.expr(file, &cctx, &c.when, &scope, Some(Type::Bool));
        let cite = l.cite(file, &cctx, &c.cite, &documents);
        conditions.push(ConditionDef {
            id: c.id.clone(),
            text: c.text.clone(),
            source: c.when.text.clone(),
            cite,
            unconfirmed: c.unconfirmed.clone(),
            // Catalog::assemble works it out, for loaded and compiled catalogs alike.
            uses_steps: false,
            expr: expr.map(|e| e.0).unwrap_or(Expr::Const(Value::Bool(false))),
        });
    }
    let amount = l.expr(file, &format!("{ctx}, amount"), &raw.amount, &scope, Some(Type::Number));
    if l.problems.len() > start {
        return None;
    }
    Some(Policy {
        id: raw.id.clone(),
        name: raw.name.clone(),
        summary: raw.summary.clone(),
        category: category?,
        level: level?,
        regions: raw.regions.clone(),
        valid_from: raw.valid_from,
        valid_until: raw.valid_until,
        amount_ceiling: raw.amount_ceiling,
        delivery: Delivery { mode: mode?, channel: raw.delivery.channel.clone(), deadline: raw.delivery.deadline.clone() },
        documents,
        params,
        conditions,
        steps,
        unconfirmed: raw.unconfirmed.clone(),
        note: raw.note.clone(),
        amount: amount?.0,
        amount_formula: raw.amount.text.clone(),
    })
}

/// The documents a policy rests on, each key once; a weakly sourced one
/// must say what is not confirmed.
fn documents(l: &mut Loader, file: usize, ctx: &str, raw: &raw::Policy) -> Vec<Document> {
    let mut documents: Vec<Document> = Vec::new();
    for d in &raw.document {
        if documents.iter().any(|x| x.key == d.key) {
            l.push(file, None, ctx, ProblemKind::Duplicate { what: "document".into(), name: d.key.clone() });
        }
        let evidence = pick(l, file, ctx, "document.evidence", parse_enum(&d.evidence, EVIDENCE)).unwrap_or(Evidence::Unconfirmed);
        if evidence >= Evidence::Github && d.unconfirmed.is_none() {
            l.invalid(file, ctx, "document.unconfirmed", format!("document `{}` is not confirmed: say what is unconfirmed", d.key));
        }
        documents.push(Document {
            key: d.key.clone(),
            title: d.title.clone(),
            number: d.number.clone(),
            issuer: d.issuer.clone(),
            url: d.url.clone(),
            date: d.date,
            from: d.from,
            until: d.until,
            evidence,
            unconfirmed: d.unconfirmed.clone(),
        });
    }
    documents
}

/// A policy limited to regions gets a first condition `region_code in [...]`.
fn region_condition(l: &mut Loader, file: usize, ctx: &str, raw: &raw::Policy, scope: &Scope) -> Option<ConditionDef> {
    if raw.regions.is_empty() {
        return None;
    }
    let Some(Sym::Input(slot, Type::Code(CodeKind::Region))) = scope.names.get("region_code") else {
        l.invalid(file, ctx, "regions", "region scope needs an input `region_code` of type region_code");
        return None;
    };
    let bad: Vec<&String> = raw.regions.iter().filter(|r| !(2..=6).contains(&r.len()) || !r.bytes().all(|b| b.is_ascii_digit())).collect();
    if !bad.is_empty() {
        l.invalid(file, ctx, "regions", format!("{bad:?}: region prefixes are 2 to 6 digits"));
    }
    let list = raw.regions.join(" / ");
    let text = raw.region_note.clone().unwrap_or_else(|| Text {
        zh_cn: format!("注册地行政区划代码以 {list} 开头"),
        zh_tw: Some(format!("註冊地行政區劃代碼以 {list} 開頭")),
        en: Some(format!("Registered in a region whose code starts with {list}")),
    });
    Some(ConditionDef {
        id: "region".into(),
        text,
        source: format!("region_code in {:?}", raw.regions),
        cite: None,
        unconfirmed: None,
        expr: Expr::InPrefix(Box::new(Expr::Input(*slot)), raw.regions.iter().map(|r| Arc::from(r.as_str())).collect()),
        uses_steps: false,
    })
}

/// The amount's steps: each sees the steps before it; conditions and the
/// amount see all of them.
fn steps(l: &mut Loader, file: usize, ctx: &str, raw: &raw::Policy, documents: &[Document], scope: &mut Scope) -> Vec<StepDef> {
    let mut steps = Vec::new();
    for s in &raw.step {
        let sctx = format!("{ctx}, step {}", s.name);
        if scope.names.contains_key(&s.name) {
            l.push(file, None, &sctx, ProblemKind::Duplicate { what: "name".into(), name: s.name.clone() });
            continue;
        }
        let expr = l.expr(file, &sctx, &s.formula, scope, Some(Type::Number));
        let cite = s.cite.as_ref().and_then(|c| l.cite(file, &sctx, c, documents));
        scope.names.insert(s.name.clone(), Sym::Step(steps.len() as u16, Type::Number));
        steps.push(StepDef {
            name: s.name.clone(),
            label: s.label.clone(),
            source: s.formula.text.clone(),
            cite,
            figure: s.figure,
            unconfirmed: s.unconfirmed.clone(),
            expr: expr.map(|e| e.0).unwrap_or(Expr::Const(Value::Num(Decimal::ZERO))),
        });
    }
    steps
}
