//! A register's header read against the catalog: which column is which
//! input, which names the enterprise, and which are ignored (and why).
//!
//! A column is an input when its name is the input's docs/CONTRACT.md key,
//! or the input's label in any of the catalog's languages, compared loosely:
//! full-width letters as ASCII, spaces and `*` left out, letter case
//! ignored — and, when that finds nothing, without the bracketed parts at
//! the end of either name. So `从业人数` and `从业人数（人）` both find the
//! input labelled `从业人数（全年季度平均值）`. A name that finds two inputs
//! is ambiguous and ignored; a money column whose bracket names another unit
//! (`营业收入（万元）`) is ignored rather than read 10,000 times too small.

use crate::error::FileError;
use calculator_core::{Catalog, InputKind, Lang};
use std::collections::HashMap;

/// What one column of the header is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// An input of the catalog, by its key.
    Input {
        /// The input's key.
        key: String,
        /// Found by its label (not its key).
        by_label: bool,
    },
    /// The enterprise's name (企业名称, 名称, name …): kept for notices and the xlsx.
    Name,
    /// A name that finds more than one input (their keys); ignored.
    Ambiguous(Vec<String>),
    /// A money input whose bracketed unit is not 元 (`（万元）`); ignored.
    WrongUnit {
        /// The input it would be.
        key: String,
    },
    /// The same input as a later column, which is read instead.
    Repeated {
        /// The input's key.
        key: String,
    },
    /// Nothing the catalog knows; ignored.
    Unknown,
    /// A column without a name.
    Blank,
}

/// Names taken for the enterprise's name (compared loosely, as labels are).
const NAME_COLUMNS: &[&str] =
    &["name", "enterprise_name", "company_name", "企业名称", "名称", "单位名称", "纳税人名称", "企业(单位)名称", "企業名稱", "名稱", "單位名稱", "納稅人名稱"];

/// The header of a register, read against a catalog.
#[derive(Clone, Debug)]
pub struct HeaderMap {
    /// The header as read.
    pub names: Vec<String>,
    /// What each column is.
    pub columns: Vec<Column>,
    /// The column naming each enterprise in the outputs, if any (else `line:N`).
    pub key: Option<usize>,
    /// The enterprise-name column, if any.
    pub name: Option<usize>,
    /// The region-code column (for the summary by district), if any.
    pub region: Option<usize>,
}

impl HeaderMap {
    /// Reads `header` against `catalog`. `key` names the key column (by its
    /// header name, loosely, or by the key of the input it holds); without it
    /// the `credit_code` column is the key, if there is one. Fails when no
    /// column is an input of the catalog, or `key` is not in the header.
    pub fn new(catalog: &Catalog, header: &[String], key: Option<&str>) -> Result<HeaderMap, FileError> {
        let index = LabelIndex::new(catalog);
        let mut columns: Vec<Column> = header.iter().map(|h| index.column(catalog, h)).collect();
        // A repeated input: the last column is read, as a profile keeps the last value of a key.
        for i in 0..columns.len() {
            if let Column::Input { key: k, .. } = &columns[i] {
                if columns[i + 1..].iter().any(|c| matches!(c, Column::Input { key, .. } if key == k)) {
                    columns[i] = Column::Repeated { key: k.clone() };
                }
            }
        }
        if !columns.iter().any(|c| matches!(c, Column::Input { .. })) {
            return Err(FileError::NoKnownColumns { header: header.to_vec() });
        }
        let input_column = |k: &str| columns.iter().position(|c| matches!(c, Column::Input { key, .. } if key == k));
        let key = match key {
            Some(k) => {
                let wanted = fold(k);
                let found =
                    header.iter().position(|h| h.trim() == k.trim()).or_else(|| header.iter().position(|h| fold(h) == wanted)).or_else(|| input_column(k));
                Some(found.ok_or_else(|| FileError::NoKeyColumn { key: k.to_string() })?)
            }
            None => input_column("credit_code"),
        };
        let name = columns.iter().position(|c| *c == Column::Name);
        let region = input_column("region_code");
        Ok(HeaderMap { names: header.to_vec(), columns, key, name, region })
    }

    /// Per column, the input key it fills, or `""`: what [`calculator_core::Columns::new`] reads.
    pub fn keys(&self) -> Vec<&str> {
        self.columns.iter().map(|c| if let Column::Input { key, .. } = c { key.as_str() } else { "" }).collect()
    }

    /// The names of the columns that are ignored, with why, in `lang`: one
    /// line each for the unknown ones together, each ambiguous one, each of
    /// another unit and each repeated one. Empty when every column was read.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        let sep = lang.pick("、", "、", ", ");
        let mut notes = Vec::new();
        let unknown: Vec<&str> = self.names.iter().zip(&self.columns).filter(|(_, c)| **c == Column::Unknown).map(|(n, _)| n.trim()).collect();
        if !unknown.is_empty() {
            let list = unknown.join(sep);
            notes.push(lang.pick(
                format!("以下列不是本目录的输入项，已忽略：{list}"),
                format!("以下欄不是本目錄的輸入項，已忽略：{list}"),
                format!("these columns are not inputs of the catalog and are ignored: {list}"),
            ));
        }
        for (n, c) in self.names.iter().zip(&self.columns) {
            let n = n.trim();
            match c {
                Column::Ambiguous(keys) => {
                    let list = keys.join(sep);
                    notes.push(lang.pick(
                        format!("列“{n}”可对应多个输入项（{list}），无法确定，已忽略：请改用其中一个键作列名"),
                        format!("欄「{n}」可對應多個輸入項（{list}），無法確定，已忽略：請改用其中一個鍵作欄名"),
                        format!("column \"{n}\" could be any of {list}, so it is ignored: name it by one of these keys"),
                    ));
                }
                Column::WrongUnit { key } => notes.push(lang.pick(
                    format!("列“{n}”（{key}）的单位不是元，已忽略：请换算为元"),
                    format!("欄「{n}」（{key}）的單位不是元，已忽略：請換算為元"),
                    format!("column \"{n}\" ({key}) is not in 元, so it is ignored: convert it to 元"),
                )),
                Column::Repeated { key } => notes.push(lang.pick(
                    format!("列“{n}”与后面的列都对应 {key}，读取后面的列"),
                    format!("欄「{n}」與後面的欄都對應 {key}，讀取後面的欄"),
                    format!("column \"{n}\" and a later one are both {key}: the later one is read"),
                )),
                _ => {}
            }
        }
        notes
    }
}

/// Every input's key and labels, folded, to find a column's input.
struct LabelIndex {
    /// Folded key or label → input slots.
    full: HashMap<String, Vec<usize>>,
    /// The same without trailing bracketed parts.
    base: HashMap<String, Vec<usize>>,
}

impl LabelIndex {
    fn new(catalog: &Catalog) -> LabelIndex {
        let mut full: HashMap<String, Vec<usize>> = HashMap::new();
        let mut base: HashMap<String, Vec<usize>> = HashMap::new();
        for (slot, input) in catalog.inputs().iter().enumerate() {
            let labels = [Some(input.key.as_str()), Some(input.label.zh_cn.as_str()), input.label.zh_tw.as_deref(), input.label.en.as_deref()];
            for label in labels.into_iter().flatten() {
                let f = fold(label);
                if f.is_empty() {
                    continue;
                }
                let b = strip(&f).0.to_string();
                let add = |map: &mut HashMap<String, Vec<usize>>, k: String| {
                    let v = map.entry(k).or_default();
                    if !v.contains(&slot) {
                        v.push(slot);
                    }
                };
                add(&mut full, f);
                if !b.is_empty() {
                    add(&mut base, b);
                }
            }
        }
        LabelIndex { full, base }
    }

    fn column(&self, catalog: &Catalog, name: &str) -> Column {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Column::Blank;
        }
        if let Some(input) = catalog.input(trimmed) {
            return Column::Input { key: input.key.clone(), by_label: false };
        }
        let f = fold(trimmed);
        let (b, brackets) = strip(&f);
        if NAME_COLUMNS.iter().any(|n| fold(n) == f || fold(n) == b) {
            return Column::Name;
        }
        // A label matched whole keeps its own brackets (`…（每台／件单位价值不超过500万元）`
        // is part of the label, not a unit); only brackets the header adds
        // to a label can name a unit.
        let whole = self.full.get(&f).filter(|v| !v.is_empty());
        let hits = whole.or_else(|| self.base.get(b).filter(|_| !b.is_empty()));
        match hits.map(Vec::as_slice) {
            None | Some([]) => Column::Unknown,
            Some([slot]) => {
                let input = &catalog.inputs()[*slot];
                let key = input.key.clone();
                if input.kind == InputKind::Money && whole.is_none() && brackets.iter().any(|b| is_unit(b)) {
                    Column::WrongUnit { key }
                } else {
                    Column::Input { key, by_label: true }
                }
            }
            Some(slots) => Column::Ambiguous(slots.iter().map(|&s| catalog.inputs()[s].key.clone()).collect()),
        }
    }
}

/// A bracket that names a unit other than 元: `万元`, `单位：千元`, `亿`.
fn is_unit(bracket: &str) -> bool {
    let b = bracket.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'));
    let b = b.strip_prefix("单位").or_else(|| b.strip_prefix("單位")).unwrap_or(b).trim_start_matches([':', '：']);
    matches!(b, "万元" | "萬元" | "千元" | "亿元" | "億元" | "百万元" | "百萬元" | "万" | "萬" | "千" | "亿" | "億")
}

/// A name compared loosely: full-width ASCII as ASCII, 【】〔〕 as [], no
/// whitespace or `*`, ASCII lowercase.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '〔' => '[',
            '】' | '〕' => ']',
            c => c,
        };
        if c.is_whitespace() || c == '*' || c == '\u{FEFF}' {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A folded name without its trailing bracketed parts (`营业收入(年)` → `营业收入`), and those parts.
fn strip(folded: &str) -> (&str, Vec<&str>) {
    let mut s = folded;
    let mut parts = Vec::new();
    loop {
        let (open, close) = match s.chars().last() {
            Some(')') => ('(', ')'),
            Some(']') => ('[', ']'),
            _ => break,
        };
        let mut depth = 0;
        let mut at = None;
        for (i, c) in s.char_indices().rev() {
            if c == close {
                depth += 1;
            } else if c == open {
                depth -= 1;
                if depth == 0 {
                    at = Some(i);
                    break;
                }
            }
        }
        match at {
            Some(i) if i > 0 => {
                parts.push(&s[i..]);
                s = &s[..i];
            }
            _ => break,
        }
    }
    (s, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(header: &[&str]) -> Result<HeaderMap, FileError> {
        let catalog = calculator_core::default_catalog().unwrap();
        HeaderMap::new(catalog, &header.iter().map(|s| s.to_string()).collect::<Vec<_>>(), None)
    }

    #[test]
    fn columns_are_found_by_key_or_by_label_loosely() {
        let m = map(&["统一社会信用代码", "企业名称", "从业人数", "营业收入（元）", " 资产总额（全年季度平均值） ", "ENTITY_TYPE", "成立日期", "备注", ""])
            .unwrap();
        assert_eq!(m.keys(), ["credit_code", "", "employees", "annual_revenue", "total_assets", "entity_type", "established_on", "", ""]);
        assert_eq!((m.key, m.name, m.region), (Some(0), Some(1), None));
        assert_eq!(m.columns[2], Column::Input { key: "employees".into(), by_label: true });
        assert_eq!(m.notes(Lang::ZhCn), ["以下列不是本目录的输入项，已忽略：备注"]);
        let m = map(&["credit_code", "employees", "Annual revenue"]).unwrap();
        assert_eq!(m.keys(), ["credit_code", "employees", "annual_revenue"]);
    }

    #[test]
    fn another_unit_an_ambiguous_name_and_a_repeated_input_are_said() {
        let m = map(&["营业收入（万元）", "从业人数", "从业人数（人）"]).unwrap();
        assert_eq!(m.columns[0], Column::WrongUnit { key: "annual_revenue".into() });
        assert_eq!(m.columns[1], Column::Repeated { key: "employees".into() });
        assert_eq!(m.keys(), ["", "", "employees"]);
        let notes = m.notes(Lang::En);
        assert!(notes[0].contains("not in 元") && notes[1].contains("later one is read"), "{notes:?}");
    }

    #[test]
    fn a_header_without_any_input_is_refused() {
        assert!(matches!(map(&["名称", "备注"]), Err(FileError::NoKnownColumns { .. })));
        let catalog = calculator_core::default_catalog().unwrap();
        let h = vec!["纳税人识别号".to_string(), "employees".to_string()];
        assert_eq!(HeaderMap::new(catalog, &h, Some("纳税人识别号")).unwrap().key, Some(0));
        assert_eq!(HeaderMap::new(catalog, &h, Some("id")).unwrap_err(), FileError::NoKeyColumn { key: "id".into() });
    }

    #[test]
    fn no_two_inputs_of_the_default_catalog_share_a_short_label() {
        // Otherwise a sheet headed by the short label would find neither.
        let catalog = calculator_core::default_catalog().unwrap();
        let index = LabelIndex::new(catalog);
        let shared: Vec<(&String, &Vec<usize>)> = index.base.iter().filter(|(_, v)| v.len() > 1).collect();
        assert!(shared.is_empty(), "{shared:?}");
    }
}
