//! Workbooks: .xlsx (streamed cell by cell) and .xls (read whole; at most
//! 65,536 rows), through calamine.
//!
//! Cells are read as Excel shows them, so that a sheet and the CSV Excel
//! saves from it give the same register: a number to its 15 significant
//! digits, Excel's precision (a cell holding 1234.5599999999999 shows, and
//! is read as, 1234.56), a whole number without a decimal point, a date cell
//! as YYYY-MM-DD, a boolean as true or false, an error cell as its code
//! (#N/A: a field error, so unknown). The first row with two cells or more
//! is the header (title rows of one cell above it are skipped; a sheet of
//! one column has its first row as header); rows with no cell are skipped;
//! cells right of the header are ignored.

use super::text::TITLE_ROWS;
use super::{sniff, Encoding, Rows, Sniffed};
use crate::error::FileError;
use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xls, Xlsx};
use std::io::{Read, Seek, SeekFrom};

/// What [`read_workbook`] hands over, in order: the header once, then chunks of rows.
pub enum TableEvent {
    /// The header row's cells.
    Header(Vec<String>),
    /// The next rows.
    Rows(Rows),
}

/// Reads the sheet `sheet` (else the first worksheet) of the workbook in
/// `rs`, an .xlsx or .xls file, giving `sink` the header and then chunks of
/// `rows_per_chunk` rows. `sink` returns `Ok(false)` to stop early (nothing
/// more is wanted) or an error to stop with it.
pub fn read_workbook<RS: Read + Seek>(
    mut rs: RS,
    sheet: Option<&str>,
    rows_per_chunk: usize,
    sink: &mut dyn FnMut(TableEvent) -> Result<bool, FileError>,
) -> Result<(), FileError> {
    let mut head = [0u8; 8];
    let n = read_up_to(&mut rs, &mut head).map_err(|e| FileError::NotATable(e.to_string()))?;
    rs.seek(SeekFrom::Start(0)).map_err(|e| FileError::NotATable(e.to_string()))?;
    let mut grid = Grid::new(rows_per_chunk, sink);
    match sniff(&head[..n]) {
        Sniffed::Xlsx => {
            let mut book: Xlsx<RS> = calamine::open_workbook_from_rs(rs).map_err(|e| FileError::NotATable(format!("xlsx: {e}")))?;
            let name = choose(book.sheets_metadata(), sheet)?;
            let mut cells = book.worksheet_cells_reader(&name).map_err(|e| FileError::Workbook(e.to_string()))?;
            while let Some(cell) = cells.next_cell().map_err(|e| FileError::Workbook(e.to_string()))? {
                let (row, col) = cell.get_position();
                if !grid.cell(row, col, |out| text_ref(cell.get_value(), out))? {
                    return Ok(());
                }
            }
            grid.end(&name)
        }
        Sniffed::Xls => {
            let mut book: Xls<RS> = calamine::open_workbook_from_rs(rs).map_err(|e| FileError::NotATable(format!("xls: {e}")))?;
            let name = choose(book.sheets_metadata(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| FileError::Workbook(e.to_string()))?;
            if let Some((top, left)) = range.start() {
                for (i, cells) in range.rows().enumerate() {
                    for (j, value) in cells.iter().enumerate() {
                        if !grid.cell(top + i as u32, left + j as u32, |out| text(value, out))? {
                            return Ok(());
                        }
                    }
                }
            }
            grid.end(&name)
        }
        Sniffed::Text => Err(FileError::NotATable("not an xlsx or xls workbook".into())),
    }
}

fn read_up_to(rs: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match rs.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The sheet asked for, or the first visible worksheet.
fn choose(sheets: &[calamine::Sheet], wanted: Option<&str>) -> Result<String, FileError> {
    match wanted {
        Some(w) => sheets
            .iter()
            .find(|s| s.name == w)
            .or_else(|| sheets.iter().find(|s| s.name.trim() == w.trim()))
            .map(|s| s.name.clone())
            .ok_or_else(|| FileError::NoSuchSheet { name: w.to_string(), sheets: sheets.iter().map(|s| s.name.clone()).collect() }),
        None => {
            let work = |s: &&calamine::Sheet| s.typ == SheetType::WorkSheet;
            sheets
                .iter()
                .filter(work)
                .find(|s| s.visible == SheetVisible::Visible)
                .or_else(|| sheets.iter().find(work))
                .map(|s| s.name.clone())
                .ok_or(FileError::Empty { sheet: None })
        }
    }
}

/// Cells gathered into rows, in the order the sheet gives them (row by row).
struct Grid<'s> {
    per_chunk: usize,
    sink: &'s mut dyn FnMut(TableEvent) -> Result<bool, FileError>,
    row: Option<u32>,
    cells: Vec<String>,
    /// Rows of one cell before the header: titles, or a table of one column.
    preamble: Vec<(u32, Vec<String>)>,
    width: Option<usize>,
    rows: Rows,
}

impl<'s> Grid<'s> {
    fn new(per_chunk: usize, sink: &'s mut dyn FnMut(TableEvent) -> Result<bool, FileError>) -> Grid<'s> {
        Grid { per_chunk: per_chunk.max(1), sink, row: None, cells: Vec::new(), preamble: Vec::new(), width: None, rows: Rows::new(Encoding::Utf8) }
    }

    /// One cell, written by `text` into its column's buffer; `false` when
    /// the sink wants no more.
    fn cell(&mut self, row: u32, col: u32, text: impl FnOnce(&mut String)) -> Result<bool, FileError> {
        if self.row != Some(row) {
            if !self.flush()? {
                return Ok(false);
            }
            self.row = Some(row);
        }
        let col = col as usize;
        if self.width.is_some_and(|w| col >= w) {
            return Ok(true);
        }
        if self.cells.len() <= col {
            self.cells.resize(col + 1, String::new());
        }
        let cell = &mut self.cells[col];
        cell.clear();
        text(cell);
        Ok(true)
    }

    /// The row gathered so far, if any cell of it holds something. The
    /// cells' buffers are kept for the next row.
    fn flush(&mut self) -> Result<bool, FileError> {
        let Some(row) = self.row.take() else { return Ok(true) };
        let filled = self.cells.iter().filter(|c| !c.trim().is_empty()).count();
        let go_on = match self.width {
            _ if filled == 0 => true,
            // A title above the header (one cell), while a header may still come.
            None if filled == 1 && self.preamble.len() + 1 < TITLE_ROWS => {
                self.preamble.push((row, self.cells.clone()));
                true
            }
            None if filled == 1 => {
                self.preamble.push((row, self.cells.clone()));
                self.header_from_preamble()?
            }
            None => {
                self.preamble.clear();
                let header = self.cells.clone();
                self.header(header)?
            }
            Some(_) => {
                let cells = std::mem::take(&mut self.cells);
                let go_on = self.data(row, &cells);
                self.cells = cells;
                go_on?
            }
        };
        self.cells.iter_mut().for_each(String::clear);
        Ok(go_on)
    }

    fn header(&mut self, mut header: Vec<String>) -> Result<bool, FileError> {
        while header.last().is_some_and(|c| c.trim().is_empty()) {
            header.pop();
        }
        self.width = Some(header.len());
        (self.sink)(TableEvent::Header(header))
    }

    /// No header of two cells in the first rows: the first row is the header after all.
    fn header_from_preamble(&mut self) -> Result<bool, FileError> {
        let mut held = std::mem::take(&mut self.preamble).into_iter();
        let Some((_, first)) = held.next() else { return Ok(true) };
        if !self.header(first)? {
            return Ok(false);
        }
        for (row, cells) in held {
            if !self.data(row, &cells)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn data(&mut self, row: u32, cells: &[String]) -> Result<bool, FileError> {
        let width = self.width.unwrap_or(0);
        let blank = String::new();
        let padded = cells.iter().chain(std::iter::repeat(&blank)).take(width);
        self.rows.push_cells_iter(u64::from(row) + 1, padded);
        if self.rows.len() >= self.per_chunk {
            let full = std::mem::replace(&mut self.rows, Rows::new(Encoding::Utf8));
            return (self.sink)(TableEvent::Rows(full));
        }
        Ok(true)
    }

    fn end(mut self, sheet: &str) -> Result<(), FileError> {
        if !self.flush()? {
            return Ok(());
        }
        if self.width.is_none() && !self.header_from_preamble()? {
            return Ok(());
        }
        if self.width.is_none() {
            return Err(FileError::Empty { sheet: Some(sheet.to_string()) });
        }
        if !self.rows.is_empty() {
            let last = std::mem::take(&mut self.rows);
            (self.sink)(TableEvent::Rows(last))?;
        }
        Ok(())
    }
}

/// A cell of an .xls sheet as Excel shows it, written to `out`.
fn text(value: &Data, out: &mut String) {
    match value {
        Data::Int(i) => out.push_str(&i.to_string()),
        Data::Float(f) => push_number(*f, out),
        Data::String(s) => out.push_str(s),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::DateTime(d) => date(d, out),
        Data::DateTimeIso(s) => out.push_str(iso(s)),
        Data::DurationIso(s) => out.push_str(s),
        Data::Error(e) => out.push_str(&e.to_string()),
        Data::Empty => {}
    }
}

/// A cell of an .xlsx sheet as Excel shows it, written to `out`.
fn text_ref(value: &DataRef, out: &mut String) {
    match value {
        DataRef::Int(i) => out.push_str(&i.to_string()),
        DataRef::Float(f) => push_number(*f, out),
        DataRef::String(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        DataRef::DateTime(d) => date(d, out),
        DataRef::DateTimeIso(s) => out.push_str(iso(s)),
        DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => out.push_str(&e.to_string()),
        DataRef::Empty => {}
    }
}

/// A date cell's date (its time of day, if any, is left out); a duration as its number.
fn date(d: &calamine::ExcelDateTime, out: &mut String) {
    if !d.is_datetime() {
        return push_number(d.as_f64(), out);
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    use std::fmt::Write;
    let _ = write!(out, "{y:04}-{m:02}-{day:02}");
}

/// `2025-03-01T00:00:00` → `2025-03-01`; anything else as it is.
fn iso(s: &str) -> &str {
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().chain(&b[5..7]).chain(&b[8..10]).all(u8::is_ascii_digit) {
        &s[..10]
    } else {
        s
    }
}

/// [`excel_number`], written to `out`.
fn push_number(f: f64, out: &mut String) {
    use std::fmt::Write;
    if f.is_finite() && f == f.trunc() && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
        return;
    }
    // The shortest text that reads back as `f`: when it has at most 15
    // significant digits, it is what 15 digits show (the usual case, 1234.56).
    let start = out.len();
    let _ = write!(out, "{f}");
    let significant = out[start..].bytes().filter(u8::is_ascii_digit).skip_while(|&b| b == b'0').count();
    if f.is_finite() && significant > 15 {
        out.truncate(start);
        out.push_str(&excel_number(f));
    }
}

/// A number as Excel shows it in a General cell, without exponent: rounded to
/// 15 significant digits (Excel's precision), trailing zeros dropped; a whole
/// number without a decimal point.
///
/// ```
/// use calculator_register::excel_number;
/// assert_eq!(excel_number(1234.5599999999999), "1234.56");
/// assert_eq!(excel_number(0.1 + 0.2), "0.3");
/// assert_eq!(excel_number(2_800_000.0), "2800000");
/// assert_eq!(excel_number(-0.000125), "-0.000125");
/// ```
pub fn excel_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f == f.trunc() && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    // d.dddddddddddddde±x: 15 significant digits, rounded.
    let e = format!("{f:.14e}");
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let mut out = String::with_capacity(24);
    if negative {
        out.push('-');
    }
    // The decimal point goes after digit `exp + 1`.
    let point = exp + 1;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.extend(digits.iter().map(|&d| char::from(d)));
    } else {
        let point = point as usize;
        for (i, &d) in digits.iter().enumerate() {
            if i == point {
                out.push('.');
            }
            out.push(char::from(d));
        }
        if point > digits.len() {
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        }
    }
    if out.contains('.') {
        while out.ends_with('0') {
            out.pop();
        }
        if out.ends_with('.') {
            out.pop();
        }
    }
    if out == "-0" {
        out = "0".into();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excel_number;

    // Written as Excel's XML may hold them: 17 digits, some of which are noise.
    #[allow(clippy::excessive_precision)]
    #[test]
    fn numbers_read_as_excel_shows_them() {
        for (f, shown) in [
            (1234.56, "1234.56"),
            (1234.5599999999999, "1234.56"),
            (0.1 + 0.2, "0.3"),
            (1234.56 * 3.0, "3703.68"),
            (0.3000000000000000444, "0.3"),
            (48.0, "48"),
            (-48.0, "-48"),
            (0.05, "0.05"),
            (3.0 * 1.1, "3.3"),
            (12_345_678_901.23, "12345678901.23"),
            (123_456_789.123_456_789, "123456789.123457"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_678.0, "123456789012346000"),
            (1e-7, "0.0000001"),
            (-1e-7, "-0.0000001"),
            (0.0, "0"),
            (-0.0, "0"),
            (2_800_000.000_000_001, "2800000"),
            (99.995, "99.995"),
        ] {
            assert_eq!(excel_number(f), shown, "{f:?}");
        }
    }

    #[test]
    fn the_fast_path_writes_what_excel_number_does() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Amounts to the 分, ratios, and any double at all.
            let f = match i % 3 {
                0 => (x % 100_000_000_000) as f64 / 100.0,
                1 => (x % 1000) as f64 / 1000.0,
                _ => f64::from_bits(x),
            };
            if !f.is_finite() {
                continue;
            }
            let mut out = String::from("x");
            super::push_number(f, &mut out);
            assert_eq!(&out[1..], excel_number(f), "{f:?}");
        }
    }
}
