//! Reading one field of a profile as its input's kind: numbers exactly
//! (separators, 万 and 亿, percentages for ratios), yes/no, dates, options,
//! codes; a value that cannot be read is a [`FieldIssue`] naming the field,
//! in the user's language.

use super::codes::{check_credit_code, is_region_code, normalize_industry_code};
use super::{FieldIssue, IssueCode, Raw};
use crate::catalog::{InputDef, InputKind};
use crate::expression::Value;
use crate::i18n::Lang;
use rust_decimal::Decimal;
use std::sync::Arc;

fn parse_decimal(text: &str) -> Option<Decimal> {
    let separator = |c: char| matches!(c, ',' | '，' | ' ' | '_' | '\u{a0}');
    // Copied only when there are separators to drop: most values have none.
    let cleaned: std::borrow::Cow<str> = if text.contains(separator) { text.chars().filter(|c| !separator(*c)).collect() } else { text.into() };
    let cleaned = cleaned.strip_suffix('元').unwrap_or(&cleaned);
    let (body, factor) = if let Some(b) = cleaned.strip_suffix('万') {
        (b, Some(Decimal::from(10_000)))
    } else if let Some(b) = cleaned.strip_suffix('亿') {
        (b, Some(Decimal::from(100_000_000)))
    } else {
        (cleaned, None)
    };
    let body = body.strip_prefix('+').unwrap_or(body);
    if body.is_empty() || body.len() > 64 {
        return None;
    }
    let d = if body.contains(['e', 'E']) {
        Decimal::from_scientific(body).ok()?
    } else {
        if !body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
            return None;
        }
        Decimal::from_str_exact(body).ok()?
    };
    match factor {
        Some(f) => d.checked_mul(f),
        None => Some(d),
    }
}

/// Default bounds where a catalog declares none: far beyond any real
/// enterprise, far below where exact arithmetic could overflow.
fn default_bound() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

pub(super) fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

/// One input and the language its problems are told in.
pub(super) struct FieldReader<'a> {
    pub(super) input: &'a InputDef,
    pub(super) lang: Lang,
}

impl FieldReader<'_> {
    fn issue(&self, code: IssueCode, detail: String) -> FieldIssue {
        let label = self.input.label.get(self.lang);
        let message = match self.lang {
            Lang::En => format!("{label} ({}): {detail}", self.input.key),
            _ => format!("「{label}」：{detail}"),
        };
        FieldIssue { field: self.input.key.clone(), code, message }
    }

    fn t(&self, zh_cn: &str, zh_tw: &str, en: &str) -> String {
        self.lang.pick(zh_cn, zh_tw, en).to_string()
    }

    fn number(&self, raw: Raw) -> Result<Decimal, FieldIssue> {
        let text = match raw {
            Raw::Number(t) | Raw::Text(t) => t,
            Raw::Bool(_) | Raw::Null => "",
        };
        let is_ratio = self.input.kind == InputKind::Ratio;
        let (text, percent) = match text.trim().strip_suffix('%') {
            Some(t) if is_ratio => (t, true),
            _ => (text, false),
        };
        let Some(mut d) = parse_decimal(text) else {
            let example = match self.input.kind {
                InputKind::Integer => "25",
                InputKind::Ratio => "0.03",
                _ => "1234.56",
            };
            let shown = shorten(text);
            let detail = match self.lang {
                Lang::En => format!("`{shown}` is not a number; write it like {example}"),
                Lang::ZhTw => format!("「{shown}」不是數字，請按 {example} 的格式填寫"),
                Lang::ZhCn => format!("“{shown}”不是数字，请按 {example} 的格式填写"),
            };
            return Err(self.issue(IssueCode::NotANumber, detail));
        };
        if percent {
            d /= Decimal::ONE_HUNDRED;
        }
        let d = d.normalize();
        match self.input.kind {
            InputKind::Integer if !d.fract().is_zero() => {
                return Err(self.issue(IssueCode::NotAnInteger, self.t("请填写整数", "請填寫整數", "must be a whole number")))
            }
            InputKind::Money if d.scale() > 2 => {
                let detail = self.t("金额最多保留两位小数（到分）", "金額最多保留兩位小數（到分）", "money has at most two decimals (fen)");
                return Err(self.issue(IssueCode::TooManyDecimals, detail));
            }
            _ => {}
        }
        let (min, max) = match self.input.kind {
            InputKind::Ratio => (self.input.min.unwrap_or(Decimal::ZERO), self.input.max.unwrap_or(Decimal::ONE)),
            _ => (self.input.min.unwrap_or(-default_bound()), self.input.max.unwrap_or(default_bound())),
        };
        if d < min || d > max {
            let (lo, hi) = (min.normalize(), max.normalize());
            let detail = match self.lang {
                Lang::En => format!("must be between {lo} and {hi}"),
                Lang::ZhTw => format!("應在 {lo} 至 {hi} 之間"),
                Lang::ZhCn => format!("应在 {lo} 至 {hi} 之间"),
            };
            return Err(self.issue(IssueCode::OutOfRange, detail));
        }
        Ok(d)
    }

    fn text<'r>(&self, raw: Raw<'r>) -> Option<&'r str> {
        match raw {
            Raw::Text(t) | Raw::Number(t) => Some(t),
            _ => None,
        }
    }

    pub(super) fn value(&self, raw: Raw) -> Result<Value, FieldIssue> {
        let too_long = |s: &str| s.len() > 200;
        match self.input.kind {
            InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio => self.number(raw).map(Value::Num),
            InputKind::Boolean => {
                let b = match raw {
                    Raw::Bool(b) => Some(b),
                    Raw::Number(n) if n == "1" || n == "0" => Some(n == "1"),
                    Raw::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                        "true" | "yes" | "1" | "是" | "y" => Some(true),
                        "false" | "no" | "0" | "否" | "n" => Some(false),
                        _ => None,
                    },
                    _ => None,
                };
                b.map(Value::Bool).ok_or_else(|| self.issue(IssueCode::NotABoolean, self.t("请选择“是”或“否”", "請選擇「是」或「否」", "answer yes or no")))
            }
            InputKind::Date => self.text(raw).and_then(|t| t.trim().parse().ok()).map(Value::Date).ok_or_else(|| {
                self.issue(IssueCode::NotADate, self.t("请按 2025-12-31 的格式填写日期", "請按 2025-12-31 的格式填寫日期", "write the date as 2025-12-31"))
            }),
            InputKind::Enum => {
                let t = self.text(raw).unwrap_or("");
                if self.input.options.iter().any(|o| o.value == t) {
                    Ok(Value::Text(Arc::from(t)))
                } else {
                    let list: Vec<String> = self.input.options.iter().map(|o| format!("{}（{}）", o.label.get(self.lang), o.value)).collect();
                    let shown = shorten(t);
                    let detail = match self.lang {
                        Lang::En => format!("`{shown}` is not one of: {}", list.join(", ")),
                        Lang::ZhTw => format!("「{shown}」不是可選項，可選：{}", list.join("、")),
                        Lang::ZhCn => format!("“{shown}”不是可选项，可选：{}", list.join("、")),
                    };
                    Err(self.issue(IssueCode::UnknownOption, detail))
                }
            }
            InputKind::Text => match self.text(raw) {
                Some(t) if !too_long(t) => Ok(Value::Text(Arc::from(t))),
                _ => Err(self.issue(IssueCode::TooLong, self.t("不超过200个字符", "不超過200個字元", "at most 200 characters"))),
            },
            InputKind::IndustryCode => {
                self.text(raw).filter(|t| !too_long(t)).and_then(normalize_industry_code).map(|c| Value::Text(Arc::from(c))).ok_or_else(|| {
                    let detail = self.t(
                        "不是有效的国民经济行业分类代码（GB/T 4754-2017），例如 C3411、I65、F52",
                        "不是有效的國民經濟行業分類代碼（GB/T 4754-2017），例如 C3411、I65、F52",
                        "not a GB/T 4754-2017 industry code, e.g. C3411, I65, F52",
                    );
                    self.issue(IssueCode::BadIndustryCode, detail)
                })
            }
            InputKind::RegionCode => {
                let t = self.text(raw).unwrap_or("").trim();
                if is_region_code(t) {
                    Ok(Value::Text(Arc::from(t)))
                } else {
                    let detail = self.t(
                        "应为6位行政区划代码，例如大连市中山区 210202",
                        "應為6位行政區劃代碼，例如大連市中山區 210202",
                        "a six-digit administrative division code, e.g. 210202",
                    );
                    Err(self.issue(IssueCode::BadRegionCode, detail))
                }
            }
            InputKind::CreditCode => {
                let t: String = self.text(raw).unwrap_or("").trim().to_ascii_uppercase();
                match check_credit_code(&t) {
                    Ok(()) => Ok(Value::Text(Arc::from(t.as_str()))),
                    Err(expected) => {
                        let detail = match (expected, self.lang) {
                            (Some(c), Lang::En) => format!("the check character (18th) does not match; expected {c}. Please re-check the code"),
                            (Some(c), Lang::ZhTw) => format!("校驗碼（第18位）不符，按前17位應為 {c}，請核對"),
                            (Some(c), Lang::ZhCn) => format!("校验码（第18位）不符，按前17位应为 {c}，请核对"),
                            (None, _) => self.t(
                                "应为18位统一社会信用代码（不含 I、O、Z、S、V，第3–8位为数字）",
                                "應為18位統一社會信用代碼（不含 I、O、Z、S、V，第3–8位為數字）",
                                "an 18-character unified social credit code (no I, O, Z, S, V; digits in positions 3–8)",
                            ),
                        };
                        Err(self.issue(IssueCode::BadCreditCode, detail))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_decimal("1,234.56"), Some("1234.56".parse().unwrap()));
        assert_eq!(parse_decimal("300万"), Some(Decimal::from(3_000_000)));
        assert_eq!(parse_decimal("1e21"), Some("1000000000000000000000".parse().unwrap()));
        assert_eq!(parse_decimal("0.1"), Some("0.1".parse().unwrap()));
        assert_eq!(parse_decimal("NaN"), None);
        assert_eq!(parse_decimal("Infinity"), None);
        assert_eq!(parse_decimal("1e999"), None);
        assert_eq!(parse_decimal("99999999999999999999999999999999"), None);
    }
}
