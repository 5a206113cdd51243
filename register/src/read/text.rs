//! CSV and JSON Lines, pushed in slices.
//!
//! The encoding is decided once: a UTF-8 BOM says UTF-8; otherwise the bytes
//! from the first one that is not ASCII (4 KB of them, or all there are) are
//! looked at: valid UTF-8 is UTF-8, anything else is GB18030 (a superset of
//! GBK and GB2312, what Excel and WPS write for "CSV" on a Chinese Windows).
//! Until then every byte is ASCII, which both encodings read alike.
//!
//! CSV is split into cells on its bytes (csv-core): a comma, a quote or a
//! line break is never part of a GB18030 character, so cells are found the
//! same way in either encoding, and each row is decoded later, on a worker.

use super::{Encoding, Rows};
use crate::error::{FileError, RowProblem};
use std::collections::VecDeque;

/// How much past the first non-ASCII byte is looked at to tell UTF-8 from GB18030.
const ENOUGH: usize = 4096;
/// At most this much is checked.
const WINDOW: usize = 64 * 1024;
/// Rows above the header with at most one cell (a title, a date) are
/// skipped when a row with two or more follows within this many rows.
pub(crate) const TITLE_ROWS: usize = 10;

/// What a text register holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// Comma-separated, the first row the header.
    Csv,
    /// One JSON object per line (UTF-8), docs/CONTRACT.md keys; no header.
    JsonLines,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Nothing read yet: the BOM is still to be looked for.
    Start,
    /// Every byte so far was ASCII (or is held back in `held`).
    Undecided,
    Decided(Encoding),
}

/// A CSV or JSON Lines register, read from slices of bytes as they come.
///
/// ```
/// use calculator_register::{TextKind, TextReader};
/// let mut r = TextReader::new(TextKind::Csv, 256);
/// r.feed(b"credit_code,employees\n91210800MA0QEXAMP3,4")?;
/// r.feed(b"8\n")?;
/// r.finish()?;
/// assert_eq!(r.header().unwrap(), ["credit_code", "employees"]);
/// assert_eq!(r.next_chunk().unwrap().len(), 1);
/// # Ok::<(), calculator_register::FileError>(())
/// ```
pub struct TextReader {
    kind: TextKind,
    per_chunk: usize,
    state: State,
    /// Bytes not yet parsed: the first few (for the BOM), or those from the
    /// first non-ASCII byte while the encoding is undecided.
    held: Vec<u8>,
    csv: csv_core::Reader,
    /// The record being read: its cells back to back, and their ends.
    record: Vec<u8>,
    ends: Vec<usize>,
    outlen: usize,
    endlen: usize,
    in_record: bool,
    record_line: u64,
    /// Lines read so far (the number of the line being read).
    line: u64,
    /// A JSON line not yet ended.
    partial: Vec<u8>,
    header: Option<Vec<String>>,
    /// Rows of at most one cell before the header: titles, or a table of one column.
    preamble: Vec<(u64, Vec<u8>, Vec<usize>)>,
    width: usize,
    current: Rows,
    ready: VecDeque<Rows>,
    finished: bool,
}

impl TextReader {
    /// A reader of `kind` that hands out chunks of `rows_per_chunk` rows.
    pub fn new(kind: TextKind, rows_per_chunk: usize) -> TextReader {
        TextReader {
            kind,
            per_chunk: rows_per_chunk.max(1),
            state: State::Start,
            held: Vec::new(),
            csv: csv_core::ReaderBuilder::new().build(),
            record: vec![0; 1024],
            ends: vec![0; 64],
            outlen: 0,
            endlen: 0,
            in_record: false,
            record_line: 1,
            line: 1,
            partial: Vec::new(),
            header: None,
            preamble: Vec::new(),
            width: 0,
            current: Rows::new(Encoding::Utf8),
            ready: VecDeque::new(),
            finished: false,
        }
    }

    /// The header (CSV), once its line has been read.
    pub fn header(&self) -> Option<&[String]> {
        self.header.as_deref()
    }

    /// The encoding, once it is known (JSON Lines: always UTF-8).
    pub fn encoding(&self) -> Option<Encoding> {
        match self.state {
            State::Decided(e) => Some(e),
            _ => None,
        }
    }

    /// The next full chunk of rows (after [`TextReader::finish`], also the last, shorter one).
    pub fn next_chunk(&mut self) -> Option<Rows> {
        self.ready.pop_front()
    }

    /// Reads `bytes`, the next part of the file.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), FileError> {
        if self.finished || bytes.is_empty() {
            return Ok(());
        }
        if self.state == State::Start {
            self.held.extend_from_slice(bytes);
            if self.held.len() < 4 {
                return Ok(());
            }
            return self.start();
        }
        self.push(bytes)
    }

    /// Reads what is left: the last row, even without a line break after it.
    pub fn finish(&mut self) -> Result<(), FileError> {
        if self.finished {
            return Ok(());
        }
        if self.state == State::Start {
            self.start()?;
        }
        if self.state == State::Undecided && !self.held.is_empty() {
            self.decide()?;
        }
        self.finished = true;
        match self.kind {
            TextKind::Csv => {
                self.parse_csv(&[])?;
                if self.header.is_none() {
                    self.header_from_preamble()?;
                }
            }
            TextKind::JsonLines => {
                let last = std::mem::take(&mut self.partial);
                self.json_line(&last);
            }
        }
        if !self.current.is_empty() {
            self.rotate();
        }
        if self.kind == TextKind::Csv && self.header.is_none() {
            return Err(FileError::Empty { sheet: None });
        }
        Ok(())
    }

    /// Looks for a byte-order mark in the first bytes, then reads them.
    fn start(&mut self) -> Result<(), FileError> {
        let held = std::mem::take(&mut self.held);
        let body = if let Some(rest) = held.strip_prefix(b"\xEF\xBB\xBF") {
            self.state = State::Decided(Encoding::Utf8);
            rest
        } else if held.starts_with(b"\xFF\xFE") || held.starts_with(b"\xFE\xFF") {
            return Err(FileError::Utf16);
        } else {
            if held.contains(&0) {
                return Err(FileError::NotATable("binary data (NUL bytes)".into()));
            }
            // JSON is UTF-8 by definition.
            self.state = if self.kind == TextKind::JsonLines { State::Decided(Encoding::Utf8) } else { State::Undecided };
            &held[..]
        };
        self.push(body)
    }

    fn push(&mut self, bytes: &[u8]) -> Result<(), FileError> {
        match self.state {
            State::Undecided if self.held.is_empty() => match bytes.iter().position(|b| !b.is_ascii()) {
                None => self.parse(bytes),
                Some(p) => {
                    self.parse(&bytes[..p])?;
                    self.held.extend_from_slice(&bytes[p..]);
                    if self.held.len() >= ENOUGH {
                        self.decide()?;
                    }
                    Ok(())
                }
            },
            State::Undecided => {
                self.held.extend_from_slice(bytes);
                if self.held.len() >= ENOUGH {
                    self.decide()?;
                }
                Ok(())
            }
            _ => self.parse(bytes),
        }
    }

    /// UTF-8 if the bytes held (from the first non-ASCII one) are UTF-8, else GB18030.
    fn decide(&mut self) -> Result<(), FileError> {
        let held = std::mem::take(&mut self.held);
        let window = &held[..held.len().min(WINDOW)];
        let utf8 = match std::str::from_utf8(window) {
            Ok(_) => true,
            // Cut in the middle of a character: valid so far.
            Err(e) => e.error_len().is_none(),
        };
        self.state = State::Decided(if utf8 { Encoding::Utf8 } else { Encoding::Gb18030 });
        self.parse(&held)
    }

    fn parse(&mut self, bytes: &[u8]) -> Result<(), FileError> {
        match self.kind {
            TextKind::Csv => {
                if bytes.is_empty() {
                    Ok(()) // an empty input would tell csv-core the file ended
                } else {
                    self.parse_csv(bytes)
                }
            }
            TextKind::JsonLines => {
                self.parse_lines(bytes);
                Ok(())
            }
        }
    }

    /// Runs csv-core over `input`; an empty `input` after [`TextReader::finish`] ends the file.
    fn parse_csv(&mut self, mut input: &[u8]) -> Result<(), FileError> {
        use csv_core::ReadRecordResult::*;
        loop {
            if !self.in_record {
                // Line breaks before a record are counted here, so that the
                // record's line is the one its first cell is on.
                while let Some((&b, rest)) = input.split_first() {
                    if b != b'\n' && b != b'\r' {
                        break;
                    }
                    if b == b'\n' {
                        self.line += 1;
                    }
                    input = rest;
                }
                if input.is_empty() && !self.finished {
                    return Ok(());
                }
                self.in_record = true;
                self.record_line = self.line;
            }
            let (res, nin, nout, nend) = self.csv.read_record(input, &mut self.record[self.outlen..], &mut self.ends[self.endlen..]);
            self.line += input[..nin].iter().filter(|&&b| b == b'\n').count() as u64;
            input = &input[nin..];
            self.outlen += nout;
            self.endlen += nend;
            match res {
                InputEmpty => {
                    if !self.finished {
                        return Ok(());
                    }
                }
                OutputFull => {
                    let n = self.record.len();
                    self.record.resize(n * 2, 0);
                }
                OutputEndsFull => {
                    let n = self.ends.len();
                    self.ends.resize(n * 2, 0);
                }
                Record => self.record_done()?,
                End => {
                    self.in_record = false;
                    return Ok(());
                }
            }
        }
    }

    fn record_done(&mut self) -> Result<(), FileError> {
        self.in_record = false;
        if self.header.is_none() {
            let (fields, ends) = (self.record[..self.outlen].to_vec(), self.ends[..self.endlen].to_vec());
            self.outlen = 0;
            self.endlen = 0;
            return self.before_header(self.record_line, fields, ends);
        }
        let (fields, ends) = (&self.record[..self.outlen], &self.ends[..self.endlen]);
        if push_data(&mut self.current, self.width, self.record_line, fields, ends) && self.current.len() >= self.per_chunk {
            self.rotate();
        }
        self.outlen = 0;
        self.endlen = 0;
        Ok(())
    }

    /// A row before the header is known: a title row (at most one cell)
    /// is held back while a row with two cells may still come; the first
    /// row with two is the header, and the titles above it are dropped.
    fn before_header(&mut self, line: u64, fields: Vec<u8>, ends: Vec<usize>) -> Result<(), FileError> {
        let mut start = 0;
        let filled = ends
            .iter()
            .filter(|&&end| {
                let full = !fields[start..end].iter().all(u8::is_ascii_whitespace);
                start = end;
                full
            })
            .count();
        if filled <= 1 && !self.finished && self.preamble.len() + 1 < TITLE_ROWS {
            if filled == 1 {
                self.preamble.push((line, fields, ends));
            }
            return Ok(());
        }
        if filled <= 1 {
            // No header of two cells in the first rows: the first row is the header after all.
            self.preamble.push((line, fields, ends));
            return self.header_from_preamble();
        }
        self.preamble.clear();
        self.set_header(&fields, &ends)
    }

    /// The first row held back is the header; the others are rows.
    fn header_from_preamble(&mut self) -> Result<(), FileError> {
        let mut held = std::mem::take(&mut self.preamble).into_iter();
        let Some((_, fields, ends)) = held.next() else { return Ok(()) };
        self.set_header(&fields, &ends)?;
        for (line, fields, ends) in held {
            if push_data(&mut self.current, self.width, line, &fields, &ends) && self.current.len() >= self.per_chunk {
                self.rotate();
            }
        }
        Ok(())
    }

    fn set_header(&mut self, fields: &[u8], ends: &[usize]) -> Result<(), FileError> {
        let encoding = self.encoding().unwrap_or(Encoding::Utf8);
        let mut names = Vec::with_capacity(ends.len());
        let mut start = 0;
        for &end in ends {
            let name = decode(&fields[start..end], encoding).ok_or(FileError::BadHeader(encoding.name().into()))?;
            names.push(name.trim_matches('\u{feff}').to_string());
            start = end;
        }
        self.width = names.len();
        self.header = Some(names);
        Ok(())
    }

    fn parse_lines(&mut self, mut input: &[u8]) {
        while let Some(p) = input.iter().position(|&b| b == b'\n') {
            if self.partial.is_empty() {
                self.json_line(&input[..p]);
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.extend_from_slice(&input[..p]);
                self.json_line(&line);
            }
            self.line += 1;
            input = &input[p + 1..];
        }
        self.partial.extend_from_slice(input);
    }

    fn json_line(&mut self, line: &[u8]) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        self.current.push_raw(self.line, line, &[line.len()], None);
        if self.current.len() >= self.per_chunk {
            self.rotate();
        }
    }

    fn rotate(&mut self) {
        let encoding = self.encoding().unwrap_or(Encoding::Utf8);
        let mut full = std::mem::replace(&mut self.current, Rows::new(encoding));
        full.encoding = encoding;
        self.ready.push_back(full);
    }
}

/// Adds a data row to `rows`, unless it is a row of empty cells (`,,,`, as
/// spreadsheets export the rows below a table): a blank line, not an
/// enterprise. Whether it was added.
fn push_data(rows: &mut Rows, width: usize, line: u64, fields: &[u8], ends: &[usize]) -> bool {
    if fields.iter().all(u8::is_ascii_whitespace) {
        return false;
    }
    let problem = (ends.len() != width).then_some(RowProblem::CellCount { found: ends.len(), expected: width });
    rows.push_raw(line, fields, ends, problem);
    true
}

/// `bytes` as text in `encoding`; `None` when they are not.
pub(crate) fn decode(bytes: &[u8], encoding: Encoding) -> Option<String> {
    match encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
        Encoding::Gb18030 => encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header, the rows (line, cells) and the encoding.
    type Read = (Option<Vec<String>>, Vec<(u64, Vec<String>)>, Option<Encoding>);

    fn read_all(kind: TextKind, bytes: &[u8], slice: usize) -> Read {
        let mut r = TextReader::new(kind, 2);
        for part in bytes.chunks(slice.max(1)) {
            r.feed(part).unwrap();
        }
        r.finish().unwrap();
        let mut rows = Vec::new();
        while let Some(chunk) = r.next_chunk() {
            for i in 0..chunk.len() {
                let (at, data, ends, start) = chunk.row(i);
                let mut cells = Vec::new();
                let mut from = 0;
                for &e in ends {
                    let e = e as usize - start;
                    cells.push(decode(&data[from..e], chunk.encoding).unwrap());
                    from = e;
                }
                rows.push((at.line, cells));
            }
        }
        (r.header().map(<[String]>::to_vec), rows, r.encoding())
    }

    #[test]
    fn utf8_with_and_without_bom_and_gb18030_read_alike_in_slices_of_any_size() {
        let text = "统一社会信用代码,企业名称,从业人数\r\n91210800MA0QEXAMP3,\"营口市某某机械有限公司, 二厂\",48\r\n\r\n92210802MA0QEXAMP0,鲅鱼圈区某某商店,3";
        let gb = encoding_rs::GB18030.encode(text).0.into_owned();
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let expected = read_all(TextKind::Csv, text.as_bytes(), 1 << 20);
        assert_eq!(expected.2, Some(Encoding::Utf8));
        assert_eq!(expected.0.as_deref().unwrap()[0], "统一社会信用代码");
        assert_eq!(expected.1.len(), 2);
        assert_eq!(expected.1[0].1[1], "营口市某某机械有限公司, 二厂");
        // Line numbers count the blank line.
        assert_eq!((expected.1[0].0, expected.1[1].0), (2, 4));
        for slice in [1, 2, 3, 7, 4096, 1 << 20] {
            assert_eq!(read_all(TextKind::Csv, text.as_bytes(), slice), expected, "UTF-8 in slices of {slice}");
            assert_eq!(read_all(TextKind::Csv, &bom, slice), expected, "UTF-8 with BOM in slices of {slice}");
            let g = read_all(TextKind::Csv, &gb, slice);
            assert_eq!((g.0, g.1), (expected.0.clone(), expected.1.clone()), "GB18030 in slices of {slice}");
            assert_eq!(g.2, Some(Encoding::Gb18030));
        }
    }

    #[test]
    fn a_gbk_file_whose_first_lines_are_ascii_is_still_read_as_gb18030() {
        let mut text = String::from("credit_code,name\n");
        for i in 0..500 {
            text.push_str(&format!("91210800MA0QEX{i:04},plain\n"));
        }
        text.push_str("91210800MA0QEXAMP3,辽宁某某有限公司\n");
        let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
        let (_, rows, encoding) = read_all(TextKind::Csv, &gb, 1000);
        assert_eq!(encoding, Some(Encoding::Gb18030));
        assert_eq!(rows.last().unwrap().1[1], "辽宁某某有限公司");
        assert_eq!(rows.len(), 501);
    }

    #[test]
    fn a_row_with_the_wrong_number_of_cells_is_marked_and_json_lines_are_one_cell_each() {
        let mut r = TextReader::new(TextKind::Csv, 10);
        r.feed(b"a,b\n1,2\n1,2,3\n").unwrap();
        r.finish().unwrap();
        let chunk = r.next_chunk().unwrap();
        assert_eq!(chunk.rows[1].problem, Some(RowProblem::CellCount { found: 3, expected: 2 }));
        assert_eq!(chunk.rows[1].line, 3);

        let (header, rows, _) = read_all(TextKind::JsonLines, b"{\"a\":1}\r\n\n{\"b\":\"\xE8\xBE\xBD\"}", 3);
        assert_eq!(header, None);
        assert_eq!(rows, vec![(1, vec!["{\"a\":1}".to_string()]), (3, vec!["{\"b\":\"辽\"}".to_string()])]);
    }

    #[test]
    fn title_rows_above_the_header_are_skipped_and_a_table_of_one_column_still_has_its_header() {
        let text = "2025年企业名录,,\n导出日期：2025-12-31,,\n,,\ncredit_code,employees,remark\n91210800MA0QEXAMP3,48,\n";
        let (header, rows, _) = read_all(TextKind::Csv, text.as_bytes(), 5);
        assert_eq!(header.unwrap(), ["credit_code", "employees", "remark"]);
        assert_eq!(rows, vec![(5, vec!["91210800MA0QEXAMP3".to_string(), "48".into(), "".into()])]);
        let one = "credit_code\n91210800MA0QEXAMP3\n91210800MA0QEXAMP4\n";
        let (header, rows, _) = read_all(TextKind::Csv, one.as_bytes(), 3);
        assert_eq!(header.unwrap(), ["credit_code"]);
        assert_eq!(rows.len(), 2);
        let long: String = std::iter::once("credit_code\n".to_string()).chain((0..30).map(|i| format!("91210800MA0QE{i:05}\n"))).collect();
        let (header, rows, _) = read_all(TextKind::Csv, long.as_bytes(), 64);
        assert_eq!((header.unwrap()[0].as_str(), rows.len(), rows[0].0), ("credit_code", 30, 2));
    }

    #[test]
    fn empty_utf16_and_binary_files_are_refused() {
        let mut r = TextReader::new(TextKind::Csv, 10);
        assert_eq!(r.finish(), Err(FileError::Empty { sheet: None }));
        let mut r = TextReader::new(TextKind::Csv, 10);
        assert_eq!(r.feed(b"\xFF\xFEc\0r\0"), Err(FileError::Utf16));
        let mut r = TextReader::new(TextKind::Csv, 10);
        assert!(matches!(r.feed(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(FileError::NotATable(_))));
    }
}
