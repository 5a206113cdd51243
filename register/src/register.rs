//! Deciding rows: a [`Register`] is the catalog prepared for one run (one
//! date, one header), and [`Register::decide`] turns a chunk of [`Rows`]
//! into [`Decided`]: per enterprise its key, name, district and every
//! policy's [`Decision`] (and the baseline catalog's, for a diff), the rows
//! skipped, and the chunk's [`Summary`]. It is a pure function of the chunk:
//! chunks can be decided on any number of workers, in any order, and their
//! outputs written in input order.

use crate::error::{BadRow, FileError, RowProblem};
use crate::header::HeaderMap;
use crate::read::{Encoding, Rows};
use crate::summary::{Changes, Summary};
use calculator_core::{Catalog, Columns, Date, Decision, Decisions, Lang, Options, Plan, Profile, RawValue, Status};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// How a run matches and what its line outputs hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchOptions {
    /// The date whose rules apply.
    pub as_of: Date,
    /// The language of notices, CSV and xlsx headers and messages.
    pub lang: Lang,
    /// The column naming each enterprise (by header name or input key);
    /// `None`: the `credit_code` column, else `line:N`.
    pub key: Option<String>,
    /// Write a line per policy that needs input; otherwise each enterprise
    /// with such policies gets one `open` line with their count and the
    /// count of the inputs missing. In a diff: whether a policy needing
    /// input counts as a match.
    pub needs_input: bool,
}

impl MatchOptions {
    /// Options for `as_of`: zh-CN, the default key, eligible matches only.
    pub fn new(as_of: Date) -> MatchOptions {
        MatchOptions { as_of, lang: Lang::ZhCn, key: None, needs_input: false }
    }
}

/// How rows are laid out.
pub(crate) enum Layout {
    /// A table under a header.
    Table { map: HeaderMap, columns: Columns },
    /// One JSON profile a line.
    JsonLines,
}

/// The older catalog a run is compared with.
pub(crate) struct Baseline<'c> {
    pub catalog: &'c Catalog,
    pub plan: Plan<'c>,
    pub columns: Option<Columns>,
    /// Per policy of the catalog matched, its index in the baseline.
    pub old_of_new: Vec<Option<usize>>,
    /// The baseline's policies that the catalog matched no longer has.
    pub gone: Vec<usize>,
}

/// One policy's texts, in the run's language, as the report gives them.
pub(crate) struct Claim {
    pub name: String,
    pub mode_text: &'static str,
    pub channel: Option<String>,
    pub deadline: Option<String>,
}

/// A catalog prepared for one run: its date, its language, its header.
pub struct Register<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) plan: Plan<'c>,
    pub(crate) options: MatchOptions,
    pub(crate) layout: Layout,
    pub(crate) baseline: Option<Baseline<'c>>,
    /// Each policy's id as a JSON string.
    pub(crate) ids: Vec<String>,
    pub(crate) claims: Vec<Claim>,
}

/// One enterprise of the register, decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enterprise {
    /// The line or sheet row it was read from.
    pub line: u64,
    /// Its key: the key column's value, else `line:N`.
    pub key: String,
    /// Its name, when the register has a name column and the cell is not blank.
    pub name: Option<String>,
    /// Its region code, when six digits.
    pub region: Option<String>,
    /// Every policy of the catalog, in catalog order.
    pub decisions: Vec<Decision>,
    /// Every policy of the baseline catalog, in its order, when there is one.
    pub baseline: Option<Vec<Decision>>,
}

/// A chunk decided.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decided {
    /// The enterprises, in input order.
    pub rows: Vec<Enterprise>,
    /// The rows skipped, in input order.
    pub bad: Vec<BadRow>,
    /// What the chunk adds to the run's summary.
    pub summary: Summary,
}

/// Names of a JSON line's name key, in the order looked for.
const JSON_NAMES: &[&str] = &["name", "enterprise_name", "企业名称", "名称"];

impl<'c> Register<'c> {
    /// Prepares `catalog` for a table with `header` (see [`HeaderMap`]).
    /// Fails when the header holds none of the catalog's inputs, or
    /// `options.key` is not one of its columns.
    pub fn new(catalog: &'c Catalog, header: &[String], options: MatchOptions) -> Result<Register<'c>, FileError> {
        let map = HeaderMap::new(catalog, header, options.key.as_deref())?;
        let columns = Columns::new(catalog, &map.keys());
        Ok(Register::with_layout(catalog, Layout::Table { map, columns }, options))
    }

    /// Prepares `catalog` for JSON Lines: profiles with docs/CONTRACT.md keys.
    pub fn json_lines(catalog: &'c Catalog, options: MatchOptions) -> Register<'c> {
        Register::with_layout(catalog, Layout::JsonLines, options)
    }

    fn with_layout(catalog: &'c Catalog, layout: Layout, options: MatchOptions) -> Register<'c> {
        let plan = Plan::new(catalog, &Options { as_of: options.as_of, lang: options.lang });
        // The names and how-to-claim texts, in the report's own words.
        let claims = plan
            .evaluate(&Profile::new())
            .results
            .into_iter()
            .map(|r| Claim { name: r.name, mode_text: r.how_to_claim.mode_text, channel: r.how_to_claim.channel, deadline: r.how_to_claim.deadline })
            .collect();
        let ids = catalog.policies().iter().map(|p| serde_json::Value::String(p.id.clone()).to_string()).collect();
        Register { catalog, plan, options, layout, baseline: None, ids, claims }
    }

    /// Compares every row with `baseline`, an older catalog: the line
    /// outputs then hold only what changed (see [`Register::write_jsonl`]).
    pub fn with_baseline(mut self, baseline: &'c Catalog) -> Register<'c> {
        let columns = match &self.layout {
            Layout::Table { map, .. } => {
                let keys: Vec<String> = match HeaderMap::new(baseline, &map.names, None) {
                    Ok(m) => m.keys().into_iter().map(str::to_string).collect(),
                    Err(_) => vec![String::new(); map.names.len()],
                };
                Some(Columns::new(baseline, &keys))
            }
            Layout::JsonLines => None,
        };
        let position = |c: &Catalog, id: &str| c.policies().iter().position(|p| p.id == id);
        let old_of_new = self.catalog.policies().iter().map(|p| position(baseline, &p.id)).collect();
        let gone = (0..baseline.policies().len()).filter(|&j| position(self.catalog, &baseline.policies()[j].id).is_none()).collect();
        let plan = Plan::new(baseline, &Options { as_of: self.options.as_of, lang: self.options.lang });
        self.baseline = Some(Baseline { catalog: baseline, plan, columns, old_of_new, gone });
        self
    }

    /// The catalog matched.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The run's options.
    pub fn options(&self) -> &MatchOptions {
        &self.options
    }

    /// The header as read (tables only).
    pub fn header(&self) -> Option<&HeaderMap> {
        match &self.layout {
            Layout::Table { map, .. } => Some(map),
            Layout::JsonLines => None,
        }
    }

    /// The baseline catalog, if the run compares with one.
    pub fn baseline(&self) -> Option<&'c Catalog> {
        self.baseline.as_ref().map(|b| b.catalog)
    }

    /// Decides every row of `rows`.
    pub fn decide(&self, rows: &Rows) -> Decided {
        let mut out = Decided { rows: Vec::with_capacity(rows.len()), bad: Vec::new(), summary: Summary::default() };
        if self.baseline.is_some() {
            out.summary.changes = Some(Changes::default());
        }
        // Scratch for a GB18030 row: its text and each cell's place in it.
        let mut text = String::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for i in 0..rows.len() {
            let (at, data, ends, start) = rows.row(i);
            let line = at.line;
            if let Some(p) = &at.problem {
                out.summary.bad_rows += 1;
                out.bad.push(BadRow { line, problem: p.clone() });
                continue;
            }
            let decided = match &self.layout {
                Layout::Table { map, columns } => {
                    let Some(s) = cells(data, ends, start, rows.encoding, &mut text, &mut spans) else {
                        out.summary.bad_rows += 1;
                        out.bad.push(BadRow { line, problem: RowProblem::Encoding(rows.encoding.name()) });
                        continue;
                    };
                    let cell = |c: Option<usize>| c.and_then(|c| spans.get(c)).map(|&(a, b)| s[a..b].trim()).filter(|v| !v.is_empty());
                    let decisions = self.plan.decide_cells(columns, spans.iter().map(|&(a, b)| &s[a..b]));
                    let baseline = self.baseline.as_ref().map(|b| match &b.columns {
                        Some(c) => b.plan.decide_cells(c, spans.iter().map(|&(a, b)| &s[a..b])).decisions,
                        None => Vec::new(),
                    });
                    let key = cell(map.key).map_or_else(|| format!("line:{line}"), str::to_string);
                    let region = cell(map.region).filter(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_digit())).map(str::to_string);
                    (
                        Enterprise { line, key, name: cell(map.name).map(str::to_string), region, decisions: decisions.decisions, baseline },
                        decisions.field_errors,
                    )
                }
                Layout::JsonLines => {
                    let parsed = std::str::from_utf8(data)
                        .map_err(|_| RowProblem::Encoding("UTF-8"))
                        .and_then(|t| serde_json::from_str::<Profile>(t).map_err(|e| RowProblem::NotJson(e.to_string())));
                    let profile = match parsed {
                        Ok(p) => p,
                        Err(problem) => {
                            out.summary.bad_rows += 1;
                            out.bad.push(BadRow { line, problem });
                            continue;
                        }
                    };
                    let value = |k: &str| match profile.0.get(k) {
                        Some(RawValue::Text(v)) | Some(RawValue::Number(v)) if !v.trim().is_empty() => Some(v.trim().to_string()),
                        _ => None,
                    };
                    let Decisions { decisions, field_errors } = self.plan.decide_all(&profile);
                    let baseline = self.baseline.as_ref().map(|b| b.plan.decide_all(&profile).decisions);
                    let key = value(self.options.key.as_deref().unwrap_or("credit_code")).unwrap_or_else(|| format!("line:{line}"));
                    let name = JSON_NAMES.iter().find_map(|k| value(k));
                    let region = value("region_code").filter(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_digit()));
                    (Enterprise { line, key, name, region, decisions, baseline }, field_errors)
                }
            };
            let (enterprise, field_errors) = decided;
            self.tally(&mut out.summary, &enterprise, field_errors);
            out.rows.push(enterprise);
        }
        out
    }

    fn tally(&self, sum: &mut Summary, e: &Enterprise, field_errors: usize) {
        let n = self.catalog.policies().len();
        let inputs = self.catalog.inputs().len();
        sum.rows += 1;
        if field_errors > 0 {
            sum.rows_with_field_errors += 1;
        }
        let (mut eligible, mut needs_input, mut total) = (0u64, false, Decimal::ZERO);
        for (pi, d) in e.decisions.iter().enumerate() {
            match d.status {
                Status::Eligible => {
                    eligible += 1;
                    let c = sum.policy(pi, n);
                    c.eligible += 1;
                    // Totals count what the enterprise can actually claim:
                    // one member of an exclusive group.
                    if d.counted_in_totals {
                        let v = d.amount.map_or(Decimal::ZERO, |m| m.value());
                        c.total += v;
                        total += v;
                    }
                    if d.amount.is_none() {
                        c.amount_pending += 1;
                    }
                }
                Status::NeedsInput => {
                    needs_input = true;
                    let c = sum.policy(pi, n);
                    c.needs_input += 1;
                    if c.missing.is_empty() {
                        c.missing = vec![0; inputs];
                    }
                    for &i in &d.missing {
                        c.missing[usize::from(i)] += 1;
                    }
                }
                _ => {}
            }
        }
        if eligible > 0 {
            sum.with_eligible += 1;
        }
        let district = sum.districts.entry(e.region.clone().unwrap_or_default()).or_default();
        district.enterprises += 1;
        district.eligible += eligible;
        district.total += total;
        if eligible > 0 {
            district.with_eligible += 1;
        }
        if needs_input {
            district.with_needs_input += 1;
        }
        if let Some(changes) = sum.changes.as_mut() {
            self.changes(e, |change, _, _, _| match change {
                Change::New => changes.new += 1,
                Change::Changed => changes.changed += 1,
                Change::Gone => changes.gone += 1,
            });
        }
    }

    /// Whether `d` is a match of this run's line outputs.
    pub(crate) fn is_match(&self, d: &Decision) -> bool {
        d.status == Status::Eligible || (self.options.needs_input && d.status == Status::NeedsInput)
    }

    /// Every change of `e` against the baseline, in the catalog's order, then
    /// the policies only the baseline has: (kind, policy id, old, new).
    pub(crate) fn changes<'e>(&'e self, e: &'e Enterprise, mut each: impl FnMut(Change, &'e str, Option<&'e Decision>, Option<&'e Decision>)) {
        let (Some(b), Some(olds)) = (&self.baseline, &e.baseline) else { return };
        let amount = |d: &Decision| d.amount.map(|m| m.value());
        for (i, new) in e.decisions.iter().enumerate() {
            let old = b.old_of_new[i].and_then(|j| olds.get(j));
            let was = old.filter(|o| self.is_match(o));
            let change = match (was, self.is_match(new)) {
                (None, true) => Change::New,
                (Some(_), false) => Change::Gone,
                (Some(o), true) if o.status != new.status || amount(o) != amount(new) => Change::Changed,
                _ => continue,
            };
            each(change, &self.catalog.policies()[i].id, old, Some(new));
        }
        for &j in &b.gone {
            if let Some(old) = olds.get(j).filter(|o| self.is_match(o)) {
                each(Change::Gone, &b.catalog.policies()[j].id, Some(old), None);
            }
        }
    }

    /// The name of policy `id` in the run's language (from the baseline for one only it has).
    pub(crate) fn policy_name(&self, id: &str) -> Cow<'_, str> {
        if let Some(i) = self.catalog.policies().iter().position(|p| p.id == id) {
            return Cow::Borrowed(&self.claims[i].name);
        }
        let lang = self.options.lang;
        self.baseline
            .as_ref()
            .and_then(|b| b.catalog.policies().iter().find(|p| p.id == id))
            .map_or(Cow::Borrowed(""), |p| Cow::Owned(p.name.get(lang).to_string()))
    }
}

/// How a match changed against the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A match now, none under the baseline.
    New,
    /// A match under both, with another status or amount.
    Changed,
    /// A match under the baseline, none now.
    Gone,
}

impl Change {
    /// `new`, `changed`, `gone`.
    pub fn key(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Changed => "changed",
            Change::Gone => "gone",
        }
    }
}

/// A row's cells as one text and their spans in it; `None` when the row is
/// not text in `encoding`.
fn cells<'t>(data: &'t [u8], ends: &[u32], start: usize, encoding: Encoding, text: &'t mut String, spans: &mut Vec<(usize, usize)>) -> Option<&'t str> {
    spans.clear();
    if encoding == Encoding::Utf8 || data.is_ascii() {
        let s = std::str::from_utf8(data).ok()?;
        let mut from = 0;
        for &e in ends {
            let e = e as usize - start;
            spans.push((from, e));
            from = e;
        }
        return Some(s);
    }
    text.clear();
    let mut from = 0;
    for &e in ends {
        let e = e as usize - start;
        let cell = &data[from..e];
        let a = text.len();
        if cell.is_ascii() {
            text.push_str(std::str::from_utf8(cell).ok()?);
        } else {
            text.push_str(&encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(cell)?);
        }
        spans.push((a, text.len()));
        from = e;
    }
    Some(text.as_str())
}
