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
}

impl Error {
    /// A stable machine-readable code: `catalog_invalid`, `invalid_option`,
    /// `catalog_hash_mismatch`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Catalog(_) => "catalog_invalid",
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
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
