//! The crate's one error type.

use crate::catalog::Problem;
use crate::i18n::Lang;
use std::fmt;

/// Why a call could not produce a result. Problems with single profile
/// fields are not errors: they are reported inside the report.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The catalog could not be loaded; every problem, located.
    Catalog(Vec<Problem>),
    /// An option of the call is unusable.
    InvalidOption {
        /// Which option (`asOf`, `lang` …).
        option: &'static str,
        /// What was given (shortened).
        value: String,
    },
    /// A catalog was handed over with the hash it should have, and its
    /// content has another: it was changed on the way, so it is not used.
    CatalogHashMismatch {
        /// The hash the host expected.
        expected: String,
        /// The hash of the catalog received.
        actual: String,
    },
    /// Compiled catalog bytes ([`crate::Catalog::from_bytes`]) are damaged,
    /// or were written by another version of this crate.
    CompiledCatalog {
        /// Where reading stopped.
        offset: usize,
    },
}

impl Error {
    /// A stable machine-readable code: `catalog_invalid`, `invalid_option`,
    /// `catalog_hash_mismatch`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Catalog(_) | Error::CompiledCatalog { .. } => "catalog_invalid",
            Error::InvalidOption { .. } => "invalid_option",
            Error::CatalogHashMismatch { .. } => "catalog_hash_mismatch",
        }
    }

    /// The error in words, one problem a line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Catalog(problems) => {
                let head = match lang {
                    Lang::En => format!("The catalog has {} problem(s):", problems.len()),
                    Lang::ZhTw => format!("政策目錄有 {} 處問題：", problems.len()),
                    Lang::ZhCn => format!("政策目录有 {} 处问题：", problems.len()),
                };
                let lines: Vec<String> = problems.iter().map(|p| p.render(lang)).collect();
                format!("{head}\n{}", lines.join("\n"))
            }
            Error::InvalidOption { option, value } => match lang {
                Lang::En => format!("option `{option}` is unusable: `{value}`"),
                Lang::ZhTw => format!("選項 `{option}` 無效：`{value}`"),
                Lang::ZhCn => format!("选项 `{option}` 无效：`{value}`"),
            },
            Error::CatalogHashMismatch { expected, actual } => match lang {
                Lang::En => format!("The catalog is not the one expected (expected {expected}, received {actual}); it was not used."),
                Lang::ZhTw => format!("政策目錄與預期不符（預期 {expected}，實際 {actual}），未予使用。"),
                Lang::ZhCn => format!("政策目录与预期不符（预期 {expected}，实际 {actual}），未予使用。"),
            },
            Error::CompiledCatalog { offset } => match lang {
                Lang::En => format!(
                    "The compiled catalog cannot be read (at byte {offset}): it is damaged, or was compiled by another version of the calculator. Compile it again with this version (`policy-calc compile`)."
                ),
                Lang::ZhTw => format!("無法讀取已編譯的政策目錄（第 {offset} 位元組處）：檔案已損壞，或由其他版本的計算器編譯。請用本版本重新編譯（`policy-calc compile`）。"),
                Lang::ZhCn => format!("无法读取已编译的政策目录（第 {offset} 字节处）：文件已损坏，或由其他版本的计算器编译。请用本版本重新编译（`policy-calc compile`）。"),
            },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
