//! District names for the summary by region: GB/T 2260, from the tables the
//! page's pickers use (web/data/gb2260-liaoning.tsv, gb2260-provinces.tsv;
//! their sources are in web/data/SOURCES.md).

use calculator_core::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

const LIAONING: &str = include_str!("../../web/data/gb2260-liaoning.tsv");
const PROVINCES: &str = include_str!("../../web/data/gb2260-provinces.tsv");

struct Division {
    names: [String; 3],
    /// The prefecture city's code (`2101`), for a district or county of one.
    city: Option<String>,
    is_city: bool,
}

fn table() -> &'static HashMap<String, Division> {
    static TABLE: OnceLock<HashMap<String, Division>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for text in [PROVINCES, LIAONING] {
            for line in text.lines().skip(1) {
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() < 6 {
                    continue;
                }
                let pick = |s: &str| if s.is_empty() { f[1].to_string() } else { s.to_string() };
                let is_city = f[5] == "prefecture_city";
                let city = (!f[2].is_empty() && !is_city).then(|| f[2].to_string());
                map.insert(f[0].to_string(), Division { names: [f[1].to_string(), pick(f[3]), pick(f[4])], city, is_city });
            }
        }
        map
    })
}

/// The name of the division `code` in `lang`, with its city for a district
/// or county (`210102` → 沈阳市和平区); `None` when the tables do not hold it.
pub fn district_name(code: &str, lang: Lang) -> Option<String> {
    let t = table();
    let i = match lang {
        Lang::ZhCn => 0,
        Lang::ZhTw => 1,
        Lang::En => 2,
    };
    let d = t.get(code)?;
    let own = d.names[i].clone();
    let city = d.city.as_ref().and_then(|c| t.get(&format!("{c}00"))).filter(|c| c.is_city);
    Some(match (city, lang) {
        (Some(c), Lang::En) => format!("{own}, {}", c.names[2]),
        (Some(c), _) => format!("{}{own}", c.names[i]),
        (None, _) => own,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_are_named_with_their_city() {
        assert_eq!(district_name("210102", Lang::ZhCn).as_deref(), Some("沈阳市和平区"));
        assert_eq!(district_name("210102", Lang::En).as_deref(), Some("Heping District, Shenyang City"));
        assert_eq!(district_name("210100", Lang::ZhCn).as_deref(), Some("沈阳市"));
        assert_eq!(district_name("110000", Lang::ZhCn).as_deref(), Some("北京市"));
        assert_eq!(district_name("999999", Lang::ZhCn), None);
    }
}
