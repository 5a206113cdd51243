//! `policy-calc match`: 政策找企业 over a whole register, the files and
//! threads around `calculator-register` (which reads, decides and writes).
//!
//! It streams: a reader thread reads the file (a CSV or JSON Lines file in
//! slices, a workbook cell by cell) into chunks of rows, which go through a
//! bounded queue to one worker per core; each worker decides its chunk and
//! writes its lines; the main thread puts the chunks back in input order and
//! writes them out. Memory stays flat however long the register is, and two
//! runs give the same bytes. A row that cannot be read is reported with its
//! line number, counted and skipped.

use calculator_core::Catalog;
use calculator_register::{read_workbook, Decided, FileError, MatchOptions, Register, Rows, Summary, TableEvent, TextKind, TextReader, XlsxBook};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Seek, Write};
use std::sync::{mpsc, Mutex, OnceLock};
use std::time::{Duration, Instant};

const CHUNK: usize = 256;
/// How much of a text register is read at a time.
const SLICE: usize = 1 << 20;

/// Where the register comes from.
pub enum Source {
    /// CSV or JSON Lines, read in slices.
    Text(TextKind, Box<dyn Read + Send>),
    /// An .xlsx or .xls workbook, and the sheet asked for.
    Workbook(Box<dyn ReadSeek>, Option<String>),
}

/// A workbook is read with seeks.
pub trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

/// What the matches are written as.
pub enum Output<'w> {
    /// JSON Lines.
    JsonLines(&'w mut dyn Write),
    /// CSV, UTF-8 with a BOM.
    Csv(&'w mut dyn Write),
    /// An xlsx workbook, written at the end.
    Xlsx(std::fs::File),
}

/// One run's settings.
pub struct Settings<'a> {
    pub catalog: &'a Catalog,
    pub baseline: Option<&'a Catalog>,
    pub options: MatchOptions,
    pub threads: usize,
}

/// A chunk to decide.
struct Work {
    seq: u64,
    rows: Rows,
}

/// A chunk decided: its lines, its notices, the chunk itself for an xlsx,
/// what it counted and the rows it skipped (as messages).
struct Done {
    seq: u64,
    text: String,
    notices: String,
    decided: Option<Decided>,
    summary: Summary,
    bad: Vec<String>,
}

/// Why a run failed: a file that is no register (said in the run's
/// language), or reading or writing.
pub enum RunError {
    File(FileError),
    Io(String),
}

/// Reads the register from `source`, writes the matches to `output` and the
/// notices to `notices`; returns the summary.
pub fn run(source: Source, output: Output, mut notices: Option<&mut dyn Write>, s: &Settings) -> Result<Summary, RunError> {
    let threads = s.threads.max(1);
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(threads * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(threads * 2);
    // Built by the reader from the header, before it sends any rows.
    let register: OnceLock<Register> = OnceLock::new();
    let lang = s.options.lang;
    let (kind, mut lines_out, xlsx_file) = match output {
        Output::JsonLines(w) => (Kind::Jsonl, Some(w), None),
        Output::Csv(w) => (Kind::Csv, Some(w), None),
        Output::Xlsx(f) => (Kind::Xlsx, None, Some(f)),
    };
    let want_notices = notices.is_some();
    let mut total = Summary::default();
    let mut reported = 0usize;
    let started = Instant::now();
    // A progress line only for a person watching a terminal.
    let show = std::io::stderr().is_terminal();
    // Output buffers go back to the workers once written: a chunk's lines
    // are a few hundred KB, and fresh buffers of that size, allocated on one
    // thread and freed on another, cost page faults and memory.
    let buffers = Mutex::new(Vec::<String>::new());

    std::thread::scope(|scope| -> Result<(), RunError> {
        for _ in 0..threads {
            let (rx, tx, register, buffers) = (&work_rx, done_tx.clone(), &register, &buffers);
            scope.spawn(move || loop {
                let job = rx.lock().ok().and_then(|r| r.recv().ok());
                let Some(Work { seq, rows }) = job else { break };
                let Some(reg) = register.get() else { break };
                let mut decided = reg.decide(&rows);
                let mut text = buffers.lock().ok().and_then(|mut b| b.pop()).unwrap_or_default();
                match kind {
                    Kind::Jsonl => reg.write_jsonl(&decided, &mut text),
                    Kind::Csv => reg.write_csv(&decided, &mut text),
                    Kind::Xlsx => {}
                }
                let mut notices = if want_notices { buffers.lock().ok().and_then(|mut b| b.pop()).unwrap_or_default() } else { String::new() };
                if want_notices {
                    reg.write_notices(&decided, &mut notices);
                }
                let summary = std::mem::take(&mut decided.summary);
                let bad = decided.bad.iter().map(|b| b.message(lang)).collect();
                let decided = (kind == Kind::Xlsx).then_some(decided);
                if tx.send(Done { seq, text, notices, decided, summary, bad }).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let reader = {
            let register = &register;
            scope.spawn(move || read(source, s, register, work_tx))
        };

        let mut book: Option<XlsxBook> = None;
        let mut started_output = false;
        let mut write_error: Option<String> = None;

        // Write in input order; a chunk that finishes early waits here.
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        let mut last_shown = Instant::now();
        for done in done_rx.iter() {
            pending.insert(done.seq, done);
            while let Some(mut d) = pending.remove(&next) {
                if write_error.is_none() && !started_output {
                    if let Some(reg) = register.get() {
                        started_output = true;
                        if let Err(e) = start_output(kind, &mut lines_out, &mut book, reg) {
                            write_error = Some(e);
                        }
                    }
                }
                if write_error.is_none() {
                    let written = match (&mut lines_out, &mut book, &d.decided) {
                        (Some(w), _, _) => w.write_all(d.text.as_bytes()).map_err(|e| e.to_string()),
                        (None, Some(b), Some(decided)) => {
                            b.push(decided);
                            Ok(())
                        }
                        _ => Ok(()),
                    };
                    let noted = match notices.as_mut() {
                        Some(n) => n.write_all(d.notices.as_bytes()).map_err(|e| e.to_string()),
                        None => Ok(()),
                    };
                    if let Err(e) = written.and(noted) {
                        write_error = Some(e);
                    }
                }
                d.text.clear();
                d.notices.clear();
                if let Ok(mut b) = buffers.lock() {
                    b.push(std::mem::take(&mut d.text));
                    if d.notices.capacity() > 0 {
                        b.push(std::mem::take(&mut d.notices));
                    }
                }
                for e in d.bad {
                    // The first lines are enough to find a systematic problem.
                    if reported < 20 {
                        eprintln!("{e}");
                    }
                    reported += 1;
                }
                total.merge(d.summary);
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
            let more = reported - 20;
            eprintln!("{}", lang.pick(format!("……另有 {more} 行无法读取"), format!("……另有 {more} 行無法讀取"), format!("… and {more} more unreadable rows")));
        }
        reader.join().map_err(|_| RunError::Io("the reader stopped unexpectedly".into()))??;
        // A register with a header and no rows still gets its CSV header or workbook.
        if write_error.is_none() && !started_output {
            if let Some(reg) = register.get() {
                if let Err(e) = start_output(kind, &mut lines_out, &mut book, reg) {
                    write_error = Some(e);
                }
            }
        }
        if let Some(e) = write_error {
            return Err(RunError::Io(format!("writing the matches: {e}")));
        }
        if let (Some(b), Some(f)) = (book, xlsx_file) {
            b.finish_to(&total, std::io::BufWriter::new(f)).map_err(|e| RunError::Io(format!("writing the workbook: {e}")))?;
        }
        Ok(())
    })?;
    if let Some(w) = lines_out {
        w.flush().map_err(|e| RunError::Io(e.to_string()))?;
    }
    if let Some(n) = notices {
        n.flush().map_err(|e| RunError::Io(e.to_string()))?;
    }
    Ok(total)
}

/// The CSV's header line, or the workbook, once the register is known.
fn start_output<'r, 'c>(kind: Kind, lines_out: &mut Option<&mut dyn Write>, book: &mut Option<XlsxBook<'r, 'c>>, reg: &'r Register<'c>) -> Result<(), String> {
    match kind {
        Kind::Csv => {
            let mut head = String::new();
            reg.write_csv_header(&mut head);
            if let Some(w) = lines_out.as_mut() {
                w.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
            }
        }
        Kind::Xlsx => *book = Some(XlsxBook::new(reg, true)?),
        Kind::Jsonl => {}
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jsonl,
    Csv,
    Xlsx,
}

/// The register for `header` (or for JSON Lines), with its notes said once on stderr.
fn prepare<'c>(s: &Settings<'c>, header: Option<&[String]>, cell: &OnceLock<Register<'c>>) -> Result<(), FileError> {
    let register = match header {
        Some(h) => Register::new(s.catalog, h, s.options.clone())?,
        None => Register::json_lines(s.catalog, s.options.clone()),
    };
    let register = match s.baseline {
        Some(b) => register.with_baseline(b),
        None => register,
    };
    if let Some(map) = register.header() {
        for note in map.notes(s.options.lang) {
            eprintln!("{note}");
        }
    }
    let _ = cell.set(register);
    Ok(())
}

/// Reads the source into chunks and queues them.
fn read<'c>(source: Source, s: &Settings<'c>, register: &OnceLock<Register<'c>>, tx: mpsc::SyncSender<Work>) -> Result<(), RunError> {
    let mut seq = 0u64;
    let mut send = |rows: Rows| -> bool {
        let ok = tx.send(Work { seq, rows }).is_ok();
        seq += 1;
        ok
    };
    match source {
        Source::Text(kind, mut input) => {
            let mut reader = TextReader::new(kind, CHUNK);
            if kind == TextKind::JsonLines {
                prepare(s, None, register).map_err(RunError::File)?;
            }
            let mut buf = vec![0u8; SLICE];
            loop {
                let n = match input.read(&mut buf) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(RunError::Io(e.to_string())),
                };
                if n == 0 {
                    reader.finish().map_err(RunError::File)?;
                } else {
                    reader.feed(&buf[..n]).map_err(RunError::File)?;
                }
                if register.get().is_none() {
                    if let Some(h) = reader.header() {
                        prepare(s, Some(h), register).map_err(RunError::File)?;
                    }
                }
                if register.get().is_some() {
                    while let Some(rows) = reader.next_chunk() {
                        if !send(rows) {
                            return Ok(());
                        }
                    }
                }
                if n == 0 {
                    return Ok(());
                }
            }
        }
        Source::Workbook(input, sheet) => read_workbook(input, sheet.as_deref(), CHUNK, &mut |event| match event {
            TableEvent::Header(h) => prepare(s, Some(&h), register).map(|_| true),
            TableEvent::Rows(rows) => Ok(send(rows)),
        })
        .map_err(RunError::File),
    }
}
