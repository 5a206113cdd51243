//! `policy-calc match`: 政策找企业 over a whole register.
//!
//! Reads enterprise profiles as CSV (header = docs/CONTRACT.md keys) or JSON Lines,
//! evaluates the catalog for each, and writes one JSON line per policy that
//! applies or may apply (`eligible`, `needs_input`), plus a per-policy
//! summary: how many qualify, the total amount, how many need more input and
//! which inputs are missing most often (what the government must fill in for
//! 免申即享).
//!
//! It streams: lines go in chunks through a bounded queue to one worker per
//! core, which parses and evaluates them, and the matches come out in input
//! order, so memory stays flat however long the register is, and two runs
//! give the same bytes. A row that cannot be read is reported with its line
//! number, counted and skipped.

use calculator_core::{Catalog, Columns, Date, Lang, Options, Plan, Profile, RawValue, Status};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

const CHUNK: usize = 256;

/// How the register is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated, first line the docs/CONTRACT.md keys; an empty cell is unknown.
    Csv,
    /// One JSON object per line, docs/CONTRACT.md keys; a missing key or null is unknown.
    JsonLines,
}

/// One run's settings.
pub struct Settings<'a> {
    pub catalog: &'a Catalog,
    pub as_of: Date,
    pub lang: Lang,
    pub format: Format,
    /// The column naming the enterprise (default `credit_code`, else the line number).
    pub key: String,
    pub threads: usize,
}

/// A line as the reader found it. Parsing it is left to the workers, so
/// that it runs on every core.
enum Raw {
    Csv { line: u64, record: csv::StringRecord },
    Json { line: u64, text: String },
    Unreadable { line: u64, message: String },
}

/// A chunk evaluated: its sequence number, the JSON lines, what it counted
/// and the rows it could not read.
type Done = (u64, String, Summary, Vec<String>);

/// Lines for one worker, with the CSV header they are read under.
struct Chunk {
    seq: u64,
    header: Arc<[String]>,
    rows: Vec<Raw>,
}

/// A row as read: the enterprise's key and its values.
struct Row {
    key: String,
    values: Values,
}

enum Values {
    /// A JSON line.
    Profile(Profile),
    /// A CSV record, read cell by cell under the header's [`Columns`].
    Cells(csv::StringRecord),
}

/// Counts for one policy.
#[derive(Default, Clone)]
struct PolicyCount {
    eligible: u64,
    /// Of the eligible, how many wait for an input to compute the amount.
    amount_pending: u64,
    total: Decimal,
    needs_input: u64,
    /// How often each input (by catalog slot) was missing; empty until one was.
    missing: Vec<u64>,
}

/// What a chunk (and, merged, the run) found.
#[derive(Default)]
pub struct Summary {
    pub rows: u64,
    pub bad_rows: u64,
    pub rows_with_field_errors: u64,
    /// By policy, in catalog order; empty until a policy matched.
    policies: Vec<PolicyCount>,
}

impl Summary {
    fn policy(&mut self, i: usize, policies: usize) -> &mut PolicyCount {
        if self.policies.len() < policies {
            self.policies.resize_with(policies, PolicyCount::default);
        }
        &mut self.policies[i]
    }

    fn merge(&mut self, other: Summary) {
        self.rows += other.rows;
        self.bad_rows += other.bad_rows;
        self.rows_with_field_errors += other.rows_with_field_errors;
        let n = other.policies.len();
        for (i, c) in other.policies.into_iter().enumerate() {
            let mine = self.policy(i, n);
            mine.eligible += c.eligible;
            mine.amount_pending += c.amount_pending;
            mine.total += c.total;
            mine.needs_input += c.needs_input;
            if mine.missing.len() < c.missing.len() {
                mine.missing.resize(c.missing.len(), 0);
            }
            for (m, k) in mine.missing.iter_mut().zip(c.missing) {
                *m += k;
            }
        }
    }

    /// The summary as JSON: per policy, in the catalog's order.
    pub fn to_json(&self, catalog: &Catalog, as_of: Date) -> serde_json::Value {
        let policies: Vec<serde_json::Value> = catalog
            .policies()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let c = self.policies.get(i).cloned().unwrap_or_default();
                let mut missing: Vec<(String, u64)> =
                    c.missing.iter().enumerate().filter(|(_, n)| **n > 0).map(|(slot, n)| (catalog.inputs()[slot].key.clone(), *n)).collect();
                missing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                missing.truncate(5);
                serde_json::json!({
                    "policy_id": p.id,
                    "eligible": c.eligible,
                    "amount_pending": c.amount_pending,
                    "total_amount": format!("{:.2}", c.total),
                    "needs_input": c.needs_input,
                    "most_missing": missing.into_iter().map(|(key, count)| serde_json::json!({ "key": key, "count": count })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let info = catalog.info();
        serde_json::json!({
            "catalog": { "id": info.id, "version": info.version, "hash": info.hash },
            "as_of": as_of.to_string(),
            "rows": self.rows,
            "bad_rows": self.bad_rows,
            "rows_with_field_errors": self.rows_with_field_errors,
            "policies": policies,
        })
    }
}

/// Parses one line into a row.
fn parse(raw: Raw, header: &[String], key_column: &str) -> Result<Row, (u64, String)> {
    match raw {
        Raw::Csv { line, record } => {
            let key = header.iter().zip(record.iter()).filter(|(name, value)| *name == key_column && !value.is_empty()).last().map(|(_, v)| v.to_string());
            Ok(Row { key: key.unwrap_or_else(|| format!("line:{line}")), values: Values::Cells(record) })
        }
        Raw::Json { line, text } => match serde_json::from_str::<Profile>(&text) {
            Ok(profile) => {
                let key = match profile.0.get(key_column) {
                    Some(RawValue::Text(k)) | Some(RawValue::Number(k)) if !k.is_empty() => k.clone(),
                    _ => format!("line:{line}"),
                };
                Ok(Row { key, values: Values::Profile(profile) })
            }
            Err(e) => Err((line, format!("not a JSON object of profile values: {e}"))),
        },
        Raw::Unreadable { line, message } => Err((line, message)),
    }
}

/// Parses and evaluates one chunk: the JSON lines to write and what it counted.
fn evaluate_chunk(chunk: Chunk, plan: &Plan, s: &Settings, mut out: String, errors: &mut Vec<String>) -> (String, Summary) {
    let catalog = plan.catalog();
    let n = catalog.policies().len();
    let ids: Vec<String> = catalog.policies().iter().map(|p| serde_json::Value::String(p.id.clone()).to_string()).collect();
    let mut sum = Summary::default();
    // Matched once per chunk, not per row.
    let columns = Columns::new(catalog, &chunk.header);
    for raw in chunk.rows {
        let row = match parse(raw, &chunk.header, &s.key) {
            Ok(r) => r,
            Err((line, message)) => {
                sum.bad_rows += 1;
                errors.push(format!("line {line}: {message}"));
                continue;
            }
        };
        sum.rows += 1;
        // The lean path: the report's decisions without its explanations.
        let decided = match &row.values {
            Values::Profile(p) => plan.decide_all(p),
            Values::Cells(record) => plan.decide_cells(&columns, record.iter()),
        };
        if decided.field_errors > 0 {
            sum.rows_with_field_errors += 1;
        }
        let key = serde_json::Value::String(row.key).to_string();
        for (pi, d) in decided.decisions.iter().enumerate() {
            match d.status {
                Status::Eligible => {
                    let c = sum.policy(pi, n);
                    c.eligible += 1;
                    // Totals count what the enterprise can actually claim:
                    // one member of an exclusive group.
                    if d.counted_in_totals {
                        c.total += d.amount.map_or(Decimal::ZERO, |m| m.value());
                    }
                    // Written by hand rather than through a JSON map: the
                    // keys are fixed, and this runs for every match.
                    out.push_str("{\"amount\":");
                    match d.amount {
                        Some(m) => {
                            out.push('"');
                            out.push_str(&m.to_string());
                            out.push('"');
                        }
                        None => {
                            c.amount_pending += 1;
                            out.push_str("null,\"amount_missing\":");
                            push_keys(&mut out, catalog, &d.amount_missing);
                        }
                    }
                    out.push_str(if d.counted_in_totals { ",\"counted_in_totals\":true,\"key\":" } else { ",\"counted_in_totals\":false,\"key\":" });
                    out.push_str(&key);
                    out.push_str(",\"policy_id\":");
                    out.push_str(&ids[pi]);
                    out.push_str(",\"status\":\"eligible\"}\n");
                }
                Status::NeedsInput => {
                    let c = sum.policy(pi, n);
                    c.needs_input += 1;
                    if c.missing.is_empty() {
                        c.missing = vec![0; catalog.inputs().len()];
                    }
                    for &i in &d.missing {
                        c.missing[usize::from(i)] += 1;
                    }
                    out.push_str("{\"key\":");
                    out.push_str(&key);
                    out.push_str(",\"missing\":");
                    push_keys(&mut out, catalog, &d.missing);
                    out.push_str(",\"policy_id\":");
                    out.push_str(&ids[pi]);
                    out.push_str(",\"status\":\"needs_input\"}\n");
                }
                _ => {}
            }
        }
    }
    (out, sum)
}

/// `["key", …]` of the inputs at `slots`.
fn push_keys(out: &mut String, catalog: &Catalog, slots: &[u16]) {
    out.push('[');
    for (i, &slot) in slots.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(&catalog.inputs()[usize::from(slot)].key); // catalog keys: snake_case, nothing to escape
        out.push('"');
    }
    out.push(']');
}

/// Reads the register from `input`, writes matches to `output`; returns the summary.
pub fn run(input: impl BufRead + Send, output: &mut dyn Write, s: &Settings) -> Result<Summary, String> {
    let threads = s.threads.max(1);
    let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(threads * 2);
    let plan = Plan::new(s.catalog, &Options { as_of: s.as_of, lang: s.lang });
    let work_rx = std::sync::Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(threads * 2);
    let mut total = Summary::default();
    let mut reported = 0usize;
    let started = Instant::now();
    // A progress line only for a person watching a terminal.
    let show = std::io::stderr().is_terminal();

    // Output buffers go back to the workers once written: a chunk's matches
    // are a few hundred KB, and fresh buffers of that size cost page faults.
    let buffers = std::sync::Mutex::new(Vec::<String>::new());

    std::thread::scope(|scope| -> Result<(), String> {
        for _ in 0..threads {
            let (rx, tx, plan, buffers) = (&work_rx, done_tx.clone(), &plan, &buffers);
            scope.spawn(move || loop {
                let job = rx.lock().ok().and_then(|r| r.recv().ok());
                let Some(chunk) = job else { break };
                let seq = chunk.seq;
                let mut errors = Vec::new();
                let out = buffers.lock().ok().and_then(|mut b| b.pop()).unwrap_or_default();
                let (text, sum) = evaluate_chunk(chunk, plan, s, out, &mut errors);
                if tx.send((seq, text, sum, errors)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let reader = scope.spawn(move || read_rows(input, s, work_tx));

        // Write in input order; a chunk that finishes early waits here.
        let mut pending: BTreeMap<u64, (String, Summary, Vec<String>)> = BTreeMap::new();
        let mut next = 0u64;
        let mut last_shown = Instant::now();
        let mut write_error = None;
        for (seq, text, sum, errors) in done_rx.iter() {
            pending.insert(seq, (text, sum, errors));
            while let Some((mut text, sum, errors)) = pending.remove(&next) {
                if write_error.is_none() {
                    if let Err(e) = output.write_all(text.as_bytes()) {
                        write_error = Some(e.to_string());
                    }
                }
                text.clear();
                if let Ok(mut b) = buffers.lock() {
                    b.push(text);
                }
                for e in errors {
                    // The first lines are enough to find a systematic problem.
                    if reported < 20 {
                        eprintln!("{e}");
                    }
                    reported += 1;
                }
                total.merge(sum);
                next += 1;
            }
            if show && last_shown.elapsed() > Duration::from_millis(250) {
                last_shown = Instant::now();
                let rate = total.rows as f64 / started.elapsed().as_secs_f64().max(1e-9);
                eprint!("\r{} rows, {} bad, {rate:.0} rows/s   ", total.rows, total.bad_rows);
            }
        }
        if show {
            eprintln!("\r{} rows, {} bad, {:.1} s            ", total.rows, total.bad_rows, started.elapsed().as_secs_f64());
        }
        if reported > 20 {
            eprintln!("… and {} more unreadable rows", reported - 20);
        }
        reader.join().map_err(|_| "the reader stopped unexpectedly".to_string())??;
        match write_error {
            Some(e) => Err(format!("writing the matches: {e}")),
            None => Ok(()),
        }
    })?;
    output.flush().map_err(|e| e.to_string())?;
    Ok(total)
}

/// Splits the input into chunks of lines and queues them.
fn read_rows(input: impl BufRead, s: &Settings, tx: mpsc::SyncSender<Chunk>) -> Result<(), String> {
    let mut seq = 0u64;
    let mut header: Arc<[String]> = Arc::new([]);
    let mut rows = Vec::with_capacity(CHUNK);
    let mut send = |rows: &mut Vec<Raw>, header: &Arc<[String]>| -> bool {
        let full = std::mem::replace(rows, Vec::with_capacity(CHUNK));
        let ok = tx.send(Chunk { seq, header: header.clone(), rows: full }).is_ok();
        seq += 1;
        ok
    };
    match s.format {
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
            header = reader.headers().map_err(|e| format!("reading the header: {e}"))?.iter().map(|h| h.trim().to_string()).collect();
            let mut record = csv::StringRecord::new();
            loop {
                let raw = match reader.read_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => Raw::Csv { line: record.position().map_or(0, |p| p.line()), record: std::mem::take(&mut record) },
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        // A row that is not UTF-8 or has the wrong number of
                        // cells is skipped; an I/O error ends the reading.
                        if let csv::ErrorKind::Io(io) = e.kind() {
                            return Err(format!("line {line}: {io}"));
                        }
                        Raw::Unreadable { line, message: e.to_string() }
                    }
                };
                rows.push(raw);
                if rows.len() == CHUNK && !send(&mut rows, &header) {
                    return Ok(());
                }
            }
        }
        Format::JsonLines => {
            for (i, line) in input.lines().enumerate() {
                let n = i as u64 + 1;
                let text = line.map_err(|e| format!("line {n}: {e}"))?;
                if text.trim().is_empty() {
                    continue;
                }
                rows.push(Raw::Json { line: n, text });
                if rows.len() == CHUNK && !send(&mut rows, &header) {
                    return Ok(());
                }
            }
        }
    }
    if !rows.is_empty() {
        send(&mut rows, &header);
    }
    Ok(())
}
