//! Writing values as text, with no catalog knowledge: decimals as
//! `Decimal`'s `Display` writes them, and lists joined by a separator.
//!
//! Explanations write their numbers through here, and money in the report's
//! JSON is the same `Display` text, so that one value reads the same
//! everywhere.

use rust_decimal::Decimal;

/// Appends `d` as `Decimal`'s `Display` writes it: the one number format
/// of explanations and reports.
pub(crate) fn push_decimal(out: &mut String, d: Decimal) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{d}");
}

/// Writes each of `items` with `each`, `sep` between them.
pub(crate) fn join_into<T>(items: impl IntoIterator<Item = T>, sep: &str, out: &mut String, mut each: impl FnMut(T, &mut String)) {
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        each(x, out);
    }
}

/// `before`, the `items` joined by `sep`, then `after`.
pub(crate) fn sentence<'t>(before: &str, items: impl Iterator<Item = &'t str>, sep: &str, after: &str) -> String {
    // Nine in ten of the default catalog's reasons fit (median 165 bytes): one allocation.
    let mut out = String::with_capacity(256);
    out.push_str(before);
    join_into(items, sep, &mut out, |t, out| out.push_str(t));
    out.push_str(after);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_joined() {
        assert_eq!(sentence("不符合：", ["甲", "乙"].into_iter(), "；", "。"), "不符合：甲；乙。");
        assert_eq!(sentence("(", std::iter::empty(), ", ", ")"), "()");
    }
}
