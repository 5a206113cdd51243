//! The line outputs: JSON Lines and CSV, one line per match (or per change
//! against a baseline), in input order and the catalog's order within an
//! enterprise. Written by hand rather than through JSON maps: the keys are
//! fixed and sorted, and this runs for every match.
//!
//! JSON Lines (docs/CONTRACT.md §5):
//! - `{"amount","counted_in_totals","key","policy_id","status":"eligible"}`,
//!   with `"amount": null` and `"amount_missing": [...]` while the amount waits;
//! - with `needs_input`: `{"key","missing","policy_id","status":"needs_input"}`;
//! - otherwise, after an enterprise's eligible lines, one
//!   `{"key","missing_inputs","open_policies","status":"open"}` when some of
//!   its policies need input: how many, and how many distinct inputs would
//!   decide them;
//! - against a baseline, instead of all these:
//!   `{"change":"new"|"changed"|"gone","key","new","old","policy_id"}`,
//!   `old` and `new` each `{"amount","status"}`, or `null` for a policy the
//!   catalog does not have.

use crate::register::{Change, Decided, Enterprise, Register};
use calculator_core::{Decision, Lang, Status};

impl Register<'_> {
    /// Appends `d`'s lines as JSON Lines to `out`.
    pub fn write_jsonl(&self, d: &Decided, out: &mut String) {
        let mut open = OpenCount::new(self.catalog.inputs().len());
        for e in &d.rows {
            let key = serde_json::Value::String(e.key.clone()).to_string();
            if self.baseline.is_some() {
                self.changes(e, |change, id, old, new| {
                    out.push_str("{\"change\":\"");
                    out.push_str(change.key());
                    out.push_str("\",\"key\":");
                    out.push_str(&key);
                    out.push_str(",\"new\":");
                    state_json(out, new);
                    out.push_str(",\"old\":");
                    state_json(out, old);
                    out.push_str(",\"policy_id\":");
                    out.push_str(&serde_json::Value::String(id.to_string()).to_string());
                    out.push_str("}\n");
                });
                continue;
            }
            open.clear();
            for (pi, d) in e.decisions.iter().enumerate() {
                match d.status {
                    Status::Eligible => {
                        out.push_str("{\"amount\":");
                        match d.amount {
                            Some(m) => {
                                out.push('"');
                                out.push_str(&m.to_string());
                                out.push('"');
                            }
                            None => {
                                out.push_str("null,\"amount_missing\":");
                                self.push_keys(out, &d.amount_missing);
                            }
                        }
                        out.push_str(if d.counted_in_totals { ",\"counted_in_totals\":true,\"key\":" } else { ",\"counted_in_totals\":false,\"key\":" });
                        out.push_str(&key);
                        out.push_str(",\"policy_id\":");
                        out.push_str(&self.ids[pi]);
                        out.push_str(",\"status\":\"eligible\"}\n");
                    }
                    Status::NeedsInput if self.options.needs_input => {
                        out.push_str("{\"key\":");
                        out.push_str(&key);
                        out.push_str(",\"missing\":");
                        self.push_keys(out, &d.missing);
                        out.push_str(",\"policy_id\":");
                        out.push_str(&self.ids[pi]);
                        out.push_str(",\"status\":\"needs_input\"}\n");
                    }
                    Status::NeedsInput => open.add(d),
                    _ => {}
                }
            }
            if open.policies > 0 {
                out.push_str("{\"key\":");
                out.push_str(&key);
                out.push_str(",\"missing_inputs\":");
                out.push_str(&open.inputs().to_string());
                out.push_str(",\"open_policies\":");
                out.push_str(&open.policies.to_string());
                out.push_str(",\"status\":\"open\"}\n");
            }
        }
    }

    /// `["key", …]` of the inputs at `slots`.
    fn push_keys(&self, out: &mut String, slots: &[u16]) {
        out.push('[');
        for (i, &slot) in slots.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(&self.catalog.inputs()[usize::from(slot)].key); // catalog keys: snake_case, nothing to escape
            out.push('"');
        }
        out.push(']');
    }

    /// The CSV's first line (with a UTF-8 BOM, so that Excel reads it as
    /// UTF-8): the columns of [`Register::write_csv`], named in the run's language.
    pub fn write_csv_header(&self, out: &mut String) {
        out.push('\u{FEFF}');
        let names = self.column_names();
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(out, n);
        }
        out.push_str("\r\n");
    }

    /// The columns of the CSV and of the xlsx's matches sheet, named in the run's language.
    pub fn column_names(&self) -> Vec<String> {
        let lang = self.options.lang;
        let key = self.key_label();
        let t = |zh: &str, tw: &str, en: &str| lang.pick(zh, tw, en).to_string();
        if self.baseline.is_some() {
            vec![
                t("变化", "變化", "change"),
                key,
                t("企业名称", "企業名稱", "name"),
                t("政策编号", "政策編號", "policy id"),
                t("政策名称", "政策名稱", "policy"),
                t("原状态", "原狀態", "old status"),
                t("原金额（元）", "原金額（元）", "old amount (yuan)"),
                t("新状态", "新狀態", "new status"),
                t("新金额（元）", "新金額（元）", "new amount (yuan)"),
            ]
        } else {
            vec![
                key,
                t("企业名称", "企業名稱", "name"),
                t("政策编号", "政策編號", "policy id"),
                t("政策名称", "政策名稱", "policy"),
                t("状态", "狀態", "status"),
                t("金额（元）", "金額（元）", "amount (yuan)"),
                t("计入合计", "計入合計", "counted in totals"),
                t("缺少的信息", "缺少的資訊", "missing"),
                t("待补充政策数", "待補充政策數", "open policies"),
                t("缺少信息数", "缺少資訊數", "missing inputs"),
            ]
        }
    }

    /// What the key column is called: the key input's label, the key
    /// column's own name, or the line number's.
    fn key_label(&self) -> String {
        let lang = self.options.lang;
        if let Some(map) = self.header() {
            if let Some(k) = map.key {
                return match &map.columns[k] {
                    crate::header::Column::Input { key, .. } => self.catalog.input(key).map_or_else(|| key.clone(), |i| i.label.get(lang).to_string()),
                    _ => map.names[k].trim().to_string(),
                };
            }
            return lang.pick("行号", "行號", "line").to_string();
        }
        let key = self.options.key.as_deref().unwrap_or("credit_code");
        self.catalog.input(key).map_or_else(|| key.to_string(), |i| i.label.get(lang).to_string())
    }

    /// Appends `d`'s lines as CSV rows (the columns of [`Register::column_names`]).
    pub fn write_csv(&self, d: &Decided, out: &mut String) {
        self.each_row(d, |cells| {
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match c {
                    Cell::Text(t) => csv_cell(out, t),
                    Cell::Amount(m) => out.push_str(&m.to_string()),
                    Cell::Count(n) => out.push_str(&n.to_string()),
                    Cell::Blank => {}
                }
            }
            out.push_str("\r\n");
        });
    }

    /// Every line of `d` as table cells (CSV, xlsx).
    pub(crate) fn each_row(&self, d: &Decided, mut row: impl FnMut(&[Cell])) {
        let lang = self.options.lang;
        let mut open = OpenCount::new(self.catalog.inputs().len());
        for e in &d.rows {
            let name = || e.name.as_deref().map_or(Cell::Blank, |n| Cell::Text(n.into()));
            if self.baseline.is_some() {
                self.changes(e, |change, id, old, new| {
                    let state = |d: Option<&Decision>| match d {
                        Some(d) => (Cell::Text(status_text(d.status, lang).into()), d.amount.map_or(Cell::Blank, Cell::Amount)),
                        None => (Cell::Text(lang.pick("（目录中无此政策）", "（目錄中無此政策）", "(not in that catalog)").into()), Cell::Blank),
                    };
                    let (os, oa) = state(old);
                    let (ns, na) = state(new);
                    let change = match change {
                        Change::New => lang.pick("新增", "新增", "new"),
                        Change::Changed => lang.pick("变更", "變更", "changed"),
                        Change::Gone => lang.pick("不再适用", "不再適用", "gone"),
                    };
                    row(&[
                        Cell::Text(change.into()),
                        Cell::Text(e.key.as_str().into()),
                        name(),
                        Cell::Text(id.into()),
                        Cell::Text(self.policy_name(id)),
                        os,
                        oa,
                        ns,
                        na,
                    ]);
                });
                continue;
            }
            open.clear();
            for (pi, d) in e.decisions.iter().enumerate() {
                let policy = &self.catalog.policies()[pi];
                let labels = |slots: &[u16]| Cell::Text(self.labels(slots).into());
                match d.status {
                    Status::Eligible => row(&[
                        Cell::Text(e.key.as_str().into()),
                        name(),
                        Cell::Text(policy.id.as_str().into()),
                        Cell::Text(self.claims[pi].name.as_str().into()),
                        Cell::Text(status_text(Status::Eligible, lang).into()),
                        d.amount.map_or(Cell::Blank, Cell::Amount),
                        Cell::Text(if d.counted_in_totals { lang.pick("是", "是", "yes") } else { lang.pick("否", "否", "no") }.into()),
                        if d.amount.is_none() { labels(&d.amount_missing) } else { Cell::Blank },
                        Cell::Blank,
                        Cell::Blank,
                    ]),
                    Status::NeedsInput if self.options.needs_input => row(&[
                        Cell::Text(e.key.as_str().into()),
                        name(),
                        Cell::Text(policy.id.as_str().into()),
                        Cell::Text(self.claims[pi].name.as_str().into()),
                        Cell::Text(status_text(Status::NeedsInput, lang).into()),
                        Cell::Blank,
                        Cell::Blank,
                        labels(&d.missing),
                        Cell::Blank,
                        Cell::Blank,
                    ]),
                    Status::NeedsInput => open.add(d),
                    _ => {}
                }
            }
            if open.policies > 0 {
                row(&[
                    Cell::Text(e.key.as_str().into()),
                    name(),
                    Cell::Blank,
                    Cell::Blank,
                    Cell::Text(status_text(Status::NeedsInput, lang).into()),
                    Cell::Blank,
                    Cell::Blank,
                    Cell::Blank,
                    Cell::Count(open.policies as u64),
                    Cell::Count(open.inputs() as u64),
                ]);
            }
        }
    }

    /// The labels of the inputs at `slots`, joined.
    fn labels(&self, slots: &[u16]) -> String {
        let lang = self.options.lang;
        let sep = lang.pick("；", "；", "; ");
        slots.iter().map(|&s| self.catalog.inputs()[usize::from(s)].label.get(lang)).collect::<Vec<_>>().join(sep)
    }
}

/// One cell of a table output.
pub(crate) enum Cell<'a> {
    Text(std::borrow::Cow<'a, str>),
    Amount(calculator_core::Money),
    Count(u64),
    Blank,
}

/// A status in words.
pub(crate) fn status_text(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Eligible => lang.pick("符合", "符合", "eligible"),
        Status::Ineligible => lang.pick("不符合", "不符合", "ineligible"),
        Status::NeedsInput => lang.pick("待补充信息", "待補充資訊", "needs input"),
        Status::NotInForce => lang.pick("不在有效期内", "不在有效期內", "not in force"),
        Status::Error => lang.pick("无法计算", "無法計算", "error"),
    }
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Eligible => "eligible",
        Status::Ineligible => "ineligible",
        Status::NeedsInput => "needs_input",
        Status::NotInForce => "not_in_force",
        Status::Error => "error",
    }
}

/// `{"amount": "…" | null, "status": "…"}`, or `null`.
fn state_json(out: &mut String, d: Option<&Decision>) {
    let Some(d) = d else {
        out.push_str("null");
        return;
    };
    out.push_str("{\"amount\":");
    match d.amount {
        Some(m) => {
            out.push('"');
            out.push_str(&m.to_string());
            out.push('"');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"status\":\"");
    out.push_str(status_key(d.status));
    out.push_str("\"}");
}

/// One CSV cell, quoted when it must be; text that a spreadsheet would run as
/// a formula (`=`, `+`, `-`, `@` first) is written after a `'`.
fn csv_cell(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@']);
    if s.contains([',', '"', '\n', '\r']) || formula {
        out.push('"');
        if formula {
            out.push('\'');
        }
        for c in s.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// An enterprise's policies needing input, and the distinct inputs they miss.
struct OpenCount {
    policies: usize,
    seen: Vec<bool>,
    inputs: usize,
}

impl OpenCount {
    fn new(inputs: usize) -> OpenCount {
        OpenCount { policies: 0, seen: vec![false; inputs], inputs: 0 }
    }

    fn clear(&mut self) {
        if self.inputs > 0 {
            self.seen.iter_mut().for_each(|s| *s = false);
        }
        self.policies = 0;
        self.inputs = 0;
    }

    fn add(&mut self, d: &Decision) {
        self.policies += 1;
        for &i in &d.missing {
            if let Some(s) = self.seen.get_mut(usize::from(i)) {
                if !*s {
                    *s = true;
                    self.inputs += 1;
                }
            }
        }
    }

    fn inputs(&self) -> usize {
        self.inputs
    }
}

impl Enterprise {
    /// Whether any policy is eligible for it.
    pub fn has_eligible(&self) -> bool {
        self.decisions.iter().any(|d| d.status == Status::Eligible)
    }
}
