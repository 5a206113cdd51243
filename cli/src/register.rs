//! `policy-calc match`: 政策找企业 over a whole register.
//!
//! Reads enterprise profiles as CSV (header = CONTRACT.md keys) or JSON Lines,
//! evaluates the catalog for each, and writes one JSON line per policy that
//! applies or may apply (`eligible`, `needs_input`), plus a per-policy
//! summary: how many qualify, the total amount, how many need more input and
//! which inputs are missing most often (what the government must fill in for
//! 免申即享).
//!
//! It streams: rows go in chunks through a bounded queue to one worker per
//! core and come out in input order, so memory stays flat however long the
//! register is, and two runs give the same bytes. A row that cannot be read
//! is reported with its line number, counted and skipped.

use calculator_core::{decide_all, Catalog, Date, Lang, Options, Profile, RawValue, Status};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHUNK: usize = 256;

/// How the register is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated, first line the CONTRACT.md keys; an empty cell is unknown.
    Csv,
    /// One JSON object per line, CONTRACT.md keys; a missing key or null is unknown.
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

/// A row as read: the enterprise's key and its profile.
struct Row {
    key: String,
    profile: Profile,
}

/// Counts for one policy.
#[derive(Default, Clone)]
struct PolicyCount {
    eligible: u64,
    total: Decimal,
    needs_input: u64,
    missing: HashMap<String, u64>,
}

/// What a chunk (and, merged, the run) found.
#[derive(Default)]
pub struct Summary {
    pub rows: u64,
    pub bad_rows: u64,
    pub rows_with_field_errors: u64,
    policies: BTreeMap<String, PolicyCount>,
}

impl Summary {
    fn merge(&mut self, other: Summary) {
        self.rows += other.rows;
        self.bad_rows += other.bad_rows;
        self.rows_with_field_errors += other.rows_with_field_errors;
        for (id, c) in other.policies {
            let mine = self.policies.entry(id).or_default();
            mine.eligible += c.eligible;
            mine.total += c.total;
            mine.needs_input += c.needs_input;
            for (k, n) in c.missing {
                *mine.missing.entry(k).or_default() += n;
            }
        }
    }

    /// The summary as JSON: per policy, in the catalog's order.
    pub fn to_json(&self, catalog: &Catalog, as_of: Date) -> serde_json::Value {
        let policies: Vec<serde_json::Value> = catalog
            .policies()
            .iter()
            .map(|p| {
                let c = self.policies.get(&p.id).cloned().unwrap_or_default();
                let mut missing: Vec<(String, u64)> = c.missing.into_iter().collect();
                missing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                missing.truncate(5);
                serde_json::json!({
                    "policy_id": p.id,
                    "eligible": c.eligible,
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

/// Evaluates one chunk: the JSON lines to write and what it counted.
fn evaluate_chunk(rows: Vec<Result<Row, (u64, String)>>, s: &Settings, errors: &mut Vec<String>) -> (String, Summary) {
    let options = Options { as_of: s.as_of, lang: s.lang };
    let ids: Vec<String> = s.catalog.policies().iter().map(|p| serde_json::Value::String(p.id.clone()).to_string()).collect();
    let mut out = String::new();
    let mut sum = Summary::default();
    for row in rows {
        let row = match row {
            Ok(r) => r,
            Err((line, message)) => {
                sum.bad_rows += 1;
                errors.push(format!("line {line}: {message}"));
                continue;
            }
        };
        sum.rows += 1;
        // The lean path: the report's decisions without its explanations.
        let decided = decide_all(s.catalog, &row.profile, &options);
        if decided.field_errors > 0 {
            sum.rows_with_field_errors += 1;
        }
        let key = serde_json::Value::String(row.key).to_string();
        for (pi, (p, d)) in s.catalog.policies().iter().zip(&decided.decisions).enumerate() {
            match d.status {
                Status::Eligible => {
                    let c = sum.policies.entry(p.id.clone()).or_default();
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
                        None => out.push_str("null"),
                    }
                    out.push_str(if d.counted_in_totals { ",\"counted_in_totals\":true,\"key\":" } else { ",\"counted_in_totals\":false,\"key\":" });
                    out.push_str(&key);
                    out.push_str(",\"policy_id\":");
                    out.push_str(&ids[pi]);
                    out.push_str(",\"status\":\"eligible\"}\n");
                }
                Status::NeedsInput => {
                    let c = sum.policies.entry(p.id.clone()).or_default();
                    c.needs_input += 1;
                    let missing: Vec<&str> = d.missing.iter().map(|&i| s.catalog.inputs()[usize::from(i)].key.as_str()).collect();
                    for m in &missing {
                        *c.missing.entry((*m).to_string()).or_default() += 1;
                    }
                    out.push_str("{\"key\":");
                    out.push_str(&key);
                    out.push_str(",\"missing\":[");
                    for (i, m) in missing.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push('"');
                        out.push_str(m); // catalog keys: snake_case, nothing to escape
                        out.push('"');
                    }
                    out.push_str("],\"policy_id\":");
                    out.push_str(&ids[pi]);
                    out.push_str(",\"status\":\"needs_input\"}\n");
                }
                _ => {}
            }
        }
    }
    (out, sum)
}

/// Reads the register from `input`, writes matches to `output`; returns the summary.
pub fn run(input: impl BufRead + Send, output: &mut dyn Write, s: &Settings) -> Result<Summary, String> {
    let threads = s.threads.max(1);
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Vec<Result<Row, (u64, String)>>)>(threads * 2);
    let work_rx = std::sync::Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(u64, String, Summary, Vec<String>)>(threads * 2);
    let mut total = Summary::default();
    let mut reported = 0usize;
    let started = Instant::now();
    // A progress line only for a person watching a terminal.
    let show = std::io::stderr().is_terminal();

    std::thread::scope(|scope| -> Result<(), String> {
        for _ in 0..threads {
            let (rx, tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || loop {
                let job = rx.lock().ok().and_then(|r| r.recv().ok());
                let Some((seq, rows)) = job else { break };
                let mut errors = Vec::new();
                let (text, sum) = evaluate_chunk(rows, s, &mut errors);
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
            while let Some((text, sum, errors)) = pending.remove(&next) {
                if write_error.is_none() {
                    if let Err(e) = output.write_all(text.as_bytes()) {
                        write_error = Some(e.to_string());
                    }
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

/// Splits the input into chunks of rows and queues them.
fn read_rows(input: impl BufRead, s: &Settings, tx: mpsc::SyncSender<(u64, Vec<Result<Row, (u64, String)>>)>) -> Result<(), String> {
    let mut seq = 0u64;
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut send = |chunk: &mut Vec<Result<Row, (u64, String)>>| -> bool {
        let full = std::mem::replace(chunk, Vec::with_capacity(CHUNK));
        let ok = tx.send((seq, full)).is_ok();
        seq += 1;
        ok
    };
    match s.format {
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
            let header: Vec<String> = reader.headers().map_err(|e| format!("reading the header: {e}"))?.iter().map(|h| h.trim().to_string()).collect();
            let key_col = header.iter().position(|h| *h == s.key);
            for record in reader.records() {
                let row = match record {
                    Ok(rec) => {
                        let line = rec.position().map_or(0, |p| p.line());
                        let mut profile = Profile::new();
                        for (name, value) in header.iter().zip(rec.iter()) {
                            if !value.trim().is_empty() {
                                profile.set(name, RawValue::Text(value.to_string()));
                            }
                        }
                        let key = key_col.and_then(|i| rec.get(i)).filter(|k| !k.is_empty()).map_or_else(|| format!("line:{line}"), str::to_string);
                        Ok(Row { key, profile })
                    }
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        Err((line, e.to_string()))
                    }
                };
                chunk.push(row);
                if chunk.len() == CHUNK && !send(&mut chunk) {
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
                let row = match serde_json::from_str::<Profile>(&text) {
                    Ok(profile) => {
                        let key = match profile.0.get(&s.key) {
                            Some(RawValue::Text(k)) | Some(RawValue::Number(k)) if !k.is_empty() => k.clone(),
                            _ => format!("line:{n}"),
                        };
                        Ok(Row { key, profile })
                    }
                    Err(e) => Err((n, format!("not a JSON object of profile values: {e}"))),
                };
                chunk.push(row);
                if chunk.len() == CHUNK && !send(&mut chunk) {
                    return Ok(());
                }
            }
        }
    }
    if !chunk.is_empty() {
        send(&mut chunk);
    }
    Ok(())
}
