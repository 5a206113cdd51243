//! Money: exact 元, shown to the 分.

use rust_decimal::{Decimal, RoundingStrategy};
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
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// Rounds half-up (四舍五入) to the 分, the default for money.
    pub fn half_up(d: Decimal) -> Money {
        Money::exact(d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
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

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // As Display writes it, "180000.00": never a JSON number, which a
        // reader could take through binary floating point.
        s.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_up_to_fen() {
        let m = |s: &str| Money::half_up(s.parse().unwrap()).to_string();
        assert_eq!(m("0.005"), "0.01");
        assert_eq!(m("-0.005"), "-0.01");
        assert_eq!(m("2.675"), "2.68");
        assert_eq!(m("180000"), "180000.00");
        assert_eq!(m("1.1"), "1.10");
        // A total of nothing is still written to the 分.
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }
}
