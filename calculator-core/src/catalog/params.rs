//! Dated parameters: whether their versions cover a policy's window, and
//! the bracket and band tables some of them hold.

use super::load::Loader;
use super::shared::{recite, Shared};
use super::*;
use crate::error::ProblemKind;
use crate::expression::{Band, Bracket, Scope, Sym, Table};
use rust_decimal::Decimal;
use std::sync::Arc;

/// A policy's dated parameters, its own and those it uses of the catalog's,
/// each declared in `scope` for the steps, conditions and amount; every
/// version cites its document, and together they cover the policy's window.
pub(super) fn parameters(
    l: &mut Loader,
    file: usize,
    ctx: &str,
    raw: &raw::Policy,
    documents: &mut Vec<Document>,
    shared: &Shared,
    scope: &mut Scope,
) -> Vec<ParamDef> {
    let mut params = Vec::new();
    for p in &raw.parameter {
        let name = p.use_.as_ref().or(p.name.as_ref()).map_or("?", String::as_str);
        let pctx = format!("{ctx}, parameter {name}");
        let built = match &p.use_ {
            Some(key) => {
                if p.name.is_some() || !p.version.is_empty() || p.label.is_some() {
                    l.invalid(file, &pctx, "use", "a parameter that uses the catalog's takes nothing else");
                }
                match shared.params.iter().find(|(d, _)| &d.name == key) {
                    Some((def, ty)) => {
                        let mut def = def.clone();
                        for v in &mut def.versions {
                            v.cite = recite(&v.cite, documents, shared);
                        }
                        Some((def, *ty))
                    }
                    None => {
                        let suggestion = crate::expression::suggest_name(key, shared.params.iter().map(|(d, _)| d.name.as_str()));
                        l.push(
                            file,
                            None,
                            &pctx,
                            ProblemKind::UnknownReference { what: crate::error::Reference::SharedParameter, name: key.clone(), suggestion },
                        );
                        None
                    }
                }
            }
            None => param(l, file, &pctx, p, documents, &scope.enums),
        };
        let Some((def, ty)) = built else { continue };
        if scope.names.contains_key(&def.name) {
            l.push(file, None, &pctx, ProblemKind::Duplicate { what: "name".into(), name: def.name.clone() });
            continue;
        }
        if let Some(from) = coverage_gap(&def.versions, raw.valid_from.unwrap_or(Date::MIN), raw.valid_until) {
            let kind = match (raw.valid_until, def.versions.first()) {
                // The whole window lies before the parameter's first value.
                (Some(until), Some(first)) if until < first.from => {
                    ProblemKind::WindowBeforeParameter { name: def.name.clone(), until: until.to_string(), first: first.from.to_string() }
                }
                _ => ProblemKind::ParameterGap { name: def.name.clone(), from: from.to_string() },
            };
            l.push(file, None, &pctx, kind);
        }
        scope.names.insert(def.name.clone(), Sym::Param(params.len() as u16, ty));
        params.push(def);
    }
    params
}

/// One parameter from its versions (sorted by date), each citing one of
/// `documents`; with its type.
pub(super) fn param(l: &mut Loader, file: usize, pctx: &str, p: &raw::Param, documents: &[Document], enums: &[Vec<String>]) -> Option<(ParamDef, Type)> {
    let Some(name) = &p.name else {
        l.invalid(file, pctx, "parameter", "a parameter needs a name and versions (or `use = \"name\"` for one of the catalog's, in a policy)");
        return None;
    };
    let mut versions = Vec::new();
    let mut ty = None;
    for v in &p.version {
        let (value, t) = match (&v.value, &v.brackets, &v.bands) {
            (Some(src), None, None) => (l.constant(file, pctx, src, Type::Number, enums), Type::Number),
            (None, Some(rows), None) => (brackets(l, file, pctx, rows), Type::Brackets),
            (None, None, Some(rows)) => (bands(l, file, pctx, rows), Type::Bands),
            _ => {
                l.invalid(file, pctx, "version", "give exactly one of value, brackets, bands");
                (None, Type::Number)
            }
        };
        if ty.is_some_and(|x| x != t) {
            l.invalid(file, pctx, "version", "all versions of a parameter have the same kind");
        }
        ty = Some(t);
        let cite = l.cite(file, pctx, &v.cite, documents);
        if v.until.is_some_and(|u| u < v.from) {
            l.invalid(file, pctx, "until", "ends before `from`");
        }
        if let (Some(value), Some(cite)) = (value, cite) {
            versions.push(ParamVersion { from: v.from, until: v.until, value, cite, unconfirmed: v.unconfirmed.clone() });
        }
    }
    crate::order::sort_by_key(&mut versions, |v| v.from);
    Some((ParamDef { name: name.clone(), label: p.label.clone(), versions }, ty.unwrap_or(Type::Number)))
}

/// The first day of `[from, until]` that no version covers, if any.
fn coverage_gap(versions: &[ParamVersion], from: Date, until: Option<Date>) -> Option<Date> {
    let mut next = from;
    for v in versions {
        if v.from > next {
            break;
        }
        match v.until {
            None => return None,
            Some(u) if u >= next => {
                if until.is_some_and(|end| u >= end) {
                    return None;
                }
                next = u.next_day()?;
            }
            Some(_) => {}
        }
    }
    if until.is_some_and(|end| next > end) {
        None
    } else {
        Some(next)
    }
}

fn brackets(l: &mut Loader, file: usize, ctx: &str, rows: &[raw::Bracket]) -> Option<Value> {
    let mut out = Vec::new();
    let mut last: Option<Decimal> = None;
    for (i, r) in rows.iter().enumerate() {
        let upto = match &r.upto {
            Some(s) => Some(l.number(file, ctx, s)?),
            None if i + 1 == rows.len() => None,
            None => {
                l.invalid(file, ctx, "brackets", "only the last bracket may be open-ended");
                return None;
            }
        };
        if let (Some(prev), Some(u)) = (last, upto) {
            if u <= prev {
                l.invalid(file, ctx, "brackets", "bracket limits must increase");
                return None;
            }
        }
        last = upto;
        out.push(Bracket { upto, rate: l.number(file, ctx, &r.rate)? });
    }
    Some(Value::Table(Arc::new(Table::Brackets(out))))
}

fn bands(l: &mut Loader, file: usize, ctx: &str, rows: &[raw::BandRow]) -> Option<Value> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let (bound, inclusive) = match (&r.upto, &r.below) {
            (Some(s), None) => (Some(l.number(file, ctx, s)?), true),
            (None, Some(s)) => (Some(l.number(file, ctx, s)?), false),
            (None, None) => (None, false),
            (Some(_), Some(_)) => {
                l.invalid(file, ctx, "bands", "give `upto` (inclusive) or `below` (exclusive), not both");
                return None;
            }
        };
        if bound.is_none() && i + 1 != rows.len() {
            l.invalid(file, ctx, "bands", "only the last band may be open-ended");
            return None;
        }
        out.push(Band { bound, inclusive, value: l.number(file, ctx, &r.value)? });
    }
    if out.last().is_some_and(|b| b.bound.is_some()) {
        l.invalid(file, ctx, "bands", "the last band must be open-ended, so that every value falls in a band");
        return None;
    }
    Some(Value::Table(Arc::new(Table::Bands(out))))
}
