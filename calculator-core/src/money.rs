//! Money: exact 元, shown to the 分.

use crate::expression::Rounding;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;

/// An amount in 元, exact, always printed with two decimals (`"180000.00"`).
///
/// ```
/// use calculator_core::Money;
/// let m = Money::half_up("1234.565".parse()?);
/// assert_eq!(m.to_string(), "1234.57");
/// # Ok::<(), rust_decimal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Rounds half-up (四舍五入) to the 分, the default for money.
    pub fn half_up(d: Decimal) -> Money {
        Money::exact(Rounding::HalfUp.apply(d, 2))
    }

    /// Keeps `d` as it is, padded to two decimals for display; `d` must
    /// already be rounded to the 分.
    pub fn exact(d: Decimal) -> Money {
        let mut d = d;
        if d.scale() < 2 {
            d.rescale(2);
        }
        Money(d)
    }

    /// The exact value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Sum, or `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money::exact)
    }
}

/// Appends `d` exactly as `Decimal`'s `Display` writes it, without going
/// through `fmt`: a full report writes a few hundred numbers, and the
/// formatting machinery took a tenth of its time.
pub(crate) fn push_decimal(out: &mut String, d: Decimal) {
    out.push_str(decimal_text(d, &mut [0; 32]));
}

/// `d` as `Decimal`'s `Display` writes it, in `text`: written from the last
/// digit back, on the stack. At most 29 digits (a 96-bit mantissa; the scale
/// is at most 28), a point and a sign.
fn decimal_text(d: Decimal, text: &mut [u8; 32]) -> &str {
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

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The same text as Display, without the formatting machinery or a String.
        s.serialize_str(decimal_text(self.0, &mut [0; 32]))
    }
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
    fn rounding_is_half_up_to_fen() {
        let m = |s: &str| Money::half_up(s.parse().unwrap()).to_string();
        assert_eq!(m("0.005"), "0.01");
        assert_eq!(m("-0.005"), "-0.01");
        assert_eq!(m("2.675"), "2.68");
        assert_eq!(m("180000"), "180000.00");
        assert_eq!(m("1.1"), "1.10");
    }
}
