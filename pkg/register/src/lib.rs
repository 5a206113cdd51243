//! # 政策找企业 in the browser
//!
//! The register page (`page/`) lets a district office match its register of
//! enterprises against the built-in catalog without uploading it: the page
//! hands the file to a Web Worker, the worker to `matchRegister` (wasm32 only; it calls [`run`]), and
//! everything `policy-calc match` would write comes back — the matches as CSV
//! and as an xlsx workbook, the notices, the summary by policy and by
//! district, the ignored columns and the unreadable rows. The same
//! `calculator-register` code does the reading, deciding and writing, so the
//! page's CSV is byte for byte the command line's.
//!
//! The JS/wasm boundary is crossed once per chunk of [`CHUNK`] rows (the
//! progress callback) and once at the end (the outputs), never per row.
//! There is no cancel flag to poll: a synchronous call cannot receive a
//! message, so the page cancels by terminating the worker.
//!
//! ```js
//! import init, { matchRegister } from "./liaoqitong_register.js";
//! await init();
//! const out = matchRegister(bytes, { asOf: "2025-12-31", lang: "zh-CN" }, (p) => postMessage(p));
//! // out.csv, out.xlsx (Uint8Array), out.notices, out.summary, out.columns, out.notes, out.bad, out.badRows
//! ```

use calculator_core::{default_catalog, Catalog, Date, Lang};
use calculator_register::{
    read_workbook, sniff, Column, FileError, MatchOptions, Register, Rows, Sniffed, Summary, TableEvent, TextKind, TextReader, XlsxBook,
};
use std::cell::{Cell, OnceCell};
use std::io::{Cursor, Read, Seek, SeekFrom};

#[cfg(target_arch = "wasm32")]
mod js;

/// Rows decided between two progress reports: small enough for a smooth
/// bar, large enough that the boundary costs nothing (about 4 ms of work).
pub const CHUNK: usize = 256;
/// How much of a text file is read at a time.
const SLICE: usize = 64 * 1024;
/// How many unreadable rows are listed by line; the rest are counted.
pub const BAD_LISTED: usize = 100;

/// How a run reads and matches.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The date and language, the key column and whether `needs_input` lines are written.
    pub options: MatchOptions,
    /// The sheet of a workbook; `None`: the first.
    pub sheet: Option<String>,
    /// The file holds JSON Lines profiles (`.jsonl`), not CSV.
    pub json_lines: bool,
}

impl Settings {
    /// Settings for `as_of` in `lang`: eligible matches only, the first sheet, CSV text.
    pub fn new(as_of: Date, lang: Lang) -> Settings {
        let mut options = MatchOptions::new(as_of);
        options.lang = lang;
        Settings { options, sheet: None, json_lines: false }
    }
}

/// How far a run is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Rows decided (read and matched, the bad ones among them).
    pub rows: u64,
    /// Of these, the ones skipped as unreadable.
    pub bad_rows: u64,
    /// Enterprises with at least one eligible policy so far.
    pub with_eligible: u64,
    /// How far into the file, in bytes (for a workbook: where its reader is,
    /// which moves through the compressed sheet as it is read).
    pub position: u64,
    /// The file's length.
    pub length: u64,
}

/// Everything a run writes.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The matches as `policy-calc match --out matches.csv` writes them (UTF-8 with a BOM).
    pub csv: String,
    /// The notices, as `--notices` writes them (JSON Lines).
    pub notices: String,
    /// The matches, the summary by policy and by district, as `--out matches.xlsx`.
    pub xlsx: Vec<u8>,
    /// The summary, as `--summary` writes it, each policy with its `name` and `category` beside its id.
    pub summary: serde_json::Value,
    /// The columns read as inputs, by their names in the header, in order
    /// (so that a clerk sees what was understood, not only what was not).
    pub columns: Vec<String>,
    /// The header's ignored columns, and why, one sentence each.
    pub notes: Vec<String>,
    /// The first [`BAD_LISTED`] unreadable rows, by line.
    pub bad: Vec<String>,
}

/// Matches the register in `bytes` against the built-in catalog: a CSV
/// (UTF-8 or GB18030), a JSON Lines file or an .xlsx / .xls workbook, told
/// apart by its first bytes. `progress` is called after every chunk.
///
/// A file that is no register gets one [`FileError`] (say it with
/// [`FileError::message`] in the run's language); rows that cannot be read
/// are skipped, counted and listed in [`Outcome::bad`].
pub fn run(bytes: &[u8], settings: &Settings, progress: &mut dyn FnMut(&Progress)) -> Result<Outcome, FileError> {
    let catalog = default_catalog().map_err(|e| FileError::NotATable(e.to_string()))?;
    run_with(catalog, bytes, settings, progress)
}

/// [`run`] with another catalog.
pub fn run_with(catalog: &Catalog, bytes: &[u8], settings: &Settings, progress: &mut dyn FnMut(&Progress)) -> Result<Outcome, FileError> {
    let lang = settings.options.lang;
    let register: OnceCell<Register> = OnceCell::new();
    let mut run = Run { register: &register, book: None, out: Outcome::default(), summary: Summary::default(), length: bytes.len() as u64 };
    let prepare = |header: Option<&[String]>| -> Result<(), FileError> {
        let r = match header {
            Some(h) => Register::new(catalog, h, settings.options.clone())?,
            None => Register::json_lines(catalog, settings.options.clone()),
        };
        let _ = register.set(r);
        Ok(())
    };

    match sniff(bytes) {
        Sniffed::Xlsx | Sniffed::Xls => {
            let position = Cell::new(0u64);
            let tracked = Tracked { inner: Cursor::new(bytes), position: &position };
            read_workbook(tracked, settings.sheet.as_deref(), CHUNK, &mut |event| {
                match event {
                    TableEvent::Header(h) => prepare(Some(&h))?,
                    TableEvent::Rows(rows) => run.chunk(&rows, position.get(), progress)?,
                }
                Ok(true)
            })?;
        }
        Sniffed::Text => {
            let kind = if settings.json_lines { TextKind::JsonLines } else { TextKind::Csv };
            let mut reader = TextReader::new(kind, CHUNK);
            if kind == TextKind::JsonLines {
                prepare(None)?;
            }
            let mut at = 0;
            loop {
                let end = (at + SLICE).min(bytes.len());
                if at == end {
                    reader.finish()?;
                } else {
                    reader.feed(&bytes[at..end])?;
                }
                if register.get().is_none() {
                    if let Some(h) = reader.header() {
                        prepare(Some(h))?;
                    }
                }
                if register.get().is_some() {
                    while let Some(rows) = reader.next_chunk() {
                        run.chunk(&rows, end as u64, progress)?;
                    }
                }
                if at == end {
                    break;
                }
                at = end;
            }
        }
    }
    // A file with a header and no rows still gets its CSV header and workbook.
    run.start()?;
    let Run { book, mut out, summary, .. } = run;
    let reg = register.get().ok_or(FileError::Empty { sheet: None })?;
    if let Some(book) = book {
        out.xlsx = book.finish(&summary).map_err(FileError::NotATable)?;
    }
    if let Some(h) = reg.header() {
        out.notes = h.notes(lang);
        out.columns = h.names.iter().zip(&h.columns).filter(|(_, c)| matches!(c, Column::Input { .. })).map(|(n, _)| n.trim().to_string()).collect();
    }
    out.summary = summary_json(reg.catalog(), &summary, settings.options.as_of, lang);
    Ok(out)
}

/// A run under way: the register once its header is read, the workbook
/// being written, what has been written and counted.
struct Run<'r, 'c> {
    register: &'r OnceCell<Register<'c>>,
    book: Option<XlsxBook<'r, 'c>>,
    out: Outcome,
    summary: Summary,
    length: u64,
}

impl<'r, 'c> Run<'r, 'c> {
    /// The CSV's header line and the workbook, once.
    fn start(&mut self) -> Result<(), FileError> {
        if self.book.is_none() {
            if let Some(reg) = self.register.get() {
                reg.write_csv_header(&mut self.out.csv);
                self.book = Some(XlsxBook::new(reg, false).map_err(FileError::NotATable)?);
            }
        }
        Ok(())
    }

    fn chunk(&mut self, rows: &Rows, position: u64, progress: &mut dyn FnMut(&Progress)) -> Result<(), FileError> {
        self.start()?;
        let Some(reg) = self.register.get() else { return Ok(()) };
        let mut decided = reg.decide(rows);
        reg.write_csv(&decided, &mut self.out.csv);
        reg.write_notices(&decided, &mut self.out.notices);
        if let Some(book) = self.book.as_mut() {
            book.push(&decided);
        }
        let lang = reg.options().lang;
        for b in &decided.bad {
            if self.out.bad.len() < BAD_LISTED {
                self.out.bad.push(b.message(lang));
            }
        }
        self.summary.merge(std::mem::take(&mut decided.summary));
        let s = &self.summary;
        progress(&Progress { rows: s.rows + s.bad_rows, bad_rows: s.bad_rows, with_eligible: s.with_eligible, position, length: self.length });
        Ok(())
    }
}

/// The summary as `--summary` writes it, each policy named in `lang` and
/// with its category, so that a page can show it without the catalog.
fn summary_json(catalog: &Catalog, summary: &Summary, as_of: Date, lang: Lang) -> serde_json::Value {
    let mut v = summary.to_json(catalog, as_of, lang);
    if let Some(list) = v.get_mut("policies").and_then(|p| p.as_array_mut()) {
        for (entry, p) in list.iter_mut().zip(catalog.policies()) {
            entry["name"] = serde_json::Value::String(p.name.get(lang).to_string());
            entry["category"] = serde_json::to_value(p.category).unwrap_or_default();
        }
    }
    v
}

/// A CSV header a clerk can fill in: the credit code, the name, then every
/// input of the catalog by its label in `lang` (with its unit), UTF-8 with a
/// BOM so that Excel opens it. Each of its columns is read back as its input.
pub fn template(catalog: &Catalog, lang: Lang) -> String {
    let mut names = Vec::with_capacity(catalog.inputs().len() + 1);
    let credit = catalog.input("credit_code");
    let ordered = credit.into_iter().chain(catalog.inputs().iter().filter(|i| i.key != "credit_code"));
    for (n, input) in ordered.enumerate() {
        let label = input.label.get(lang);
        names.push(match input.unit.as_deref() {
            Some(unit) if !label.contains(unit) => format!("{label}（{unit}）"),
            _ => label.to_string(),
        });
        if n == 0 {
            names.push(lang.pick("企业名称", "企業名稱", "name").to_string());
        }
    }
    let mut out = String::from("\u{FEFF}");
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if name.contains([',', '"', '\n']) {
            out.push('"');
            out.push_str(&name.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(name);
        }
    }
    out.push_str("\r\n");
    out
}

/// A stable code for each kind of [`FileError`], for a page to act on.
pub fn error_code(e: &FileError) -> &'static str {
    match e {
        FileError::NotATable(_) => "not_a_table",
        FileError::Utf16 => "utf16",
        FileError::Empty { .. } => "empty",
        FileError::NoSuchSheet { .. } => "no_such_sheet",
        FileError::NoKnownColumns { .. } => "no_known_columns",
        FileError::BadHeader(_) => "bad_header",
        FileError::NoKeyColumn { .. } => "no_key_column",
        FileError::Workbook(_) => "workbook",
    }
}

/// A workbook's bytes, telling where its reader is: how far a run has come.
struct Tracked<'a> {
    inner: Cursor<&'a [u8]>,
    position: &'a Cell<u64>,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position.set(self.inner.position());
        Ok(n)
    }
}

impl Seek for Tracked<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let p = self.inner.seek(to)?;
        self.position.set(p);
        Ok(p)
    }
}

#[cfg(test)]
mod tests;
