//! What several policies share, written once at the catalog's level:
//! documents (`[[document]]`), dated parameters (`[[parameter]]`) and
//! conditions (`[[condition]]`). A policy names those it rests on with
//! `use = "…"` in its own lists, and gets a copy as if written there: change
//! the shared one, and every policy that uses it follows. A shared item cites
//! the catalog's documents; a policy that uses it gets those documents too.

use super::load::{parse_enum, Loader};
use super::params::param;
use super::*;
use crate::error::ProblemKind;
use crate::expression::Scope;

const EVIDENCE: &[(&str, Evidence)] = &[
    ("official", Evidence::Official),
    ("reprint", Evidence::Reprint),
    ("secondary", Evidence::Secondary),
    ("github", Evidence::Github),
    ("unconfirmed", Evidence::Unconfirmed),
];

/// The catalog's shared items, checked once.
#[derive(Default)]
pub(super) struct Shared {
    pub documents: Vec<Document>,
    /// With its type; citations index `documents`.
    pub params: Vec<(ParamDef, Type)>,
    /// Checked against the catalog's names; citations index `documents`.
    pub conditions: Vec<ConditionDef>,
}

/// A document from its fields, each required one present; a weakly sourced
/// one must say what is not confirmed.
pub(super) fn document(l: &mut Loader, file: usize, ctx: &str, d: &raw::Document) -> Option<Document> {
    let mut missing = Vec::new();
    let mut need = |name: &'static str, v: &Option<String>| {
        if v.is_none() {
            missing.push(name);
        }
        v.clone().unwrap_or_default()
    };
    let (key, title, number, issuer, evidence) =
        (need("key", &d.key), need("title", &d.title), need("number", &d.number), need("issuer", &d.issuer), need("evidence", &d.evidence));
    if !missing.is_empty() {
        l.invalid(file, ctx, "document", format!("a document needs {} (or `use = \"key\"` for one of the catalog's, in a policy)", missing.join(", ")));
        return None;
    }
    let evidence = match parse_enum(&evidence, EVIDENCE) {
        Ok(e) => e,
        Err(detail) => {
            l.invalid(file, ctx, "document.evidence", detail);
            Evidence::Unconfirmed
        }
    };
    if evidence >= Evidence::Github && d.unconfirmed.is_none() {
        l.invalid(file, ctx, "document.unconfirmed", format!("document `{key}` is not confirmed: say what is unconfirmed"));
    }
    Some(Document { key, title, number, issuer, url: d.url.clone(), date: d.date, from: d.from, until: d.until, evidence, unconfirmed: d.unconfirmed.clone() })
}

/// A condition from its fields, its formula checked in `scope`.
pub(super) fn condition(l: &mut Loader, file: usize, ctx: &str, c: &raw::Condition, scope: &Scope, documents: &[Document]) -> Option<ConditionDef> {
    let (Some(id), Some(text), Some(when), Some(cite)) = (&c.id, &c.text, &c.when, &c.cite) else {
        l.invalid(file, ctx, "condition", "a condition needs id, text, when and cite (or `use = \"id\"` for one of the catalog's, in a policy)");
        return None;
    };
    let expr = l.expr(file, ctx, when, scope, Some(Type::Bool));
    let cite = l.cite(file, ctx, cite, documents);
    Some(ConditionDef {
        id: id.clone(),
        text: text.clone(),
        source: when.text.clone(),
        cite,
        unconfirmed: c.unconfirmed.clone(),
        // Catalog::assemble works it out, for loaded and compiled catalogs alike.
        uses_steps: false,
        expr: expr.map(|e| e.0).unwrap_or(Expr::Const(Value::Bool(false))),
    })
}

/// The catalog's shared documents, parameters and conditions, each name once.
pub(super) fn shared(l: &mut Loader, parsed: &super::build::Parsed, scope: &Scope) -> Shared {
    let mut out = Shared::default();
    for (file, p) in parsed {
        for d in &p.document {
            let ctx = format!("document {}", d.key.as_deref().unwrap_or("?"));
            if d.use_.is_some() {
                l.invalid(*file, &ctx, "use", "`use` names a shared document from inside a policy; here, write the document");
                continue;
            }
            if let Some(doc) = document(l, *file, &ctx, d) {
                if out.documents.iter().any(|x| x.key == doc.key) {
                    l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "document".into(), name: doc.key.clone() });
                    continue;
                }
                out.documents.push(doc);
            }
        }
    }
    for (file, p) in parsed {
        for c in &p.condition {
            let ctx = format!("condition {}", c.id.as_deref().unwrap_or("?"));
            if c.use_.is_some() {
                l.invalid(*file, &ctx, "use", "`use` names a shared condition from inside a policy; here, write the condition");
                continue;
            }
            if let Some(def) = condition(l, *file, &ctx, c, scope, &out.documents) {
                if out.conditions.iter().any(|x| x.id == def.id) {
                    l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "condition".into(), name: def.id.clone() });
                    continue;
                }
                out.conditions.push(def);
            }
        }
        for raw in &p.parameter {
            let ctx = format!("parameter {}", raw.name.as_deref().unwrap_or("?"));
            if raw.use_.is_some() {
                l.invalid(*file, &ctx, "use", "`use` names a shared parameter from inside a policy; here, write the parameter");
                continue;
            }
            if let Some(built) = param(l, *file, &ctx, raw, &out.documents, &scope.enums) {
                if out.params.iter().any(|(x, _)| x.name == built.0.name) || scope.names.contains_key(&built.0.name) {
                    l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "name".into(), name: built.0.name.clone() });
                    continue;
                }
                out.params.push(built);
            }
        }
    }
    out
}

/// The index in `documents` (a policy's) of the catalog's document `shared`,
/// added there if the policy did not list it.
pub(super) fn adopt(documents: &mut Vec<Document>, shared: &Document) -> usize {
    match documents.iter().position(|d| d.key == shared.key) {
        Some(i) => i,
        None => {
            documents.push(shared.clone());
            documents.len() - 1
        }
    }
}

/// A citation of the catalog's documents, made a citation of the policy's.
pub(super) fn recite(c: &Citation, documents: &mut Vec<Document>, shared: &Shared) -> Citation {
    let doc = shared.documents.get(c.doc).map_or(c.doc, |d| adopt(documents, d));
    Citation { doc, clause: c.clause.clone(), text: String::new() }
}

/// Reports every shared item that no policy uses, directly or through
/// another shared item it uses.
pub(super) fn report_unused(l: &mut Loader, parsed: &super::build::Parsed, shared: &Shared) {
    let uses =
        |pick: fn(&raw::Policy) -> Vec<&str>| -> Vec<String> { parsed.iter().flat_map(|(_, f)| f.policy.iter().flat_map(pick)).map(String::from).collect() };
    let params = uses(|p| p.parameter.iter().filter_map(|x| x.use_.as_deref()).collect());
    let conditions = uses(|p| p.condition.iter().filter_map(|x| x.use_.as_deref()).collect());
    let mut documents = uses(|p| p.document.iter().filter_map(|x| x.use_.as_deref()).collect());
    // A used parameter or condition brings the documents it cites.
    let cited = shared
        .params
        .iter()
        .filter(|(d, _)| params.contains(&d.name))
        .flat_map(|(d, _)| d.versions.iter().map(|v| v.cite.doc))
        .chain(shared.conditions.iter().filter(|c| conditions.contains(&c.id)).filter_map(|c| c.cite.as_ref().map(|c| c.doc)));
    documents.extend(cited.filter_map(|i| shared.documents.get(i).map(|d| d.key.clone())).collect::<Vec<_>>());
    let file = parsed.first().map_or(0, |(f, _)| *f);
    let mut unused = |what: &str, name: &str| l.push(file, None, &format!("{what} {name}"), ProblemKind::Unused { what: what.into(), name: name.into() });
    for d in shared.documents.iter().filter(|d| !documents.contains(&d.key)) {
        unused("document", &d.key);
    }
    for (p, _) in shared.params.iter().filter(|(p, _)| !params.contains(&p.name)) {
        unused("parameter", &p.name);
    }
    for c in shared.conditions.iter().filter(|c| !conditions.contains(&c.id)) {
        unused("condition", &c.id);
    }
}
