//! Loading and checking catalogs.

use super::raw;
use super::*;
use crate::expression::{self, check, eval, Band, Bracket, CheckError, CheckErrorKind, CodeKind, Env, Ev, Scope, Sym, Table};
use crate::i18n::Lang;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A problem in a catalog, located in its file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// File name as given to the loader.
    pub file: String,
    /// 1-based line, 0 where unknown.
    pub line: u32,
    /// 1-based column (in characters), 0 where unknown.
    pub column: u32,
    /// Where in the catalog's structure (`policy cn.cit.x, condition income`).
    pub context: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with a catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is not valid TOML, or a field is missing or misspelt.
    Format {
        /// The reader's own words.
        detail: String,
    },
    /// An expression does not parse.
    Syntax {
        /// What was expected.
        detail: String,
    },
    /// A name that nothing declares.
    UnknownVariable {
        /// The name.
        name: String,
        /// The nearest declared name.
        suggestion: Option<String>,
    },
    /// A function that does not exist.
    UnknownFunction {
        /// The name.
        name: String,
        /// The nearest function.
        suggestion: Option<String>,
    },
    /// Operand of the wrong type.
    TypeMismatch {
        /// Expected type.
        expected: String,
        /// Found type.
        found: String,
    },
    /// Wrong number of arguments.
    Arity {
        /// Function.
        name: String,
        /// How many it takes.
        expected: String,
        /// How many were given.
        found: usize,
    },
    /// A value that is not among the declared options.
    UnknownOption {
        /// The value.
        value: String,
        /// The options.
        options: Vec<String>,
        /// The nearest option.
        suggestion: Option<String>,
    },
    /// Something declared twice.
    Duplicate {
        /// What.
        what: String,
        /// Its name.
        name: String,
    },
    /// A field value outside its allowed set or form.
    Invalid {
        /// Field.
        field: String,
        /// Why.
        detail: String,
    },
    /// Derived facts that depend on each other in a circle.
    Cycle {
        /// The names in the circle.
        names: Vec<String>,
    },
    /// A dated parameter has no value for some days of its policy's window.
    ParameterGap {
        /// Parameter.
        name: String,
        /// First uncovered day.
        from: String,
    },
    /// No `[catalog]` table in any file, or more than one.
    CatalogInfo {
        /// How many were found.
        found: usize,
    },
}

impl ProblemKind {
    /// The problem in words a catalog author can act on.
    pub fn message(&self, lang: Lang) -> String {
        let hint = |s: &Option<String>| match (s, lang) {
            (Some(s), Lang::En) => format!("; did you mean `{s}`?"),
            (Some(s), Lang::ZhTw) => format!("；您是否指 `{s}`？"),
            (Some(s), Lang::ZhCn) => format!("；您是否指 `{s}`？"),
            (None, _) => String::new(),
        };
        match self {
            ProblemKind::Format { detail } => match lang {
                Lang::En => format!("file format: {detail}"),
                Lang::ZhTw => format!("檔案格式錯誤：{detail}"),
                Lang::ZhCn => format!("文件格式错误：{detail}"),
            },
            ProblemKind::Syntax { detail } => match lang {
                Lang::En => format!("expression syntax: {detail}"),
                Lang::ZhTw => format!("公式語法錯誤：{detail}"),
                Lang::ZhCn => format!("公式语法错误：{detail}"),
            },
            ProblemKind::UnknownVariable { name, suggestion } => match lang {
                Lang::En => format!("unknown variable `{name}`{}", hint(suggestion)),
                Lang::ZhTw => format!("未知變數 `{name}`{}", hint(suggestion)),
                Lang::ZhCn => format!("未知变量 `{name}`{}", hint(suggestion)),
            },
            ProblemKind::UnknownFunction { name, suggestion } => match lang {
                Lang::En => format!("unknown function `{name}`{}", hint(suggestion)),
                Lang::ZhTw => format!("未知函數 `{name}`{}", hint(suggestion)),
                Lang::ZhCn => format!("未知函数 `{name}`{}", hint(suggestion)),
            },
            ProblemKind::TypeMismatch { expected, found } => match lang {
                Lang::En => format!("type mismatch: expected {expected}, found {found}"),
                Lang::ZhTw => format!("類型不符：應為 {expected}，實為 {found}"),
                Lang::ZhCn => format!("类型不符：应为 {expected}，实为 {found}"),
            },
            ProblemKind::Arity { name, expected, found } => match lang {
                Lang::En => format!("`{name}` takes {expected} argument(s), {found} given"),
                Lang::ZhTw => format!("`{name}` 需要 {expected} 個參數，實際 {found} 個"),
                Lang::ZhCn => format!("`{name}` 需要 {expected} 个参数，实际 {found} 个"),
            },
            ProblemKind::UnknownOption { value, options, suggestion } => {
                let list = options.join(", ");
                match lang {
                    Lang::En => format!("`{value}` is not one of: {list}{}", hint(suggestion)),
                    Lang::ZhTw => format!("`{value}` 不是可選值（{list}）{}", hint(suggestion)),
                    Lang::ZhCn => format!("`{value}` 不是可选值（{list}）{}", hint(suggestion)),
                }
            }
            ProblemKind::Duplicate { what, name } => match lang {
                Lang::En => format!("{what} `{name}` is declared twice"),
                Lang::ZhTw => format!("{what} `{name}` 重複定義"),
                Lang::ZhCn => format!("{what} `{name}` 重复定义"),
            },
            ProblemKind::Invalid { field, detail } => match lang {
                Lang::En => format!("`{field}`: {detail}"),
                Lang::ZhTw => format!("`{field}` 無效：{detail}"),
                Lang::ZhCn => format!("`{field}` 无效：{detail}"),
            },
            ProblemKind::Cycle { names } => {
                let path = names.join(" → ");
                match lang {
                    Lang::En => format!("derived facts depend on each other in a circle: {path}"),
                    Lang::ZhTw => format!("衍生指標循環依賴：{path}"),
                    Lang::ZhCn => format!("衍生指标循环依赖：{path}"),
                }
            }
            ProblemKind::ParameterGap { name, from } => match lang {
                Lang::En => format!("parameter `{name}` has no value in force from {from}, inside its policy's validity"),
                Lang::ZhTw => format!("參數 `{name}` 自 {from} 起在政策有效期內沒有取值"),
                Lang::ZhCn => format!("参数 `{name}` 自 {from} 起在政策有效期内没有取值"),
            },
            ProblemKind::CatalogInfo { found } => match lang {
                Lang::En => format!("exactly one [catalog] table is needed across all files; found {found}"),
                Lang::ZhTw => format!("所有檔案中須恰有一個 [catalog] 表，實有 {found} 個"),
                Lang::ZhCn => format!("所有文件中须恰有一个 [catalog] 表，实有 {found} 个"),
            },
        }
    }
}

impl Problem {
    /// `file:line:column: message`, as compilers print it.
    pub fn render(&self, lang: Lang) -> String {
        let at = if self.line > 0 { format!("{}:{}:{}", self.file, self.line, self.column) } else { self.file.clone() };
        let ctx = if self.context.is_empty() { String::new() } else { format!(" [{}]", self.context) };
        format!("{at}:{ctx} {}", self.kind.message(lang))
    }
}

/// One file's text and name, for locating problems.
struct SourceFile<'a> {
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

struct Loader<'a> {
    files: Vec<SourceFile<'a>>,
    problems: Vec<Problem>,
}

impl Loader<'_> {
    fn push(&mut self, file: usize, offset: Option<usize>, context: &str, kind: ProblemKind) {
        let (line, column) = offset.map_or((0, 0), |o| self.files[file].locate(o));
        let name = self.files[file].name.to_string();
        self.problems.push(Problem { file: name, line, column, context: context.to_string(), kind });
    }

    fn invalid(&mut self, file: usize, context: &str, field: &str, detail: impl Into<String>) {
        let kind = ProblemKind::Invalid { field: field.into(), detail: detail.into() };
        self.push(file, None, context, kind);
    }

    /// Parses and checks `src`; on failure records a located problem.
    fn expr(&mut self, file: usize, context: &str, src: &raw::Src, scope: &Scope, want: Option<Type>) -> Option<(Expr, Type)> {
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
    fn constant(&mut self, file: usize, context: &str, src: &raw::Src, want: Type, enums: &[Vec<String>]) -> Option<Value> {
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

    fn number(&mut self, file: usize, context: &str, src: &raw::Src) -> Option<Decimal> {
        match self.constant(file, context, src, Type::Number, &[])? {
            Value::Num(n) => Some(n),
            _ => None,
        }
    }

    fn cite(&mut self, file: usize, context: &str, cite: &raw::Cite, docs: &[Document]) -> Option<Citation> {
        let (doc, clause) = match cite {
            raw::Cite::Clause(c) => (None, c),
            raw::Cite::Full { doc, clause } => (Some(doc), clause),
        };
        let index = match doc {
            None => 0,
            Some(key) => match docs.iter().position(|d| &d.key == key) {
                Some(i) => i,
                None => {
                    let suggestion = expression_suggest(key, docs.iter().map(|d| d.key.as_str()));
                    let kind = ProblemKind::UnknownVariable { name: key.clone(), suggestion };
                    self.push(file, None, context, kind);
                    return None;
                }
            },
        };
        Some(Citation { doc: index, clause: clause.clone(), text: String::new() })
    }
}

fn expression_suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    crate::expression::suggest_name(name, candidates)
}

fn parse_enum<T: Copy>(s: &str, table: &[(&str, T)]) -> Result<T, String> {
    table.iter().find(|(k, _)| *k == s).map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
        format!("`{s}` is not one of: {}", names.join(", "))
    })
}

fn choices(raw: &[raw::Choice]) -> Vec<Choice> {
    raw.iter().map(|c| Choice { value: c.value.clone(), label: c.label.clone() }).collect()
}

/// The largest expanded size among `exprs` (see [`expression::MAX_EXPANDED`]),
/// reported as a problem of `field` when it is beyond the bound.
fn check_cost<'e>(l: &mut Loader, file: usize, ctx: &str, field: &str, exprs: impl IntoIterator<Item = &'e Expr>, functions: &[u64]) -> u64 {
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

/// The files of a catalog as one file, which is how a host hands one over:
/// the `[catalog]` table, and every list (`input`, `policy`, …) concatenated
/// in file-name order.
pub(crate) fn merge(files: &[(&str, &serde_json::Value)]) -> serde_json::Value {
    let mut sorted: Vec<&(&str, &serde_json::Value)> = files.iter().collect();
    crate::order::sort_by_key(&mut sorted, |f| f.0);
    let mut out = serde_json::Map::new();
    for (_, value) in sorted {
        let Some(table) = value.as_object() else {
            continue;
        };
        for (k, v) in table {
            match (out.get_mut(k), v) {
                (Some(serde_json::Value::Array(all)), serde_json::Value::Array(more)) => all.extend(more.iter().cloned()),
                // A second [catalog] is refused by the loader; the first stays.
                (Some(_), _) => {}
                (None, v) => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
    }
    serde_json::Value::Object(out)
}

/// The canonical form that the hash covers: the catalog's data merged into
/// one file (see [`merge`]), as JSON with object keys sorted and no spaces.
/// It leaves out syntax, comments, layout and how the data is split into
/// files: a TOML catalog, the same catalog as one JSON file and as a JS
/// object have the same hash; any change to an id, a number, a formula or a
/// text changes it.
fn hash(files: &[(&str, &serde_json::Value)]) -> String {
    fn write(v: &serde_json::Value, out: &mut String) {
        use serde_json::Value as J;
        match v {
            J::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            J::Object(o) => {
                let mut keys: Vec<&String> = o.keys().collect();
                crate::order::sort_by_key(&mut keys, |k| *k);
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(&J::String(k.clone()), out);
                    out.push(':');
                    write(&o[k], out);
                }
                out.push('}');
            }
            // Scalars print one way only.
            other => out.push_str(&other.to_string()),
        }
    }
    let mut form = String::new();
    write(&merge(files), &mut form);
    let digest = Sha256::digest(form.as_bytes());
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Catalog files written in TOML: problems carry line and column.
#[cfg(feature = "toml")]
pub(crate) fn load_toml(sources: &[(&str, &str)]) -> Result<Catalog, Vec<Problem>> {
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
                data.push((name, super::toml_json::convert(v)));
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
pub(crate) fn toml_to_json(sources: &[(&str, &str)]) -> Result<serde_json::Value, Vec<Problem>> {
    load_toml(sources)?;
    let mut data = Vec::new();
    for (name, text) in sources {
        // Parsed without error just above.
        if let Ok(v) = toml::from_str::<toml::Value>(text) {
            data.push((*name, super::toml_json::convert(v)));
        }
    }
    let refs: Vec<(&str, &serde_json::Value)> = data.iter().map(|(n, v)| (*n, v)).collect();
    Ok(merge(&refs))
}

/// Catalog files as JSON text (the embedded default catalog, or a host's).
pub(crate) fn load_json(sources: &[(&str, &str)]) -> Result<Catalog, Vec<Problem>> {
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
pub(crate) fn load_values(values: Vec<(String, serde_json::Value)>) -> Result<Catalog, Vec<Problem>> {
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
    let catalog = build(&mut l, parsed, data);
    if l.problems.is_empty() {
        catalog.ok_or_else(Vec::new)
    } else {
        Err(l.problems)
    }
}

use serde::Deserialize;

fn build(l: &mut Loader, parsed: Vec<(usize, raw::File)>, data: &[(&str, &serde_json::Value)]) -> Option<Catalog> {
    // [catalog]
    let infos: Vec<(usize, &raw::Info)> = parsed.iter().filter_map(|(f, p)| p.catalog.as_ref().map(|i| (*f, i))).collect();
    if infos.len() != 1 {
        let file = infos.get(1).map_or(0, |(f, _)| *f);
        if !l.files.is_empty() {
            l.push(file, None, "[catalog]", ProblemKind::CatalogInfo { found: infos.len() });
        }
    }
    let info = infos.first().map(|(_, i)| CatalogInfo {
        id: i.id.clone(),
        version: i.version.clone(),
        title: i.title.clone(),
        published: i.published,
        hash: String::new(),
        note: i.note.clone(),
    });

    // Inputs and their option lists.
    let mut scope = Scope { as_of: true, ..Scope::default() };
    let mut inputs = Vec::new();
    for (file, p) in &parsed {
        for input in &p.input {
            let ctx = format!("input {}", input.key);
            if scope.names.contains_key(&input.key) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "input".into(), name: input.key.clone() });
                continue;
            }
            let Some(kind) = InputKind::parse(&input.kind) else {
                let detail = format!("`{}` is not one of: {}", input.kind, InputKind::NAMES.join(", "));
                l.invalid(*file, &ctx, "type", detail);
                continue;
            };
            let ty = match kind {
                InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio => Type::Number,
                InputKind::Boolean => Type::Bool,
                InputKind::Date => Type::Date,
                InputKind::Text | InputKind::CreditCode => Type::Text,
                InputKind::IndustryCode => Type::Code(CodeKind::Industry),
                InputKind::RegionCode => Type::Code(CodeKind::Region),
                InputKind::Enum => {
                    if input.options.is_empty() {
                        l.invalid(*file, &ctx, "options", "an enum input needs options");
                    }
                    scope.enums.push(input.options.iter().map(|o| o.value.clone()).collect());
                    Type::Enum((scope.enums.len() - 1) as u16)
                }
            };
            let min = input.min.as_ref().and_then(|s| l.number(*file, &ctx, s));
            let max = input.max.as_ref().and_then(|s| l.number(*file, &ctx, s));
            let default = input.default.as_ref().and_then(|s| l.constant(*file, &ctx, s, ty, &scope.enums));
            if default.is_some() && input.default_basis.is_none() {
                l.invalid(*file, &ctx, "default_basis", "a default must say which rule of law supplies it");
            }
            let slot = inputs.len() as u16;
            scope.names.insert(input.key.clone(), Sym::Input(slot, ty));
            inputs.push(InputDef {
                key: input.key.clone(),
                kind,
                label: input.label.clone(),
                help: input.help.clone(),
                unit: input.unit.clone(),
                group: input.group.clone(),
                min,
                max,
                options: choices(&input.options),
                default,
                default_basis: input.default_basis.clone(),
            });
        }
    }

    // Derived facts: declare every name first, so that order in the file does not matter.
    let mut derived_raw = Vec::new();
    for (file, p) in &parsed {
        for d in &p.derived {
            let ctx = format!("derived {}", d.key);
            if scope.names.contains_key(&d.key) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "variable".into(), name: d.key.clone() });
                continue;
            }
            let ty = match d.kind.as_str() {
                "number" => Type::Number,
                "boolean" => Type::Bool,
                "date" => Type::Date,
                "enum" => {
                    scope.enums.push(d.options.iter().map(|o| o.value.clone()).collect());
                    Type::Enum((scope.enums.len() - 1) as u16)
                }
                other => {
                    l.invalid(*file, &ctx, "type", format!("`{other}` is not one of: number, boolean, date, enum"));
                    continue;
                }
            };
            let slot = derived_raw.len() as u16;
            scope.names.insert(d.key.clone(), Sym::Derived(slot, ty));
            derived_raw.push((*file, d, ty));
        }
    }

    // Functions: pure, over their parameters and earlier functions.
    let mut functions = Vec::new();
    let mut function_sizes: Vec<u64> = Vec::new();
    for (file, p) in &parsed {
        for f in &p.function {
            let ctx = format!("function {}", f.name);
            if scope.functions.iter().any(|s| s.name == f.name) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "function".into(), name: f.name.clone() });
                continue;
            }
            let type_of = |name: &str| -> Option<Type> {
                match name.trim() {
                    "number" => Some(Type::Number),
                    "boolean" => Some(Type::Bool),
                    "date" => Some(Type::Date),
                    "text" => Some(Type::Text),
                    other => match scope.names.get(other) {
                        Some(Sym::Input(_, t) | Sym::Derived(_, t)) => Some(*t),
                        _ => None,
                    },
                }
            };
            let mut fscope = Scope { enums: scope.enums.clone(), functions: scope.functions.clone(), ..Scope::default() };
            let mut params = Vec::new();
            let mut ok = true;
            for (i, p) in f.params.iter().enumerate() {
                let parsed = p.split_once(':').and_then(|(n, t)| Some((n.trim().to_string(), type_of(t)?)));
                match parsed {
                    Some((n, t)) => {
                        fscope.names.insert(n, Sym::Local(i as u16, t));
                        params.push(t);
                    }
                    None => {
                        let detail = format!("`{p}` should read `name: type` (number, boolean, date, text, or a variable's name)");
                        l.invalid(*file, &ctx, "params", detail);
                        ok = false;
                    }
                }
            }
            let Some(ret) = type_of(&f.returns) else {
                l.invalid(*file, &ctx, "returns", format!("`{}` is not a type", f.returns));
                continue;
            };
            if !ok {
                continue;
            }
            if let Some((body, _)) = l.expr(*file, &ctx, &f.body, &fscope, Some(ret)) {
                let size = check_cost(l, *file, &ctx, "body", [&body], &function_sizes);
                function_sizes.push(size);
                scope.functions.push(expression::FnSig { name: f.name.clone(), params, ret });
                functions.push(body);
            }
        }
    }

    // Derived formulas, then their evaluation order.
    let mut derived = Vec::new();
    for (file, d, ty) in &derived_raw {
        let ctx = format!("derived {}", d.key);
        let expr = l.expr(*file, &ctx, &d.formula, &scope, Some(*ty)).map(|(e, _)| e);
        check_cost(l, *file, &ctx, "formula", &expr, &function_sizes);
        derived.push(DerivedDef {
            key: d.key.clone(),
            label: d.label.clone(),
            options: choices(&d.options),
            basis: d.basis.clone(),
            unconfirmed: d.unconfirmed.clone(),
            expr: expr.unwrap_or(Expr::Const(Value::Bool(false))),
        });
    }
    let derived_order = order_derived(l, &derived, derived_raw.first().map_or(0, |d| d.0));

    // Policies.
    let mut policies = Vec::new();
    let mut ids = BTreeSet::new();
    for (file, p) in &parsed {
        for raw in &p.policy {
            if !ids.insert(raw.id.clone()) {
                let kind = ProblemKind::Duplicate { what: "policy".into(), name: raw.id.clone() };
                l.push(*file, None, &format!("policy {}", raw.id), kind);
                continue;
            }
            if let Some(policy) = build_policy(l, *file, raw, &scope) {
                let exprs = policy.conditions.iter().map(|c| &c.expr).chain(policy.steps.iter().map(|s| &s.expr)).chain([&policy.amount]);
                check_cost(l, *file, &format!("policy {}", raw.id), "amount", exprs, &function_sizes);
                policies.push(policy);
            }
        }
    }

    // Exclusive groups: every member exists, and belongs to one group only.
    let mut exclusive: Vec<ExclusiveGroup> = Vec::new();
    for (file, p) in &parsed {
        for g in &p.exclusive {
            let ctx = format!("exclusive {}", g.id);
            if exclusive.iter().any(|x| x.id == g.id) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "exclusive group".into(), name: g.id.clone() });
                continue;
            }
            if g.policies.len() < 2 {
                l.invalid(*file, &ctx, "policies", "an exclusive group names at least two policies");
            }
            for id in &g.policies {
                if !ids.contains(id) {
                    let suggestion = expression::suggest_name(id, ids.iter().map(String::as_str));
                    let detail = match suggestion {
                        Some(s) => format!("no policy `{id}` (did you mean `{s}`?)"),
                        None => format!("no policy `{id}`"),
                    };
                    l.invalid(*file, &ctx, "policies", detail);
                } else if exclusive.iter().any(|x| x.policies.contains(id)) || g.policies.iter().filter(|p| *p == id).count() > 1 {
                    l.invalid(*file, &ctx, "policies", format!("`{id}` is already in an exclusive group"));
                }
            }
            exclusive.push(ExclusiveGroup { id: g.id.clone(), policies: g.policies.clone(), rule: g.rule.clone(), basis: g.basis.clone() });
        }
    }

    let mut info = info?;
    info.hash = hash(data);
    Some(Catalog::assemble(info, inputs, derived, derived_order, functions, policies, exclusive))
}

fn order_derived(l: &mut Loader, derived: &[DerivedDef], file: usize) -> Vec<u16> {
    let deps: Vec<BTreeSet<u16>> = derived
        .iter()
        .map(|d| {
            let mut s = BTreeSet::new();
            d.expr.walk(&mut |e| {
                if let Expr::Derived(i) = e {
                    s.insert(*i);
                }
            });
            s
        })
        .collect();
    let mut order = Vec::new();
    let mut state = vec![0u8; derived.len()]; // 0 new, 1 visiting, 2 done
    fn visit(i: usize, deps: &[BTreeSet<u16>], state: &mut [u8], order: &mut Vec<u16>, stack: &mut Vec<usize>) -> Option<Vec<usize>> {
        match state[i] {
            2 => return None,
            1 => {
                let start = stack.iter().position(|s| *s == i).unwrap_or(0);
                let mut cycle = stack[start..].to_vec();
                cycle.push(i);
                return Some(cycle);
            }
            _ => {}
        }
        state[i] = 1;
        stack.push(i);
        for d in &deps[i] {
            if let Some(c) = visit(usize::from(*d), deps, state, order, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state[i] = 2;
        order.push(i as u16);
        None
    }
    for i in 0..derived.len() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(i, &deps, &mut state, &mut order, &mut stack) {
            let names = cycle.iter().map(|c| derived[*c].key.clone()).collect();
            l.push(file, None, "derived", ProblemKind::Cycle { names });
            return Vec::new();
        }
    }
    order
}

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

fn build_policy(l: &mut Loader, file: usize, raw: &raw::Policy, catalog_scope: &Scope) -> Option<Policy> {
    let ctx = format!("policy {}", raw.id);
    let start = l.problems.len();
    fn pick<T>(l: &mut Loader, file: usize, ctx: &str, field: &str, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(detail) => {
                l.invalid(file, ctx, field, detail);
                None
            }
        }
    }
    let category = pick(l, file, &ctx, "category", parse_enum(&raw.category, CATEGORIES));
    let level = pick(l, file, &ctx, "level", parse_enum(&raw.level, LEVELS));
    let mode = pick(l, file, &ctx, "delivery.mode", parse_enum(&raw.delivery.mode, MODES));
    if matches!((raw.valid_from, raw.valid_until), (Some(from), Some(until)) if until < from) {
        l.invalid(file, &ctx, "valid_until", "ends before valid_from");
    }
    if raw.document.is_empty() {
        l.invalid(file, &ctx, "document", "every policy cites at least one document");
    }

    let mut documents = Vec::new();
    for d in &raw.document {
        if documents.iter().any(|x: &Document| x.key == d.key) {
            l.push(file, None, &ctx, ProblemKind::Duplicate { what: "document".into(), name: d.key.clone() });
        }
        let evidence = pick(l, file, &ctx, "document.evidence", parse_enum(&d.evidence, EVIDENCE)).unwrap_or(Evidence::Unconfirmed);
        if evidence >= Evidence::Github && d.unconfirmed.is_none() {
            l.invalid(file, &ctx, "document.unconfirmed", format!("document `{}` is not confirmed: say what is unconfirmed", d.key));
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

    // Region scope: a synthesized first condition, so that it is traced like any other.
    let mut conditions = Vec::new();
    if !raw.regions.is_empty() {
        match catalog_scope.names.get("region_code") {
            Some(Sym::Input(slot, Type::Code(CodeKind::Region))) => {
                let bad: Vec<&String> = raw.regions.iter().filter(|r| !(2..=6).contains(&r.len()) || !r.bytes().all(|b| b.is_ascii_digit())).collect();
                if !bad.is_empty() {
                    l.invalid(file, &ctx, "regions", format!("{bad:?}: region prefixes are 2 to 6 digits"));
                }
                let text = raw.region_note.clone().unwrap_or_else(|| Text {
                    zh_cn: format!("注册地行政区划代码以 {} 开头", raw.regions.join(" / ")),
                    zh_tw: Some(format!("註冊地行政區劃代碼以 {} 開頭", raw.regions.join(" / "))),
                    en: Some(format!("Registered in a region whose code starts with {}", raw.regions.join(" / "))),
                });
                conditions.push(ConditionDef {
                    id: "region".into(),
                    text,
                    source: format!("region_code in {:?}", raw.regions),
                    cite: None,
                    unconfirmed: None,
                    expr: Expr::InPrefix(Box::new(Expr::Input(*slot)), raw.regions.iter().map(|r| Arc::from(r.as_str())).collect()),
                    uses_steps: false,
                    thresholds: Vec::new(),
                });
            }
            _ => l.invalid(file, &ctx, "regions", "region scope needs an input `region_code` of type region_code"),
        }
    }

    // Dated parameters.
    let mut scope = catalog_scope.clone();
    let mut params = Vec::new();
    for p in &raw.parameter {
        let pctx = format!("{ctx}, parameter {}", p.name);
        if scope.names.contains_key(&p.name) {
            l.push(file, None, &pctx, ProblemKind::Duplicate { what: "name".into(), name: p.name.clone() });
            continue;
        }
        let mut versions = Vec::new();
        let mut ty = None;
        for v in &p.version {
            let (value, t) = match (&v.value, &v.brackets, &v.bands) {
                (Some(src), None, None) => (l.constant(file, &pctx, src, Type::Number, &scope.enums), Type::Number),
                (None, Some(rows), None) => (brackets(l, file, &pctx, rows), Type::Brackets),
                (None, None, Some(rows)) => (bands(l, file, &pctx, rows), Type::Bands),
                _ => {
                    l.invalid(file, &pctx, "version", "give exactly one of value, brackets, bands");
                    (None, Type::Number)
                }
            };
            if ty.is_some_and(|x| x != t) {
                l.invalid(file, &pctx, "version", "all versions of a parameter have the same kind");
            }
            ty = Some(t);
            let cite = l.cite(file, &pctx, &v.cite, &documents);
            if v.until.is_some_and(|u| u < v.from) {
                l.invalid(file, &pctx, "until", "ends before `from`");
            }
            if let (Some(value), Some(cite)) = (value, cite) {
                versions.push(ParamVersion { from: v.from, until: v.until, value, cite, unconfirmed: v.unconfirmed.clone() });
            }
        }
        crate::order::sort_by_key(&mut versions, |v| v.from);
        if let Some(from) = coverage_gap(&versions, raw.valid_from.unwrap_or(Date::MIN), raw.valid_until) {
            l.push(file, None, &pctx, ProblemKind::ParameterGap { name: p.name.clone(), from: from.to_string() });
        }
        scope.names.insert(p.name.clone(), Sym::Param(params.len() as u16, ty.unwrap_or(Type::Number)));
        params.push(ParamDef { name: p.name.clone(), label: p.label.clone(), versions });
    }

    // Steps see earlier steps; conditions and the amount see all of them.
    let mut steps = Vec::new();
    for s in &raw.step {
        let sctx = format!("{ctx}, step {}", s.name);
        if scope.names.contains_key(&s.name) {
            l.push(file, None, &sctx, ProblemKind::Duplicate { what: "name".into(), name: s.name.clone() });
            continue;
        }
        let expr = l.expr(file, &sctx, &s.formula, &scope, Some(Type::Number));
        let cite = s.cite.as_ref().and_then(|c| l.cite(file, &sctx, c, &documents));
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
    for c in &raw.condition {
        let cctx = format!("{ctx}, condition {}", c.id);
        if conditions.iter().any(|x: &ConditionDef| x.id == c.id) {
            l.push(file, None, &cctx, ProblemKind::Duplicate { what: "condition".into(), name: c.id.clone() });
        }
        let expr = l.expr(file, &cctx, &c.when, &scope, Some(Type::Bool));
        let cite = l.cite(file, &cctx, &c.cite, &documents);
        let expr = expr.map(|e| e.0).unwrap_or(Expr::Const(Value::Bool(false)));
        conditions.push(ConditionDef {
            id: c.id.clone(),
            text: c.text.clone(),
            source: c.when.text.clone(),
            cite,
            unconfirmed: c.unconfirmed.clone(),
            uses_steps: false, // Catalog::assemble works it out, for loaded and compiled catalogs alike
            thresholds: Vec::new(),
            expr,
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
                next = next_day(u)?;
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

fn next_day(d: Date) -> Option<Date> {
    Date::new(d.year(), d.month(), d.day() + 1).or_else(|_| Date::new(d.year(), d.month() + 1, 1)).or_else(|_| Date::new(d.year() + 1, 1, 1)).ok()
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
