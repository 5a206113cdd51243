//! Building one policy: its documents, region scope, dated parameters,
//! steps, conditions and amount, each checked against the catalog's names.

use super::load::{parse_enum, Loader};
use super::params::parameters;
use super::shared::{condition, document, recite, Shared};
use super::*;
use crate::error::ProblemKind;
use crate::expression::{CodeKind, Scope, Sym};
use rust_decimal::Decimal;
use std::sync::Arc;

const CATEGORIES: &[(&str, Category)] =
    &[("tax_credit", Category::TaxCredit), ("subsidy", Category::Subsidy), ("fee_reduction", Category::FeeReduction), ("tax_deferral", Category::TaxDeferral)];
const LEVELS: &[(&str, Level)] =
    &[("national", Level::National), ("provincial", Level::Provincial), ("municipal", Level::Municipal), ("district", Level::District)];
const MODES: &[(&str, DeliveryMode)] = &[("automatic", DeliveryMode::Automatic), ("declare", DeliveryMode::Declare), ("apply", DeliveryMode::Apply)];

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
pub(super) fn build_policy(l: &mut Loader, file: usize, raw: &raw::Policy, catalog_scope: &Scope, shared: &Shared) -> Option<Policy> {
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
    let mut documents = documents(l, file, &ctx, raw, shared);
    // The region scope first, so that it is traced like any other condition.
    let mut conditions: Vec<ConditionDef> = region_condition(l, file, &ctx, raw, catalog_scope).into_iter().collect();
    let mut scope = catalog_scope.clone();
    let params = parameters(l, file, &ctx, raw, &mut documents, shared, &mut scope);
    let steps = steps(l, file, &ctx, raw, &documents, &mut scope);
    for c in &raw.condition {
        let id = c.use_.as_ref().or(c.id.as_ref()).map_or("?", String::as_str);
        let cctx = format!("{ctx}, condition {id}");
        let def = match &c.use_ {
            Some(key) => {
                if c.id.is_some() || c.text.is_some() || c.when.is_some() || c.cite.is_some() || c.unconfirmed.is_some() {
                    l.invalid(file, &cctx, "use", "a condition that uses the catalog's takes nothing else");
                }
                match shared.conditions.iter().find(|x| &x.id == key) {
                    Some(shared_def) => {
                        let mut def = shared_def.clone();
                        def.cite = def.cite.as_ref().map(|cite| recite(cite, &mut documents, shared));
                        Some(def)
                    }
                    None => {
                        let suggestion = crate::expression::suggest_name(key, shared.conditions.iter().map(|x| x.id.as_str()));
                        l.push(
                            file,
                            None,
                            &cctx,
                            ProblemKind::UnknownReference { what: crate::error::Reference::SharedCondition, name: key.clone(), suggestion },
                        );
                        None
                    }
                }
            }
            None => condition(l, file, &cctx, c, &scope, &documents),
        };
        let Some(def) = def else { continue };
        if conditions.iter().any(|x| x.id == def.id) {
            l.push(file, None, &cctx, ProblemKind::Duplicate { what: "condition".into(), name: def.id.clone() });
        }
        conditions.push(def);
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

/// The documents a policy rests on, its own and those it uses of the
/// catalog's, each key once.
fn documents(l: &mut Loader, file: usize, ctx: &str, raw: &raw::Policy, shared: &Shared) -> Vec<Document> {
    let mut documents: Vec<Document> = Vec::new();
    for d in &raw.document {
        let doc = match &d.use_ {
            Some(key) => {
                if d.key.is_some() || d.title.is_some() || d.number.is_some() || d.issuer.is_some() || d.evidence.is_some() {
                    l.invalid(file, ctx, "document.use", "a document that uses the catalog's takes nothing else");
                }
                match shared.documents.iter().find(|x| &x.key == key) {
                    Some(doc) => Some(doc.clone()),
                    None => {
                        let suggestion = crate::expression::suggest_name(key, shared.documents.iter().map(|x| x.key.as_str()));
                        l.push(file, None, ctx, ProblemKind::UnknownReference { what: crate::error::Reference::SharedDocument, name: key.clone(), suggestion });
                        None
                    }
                }
            }
            None => {
                let doc = document(l, file, ctx, d);
                if let Some(doc) = &doc {
                    if shared.documents.iter().any(|x| x.key == doc.key) {
                        l.invalid(file, ctx, "document.key", format!("`{}` is a document of the catalog's: write `use = \"{}\"`", doc.key, doc.key));
                    }
                }
                doc
            }
        };
        let Some(doc) = doc else { continue };
        if documents.iter().any(|x| x.key == doc.key) {
            l.push(file, None, ctx, ProblemKind::Duplicate { what: "document".into(), name: doc.key.clone() });
        }
        documents.push(doc);
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
