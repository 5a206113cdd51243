//! Reading catalog files: TOML with positions, JSON text, or data a host
//! binding already parsed. Every entry point ends in [`super::build`], which
//! checks everything and reports every problem at once.

use super::*;
use crate::error::Error;
use crate::error::{Problem, ProblemKind};
use crate::expression::{self, check, eval, CheckError, CheckErrorKind, CodeKind, Env, Ev, Scope};
use rust_decimal::Decimal;
use serde::Deserialize;

impl Catalog {
    /// Loads a catalog from named TOML texts, reporting every problem with
    /// its line and column.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let err = Catalog::from_sources(&[("bad.toml", "[catalog]\nid = 1")]).unwrap_err();
    /// assert_eq!(err.code(), "catalog_invalid");
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Catalog, Error> {
        load_toml(sources).map_err(Error::Catalog)
    }

    /// Checks catalog files written in TOML and returns them as one JSON
    /// value: the form hosts hand to the JS package. Same data, same hash.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let toml = "[catalog]\nid = \"t\"\nversion = \"1\"\ntitle = \"t\"\n";
    /// let json = Catalog::toml_to_json(&[("catalog.toml", toml)])?;
    /// let a = Catalog::from_sources(&[("catalog.toml", toml)])?;
    /// let b = Catalog::from_values(vec![("catalog.json".into(), json)])?;
    /// assert_eq!(a.info().hash, b.info().hash);
    /// # Ok::<(), calculator_core::Error>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn toml_to_json(sources: &[(&str, &str)]) -> Result<serde_json::Value, Error> {
        toml_to_json_value(sources).map_err(Error::Catalog)
    }

    /// Loads a catalog from named JSON texts: the same data model as the
    /// TOML files (POLICY_FORMAT.md), dates as `"YYYY-MM-DD"` strings.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let err = Catalog::from_json(&[("bad.json", r#"{"catalog": {"id": 1}}"#)]).unwrap_err();
    /// assert_eq!(err.code(), "catalog_invalid");
    /// ```
    pub fn from_json(sources: &[(&str, &str)]) -> Result<Catalog, Error> {
        load_json(sources).map_err(Error::Catalog)
    }

    /// Loads a catalog from already-parsed data (e.g. a JS object turned
    /// into JSON values by the host binding).
    pub fn from_values(files: Vec<(String, serde_json::Value)>) -> Result<Catalog, Error> {
        load_values(files).map_err(Error::Catalog)
    }
}

impl Catalog {
    /// Refuses a catalog whose content is not the one expected: a host that
    /// publishes a catalog with its hash makes a changed byte fail closed.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let c = Catalog::from_json(&[("c.json", r#"{"catalog": {"id": "t", "version": "1", "title": "t"}}"#)])?;
    /// assert!(c.verify_hash(&c.info().hash.clone()).is_ok());
    /// let e = c.verify_hash("sha256:0000").unwrap_err();
    /// assert_eq!(e.code(), "catalog_hash_mismatch");
    /// # Ok::<(), calculator_core::Error>(())
    /// ```
    pub fn verify_hash(&self, expected: &str) -> Result<(), Error> {
        if self.info().hash.eq_ignore_ascii_case(expected.trim()) {
            Ok(())
        } else {
            Err(Error::CatalogHashMismatch { expected: expected.trim().chars().take(80).collect(), actual: self.info().hash.clone() })
        }
    }
}

/// One file's text and name, for locating problems.
pub(super) struct SourceFile<'a> {
    name: &'a str,
    text: Option<&'a str>,
}

impl SourceFile<'_> {
    /// Line and column of byte `offset`.
    fn locate(&self, offset: usize) -> (u32, u32) {
        let Some(text) = self.text else { return (0, 0) };
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line as u32, col as u32)
    }

    /// Offset of an expression's first character inside a TOML value span
    /// (after the opening quote or quotes).
    fn content_start(&self, span: &core::ops::Range<usize>) -> usize {
        let Some(text) = self.text else {
            return span.start;
        };
        let raw = text.get(span.start..span.end).unwrap_or("");
        for q in ["\"\"\"", "'''"] {
            if let Some(rest) = raw.strip_prefix(q) {
                let nl = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
                return span.start + 3 + nl;
            }
        }
        span.start + usize::from(raw.starts_with('"') || raw.starts_with('\''))
    }
}

/// What loading has read so far, and every problem found.
pub(super) struct Loader<'a> {
    pub(super) files: Vec<SourceFile<'a>>,
    pub(super) problems: Vec<Problem>,
}

impl Loader<'_> {
    pub(super) fn push(&mut self, file: usize, offset: Option<usize>, context: &str, kind: ProblemKind) {
        let (line, column) = offset.map_or((0, 0), |o| self.files[file].locate(o));
        let name = self.files[file].name.to_string();
        self.problems.push(Problem { file: name, line, column, context: context.to_string(), kind });
    }

    pub(super) fn invalid(&mut self, file: usize, context: &str, field: &str, detail: impl Into<String>) {
        let kind = ProblemKind::Invalid { field: field.into(), detail: detail.into() };
        self.push(file, None, context, kind);
    }

    /// Parses and checks `src`; on failure records a located problem.
    pub(super) fn expr(&mut self, file: usize, context: &str, src: &raw::Src, scope: &Scope, want: Option<Type>) -> Option<(Expr, Type)> {
        let base = src.span.as_ref().map(|s| self.files[file].content_start(s));
        let at = |span: expression::Span| base.map(|b| b + span.start);
        let node = match expression::parse(&src.text) {
            Ok(n) => n,
            Err(e) => {
                self.push(file, at(e.span).or(base), context, ProblemKind::Syntax { detail: e.message });
                return None;
            }
        };
        match check(&node, scope, want) {
            Ok(r) => Some(r),
            Err(CheckError { span, kind }) => {
                let kind = match kind {
                    CheckErrorKind::UnknownName { name, suggestion } => ProblemKind::UnknownVariable { name, suggestion },
                    CheckErrorKind::UnknownFunction { name, suggestion } => ProblemKind::UnknownFunction { name, suggestion },
                    CheckErrorKind::TypeMismatch { expected, found } => ProblemKind::TypeMismatch { expected, found },
                    CheckErrorKind::Arity { name, expected, found } => ProblemKind::Arity { name, expected, found },
                    CheckErrorKind::UnknownOption { value, options, suggestion } => ProblemKind::UnknownOption { value, options, suggestion },
                    CheckErrorKind::BadCode { value, kind } => ProblemKind::Invalid {
                        field: value,
                        detail: match kind {
                            CodeKind::Industry => "not an industry-code prefix such as \"C\" or \"C34\"".into(),
                            CodeKind::Region => "not a region-code prefix of 2 to 6 digits".into(),
                        },
                    },
                    CheckErrorKind::BadArgument(detail) => ProblemKind::Syntax { detail },
                };
                self.push(file, at(span).or(base), context, kind);
                None
            }
        }
    }

    /// A constant: an expression with no variables, evaluated now.
    pub(super) fn constant(&mut self, file: usize, context: &str, src: &raw::Src, want: Type, enums: &[Vec<String>]) -> Option<Value> {
        let scope = Scope { enums: enums.to_vec(), ..Scope::default() };
        let (e, _) = self.expr(file, context, src, &scope, Some(want))?;
        let env = Env { inputs: &[], derived: &[], params: &[], steps: &[], locals: &[], functions: &[], as_of: Date::MIN };
        match eval(&e, &env) {
            Ok(Ev::Known(v)) => Some(v.to_value()),
            _ => {
                let offset = src.span.as_ref().map(|s| s.start);
                let kind = ProblemKind::Invalid { field: src.text.clone(), detail: "must be a constant that can be computed".into() };
                self.push(file, offset, context, kind);
                None
            }
        }
    }

    pub(super) fn number(&mut self, file: usize, context: &str, src: &raw::Src) -> Option<Decimal> {
        match self.constant(file, context, src, Type::Number, &[])? {
            Value::Num(n) => Some(n),
            _ => None,
        }
    }

    pub(super) fn cite(&mut self, file: usize, context: &str, cite: &raw::Cite, docs: &[Document]) -> Option<Citation> {
        let (doc, clause) = match cite {
            raw::Cite::Clause(c) => (None, c),
            raw::Cite::Full { doc, clause } => (Some(doc), clause),
        };
        let index = match doc {
            None => 0,
            Some(key) => match docs.iter().position(|d| &d.key == key) {
                Some(i) => i,
                None => {
                    let suggestion = expression::suggest_name(key, docs.iter().map(|d| d.key.as_str()));
                    let kind = ProblemKind::UnknownReference { what: crate::error::Reference::Document, name: key.clone(), suggestion };
                    self.push(file, None, context, kind);
                    return None;
                }
            },
        };
        Some(Citation { doc: index, clause: clause.clone(), text: String::new() })
    }
}

pub(super) fn parse_enum<T: Copy>(s: &str, table: &[(&str, T)]) -> Result<T, String> {
    table.iter().find(|(k, _)| *k == s).map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
        format!("`{s}` is not one of: {}", names.join(", "))
    })
}

pub(super) fn choices(raw: &[raw::Choice]) -> Vec<Choice> {
    raw.iter().map(|c| Choice { value: c.value.clone(), label: c.label.clone() }).collect()
}

/// The largest expanded size among `exprs` (see [`expression::MAX_EXPANDED`]),
/// reported as a problem of `field` when it is beyond the bound.
pub(super) fn check_cost<'e>(l: &mut Loader, file: usize, ctx: &str, field: &str, exprs: impl IntoIterator<Item = &'e Expr>, functions: &[u64]) -> u64 {
    let size = exprs.into_iter().map(|e| e.expanded_size(functions)).max().unwrap_or(0);
    if size > expression::MAX_EXPANDED {
        let shown = if size == u64::MAX { "unboundedly many".to_string() } else { size.to_string() };
        let detail = format!(
            "with its function calls expanded this would evaluate {shown} steps, more than {}; call fewer functions, or functions that call fewer",
            expression::MAX_EXPANDED
        );
        l.invalid(file, ctx, field, detail);
    }
    size
}

/// Catalog files written in TOML: problems carry line and column.
#[cfg(feature = "toml")]
fn load_toml(sources: &[(&str, &str)]) -> Result<Catalog, Vec<Problem>> {
    let mut l = Loader { files: Vec::new(), problems: Vec::new() };
    let mut parsed: Vec<(usize, raw::File)> = Vec::new();
    let mut data: Vec<(&str, serde_json::Value)> = Vec::new();
    for (name, text) in sources {
        l.files.push(SourceFile { name, text: Some(text) });
        let file = l.files.len() - 1;
        // Read twice: once with positions for the checks, once as plain data
        // for the hash. Only hand-written catalogs come this way.
        match (toml::from_str::<raw::File>(text), toml::from_str::<toml::Value>(text)) {
            (Ok(f), Ok(v)) => {
                parsed.push((file, f));
                data.push((name, toml_json::convert(v)));
            }
            (Err(e), _) => {
                let offset = e.span().map(|s| s.start);
                let detail = e.message().to_string();
                l.push(file, offset, "", ProblemKind::Format { detail });
            }
            (_, Err(e)) => l.push(file, e.span().map(|s| s.start), "", ProblemKind::Format { detail: e.message().to_string() }),
        }
    }
    let data: Vec<(&str, &serde_json::Value)> = data.iter().map(|(n, v)| (*n, v)).collect();
    finish(l, parsed, &data)
}

/// Catalog files written in TOML as one JSON value, after checking them.
#[cfg(feature = "toml")]
fn toml_to_json_value(sources: &[(&str, &str)]) -> Result<serde_json::Value, Vec<Problem>> {
    load_toml(sources)?;
    let mut data = Vec::new();
    for (name, text) in sources {
        // Parsed without error just above.
        if let Ok(v) = toml::from_str::<toml::Value>(text) {
            data.push((*name, toml_json::convert(v)));
        }
    }
    let refs: Vec<(&str, &serde_json::Value)> = data.iter().map(|(n, v)| (*n, v)).collect();
    Ok(canonical::merge(&refs))
}

/// Catalog files as JSON text (the embedded default catalog, or a host's).
fn load_json(sources: &[(&str, &str)]) -> Result<Catalog, Vec<Problem>> {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in sources {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => values.push((name.to_string(), v)),
            Err(e) => problems.push(Problem {
                file: name.to_string(),
                line: e.line() as u32,
                column: e.column() as u32,
                context: String::new(),
                kind: ProblemKind::Format { detail: e.to_string() },
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    load_values(values)
}

/// Catalog files as data (e.g. a JS object read by the host binding).
fn load_values(values: Vec<(String, serde_json::Value)>) -> Result<Catalog, Vec<Problem>> {
    let mut l = Loader { files: Vec::new(), problems: Vec::new() };
    let mut parsed = Vec::new();
    for (name, value) in &values {
        l.files.push(SourceFile { name, text: None });
        let file = l.files.len() - 1;
        match raw::File::deserialize(super::json_de::Data(value)) {
            Ok(f) => parsed.push((file, f)),
            Err(e) => l.push(file, None, "", ProblemKind::Format { detail: e.to_string() }),
        }
    }
    let data: Vec<(&str, &serde_json::Value)> = values.iter().map(|(n, v)| (n.as_str(), v)).collect();
    finish(l, parsed, &data)
}

fn finish(mut l: Loader, parsed: Vec<(usize, raw::File)>, data: &[(&str, &serde_json::Value)]) -> Result<Catalog, Vec<Problem>> {
    let catalog = super::build::build(&mut l, &parsed, data);
    if l.problems.is_empty() {
        catalog.ok_or_else(Vec::new)
    } else {
        Err(l.problems)
    }
}
