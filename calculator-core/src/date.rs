//! Calendar dates (proleptic Gregorian), just enough for policy windows.
//!
//! The core needs ordering, parsing of `YYYY-MM-DD`, and month/year
//! arithmetic; a date library would add size to the wasm build for nothing.

use core::fmt;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, `0001-01-01` to `9999-12-31`.
///
/// ```
/// use calculator_core::Date;
/// let d: Date = "2025-12-31".parse()?;
/// assert_eq!(d.add_months(2).to_string(), "2026-02-28");
/// # Ok::<(), calculator_core::DateError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError;

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a valid date (YYYY-MM-DD, 0001-01-01 to 9999-12-31)")
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };

    /// A date from its parts, or an error if the day does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError);
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Adds (or with a negative count subtracts) whole months, clamping the
    /// day to the end of a shorter month; saturates at the calendar's ends.
    pub fn add_months(self, months: i64) -> Date {
        let index = (i64::from(self.year) * 12 + i64::from(self.month) - 1).saturating_add(months);
        let index = index.clamp(12, 9999 * 12 + 11);
        let year = (index / 12) as u16;
        let month = (index % 12 + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The day `days` days later (earlier when negative); saturates at the
    /// calendar's ends.
    pub fn add_days(self, days: i64) -> Date {
        let mut d = self;
        let step = if days < 0 { -1 } else { 1 };
        // Few days at a time are asked for (a day either side of a threshold).
        for _ in 0..days.unsigned_abs().min(400) {
            d = if step > 0 { d.next_day().unwrap_or(d) } else { d.previous_day() };
        }
        d
    }

    /// The next day; `None` after 9999-12-31.
    pub(crate) fn next_day(self) -> Option<Date> {
        if self.day < days_in_month(self.year, self.month) {
            Some(Date { day: self.day + 1, ..self })
        } else if self.month < 12 {
            Some(Date { month: self.month + 1, day: 1, ..self })
        } else if self.year < 9999 {
            Some(Date { year: self.year + 1, month: 1, day: 1 })
        } else {
            None
        }
    }

    fn previous_day(self) -> Date {
        if self.day > 1 {
            Date { day: self.day - 1, ..self }
        } else if self.month > 1 {
            let month = self.month - 1;
            Date { month, day: days_in_month(self.year, month), ..self }
        } else if self.year > 1 {
            Date { year: self.year - 1, month: 12, day: 31 }
        } else {
            self
        }
    }

    /// Days since 0001-01-01, for differences between dates.
    pub fn ordinal(self) -> i64 {
        let y = i64::from(self.year) - 1;
        let mut days = y * 365 + y / 4 - y / 100 + y / 400;
        for m in 1..self.month {
            days += i64::from(days_in_month(self.year, m));
        }
        days + i64::from(self.day) - 1
    }
}

impl core::str::FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError);
        }
        let num = |r: core::ops::Range<usize>| -> Result<u16, DateError> {
            // `get`, not indexing: no panic path (and its formatting code) in the wasm.
            let part = s.get(r).ok_or(DateError)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(DateError);
            }
            part.parse().map_err(|_| DateError)
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }
}

impl Date {
    /// The date as `YYYY-MM-DD`, written digit by digit: reports write
    /// dates in every explanation, and formatting machinery is slower and
    /// larger in WebAssembly.
    fn ascii(self) -> [u8; 10] {
        let d = |n: u16| b'0' + (n % 10) as u8;
        let (y, m, day) = (self.year, u16::from(self.month), u16::from(self.day));
        [d(y / 1000), d(y / 100), d(y / 10), d(y), b'-', d(m / 10), d(m), b'-', d(day / 10), d(day)]
    }

    /// Appends `YYYY-MM-DD` to `out`.
    pub(crate) fn push_to(self, out: &mut String) {
        out.push_str(self.as_str(&mut [0; 10]));
    }

    fn as_str(self, buf: &mut [u8; 10]) -> &str {
        *buf = self.ascii();
        // Only ASCII digits and '-' are written.
        std::str::from_utf8(buf).unwrap_or("0000-00-00")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str(&mut [0; 10]))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str(&mut [0; 10]))
    }
}

/// Accepts `"2025-12-31"` as a string, and TOML's bare date literal
/// (`valid_from = 2025-12-31`) so that catalogs read naturally.
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(|_| E::custom(format!("`{v}` is not a valid date (YYYY-MM-DD)")))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                // TOML hands its datetime literals over as a one-entry map.
                let Some((_key, text)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom("expected a date"));
                };
                self.visit_str(&text)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2024-02-29".parse::<Date>().unwrap().to_string(), "2024-02-29");
        for bad in ["2023-02-29", "2025-13-01", "0000-01-01", "2025-1-01", "２０２５-01-01", ""] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("9999-12-31".parse::<Date>().is_ok());
    }

    #[test]
    fn writes_every_digit() {
        for text in ["0001-01-01", "0999-10-09", "2024-02-29", "9999-12-31"] {
            let d: Date = text.parse().unwrap();
            let mut pushed = String::from(">");
            d.push_to(&mut pushed);
            assert_eq!((d.to_string(), pushed), (text.to_string(), format!(">{text}")));
        }
        assert_eq!(format!("[{:>11}]", Date::MIN), "[ 0001-01-01]");
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d: Date = "2024-01-31".parse().unwrap();
        assert_eq!(d.add_months(1).to_string(), "2024-02-29");
        assert_eq!(d.add_months(-13).to_string(), "2022-12-31");
        assert_eq!(d.add_months(i64::MAX / 2).to_string(), "9999-12-31");
    }

    #[test]
    fn days_are_added_across_months_years_and_leap_days() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2024-02-29").add_days(1), d("2024-03-01"));
        assert_eq!(d("2025-12-31").add_days(1), d("2026-01-01"));
        assert_eq!(d("2026-01-01").add_days(-1), d("2025-12-31"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(Date::MIN.add_days(-1), Date::MIN);
        assert_eq!(d("9999-12-31").add_days(1), d("9999-12-31"));
    }

    #[test]
    fn ordinal_difference() {
        let a: Date = "2024-01-01".parse().unwrap();
        let b: Date = "2025-01-01".parse().unwrap();
        assert_eq!(b.ordinal() - a.ordinal(), 366);
    }
}
