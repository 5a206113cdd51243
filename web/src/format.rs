//! Money for people: "¥1,234,567.00", and 万元 beside large sums.

use calculator_core::Lang;

/// Groups the integer part of a decimal string in threes.
fn grouped(int: &str) -> String {
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// `"1234567.5"` → `"¥1,234,567.50"`; the text is exact, never re-rounded.
pub fn yuan(amount: &str) -> String {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let frac = format!("{frac:0<2}");
    let (neg, int) = int.strip_prefix('-').map_or((false, int), |i| (true, i));
    format!("{}¥{}.{frac}", if neg { "-" } else { "" }, grouped(int))
}

/// A non-negative 元 amount as whole 分: `"1234.5"` → `123450`. `None` for
/// anything else (the amounts come from the core as exact decimal text).
pub fn fen(amount: &str) -> Option<u128> {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let frac = format!("{frac:0<2}");
    Some(int.parse::<u128>().ok()? * 100 + frac.get(..2)?.parse::<u128>().ok()?)
}

/// `"1234567.00"` → `"123.46万元"` (rounded for reading only; the exact 元
/// figure is always shown next to it). `None` below 1万.
pub fn wan(amount: &str, lang: Lang) -> Option<String> {
    let total_fen = fen(amount.trim_start_matches('-'))?;
    if total_fen < 1_000_000 {
        return None; // below 1万
    }
    // 0.01万 = 10,000 分, rounded half-up.
    let hundredths = (total_fen + 5_000) / 10_000;
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    Some(match lang {
        Lang::En => format!("{text} wan yuan"),
        _ => format!("{text}万元"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_groups_digits_without_rounding() {
        assert_eq!(yuan("1234567.5"), "¥1,234,567.50");
        assert_eq!(yuan("0.00"), "¥0.00");
        assert_eq!(yuan("999"), "¥999.00");
        assert_eq!(yuan("-1500.25"), "-¥1,500.25");
    }

    #[test]
    fn wan_rounds_half_up_for_reading() {
        assert_eq!(wan("1234567.00", Lang::ZhCn).as_deref(), Some("123.46万元"));
        assert_eq!(wan("1234449.99", Lang::ZhCn).as_deref(), Some("123.44万元"));
        assert_eq!(wan("9999.99", Lang::ZhCn), None);
        assert_eq!(wan("20000.00", Lang::En).as_deref(), Some("2.00 wan yuan"));
        assert_eq!(fen("1234.5"), Some(123450));
        assert_eq!(fen("x"), None);
    }
}
