//! The xlsx output (rust_xlsxwriter): the matches (or the changes against a
//! baseline) on a first sheet with the CSV's columns, then a summary per
//! policy and one per district (region_code, named from GB/T 2260 when
//! known). Money is a number shown to the 分 (number format `0.00`).
//!
//! A sheet holds at most 1,048,576 rows (Excel's limit), the header
//! included: past that, the matches go on in a second sheet (匹配结果2, …),
//! each with the header again. Excel opens such a book whole; a million
//! matches take a few hundred megabytes of its memory. Rows are written as
//! they come, in input order: with the `constant-memory` feature, each
//! finished row goes to a temporary file, so the tool's memory stays flat.

use crate::districts::district_name;
use crate::lines::Cell;
use crate::register::Register;
use crate::summary::Summary;
use crate::Decided;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Rows of a sheet, the header's included.
pub const SHEET_ROWS: u32 = 1_048_576;

/// A workbook being written, chunk by chunk.
pub struct XlsxBook<'r, 'c> {
    register: &'r Register<'c>,
    book: Workbook,
    constant_memory: bool,
    /// The sheet written now (its index) and its next row.
    sheet: usize,
    row: u32,
    sheets: usize,
    widths: Vec<f64>,
    money: Format,
    bold: Format,
    error: Option<XlsxError>,
}

impl<'r, 'c> XlsxBook<'r, 'c> {
    /// A workbook for `register`'s matches. `constant_memory` (the
    /// `constant-memory` feature, with a file system) writes finished rows to
    /// a temporary file instead of keeping them.
    pub fn new(register: &'r Register<'c>, constant_memory: bool) -> Result<XlsxBook<'r, 'c>, String> {
        let mut book = Workbook::new();
        // Reproducible bytes: the document's date is the run's, not the clock's.
        let d = register.options().as_of;
        let date = ExcelDateTime::from_ymd(d.year(), d.month(), d.day()).map_err(|e| e.to_string())?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&date));
        let widths = if register.baseline().is_some() {
            vec![10.0, 22.0, 36.0, 30.0, 36.0, 14.0, 16.0, 14.0, 16.0]
        } else {
            vec![22.0, 36.0, 30.0, 36.0, 12.0, 16.0, 10.0, 40.0, 14.0, 12.0]
        };
        let mut x = XlsxBook {
            register,
            book,
            constant_memory,
            sheet: 0,
            row: 0,
            sheets: 0,
            widths,
            money: Format::new().set_num_format("0.00"),
            bold: Format::new().set_bold(),
            error: None,
        };
        x.next_sheet().map_err(|e| e.to_string())?;
        Ok(x)
    }

    fn add_sheet(&mut self) -> Result<&mut Worksheet, XlsxError> {
        #[cfg(feature = "constant-memory")]
        if self.constant_memory {
            return self.book.add_worksheet_with_constant_memory();
        }
        let _ = self.constant_memory;
        Ok(self.book.add_worksheet())
    }

    /// Starts the next matches sheet, with the header.
    fn next_sheet(&mut self) -> Result<(), XlsxError> {
        let lang = self.register.options().lang;
        self.sheets += 1;
        let base = match self.register.baseline() {
            Some(_) => lang.pick("变化明细", "變化明細", "Changes"),
            None => lang.pick("匹配结果", "匹配結果", "Matches"),
        };
        let name = if self.sheets == 1 { base.to_string() } else { format!("{base}{}", self.sheets) };
        let names = self.register.column_names();
        let (widths, bold) = (self.widths.clone(), self.bold.clone());
        let ws = self.add_sheet()?;
        ws.set_name(name)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (c, n) in names.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, n, &bold)?;
        }
        self.sheet = self.book.worksheets_mut().len() - 1;
        self.row = 1;
        Ok(())
    }

    /// Writes `d`'s lines.
    pub fn push(&mut self, d: &Decided) {
        let register = self.register;
        register.each_row(d, |cells| {
            if self.error.is_none() {
                if let Err(e) = self.write_row(cells) {
                    self.error = Some(e);
                }
            }
        });
    }

    fn write_row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.row >= SHEET_ROWS {
            self.next_sheet()?;
        }
        let (row, money) = (self.row, self.money.clone());
        let ws = self.book.worksheet_from_index(self.sheet)?;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => {
                    ws.write_string(row, c, t.as_ref())?;
                }
                Cell::Amount(m) => {
                    ws.write_number_with_format(row, c, m.value().to_f64().unwrap_or(0.0), &money)?;
                }
                Cell::Count(n) => {
                    ws.write_number(row, c, *n as f64)?;
                }
                Cell::Blank => {}
            }
        }
        self.row += 1;
        Ok(())
    }

    /// How many matches sheets there are so far.
    pub fn match_sheets(&self) -> usize {
        self.sheets
    }

    /// Adds the summary sheets and returns the workbook's bytes.
    pub fn finish(mut self, summary: &Summary) -> Result<Vec<u8>, String> {
        if let Some(e) = self.error.take() {
            return Err(e.to_string());
        }
        self.summaries(summary).map_err(|e| e.to_string())?;
        self.book.save_to_buffer().map_err(|e| e.to_string())
    }

    /// Adds the summary sheets and writes the workbook to `w`.
    pub fn finish_to<W: std::io::Write + std::io::Seek + Send>(mut self, summary: &Summary, w: W) -> Result<(), String> {
        if let Some(e) = self.error.take() {
            return Err(e.to_string());
        }
        self.summaries(summary).map_err(|e| e.to_string())?;
        self.book.save_to_writer(w).map_err(|e| e.to_string())
    }

    fn summaries(&mut self, s: &Summary) -> Result<(), XlsxError> {
        let r = self.register;
        let catalog = r.catalog();
        let lang = r.options().lang;
        let (money, bold) = (self.money.clone(), self.bold.clone());
        let t = |zh: &'static str, tw: &'static str, en: &'static str| lang.pick(zh, tw, en);

        let ws = self.book.add_worksheet();
        ws.set_name(t("按政策汇总", "按政策匯總", "By policy"))?;
        let heads = [
            t("政策编号", "政策編號", "policy id"),
            t("政策名称", "政策名稱", "policy"),
            t("符合（家）", "符合（家）", "eligible"),
            t("其中金额待核定（家）", "其中金額待核定（家）", "of which amount pending"),
            t("金额合计（元）", "金額合計（元）", "total amount (yuan)"),
            t("待补充信息（家）", "待補充資訊（家）", "needs input"),
            t("最常缺少的信息", "最常缺少的資訊", "inputs missing most often"),
        ];
        header(ws, &heads, &bold, &[28.0, 36.0, 12.0, 16.0, 18.0, 14.0, 80.0])?;
        let mut row = 1;
        let (mut eligible, mut pending, mut total, mut needs) = (0u64, 0u64, Decimal::ZERO, 0u64);
        for (i, p) in catalog.policies().iter().enumerate() {
            let c = s.policies.get(i).cloned().unwrap_or_default();
            let missing: Vec<String> = s
                .most_missing(catalog, i, 5)
                .into_iter()
                .map(|(key, n)| format!("{}{}{n}", catalog.input(key).map_or(key, |i| i.label.get(lang)), t("：", "：", ": ")))
                .collect();
            ws.write_string(row, 0, &p.id)?;
            ws.write_string(row, 1, &r.claims[i].name)?;
            ws.write_number(row, 2, c.eligible as f64)?;
            ws.write_number(row, 3, c.amount_pending as f64)?;
            ws.write_number_with_format(row, 4, c.total.to_f64().unwrap_or(0.0), &money)?;
            ws.write_number(row, 5, c.needs_input as f64)?;
            ws.write_string(row, 6, missing.join(t("；", "；", "; ")))?;
            eligible += c.eligible;
            pending += c.amount_pending;
            total += c.total;
            needs += c.needs_input;
            row += 1;
        }
        ws.write_string_with_format(row, 0, t("合计", "合計", "total"), &bold)?;
        ws.write_number(row, 2, eligible as f64)?;
        ws.write_number(row, 3, pending as f64)?;
        ws.write_number_with_format(row, 4, total.to_f64().unwrap_or(0.0), &money)?;
        ws.write_number(row, 5, needs as f64)?;

        let ws = self.book.add_worksheet();
        ws.set_name(t("按地区汇总", "按地區匯總", "By district"))?;
        let heads = [
            t("行政区划代码", "行政區劃代碼", "region code"),
            t("地区名称", "地區名稱", "district"),
            t("企业数", "企業數", "enterprises"),
            t("有符合政策的企业数", "有符合政策的企業數", "with an eligible policy"),
            t("符合政策项数", "符合政策項數", "eligible policies"),
            t("金额合计（元）", "金額合計（元）", "total amount (yuan)"),
            t("有待补充信息的企业数", "有待補充資訊的企業數", "with a policy needing input"),
        ];
        header(ws, &heads, &bold, &[14.0, 30.0, 10.0, 20.0, 14.0, 18.0, 22.0])?;
        let mut row = 1;
        let mut sum = crate::summary::DistrictCount::default();
        for (code, d) in &s.districts {
            let name = if code.is_empty() { Some(t("（未填写）", "（未填寫）", "(none given)").to_string()) } else { district_name(code, lang) };
            ws.write_string(row, 0, code)?;
            ws.write_string(row, 1, name.unwrap_or_default())?;
            ws.write_number(row, 2, d.enterprises as f64)?;
            ws.write_number(row, 3, d.with_eligible as f64)?;
            ws.write_number(row, 4, d.eligible as f64)?;
            ws.write_number_with_format(row, 5, d.total.to_f64().unwrap_or(0.0), &money)?;
            ws.write_number(row, 6, d.with_needs_input as f64)?;
            sum.enterprises += d.enterprises;
            sum.with_eligible += d.with_eligible;
            sum.eligible += d.eligible;
            sum.total += d.total;
            sum.with_needs_input += d.with_needs_input;
            row += 1;
        }
        ws.write_string_with_format(row, 0, t("合计", "合計", "total"), &bold)?;
        ws.write_number(row, 2, sum.enterprises as f64)?;
        ws.write_number(row, 3, sum.with_eligible as f64)?;
        ws.write_number(row, 4, sum.eligible as f64)?;
        ws.write_number_with_format(row, 5, sum.total.to_f64().unwrap_or(0.0), &money)?;
        ws.write_number(row, 6, sum.with_needs_input as f64)?;
        Ok(())
    }
}

fn header(ws: &mut Worksheet, heads: &[&str], bold: &Format, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, (h, w)) in heads.iter().zip(widths).enumerate() {
        ws.set_column_width(c as u16, *w)?;
        ws.write_string_with_format(0, c as u16, *h, bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
