//! Reading a register: bytes in, a header and chunks of rows out.
//!
//! - [`TextReader`]: CSV (UTF-8 with or without BOM, or GB18030/GBK) and
//!   JSON Lines, pushed in slices of any size ([`TextReader::feed`]), so that
//!   a file of any length streams and a browser can hand over one
//!   `Blob.slice` at a time.
//! - [`read_workbook`]: the first sheet (or the one named) of an .xlsx or
//!   .xls workbook, through calamine; cells read as Excel shows them.
//!
//! Both give [`Rows`]: a chunk of rows, each with its line number, its cells
//! still as bytes (decoding is left to [`crate::Register::decide`], so that
//! it runs on every core). [`sniff`] tells which reader a file needs.

mod text;
mod workbook;

pub use text::{TextKind, TextReader};
pub use workbook::{excel_number, read_workbook, TableEvent};

use crate::error::RowProblem;

/// How a file's first bytes say it must be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip archive: an .xlsx workbook.
    Xlsx,
    /// An OLE compound file: an .xls workbook (Excel 97–2003).
    Xls,
    /// Anything else: text, CSV or JSON Lines.
    Text,
}

/// What `head`, a file's first bytes (8 are enough), is.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") {
        Sniffed::Xlsx
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Xls
    } else {
        Sniffed::Text
    }
}

/// The encoding of a text register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, is dropped).
    Utf8,
    /// GB18030, which reads GBK and GB2312 too.
    Gb18030,
}

impl Encoding {
    /// Its name, as said in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// One row of a chunk.
#[derive(Clone, Debug)]
pub(crate) struct RowAt {
    /// The line (CSV, JSON Lines) or sheet row (1 = the first) it was read from.
    pub line: u64,
    /// One past the index in `Rows::ends` of its last cell.
    pub cells: u32,
    /// Why it cannot be read, if it cannot.
    pub problem: Option<RowProblem>,
}

/// A chunk of rows, in order: what one call of [`crate::Register::decide`]
/// decides. The cells are kept back to back in one buffer, in the chunk's
/// encoding (a JSON line is one cell).
#[derive(Clone, Debug)]
pub struct Rows {
    pub(crate) encoding: Encoding,
    pub(crate) data: Vec<u8>,
    pub(crate) ends: Vec<u32>,
    pub(crate) rows: Vec<RowAt>,
}

impl Default for Rows {
    fn default() -> Rows {
        Rows::new(Encoding::Utf8)
    }
}

impl Rows {
    /// An empty chunk whose cells are in `encoding`.
    pub fn new(encoding: Encoding) -> Rows {
        Rows { encoding, data: Vec::new(), ends: Vec::new(), rows: Vec::new() }
    }

    /// How many rows it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it holds no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The encoding its cells are in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The line (or sheet row) row `i` was read from.
    pub fn line(&self, i: usize) -> u64 {
        self.rows[i].line
    }

    /// Row `i`'s cells as text; `None` when the row cannot be read (see
    /// [`crate::Register::decide`], which reports why).
    pub fn cells(&self, i: usize) -> Option<Vec<String>> {
        let (at, data, ends, start) = self.row(i);
        if at.problem.is_some() {
            return None;
        }
        let mut from = 0;
        let mut cells = Vec::with_capacity(ends.len());
        for &e in ends {
            let e = e as usize - start;
            cells.push(text::decode(&data[from..e], self.encoding)?);
            from = e;
        }
        Some(cells)
    }

    /// Adds a row of text cells (UTF-8), read from `line`.
    pub fn push_cells<S: AsRef<str>>(&mut self, line: u64, cells: &[S]) {
        for c in cells {
            self.data.extend_from_slice(c.as_ref().as_bytes());
            self.ends.push(self.data.len() as u32);
        }
        self.rows.push(RowAt { line, cells: self.ends.len() as u32, problem: None });
    }

    /// Adds a row of text cells (UTF-8) from an iterator.
    pub(crate) fn push_cells_iter<'a>(&mut self, line: u64, cells: impl Iterator<Item = &'a String>) {
        for c in cells {
            self.data.extend_from_slice(c.as_bytes());
            self.ends.push(self.data.len() as u32);
        }
        self.rows.push(RowAt { line, cells: self.ends.len() as u32, problem: None });
    }

    /// Adds a row whose cells are `fields`, back to back, ending at `ends`
    /// (offsets into `fields`).
    pub(crate) fn push_raw(&mut self, line: u64, fields: &[u8], ends: &[usize], problem: Option<RowProblem>) {
        let base = self.data.len();
        self.data.extend_from_slice(fields);
        self.ends.extend(ends.iter().map(|&e| (base + e) as u32));
        self.rows.push(RowAt { line, cells: self.ends.len() as u32, problem });
    }

    /// The bytes of row `i` (all its cells) and the ends of its cells within them.
    pub(crate) fn row(&self, i: usize) -> (&RowAt, &[u8], &[u32], usize) {
        let row = &self.rows[i];
        let first = if i == 0 { 0 } else { self.rows[i - 1].cells as usize };
        let start = if first == 0 { 0 } else { self.ends[first - 1] as usize };
        let ends = &self.ends[first..row.cells as usize];
        let end = ends.last().map_or(start, |&e| e as usize);
        (row, &self.data[start..end], ends, start)
    }
}
