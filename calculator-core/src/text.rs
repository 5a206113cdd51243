//! Writing values as text, with no catalog knowledge: decimals exactly as
//! `Decimal`'s `Display` writes them, and lists joined by a separator.
//!
//! The explanation, the report's JSON and the page all write numbers through
//! here, so that one value reads the same everywhere.

use rust_decimal::Decimal;

/// Appends `d` exactly as `Decimal`'s `Display` writes it.
pub(crate) fn push_decimal(out: &mut String, d: Decimal) {
    out.push_str(decimal_text(d, &mut [0; 32]));
}

/// `d` as `Decimal`'s `Display` writes it, in `text`: written from the last
/// digit back, on the stack. At most 29 digits (a 96-bit mantissa; the scale
/// is at most 28), a point and a sign. See DESIGN.md for why this exists.
pub(crate) fn decimal_text(d: Decimal, text: &mut [u8; 32]) -> &str {
    let scale = d.scale() as usize;
    let mut m = d.mantissa().unsigned_abs();
    let mut at = text.len();
    let mut written = 0;
    // Every digit of the mantissa, and at least the scale's digits and one before the point.
    while m > 0 || written <= scale {
        if written == scale && scale > 0 {
            at -= 1;
            text[at] = b'.';
        }
        let digit = match u64::try_from(m) {
            Ok(small) => {
                m = u128::from(small / 10);
                small % 10
            }
            Err(_) => {
                let r = m % 10;
                m /= 10;
                r as u64
            }
        };
        at -= 1;
        text[at] = b'0' + digit as u8;
        written += 1;
    }
    if d.is_sign_negative() {
        at -= 1;
        text[at] = b'-';
    }
    // Only ASCII digits, '.' and '-' are written.
    std::str::from_utf8(&text[at..]).unwrap_or_default()
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
    fn decimals_are_written_as_display_writes_them() {
        let mut checked = 0;
        let mantissas: [i128; 12] = [
            0,
            1,
            7,
            10,
            12345,
            100000,
            999999999,
            18446744073709551615,
            18446744073709551616,
            12345678901234567890123456789,
            79228162514264337593543950335,
            5,
        ];
        for m in mantissas {
            for scale in 0..=28 {
                for sign in [1, -1] {
                    let Ok(d) = Decimal::try_from_i128_with_scale(sign * m, scale) else { continue };
                    let mut out = String::from("x");
                    push_decimal(&mut out, d);
                    assert_eq!(out[1..], d.to_string(), "{m} scale {scale}");
                    checked += 1;
                }
            }
        }
        // Negative zero, as Display writes it.
        let mut out = String::new();
        push_decimal(&mut out, Decimal::new(-0, 2) * Decimal::NEGATIVE_ONE);
        assert_eq!(out, (Decimal::new(-0, 2) * Decimal::NEGATIVE_ONE).to_string());
        assert_eq!(checked, 12 * 29 * 2);
    }

    #[test]
    fn lists_are_joined() {
        assert_eq!(sentence("不符合：", ["甲", "乙"].into_iter(), "；", "。"), "不符合：甲；乙。");
        assert_eq!(sentence("(", std::iter::empty(), ", ", ")"), "()");
    }
}
