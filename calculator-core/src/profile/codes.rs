//! The codes a profile carries, checked as their standards define them:
//! 统一社会信用代码 (GB 32100-2015), 国民经济行业分类 (GB/T 4754-2017) and
//! 行政区划代码 (GB/T 2260).

use crate::expression::is_industry_prefix;

const CREDIT_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Checks a 统一社会信用代码 per GB 32100-2015: 18 characters from the code's
/// alphabet, digits in positions 3–8, and the check character.
/// Returns the expected check character when only that is wrong.
///
/// ```
/// use calculator_core::profile::check_credit_code;
/// assert_eq!(check_credit_code("91110000600037341L"), Ok(()));
/// assert_eq!(check_credit_code("91350100M000100Y4Z"), Err(Some('3')));
/// ```
pub fn check_credit_code(code: &str) -> Result<(), Option<char>> {
    let b = code.as_bytes();
    if b.len() != 18 || !b[2..8].iter().all(u8::is_ascii_digit) {
        return Err(None);
    }
    let mut sum = 0u32;
    for (i, c) in b[..17].iter().enumerate() {
        let v = CREDIT_ALPHABET.iter().position(|a| a == c).ok_or(None)? as u32;
        sum += v * CREDIT_WEIGHTS[i];
    }
    let expected = CREDIT_ALPHABET[((31 - sum % 31) % 31) as usize];
    if b[17] == expected {
        Ok(())
    } else {
        Err(Some(char::from(expected)))
    }
}

/// GB/T 4754-2017: each 门类 letter and its range of 大类 numbers.
const SECTIONS: &[(char, u8, u8)] = &[
    ('A', 1, 5),
    ('B', 6, 12),
    ('C', 13, 43),
    ('D', 44, 46),
    ('E', 47, 50),
    ('F', 51, 52),
    ('G', 53, 60),
    ('H', 61, 62),
    ('I', 63, 65),
    ('J', 66, 69),
    ('K', 70, 70),
    ('L', 71, 72),
    ('M', 73, 75),
    ('N', 76, 79),
    ('O', 80, 82),
    ('P', 83, 83),
    ('Q', 84, 85),
    ('R', 86, 90),
    ('S', 91, 96),
    ('T', 97, 97),
];

/// Normalizes an industry code: `c3411` → `C3411`, `3411` → `C3411` (the
/// letter follows from the 大类). `None` if it is not a GB/T 4754-2017 code.
pub fn normalize_industry_code(s: &str) -> Option<String> {
    let s: String = s.trim().to_ascii_uppercase();
    let (letter, digits) = match s.chars().next()? {
        c if c.is_ascii_alphabetic() => (Some(c), s.get(1..)?),
        _ => (None, s.as_str()),
    };
    if digits.is_empty() {
        return letter.filter(|l| SECTIONS.iter().any(|(c, _, _)| c == l)).map(String::from);
    }
    if !(2..=4).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let division: u8 = digits.get(..2)?.parse().ok()?;
    let section = SECTIONS.iter().find(|(_, lo, hi)| (*lo..=*hi).contains(&division))?.0;
    if letter.is_some_and(|l| l != section) {
        return None;
    }
    let code = format!("{section}{digits}");
    is_industry_prefix(&code).then_some(code)
}

const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65", "71", "81", "82",
];

/// Whether `t` is a six-digit region code of a province that exists.
pub(super) fn is_region_code(t: &str) -> bool {
    t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) && t.get(..2).is_some_and(|p| PROVINCES.contains(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_code_vectors_from_gb32100() {
        // Vectors from docs/reference/ux-a11y-security.md.
        assert_eq!(check_credit_code("91110000600037341L"), Ok(()));
        assert_eq!(check_credit_code("91350100M000100Y4Z"), Err(Some('3')));
        assert_eq!(check_credit_code("91350100M000100Y43"), Ok(()));
        assert_eq!(check_credit_code("9111000060003734"), Err(None));
        assert_eq!(check_credit_code("91AB0000600037341L"), Err(None));
        assert_eq!(check_credit_code("9111000060003734IL"), Err(None));
    }

    #[test]
    fn industry_codes() {
        assert_eq!(normalize_industry_code("c3411").as_deref(), Some("C3411"));
        assert_eq!(normalize_industry_code("3411").as_deref(), Some("C3411"));
        assert_eq!(normalize_industry_code("I65").as_deref(), Some("I65"));
        assert_eq!(normalize_industry_code("F").as_deref(), Some("F"));
        assert_eq!(normalize_industry_code("I34"), None);
        assert_eq!(normalize_industry_code("Z1"), None);
        assert_eq!(normalize_industry_code("C34111"), None);
        assert_eq!(normalize_industry_code(""), None);
    }
}
