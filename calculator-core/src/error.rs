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
}

impl Error {
    /// A stable machine-readable code: `catalog_invalid`, `invalid_option`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Catalog(_) => "catalog_invalid",
            Error::InvalidOption { .. } => "invalid_option",
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
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
