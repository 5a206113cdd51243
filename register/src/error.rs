//! What can go wrong: a file that is no register at all ([`FileError`]: one
//! message, and the run stops), or one row that cannot be read ([`BadRow`]:
//! reported by its line, skipped and counted).

use calculator_core::Lang;
use std::fmt;

/// Why a file cannot be read as a register. Each is said in one sentence, in
/// the caller's language ([`FileError::message`]); the command line exits with
/// status 2 on any of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Not CSV text, JSON Lines or a workbook calamine reads; what was found.
    NotATable(String),
    /// UTF-16 text (Excel's "Unicode text"), which is not read: save as CSV
    /// (UTF-8) or CSV in GB18030/GBK.
    Utf16,
    /// No header row: the file, or the sheet named, holds no cell.
    Empty {
        /// The sheet, for a workbook.
        sheet: Option<String>,
    },
    /// The sheet asked for is not in the workbook.
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The workbook's sheets, in order.
        sheets: Vec<String>,
    },
    /// No column of the header is an input of the catalog, by key or label.
    NoKnownColumns {
        /// The header as read (the first few names are shown).
        header: Vec<String>,
    },
    /// The header row's text is not readable in the detected encoding.
    BadHeader(String),
    /// The key column asked for is not in the header.
    NoKeyColumn {
        /// The column asked for.
        key: String,
    },
    /// The workbook is damaged part way through; calamine's words.
    Workbook(String),
}

impl FileError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileError::NotATable(what) => lang.pick(
                format!("不是可读取的表格（CSV、xlsx、xls 或 JSON Lines）：{what}"),
                format!("不是可讀取的表格（CSV、xlsx、xls 或 JSON Lines）：{what}"),
                format!("not a table this tool reads (CSV, xlsx, xls or JSON Lines): {what}"),
            ),
            FileError::Utf16 => lang.pick(
                "文件是 UTF-16 编码（Excel 的“Unicode 文本”），不能读取：请另存为“CSV UTF-8（逗号分隔）”或 GBK 编码的 CSV".to_string(),
                "檔案是 UTF-16 編碼（Excel 的「Unicode 文字」），不能讀取：請另存為「CSV UTF-8（逗號分隔）」或 GBK 編碼的 CSV".to_string(),
                "the file is UTF-16 text (Excel's \"Unicode Text\"), which is not read: save it as \"CSV UTF-8 (comma delimited)\" or as CSV in GBK"
                    .to_string(),
            ),
            FileError::Empty { sheet: None } => {
                lang.pick("文件是空的：没有表头行".to_string(), "檔案是空的：沒有表頭行".to_string(), "the file is empty: there is no header row".to_string())
            }
            FileError::Empty { sheet: Some(s) } => lang.pick(
                format!("工作表“{s}”是空的：没有表头行"),
                format!("工作表「{s}」是空的：沒有表頭行"),
                format!("sheet \"{s}\" is empty: there is no header row"),
            ),
            FileError::NoSuchSheet { name, sheets } => {
                let list = sheets.join(lang.pick("、", "、", ", "));
                lang.pick(
                    format!("工作簿中没有名为“{name}”的工作表（有：{list}）"),
                    format!("工作簿中沒有名為「{name}」的工作表（有：{list}）"),
                    format!("the workbook has no sheet named \"{name}\" (it has: {list})"),
                )
            }
            FileError::NoKnownColumns { header } => {
                let mut shown: Vec<&str> = header.iter().map(|h| h.trim()).filter(|h| !h.is_empty()).take(6).collect();
                if header.len() > 6 {
                    shown.push("…");
                }
                let list = shown.join(lang.pick("、", "、", ", "));
                lang.pick(
                    format!("表头中没有本目录的任何输入项（读到：{list}）。表头应为 docs/CONTRACT.md 的键（如 credit_code、employees）或目录的中文名称（如 统一社会信用代码、从业人数），且位于第一行"),
                    format!("表頭中沒有本目錄的任何輸入項（讀到：{list}）。表頭應為 docs/CONTRACT.md 的鍵（如 credit_code、employees）或目錄的名稱（如 統一社會信用代碼、從業人數），且位於第一行"),
                    format!("the header names none of the catalog's inputs (read: {list}). The first row must hold docs/CONTRACT.md keys (credit_code, employees …) or the catalog's labels (统一社会信用代码, 从业人数 …)"),
                )
            }
            FileError::BadHeader(encoding) => lang.pick(
                format!("表头行不是可读的 {encoding} 文本"),
                format!("表頭行不是可讀的 {encoding} 文字"),
                format!("the header row is not readable {encoding} text"),
            ),
            FileError::NoKeyColumn { key } => lang.pick(
                format!("表头中没有 --key 指定的列“{key}”"),
                format!("表頭中沒有 --key 指定的欄「{key}」"),
                format!("the header has no column \"{key}\" (given by --key)"),
            ),
            FileError::Workbook(what) => lang.pick(
                format!("工作簿已损坏，无法读完：{what}"),
                format!("工作簿已損壞，無法讀完：{what}"),
                format!("the workbook is damaged and cannot be read through: {what}"),
            ),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FileError {}

/// Why one row was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A CSV row with more or fewer cells than the header.
    CellCount {
        /// Cells in the row.
        found: usize,
        /// Cells in the header.
        expected: usize,
    },
    /// Not text in the file's encoding (a row in another encoding than the rest).
    Encoding(&'static str),
    /// A JSON line that is not an object of profile values.
    NotJson(String),
}

/// A row that was skipped, by its line (a CSV line, a JSON line, a sheet's row number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// Where it is: 1 is the first line (the header of a CSV).
    pub line: u64,
    /// What is wrong with it.
    pub problem: RowProblem,
}

impl BadRow {
    /// `第 N 行：…` / `line N: …`.
    pub fn message(&self, lang: Lang) -> String {
        let n = self.line;
        let what = match &self.problem {
            RowProblem::CellCount { found, expected } => lang.pick(
                format!("有 {found} 个单元格，表头有 {expected} 个"),
                format!("有 {found} 個儲存格，表頭有 {expected} 個"),
                format!("{found} cells, the header has {expected}"),
            ),
            RowProblem::Encoding(e) => lang.pick(format!("不是 {e} 文本"), format!("不是 {e} 文字"), format!("not {e} text")),
            RowProblem::NotJson(e) => lang.pick(
                format!("不是由画像值组成的 JSON 对象：{e}"),
                format!("不是由畫像值組成的 JSON 物件：{e}"),
                format!("not a JSON object of profile values: {e}"),
            ),
        };
        lang.pick(format!("第 {n} 行：{what}，已跳过"), format!("第 {n} 行：{what}，已略過"), format!("line {n}: {what}; skipped"))
    }
}
