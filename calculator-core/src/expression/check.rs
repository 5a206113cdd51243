//! Name resolution and type checking, done once when a catalog is loaded.

use super::parse::{Node, NodeKind, Span};
use super::{Builtin, CodeKind, Expr, Rounding, Type, Value, BUILTIN_NAMES};
use crate::date::Date;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sym {
    Input(u16, Type),
    Derived(u16, Type),
    Param(u16, Type),
    Step(u16, Type),
    Local(u16, Type),
}

impl Sym {
    fn resolve(self) -> (Expr, Type) {
        match self {
            Sym::Input(i, t) => (Expr::Input(i), t),
            Sym::Derived(i, t) => (Expr::Derived(i), t),
            Sym::Param(i, t) => (Expr::Param(i), t),
            Sym::Step(i, t) => (Expr::Step(i), t),
            Sym::Local(i, t) => (Expr::Local(i), t),
        }
    }
}

/// A user function's signature.
#[derive(Clone, Debug)]
pub(crate) struct FnSig {
    pub name: String,
    pub params: Vec<Type>,
    pub ret: Type,
}

/// Everything a checked expression may refer to.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    pub names: BTreeMap<String, Sym>,
    pub enums: Vec<Vec<String>>,
    pub functions: Vec<FnSig>,
    /// Whether `as_of` may be used (not in constant parameter values).
    pub as_of: bool,
}

/// A problem found while checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CheckError {
    pub span: Span,
    pub kind: CheckErrorKind,
}

/// The kinds of checking problem; the catalog loader turns them into
/// localized, located messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CheckErrorKind {
    UnknownName { name: String, suggestion: Option<String> },
    UnknownFunction { name: String, suggestion: Option<String> },
    TypeMismatch { expected: String, found: String },
    Arity { name: String, expected: String, found: usize },
    UnknownOption { value: String, options: Vec<String>, suggestion: Option<String> },
    BadCode { value: String, kind: CodeKind },
    BadArgument(String),
}

fn err<T>(span: Span, kind: CheckErrorKind) -> Result<T, CheckError> {
    Err(CheckError { span, kind })
}

/// Edit distance, for "did you mean" suggestions.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The nearest candidate, if it is near enough to be a likely typo.
pub(crate) fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let limit = (name.chars().count() / 3).max(2);
    candidates.map(|c| (distance(name, c), c)).filter(|(d, _)| *d <= limit).min_by_key(|(d, _)| *d).map(|(_, c)| c.to_string())
}

/// Whether `s` is a valid industry-code prefix (`C`, `C34`, `C3411`).
pub(crate) fn is_industry_prefix(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(letter) = chars.next() else { return false };
    let digits = chars.as_str();
    ('A'..='T').contains(&letter) && (digits.is_empty() || (2..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn is_region_prefix(s: &str) -> bool {
    (2..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

struct Checker<'a> {
    scope: &'a Scope,
}

impl Checker<'_> {
    fn type_name(&self, t: Type) -> String {
        match t {
            Type::Enum(e) => format!("option ({})", self.scope.enums[usize::from(e)].join(" | ")),
            _ => t.name().to_string(),
        }
    }

    fn mismatch<T>(&self, span: Span, expected: &str, found: Type) -> Result<T, CheckError> {
        err(span, CheckErrorKind::TypeMismatch { expected: expected.into(), found: self.type_name(found) })
    }

    fn literal(&self, s: &str, span: Span, expected: Option<Type>) -> Result<(Expr, Type), CheckError> {
        let value = Expr::Const(Value::Text(Arc::from(s)));
        match expected {
            Some(Type::Enum(e)) => {
                let options = &self.scope.enums[usize::from(e)];
                if options.iter().any(|o| o == s) {
                    Ok((value, Type::Enum(e)))
                } else {
                    err(
                        span,
                        CheckErrorKind::UnknownOption { value: s.into(), options: options.clone(), suggestion: suggest(s, options.iter().map(String::as_str)) },
                    )
                }
            }
            Some(Type::Code(kind)) => {
                let ok = match kind {
                    CodeKind::Industry => is_industry_prefix(s),
                    CodeKind::Region => is_region_prefix(s),
                };
                if ok {
                    Ok((value, Type::Code(kind)))
                } else {
                    err(span, CheckErrorKind::BadCode { value: s.into(), kind })
                }
            }
            _ => Ok((value, Type::Text)),
        }
    }

    fn want(&self, node: &Node, want: Type) -> Result<Expr, CheckError> {
        let (e, t) = self.infer(node, Some(want))?;
        if t == want {
            Ok(e)
        } else {
            self.mismatch(node.span, &self.type_name(want), t)
        }
    }

    /// Infers two operands that must share a type; a string literal takes
    /// its type from the other side.
    fn pair(&self, a: &Node, b: &Node) -> Result<(Expr, Expr, Type), CheckError> {
        let is_str = |n: &Node| matches!(n.kind, NodeKind::Str(_));
        if is_str(a) && !is_str(b) {
            let (eb, tb) = self.infer(b, None)?;
            let (ea, ta) = self.infer(a, Some(tb))?;
            if ta != tb {
                return self.mismatch(a.span, &self.type_name(tb), ta);
            }
            return Ok((ea, eb, tb));
        }
        let (ea, ta) = self.infer(a, None)?;
        let (eb, tb) = self.infer(b, Some(ta))?;
        if ta != tb {
            return self.mismatch(b.span, &self.type_name(ta), tb);
        }
        Ok((ea, eb, ta))
    }

    fn infer(&self, node: &Node, expected: Option<Type>) -> Result<(Expr, Type), CheckError> {
        let span = node.span;
        Ok(match &node.kind {
            NodeKind::Number(n) => (Expr::Const(Value::Num(*n)), Type::Number),
            NodeKind::Bool(b) => (Expr::Const(Value::Bool(*b)), Type::Bool),
            NodeKind::Str(s) => return self.literal(s, span, expected),
            NodeKind::Name(name) => {
                if name == "as_of" && self.scope.as_of {
                    return Ok((Expr::AsOf, Type::Date));
                }
                match self.scope.names.get(name) {
                    Some(sym) => sym.resolve(),
                    None => {
                        let mut candidates: Vec<&str> = self.scope.names.keys().map(String::as_str).collect();
                        if self.scope.as_of {
                            candidates.push("as_of");
                        }
                        let suggestion = suggest(name, candidates.into_iter());
                        return err(span, CheckErrorKind::UnknownName { name: name.clone(), suggestion });
                    }
                }
            }
            NodeKind::List(_) => return err(span, CheckErrorKind::BadArgument("a list may only follow `in`".into())),
            NodeKind::Neg(inner) => (Expr::Neg(Box::new(self.want(inner, Type::Number)?)), Type::Number),
            NodeKind::Not(inner) => (Expr::Not(Box::new(self.want(inner, Type::Bool)?)), Type::Bool),
            NodeKind::Arith(op, a, b) => {
                let ea = self.want(a, Type::Number)?;
                let eb = self.want(b, Type::Number)?;
                (Expr::Arith(*op, Box::new(ea), Box::new(eb)), Type::Number)
            }
            NodeKind::Cmp(op, a, b) => {
                let (ea, eb, t) = self.pair(a, b)?;
                let ordered = matches!(t, Type::Number | Type::Date);
                let equality = matches!(op, super::CmpOp::Eq | super::CmpOp::Ne);
                if matches!(t, Type::Brackets | Type::Bands) || (!ordered && !equality) {
                    return self.mismatch(span, "number or date", t);
                }
                (Expr::Cmp(*op, Box::new(ea), Box::new(eb)), Type::Bool)
            }
            NodeKind::In(subject, list) => {
                let NodeKind::List(items) = &list.kind else {
                    return err(list.span, CheckErrorKind::BadArgument("`in` takes a list: [\"a\", \"b\"]".into()));
                };
                let (es, ts) = self.infer(subject, None)?;
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    let (ei, ti) = self.infer(item, Some(ts))?;
                    let Expr::Const(v) = ei else {
                        return err(item.span, CheckErrorKind::BadArgument("list items must be constants".into()));
                    };
                    if ti != ts {
                        return self.mismatch(item.span, &self.type_name(ts), ti);
                    }
                    values.push(v);
                }
                match ts {
                    Type::Code(_) => {
                        let prefixes = values.into_iter().filter_map(|v| if let Value::Text(t) = v { Some(t) } else { None }).collect();
                        (Expr::InPrefix(Box::new(es), prefixes), Type::Bool)
                    }
                    Type::Number | Type::Text | Type::Enum(_) | Type::Date | Type::Bool => (Expr::InSet(Box::new(es), values), Type::Bool),
                    other => return self.mismatch(subject.span, "a value to look up", other),
                }
            }
            NodeKind::And(items) | NodeKind::Or(items) => {
                let checked = items.iter().map(|n| self.want(n, Type::Bool)).collect::<Result<Vec<_>, _>>()?;
                let e = if matches!(node.kind, NodeKind::And(_)) { Expr::And(checked) } else { Expr::Or(checked) };
                (e, Type::Bool)
            }
            NodeKind::If(arms, other) => {
                let mut out_arms = Vec::with_capacity(arms.len());
                let mut result_type = expected;
                let mut first = None;
                for (cond, value) in arms {
                    let c = self.want(cond, Type::Bool)?;
                    let (v, t) = self.infer(value, result_type)?;
                    match first {
                        None => {
                            first = Some(t);
                            result_type = Some(t);
                        }
                        Some(ft) if ft != t => return self.mismatch(value.span, &self.type_name(ft), t),
                        Some(_) => {}
                    }
                    out_arms.push((c, v));
                }
                let t = first.unwrap_or(Type::Bool);
                let o = self.want(other, t)?;
                (Expr::If(out_arms, Box::new(o)), t)
            }
            NodeKind::Call(name, args) => return self.call(name, args, span),
        })
    }

    fn arity(&self, name: &str, args: &[Node], range: core::ops::RangeInclusive<usize>, span: Span) -> Result<(), CheckError> {
        if range.contains(&args.len()) {
            return Ok(());
        }
        let expected = if range.start() == range.end() {
            range.start().to_string()
        } else if *range.end() == usize::MAX {
            format!("{} or more", range.start())
        } else {
            format!("{} to {}", range.start(), range.end())
        };
        err(span, CheckErrorKind::Arity { name: name.into(), expected, found: args.len() })
    }

    fn table(&self, node: &Node, want: Type) -> Result<Expr, CheckError> {
        let (e, t) = self.infer(node, None)?;
        if t != want || !matches!(e, Expr::Param(_)) {
            return self.mismatch(node.span, want.name(), t);
        }
        Ok(e)
    }

    fn call(&self, name: &str, args: &[Node], span: Span) -> Result<(Expr, Type), CheckError> {
        let num = |n: &Node| self.want(n, Type::Number);
        let builtin = |b: Builtin, args: Vec<Expr>, t: Type| Ok((Expr::Builtin(b, args), t));
        match name {
            "min" | "max" => {
                self.arity(name, args, 1..=usize::MAX, span)?;
                let checked = args.iter().map(num).collect::<Result<Vec<_>, _>>()?;
                builtin(if name == "min" { Builtin::Min } else { Builtin::Max }, checked, Type::Number)
            }
            "abs" => {
                self.arity(name, args, 1..=1, span)?;
                builtin(Builtin::Abs, vec![num(&args[0])?], Type::Number)
            }
            "round" => {
                self.arity(name, args, 2..=3, span)?;
                let x = num(&args[0])?;
                let places = match &args[1].kind {
                    NodeKind::Number(n) if n.fract().is_zero() && (0..=12).contains(&n.mantissa()) => n.mantissa() as u32,
                    _ => return err(args[1].span, CheckErrorKind::BadArgument("decimal places must be a whole number from 0 to 12".into())),
                };
                let mode = match args.get(2).map(|a| &a.kind) {
                    None => Rounding::HalfUp,
                    Some(NodeKind::Str(s)) => match Rounding::parse(s) {
                        Some(m) => m,
                        None => {
                            return err(
                                args[2].span,
                                CheckErrorKind::UnknownOption {
                                    value: s.clone(),
                                    options: Rounding::NAMES.iter().map(|s| s.to_string()).collect(),
                                    suggestion: suggest(s, Rounding::NAMES.iter().copied()),
                                },
                            )
                        }
                    },
                    Some(_) => return err(args[2].span, CheckErrorKind::BadArgument("rounding mode must be a string".into())),
                };
                builtin(Builtin::Round(places, mode), vec![x], Type::Number)
            }
            "progressive" | "band" => {
                self.arity(name, args, 2..=2, span)?;
                let (b, t) = if name == "band" { (Builtin::Band, Type::Bands) } else { (Builtin::Progressive, Type::Brackets) };
                builtin(b, vec![num(&args[0])?, self.table(&args[1], t)?], Type::Number)
            }
            "date" => {
                self.arity(name, args, 1..=1, span)?;
                let NodeKind::Str(s) = &args[0].kind else {
                    return err(args[0].span, CheckErrorKind::BadArgument("date(\"YYYY-MM-DD\") takes a string".into()));
                };
                match s.parse::<Date>() {
                    Ok(d) => Ok((Expr::Const(Value::Date(d)), Type::Date)),
                    Err(e) => err(args[0].span, CheckErrorKind::BadArgument(e.to_string())),
                }
            }
            "add_months" | "add_years" => {
                self.arity(name, args, 2..=2, span)?;
                let d = self.want(&args[0], Type::Date)?;
                let n = num(&args[1])?;
                let b = if name == "add_months" { Builtin::AddMonths } else { Builtin::AddYears };
                builtin(b, vec![d, n], Type::Date)
            }
            "year" | "month" => {
                self.arity(name, args, 1..=1, span)?;
                let b = if name == "year" { Builtin::Year } else { Builtin::Month };
                builtin(b, vec![self.want(&args[0], Type::Date)?], Type::Number)
            }
            _ => {
                let Some((index, sig)) = self.scope.functions.iter().enumerate().find(|(_, f)| f.name == name) else {
                    let candidates = BUILTIN_NAMES.iter().copied().chain(self.scope.functions.iter().map(|f| f.name.as_str()));
                    return err(span, CheckErrorKind::UnknownFunction { name: name.into(), suggestion: suggest(name, candidates) });
                };
                self.arity(name, args, sig.params.len()..=sig.params.len(), span)?;
                let checked = args.iter().zip(&sig.params).map(|(a, t)| self.want(a, *t)).collect::<Result<Vec<_>, _>>()?;
                Ok((Expr::Call(index as u16, checked), sig.ret))
            }
        }
    }
}

/// Checks `node` in `scope`; with `expected`, the result must have that type.
pub(crate) fn check(node: &Node, scope: &Scope, expected: Option<Type>) -> Result<(Expr, Type), CheckError> {
    let checker = Checker { scope };
    match expected {
        Some(t) => Ok((checker.want(node, t)?, t)),
        None => checker.infer(node, None),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn scope() -> Scope {
        let mut s = Scope { enums: vec![vec!["enterprise".into(), "individual_business".into()]], as_of: true, ..Scope::default() };
        s.names.insert("taxable_income".into(), Sym::Input(0, Type::Number));
        s.names.insert("entity_type".into(), Sym::Input(1, Type::Enum(0)));
        s.names.insert("industry_code".into(), Sym::Input(2, Type::Code(CodeKind::Industry)));
        s
    }

    fn check_src(src: &str) -> Result<Type, CheckErrorKind> {
        check(&parse(src).unwrap(), &scope(), None).map(|(_, t)| t).map_err(|e| e.kind)
    }

    #[test]
    fn types() {
        assert_eq!(check_src("taxable_income * 25% <= 300万"), Ok(Type::Bool));
        assert_eq!(check_src("entity_type == \"enterprise\""), Ok(Type::Bool));
        assert_eq!(check_src("\"enterprise\" == entity_type"), Ok(Type::Bool));
        assert_eq!(check_src("industry_code in [\"C\", \"I65\"]"), Ok(Type::Bool));
        assert_eq!(check_src("round(taxable_income / 3, 2, \"half_even\")"), Ok(Type::Number));
        assert_eq!(check_src("add_years(as_of, -1) < date(\"2025-01-01\")"), Ok(Type::Bool));
    }

    #[test]
    fn suggestions() {
        match check_src("taxable_incme > 0") {
            Err(CheckErrorKind::UnknownName { suggestion, .. }) => assert_eq!(suggestion.as_deref(), Some("taxable_income")),
            other => panic!("{other:?}"),
        }
        match check_src("entity_type == \"enterprize\"") {
            Err(CheckErrorKind::UnknownOption { suggestion, .. }) => assert_eq!(suggestion.as_deref(), Some("enterprise")),
            other => panic!("{other:?}"),
        }
        match check_src("mni(1, 2)") {
            Err(CheckErrorKind::UnknownFunction { suggestion, .. }) => assert_eq!(suggestion.as_deref(), Some("min")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mismatches() {
        assert!(matches!(check_src("taxable_income + true"), Err(CheckErrorKind::TypeMismatch { .. })));
        assert!(matches!(check_src("entity_type < \"enterprise\""), Err(CheckErrorKind::TypeMismatch { .. })));
        assert!(matches!(check_src("industry_code in [\"c34\"]"), Err(CheckErrorKind::BadCode { .. })));
        assert!(matches!(check_src("round(1, 2, \"nearest\")"), Err(CheckErrorKind::UnknownOption { .. })));
        assert!(matches!(check_src("if true then 1 else false"), Err(CheckErrorKind::TypeMismatch { .. })));
    }
}
