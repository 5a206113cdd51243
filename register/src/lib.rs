//! # calculator-register
//!
//! 政策找企业 and 主动推送 over a whole register of enterprises, as pure
//! functions over bytes and values: no file system, no threads, no clock, so
//! that the same code runs in `policy-calc match` (which adds the files, the
//! worker threads and the flags) and, compiled to wasm32, in a browser's Web
//! Worker, one chunk of rows per call.
//!
//! ## A run, step by step
//! 1. [`sniff`] the first bytes: a workbook (.xlsx, .xls) or text.
//! 2. Read: text through a [`TextReader`] (CSV in UTF-8 or GB18030, or JSON
//!    Lines), fed slices as they come ([`TextReader::feed`], then
//!    [`TextReader::finish`]), taking [`Rows`] out with
//!    [`TextReader::next_chunk`]; a workbook through [`read_workbook`],
//!    which hands a [`TableEvent`] at a time to a callback.
//! 3. With the header ([`TextReader::header`], or [`TableEvent::Header`]):
//!    [`Register::new`] (or [`Register::json_lines`]) prepares the catalog
//!    for the run; [`Register::header`] tells which column is which and
//!    [`HeaderMap::notes`] what is ignored. [`Register::with_baseline`]
//!    compares with an older catalog.
//! 4. Per chunk: [`Register::decide`] gives [`Decided`]; write it with
//!    [`Register::write_jsonl`], [`Register::write_csv`] (after
//!    [`Register::write_csv_header`]) or an [`XlsxBook`], and
//!    [`Register::write_notices`]; report [`Decided::bad`] by line; merge
//!    [`Decided::summary`] into the run's [`Summary`].
//! 5. At the end: [`Summary::to_json`], [`XlsxBook::finish`].
//!
//! Chunks are independent: decide them on any number of workers, write them
//! in input order, and the output is the same bytes.
//!
//! ```
//! use calculator_register::{MatchOptions, Register, Summary, TextKind, TextReader};
//! let catalog = calculator_core::default_catalog()?;
//! let mut reader = TextReader::new(TextKind::Csv, 256);
//! reader.feed("统一社会信用代码,企业名称,主体类型,企业所得税年度应纳税所得额,从业人数,资产总额,是否从事国家限制或禁止行业\n\
//!              91210800MA0QEXAMP3,营口某某机械有限公司,enterprise,1800000,48,19000000,false\n".as_bytes())?;
//! reader.finish()?;
//! let register = Register::new(catalog, reader.header().unwrap(), MatchOptions::new("2025-12-31".parse()?))?;
//! let mut summary = Summary::default();
//! let mut lines = String::new();
//! while let Some(rows) = reader.next_chunk() {
//!     let decided = register.decide(&rows);
//!     register.write_jsonl(&decided, &mut lines);
//!     summary.merge(decided.summary);
//! }
//! assert!(lines.contains(r#""amount":"360000.00","counted_in_totals":true,"key":"91210800MA0QEXAMP3","policy_id":"cn.cit.small-low-profit""#));
//! assert_eq!(summary.rows, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod districts;
mod error;
pub mod generate;
mod header;
mod lines;
mod notice;
mod read;
mod register;
mod summary;
mod xlsx;

pub use districts::district_name;
pub use error::{BadRow, FileError, RowProblem};
pub use header::{Column, HeaderMap};
pub use notice::NOTICE_CHARS;
pub use read::{excel_number, read_workbook, sniff, Encoding, Rows, Sniffed, TableEvent, TextKind, TextReader};
pub use register::{Change, Decided, Enterprise, MatchOptions, Register};
pub use summary::{Changes, DistrictCount, PolicyCount, Summary};
pub use xlsx::{XlsxBook, SHEET_ROWS};
