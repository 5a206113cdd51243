//! The crate's one error type, and the problems a catalog can have, each
//! located in its file and told in words a catalog author can act on.

use crate::i18n::Lang;
use serde::Serialize;
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
    /// Compiled catalog bytes were written by another version of this crate:
    /// the format suits one version only.
    CompiledCatalogVersion {
        /// The version that wrote them, when the bytes name one.
        found: Option<String>,
        /// This crate's version.
        expected: &'static str,
    },
}

impl Error {
    /// A stable machine-readable code: `catalog_invalid`, `invalid_option`,
    /// `catalog_hash_mismatch`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Catalog(_) | Error::CompiledCatalog { .. } | Error::CompiledCatalogVersion { .. } => "catalog_invalid",
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
            Error::CompiledCatalogVersion { found, expected } => {
                let found = |en: &str, zh_tw: &str, zh_cn: &str| match found {
                    Some(v) => lang.pick(format!("{v} 版"), format!("{v} 版"), format!("version {v}")),
                    None => lang.pick(zh_cn.to_string(), zh_tw.to_string(), en.to_string()),
                };
                let found = found("an earlier version", "較早版本", "较早版本");
                match lang {
                    Lang::En => format!(
                        "The compiled catalog was written by {found} of the calculator; this is version {expected}, which reads only its own. Compile the catalog again with this version (`policy-calc compile`, or `compileCatalog` of the same package)."
                    ),
                    Lang::ZhTw => format!("已編譯的政策目錄由{found}計算器寫入；本版本為 {expected}，只能讀取本版本編譯的目錄。請用本版本重新編譯（`policy-calc compile`，或同一套件的 `compileCatalog`）。"),
                    Lang::ZhCn => format!("已编译的政策目录由{found}计算器写入；本版本为 {expected}，只能读取本版本编译的目录。请用本版本重新编译（`policy-calc compile`，或同一软件包的 `compileCatalog`）。"),
                }
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// A problem in a catalog, located in its file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// File name as given to the loader.
    pub file: String,
    /// 1-based line, 0 where unknown.
    pub line: u32,
    /// 1-based column (in characters), 0 where unknown.
    pub column: u32,
    /// Where in the catalog's structure (`policy cn.cit.x, condition income`).
    pub context: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What a catalog names by key or id besides its variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reference {
    /// A document of the policy (`cite = { doc = "…" }`).
    Document,
    /// A catalog-level `[[document]]` (`use = "…"` in `[[policy.document]]`).
    SharedDocument,
    /// A catalog-level `[[parameter]]`.
    SharedParameter,
    /// A catalog-level `[[condition]]`.
    SharedCondition,
}

/// What is wrong with a catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is not valid TOML, or a field is missing or misspelt.
    Format {
        /// The reader's own words.
        detail: String,
    },
    /// An expression does not parse.
    Syntax {
        /// What was expected.
        detail: String,
    },
    /// A name that nothing declares.
    UnknownVariable {
        /// The name.
        name: String,
        /// The nearest declared name.
        suggestion: Option<String>,
    },
    /// A document, shared parameter or shared condition a catalog names but
    /// does not declare (`cite = { doc = "…" }`, `use = "…"`).
    UnknownReference {
        /// What kind of item was named.
        what: Reference,
        /// The name.
        name: String,
        /// The nearest declared name.
        suggestion: Option<String>,
    },
    /// A function that does not exist.
    UnknownFunction {
        /// The name.
        name: String,
        /// The nearest function.
        suggestion: Option<String>,
    },
    /// Operand of the wrong type.
    TypeMismatch {
        /// Expected type.
        expected: String,
        /// Found type.
        found: String,
    },
    /// Wrong number of arguments.
    Arity {
        /// Function.
        name: String,
        /// How many it takes.
        expected: String,
        /// How many were given.
        found: usize,
    },
    /// A value that is not among the declared options.
    UnknownOption {
        /// The value.
        value: String,
        /// The options.
        options: Vec<String>,
        /// The nearest option.
        suggestion: Option<String>,
    },
    /// Something declared twice.
    Duplicate {
        /// What.
        what: String,
        /// Its name.
        name: String,
    },
    /// A field value outside its allowed set or form.
    Invalid {
        /// Field.
        field: String,
        /// Why.
        detail: String,
    },
    /// Derived facts that depend on each other in a circle.
    Cycle {
        /// The names in the circle.
        names: Vec<String>,
    },
    /// A dated parameter has no value for some days of its policy's window.
    ParameterGap {
        /// Parameter.
        name: String,
        /// First uncovered day.
        from: String,
    },
    /// A policy's validity window ends before its parameter's first value:
    /// one of the dates is wrong.
    WindowBeforeParameter {
        /// Parameter.
        name: String,
        /// The policy's last day.
        until: String,
        /// The parameter's first day.
        first: String,
    },
    /// No `[catalog]` table in any file, or more than one.
    CatalogInfo {
        /// How many were found.
        found: usize,
    },
    /// A shared document, parameter or condition that no policy uses.
    Unused {
        /// `document`, `parameter`, `condition`.
        what: String,
        /// Its key.
        name: String,
    },
    /// (A warning of [`crate::lint`].) An input that no policy or derived
    /// fact reads.
    InputUnread {
        /// The input.
        key: String,
    },
    /// (A warning of [`crate::lint`].) A document of a policy that no
    /// citation refers to and that is no source for a window of its own.
    DocumentUncited {
        /// The document's 文号.
        number: String,
    },
    /// (A warning of [`crate::lint`].) A condition that holds for none of
    /// the answers tried: no enterprise can meet it.
    ConditionNeverHolds {
        /// The condition.
        id: String,
    },
    /// (A warning of [`crate::lint`].) A policy whose amount is computed for
    /// none of the answers tried.
    AmountNeverComputed,
}

impl ProblemKind {
    /// The problem in words a catalog author can act on.
    pub fn message(&self, lang: Lang) -> String {
        let hint = |s: &Option<String>| match (s, lang) {
            (Some(s), Lang::En) => format!("; did you mean `{s}`?"),
            (Some(s), Lang::ZhTw) => format!("；您是否指 `{s}`？"),
            (Some(s), Lang::ZhCn) => format!("；您是否指 `{s}`？"),
            (None, _) => String::new(),
        };
        match self {
            ProblemKind::Format { detail } => match lang {
                Lang::En => format!("file format: {detail}"),
                Lang::ZhTw => format!("檔案格式錯誤：{detail}"),
                Lang::ZhCn => format!("文件格式错误：{detail}"),
            },
            ProblemKind::Syntax { detail } => match lang {
                Lang::En => format!("expression syntax: {detail}"),
                Lang::ZhTw => format!("公式語法錯誤：{detail}"),
                Lang::ZhCn => format!("公式语法错误：{detail}"),
            },
            ProblemKind::UnknownVariable { name, suggestion } => match lang {
                Lang::En => format!("unknown variable `{name}`{}", hint(suggestion)),
                Lang::ZhTw => format!("未知變數 `{name}`{}", hint(suggestion)),
                Lang::ZhCn => format!("未知变量 `{name}`{}", hint(suggestion)),
            },
            ProblemKind::UnknownReference { what, name, suggestion } => {
                let h = hint(suggestion);
                match (what, lang) {
                    (Reference::Document, Lang::En) => {
                        format!("no document `{name}` among the policy's documents (a shared one is listed with use = \"{name}\"){h}")
                    }
                    (Reference::Document, Lang::ZhTw) => format!("本政策的文件中沒有 `{name}`（共享文件須以 use = \"{name}\" 列入）{h}"),
                    (Reference::Document, Lang::ZhCn) => format!("本政策的文件中没有 `{name}`（共享文件须以 use = \"{name}\" 列入）{h}"),
                    (Reference::SharedDocument, Lang::En) => format!("no shared document `{name}` in the catalog{h}"),
                    (Reference::SharedDocument, Lang::ZhTw) => format!("目錄中沒有共享文件 `{name}`{h}"),
                    (Reference::SharedDocument, Lang::ZhCn) => format!("目录中没有共享文件 `{name}`{h}"),
                    (Reference::SharedParameter, Lang::En) => format!("no shared parameter `{name}` in the catalog{h}"),
                    (Reference::SharedParameter, Lang::ZhTw) => format!("目錄中沒有共享參數 `{name}`{h}"),
                    (Reference::SharedParameter, Lang::ZhCn) => format!("目录中没有共享参数 `{name}`{h}"),
                    (Reference::SharedCondition, Lang::En) => format!("no shared condition `{name}` in the catalog{h}"),
                    (Reference::SharedCondition, Lang::ZhTw) => format!("目錄中沒有共享條件 `{name}`{h}"),
                    (Reference::SharedCondition, Lang::ZhCn) => format!("目录中没有共享条件 `{name}`{h}"),
                }
            }
            ProblemKind::UnknownFunction { name, suggestion } => match lang {
                Lang::En => format!("unknown function `{name}`{}", hint(suggestion)),
                Lang::ZhTw => format!("未知函數 `{name}`{}", hint(suggestion)),
                Lang::ZhCn => format!("未知函数 `{name}`{}", hint(suggestion)),
            },
            ProblemKind::TypeMismatch { expected, found } => match lang {
                Lang::En => format!("type mismatch: expected {expected}, found {found}"),
                Lang::ZhTw => format!("類型不符：應為 {expected}，實為 {found}"),
                Lang::ZhCn => format!("类型不符：应为 {expected}，实为 {found}"),
            },
            ProblemKind::Arity { name, expected, found } => match lang {
                Lang::En => format!("`{name}` takes {expected} argument(s), {found} given"),
                Lang::ZhTw => format!("`{name}` 需要 {expected} 個參數，實際 {found} 個"),
                Lang::ZhCn => format!("`{name}` 需要 {expected} 个参数，实际 {found} 个"),
            },
            ProblemKind::UnknownOption { value, options, suggestion } => {
                let list = options.join(", ");
                match lang {
                    Lang::En => format!("`{value}` is not one of: {list}{}", hint(suggestion)),
                    Lang::ZhTw => format!("`{value}` 不是可選值（{list}）{}", hint(suggestion)),
                    Lang::ZhCn => format!("`{value}` 不是可选值（{list}）{}", hint(suggestion)),
                }
            }
            ProblemKind::Duplicate { what, name } => match lang {
                Lang::En => format!("{what} `{name}` is declared twice"),
                Lang::ZhTw => format!("{what} `{name}` 重複定義"),
                Lang::ZhCn => format!("{what} `{name}` 重复定义"),
            },
            ProblemKind::Invalid { field, detail } => match lang {
                Lang::En => format!("`{field}`: {detail}"),
                Lang::ZhTw => format!("`{field}` 無效：{detail}"),
                Lang::ZhCn => format!("`{field}` 无效：{detail}"),
            },
            ProblemKind::Cycle { names } => {
                let path = names.join(" → ");
                match lang {
                    Lang::En => format!("derived facts depend on each other in a circle: {path}"),
                    Lang::ZhTw => format!("衍生指標循環依賴：{path}"),
                    Lang::ZhCn => format!("衍生指标循环依赖：{path}"),
                }
            }
            ProblemKind::WindowBeforeParameter { name, until, first } => match lang {
                Lang::En => format!("the policy ends on {until}, before parameter `{name}` has its first value ({first}): check the dates"),
                Lang::ZhTw => format!("政策於 {until} 結束，早於參數 `{name}` 的首個取值日（{first}），請核對日期"),
                Lang::ZhCn => format!("政策于 {until} 结束，早于参数 `{name}` 的首个取值日（{first}），请核对日期"),
            },
            ProblemKind::ParameterGap { name, from } => match lang {
                Lang::En => format!("parameter `{name}` has no value in force from {from}, inside its policy's validity"),
                Lang::ZhTw => format!("參數 `{name}` 自 {from} 起在政策有效期內沒有取值"),
                Lang::ZhCn => format!("参数 `{name}` 自 {from} 起在政策有效期内没有取值"),
            },
            ProblemKind::Unused { what, name } => match lang {
                Lang::En => format!("the shared {what} `{name}` is used by no policy: use it or remove it"),
                Lang::ZhTw => format!("共用的 {what} `{name}` 沒有任何政策使用：請使用或刪除"),
                Lang::ZhCn => format!("共用的 {what} `{name}` 没有任何政策使用：请使用或删除"),
            },
            ProblemKind::InputUnread { key } => match lang {
                Lang::En => format!("input `{key}` is read by no policy and no derived fact: asking it helps no one"),
                Lang::ZhTw => format!("輸入項 `{key}` 沒有被任何政策或衍生指標讀取，詢問它沒有用處"),
                Lang::ZhCn => format!("输入项 `{key}` 没有被任何政策或衍生指标读取，询问它没有用处"),
            },
            ProblemKind::DocumentUncited { number } => match lang {
                Lang::En => format!("document {number} is cited by no condition, step or parameter, and is the source for no window of its own"),
                Lang::ZhTw => format!("文件 {number} 沒有被任何條件、步驟或參數引用，也不是某一期間的依據"),
                Lang::ZhCn => format!("文件 {number} 没有被任何条件、步骤或参数引用，也不是某一期间的依据"),
            },
            ProblemKind::ConditionNeverHolds { id } => match lang {
                Lang::En => format!("condition `{id}` holds for none of the answers tried: no enterprise can meet it"),
                Lang::ZhTw => format!("條件 `{id}` 對所有試算的答案都不成立：沒有企業能滿足"),
                Lang::ZhCn => format!("条件 `{id}` 对所有试算的答案都不成立：没有企业能满足"),
            },
            ProblemKind::AmountNeverComputed => match lang {
                Lang::En => "the amount is computed for none of the answers tried: check what it reads".to_string(),
                Lang::ZhTw => "對所有試算的答案都算不出金額：請檢查金額公式讀取的內容".to_string(),
                Lang::ZhCn => "对所有试算的答案都算不出金额：请检查金额公式读取的内容".to_string(),
            },
            ProblemKind::CatalogInfo { found } => match lang {
                Lang::En => format!("exactly one [catalog] table is needed across all files; found {found}"),
                Lang::ZhTw => format!("所有檔案中須恰有一個 [catalog] 表，實有 {found} 個"),
                Lang::ZhCn => format!("所有文件中须恰有一个 [catalog] 表，实有 {found} 个"),
            },
        }
    }
}

impl Problem {
    /// `file:line:column: message`, as compilers print it.
    pub fn render(&self, lang: Lang) -> String {
        let at = if self.line > 0 { format!("{}:{}:{}", self.file, self.line, self.column) } else { self.file.clone() };
        let ctx = if self.context.is_empty() { String::new() } else { format!(" [{}]", self.context) };
        format!("{at}:{ctx} {}", self.kind.message(lang))
    }
}
