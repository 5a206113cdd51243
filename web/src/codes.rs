//! The code lists behind the pickers, searched by name or by code: places
//! (GB/T 2260: Liaoning's 14 cities and 100 districts and counties, and the
//! other provinces) and industries (GB/T 4754-2017 门类, 大类 and 中类).
//! The tables live in `data/*.tsv`; `build.rs` embeds them in a compact form.
//! They only help the user find a code: the core validates whatever is
//! stored. Names are zh-CN and zh-TW; the English page shows the Chinese
//! name beside the code.

use calculator_core::Lang;

mod data {
    include!(concat!(env!("OUT_DIR"), "/codes_data.rs"));
}

/// Which list a picker searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// 行政区划代码 (six digits).
    Region,
    /// 国民经济行业分类代码 (`C`, `C34`, `C341`).
    Industry,
}

/// One code of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The code as stored.
    pub code: &'static str,
    name: &'static str,
    tw: &'static str,
    key: &'static str,
}

impl Entry {
    /// The name in `lang` (zh-CN for English).
    pub fn name(&self, lang: Lang) -> String {
        match lang {
            Lang::ZhTw if !self.tw.is_empty() => self.tw.to_string(),
            Lang::ZhTw => self.name.chars().map(tw).collect(),
            _ => self.name.to_string(),
        }
    }

    /// How deep in its list: 0 a city, province or 门类; 1 a county or 大类; 2 a 中类.
    pub fn depth(&self) -> usize {
        match self.code.len() {
            6 => usize::from(!self.code.ends_with("00")),
            n => n.saturating_sub(2),
        }
    }
}

fn tw(c: char) -> char {
    let mut pairs = data::TW.chars();
    while let (Some(a), Some(b)) = (pairs.next(), pairs.next()) {
        if a == c {
            return b;
        }
    }
    c
}

/// Every code of `list`, in the table's order (a parent before its children).
pub fn entries(list: List) -> Vec<Entry> {
    let text = match list {
        List::Region => data::REGIONS,
        List::Industry => data::INDUSTRIES,
    };
    text.lines()
        .map(|l| {
            let mut f = l.split('\t');
            let mut next = || f.next().unwrap_or_default();
            Entry { code: next(), name: next(), tw: next(), key: next() }
        })
        .collect()
}

/// The codes above `e` (a county's city; a 中类's 门类 and 大类), outermost first.
fn parents(all: &[Entry], e: &Entry) -> Vec<Entry> {
    let above: Vec<String> = match e.code.len() {
        6 if e.depth() == 1 && e.code.starts_with("21") => vec![format!("{}00", &e.code[..4])],
        3 => vec![e.code[..1].into()],
        4 => vec![e.code[..1].into(), e.code[..3].into()],
        _ => Vec::new(),
    };
    above.iter().filter_map(|c| all.iter().find(|p| p.code == c)).copied().collect()
}

/// `e` as the picker shows it: the code and the full name
/// ("210802 营口市站前区", "C341 锅炉及原动设备制造").
pub fn label(all: &[Entry], e: &Entry, lang: Lang) -> String {
    let city: String = if e.code.len() == 6 { parents(all, e).iter().map(|p| p.name(lang)).collect() } else { String::new() };
    format!("{} {city}{}", e.code, e.name(lang))
}

/// What a stored code means, to show under the field: the place, or the
/// industry with the levels above it ("C 制造业 › C34 通用设备制造业").
/// A code not in the list (a 小类, a county outside Liaoning) is read by its
/// longest known prefix.
pub fn meaning(list: List, code: &str, lang: Lang) -> Option<String> {
    let all = entries(list);
    let find = |c: &str| all.iter().find(|e| e.code == c).copied();
    let e = match list {
        List::Region => {
            let code = code.trim();
            if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            find(code).or_else(|| find(&format!("{}00", &code[..4]))).or_else(|| find(&format!("{}0000", &code[..2])))?
        }
        List::Industry => {
            let code = calculator_core::profile::normalize_industry_code(code.trim())?;
            (1..=code.len().min(4)).rev().filter(|n| *n != 2).find_map(|n| code.get(..n).and_then(find))?
        }
    };
    if list == List::Region {
        return Some(label(&all, &e, lang));
    }
    let mut chain = parents(&all, &e);
    chain.push(e);
    Some(chain.iter().map(|p| label(&all, p, lang)).collect::<Vec<_>>().join(" › "))
}

/// Whether `hay` contains `needle` (plain bytes: the standard searcher adds
/// 2 KB of wasm for names of a few characters).
fn contains(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len().max(1)).any(|w| w == needle.as_bytes())
}

/// Whether the characters of `query` occur in `hay` in order.
fn in_order(query: &str, hay: &str) -> bool {
    let mut h = hay.chars();
    query.chars().all(|q| h.any(|c| c == q))
}

/// The entries matching what was typed, in the table's order: by code (its
/// start: "2108", "C34", "341"), by name in either script ("站前",
/// "营口站前区", "機械"), or for places by pinyin ("zhanqian"). An industry
/// found by a 中类's name comes with its 门类 and 大类. For an empty query,
/// the top level (Liaoning's cities, the 门类).
pub fn search(list: List, query: &str) -> Vec<Entry> {
    let all = entries(list);
    let q: String = query.trim().to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    if q.is_empty() {
        return all.iter().filter(|e| e.depth() == 0 && (list == List::Industry || e.code.starts_with("21"))).copied().collect();
    }
    let code_q = q.to_ascii_uppercase();
    let digits_only = code_q.bytes().all(|b| b.is_ascii_digit());
    let chinese = !q.is_ascii();
    let mut out: Vec<Entry> = Vec::new();
    for e in &all {
        let by_code = if digits_only && list == List::Industry {
            let own = &e.code[1..];
            !own.is_empty() && (own.starts_with(&code_q) || (code_q.len() > 3 && code_q.starts_with(own)))
        } else {
            e.code.starts_with(&code_q) || (list == List::Industry && code_q.len() > 4 && code_q.starts_with(e.code))
        };
        let by_name = if chinese {
            let (full, full_tw) = (label(&all, e, Lang::ZhCn), label(&all, e, Lang::ZhTw));
            contains(&full, &q) || contains(&full_tw, &q) || (q.chars().count() > 1 && (in_order(&q, &full) || in_order(&q, &full_tw)))
        } else if !e.key.is_empty() && !digits_only {
            let pinyin: String = parents(&all, e).iter().map(|p| p.key).chain([e.key]).collect();
            contains(&pinyin, &q) || (q.len() > 3 && in_order(&q, &pinyin))
        } else {
            false
        };
        if by_name && list == List::Industry {
            // A 中类 found by name brings its 门类 and 大类: "机械" → C, C34, C342.
            for p in parents(&all, e) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        if (by_code || by_name) && !out.contains(e) {
            out.push(*e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(list: List, code: &str) -> Option<Entry> {
        entries(list).into_iter().find(|e| e.code == code)
    }

    fn codes(list: List, q: &str) -> Vec<&'static str> {
        search(list, q).iter().map(|e| e.code).collect()
    }

    #[test]
    fn the_tables_are_complete() {
        let regions = entries(List::Region);
        assert_eq!(regions.iter().filter(|e| e.code.starts_with("21")).count(), 114);
        assert_eq!(regions.iter().filter(|e| e.code.starts_with("21") && e.depth() == 0).count(), 14);
        assert_eq!(regions.iter().filter(|e| e.code.ends_with("0000")).count(), 33, "the other provinces");
        let levels = |d: usize| entries(List::Industry).iter().filter(|e| e.depth() == d).count();
        assert_eq!((levels(0), levels(1), levels(2)), (20, 97, 473));
    }

    #[test]
    fn places_are_found_by_name_pinyin_or_code() {
        assert_eq!(codes(List::Region, "站前"), ["210802"]);
        assert_eq!(codes(List::Region, "营口站前区"), ["210802"]);
        assert_eq!(codes(List::Region, "营口市站前区"), ["210802"]);
        assert_eq!(codes(List::Region, "zhanqian"), ["210802"]);
        assert_eq!(codes(List::Region, "Zhan Qian"), ["210802"]);
        assert_eq!(codes(List::Region, "210802"), ["210802"]);
        assert_eq!(codes(List::Region, "營口"), codes(List::Region, "营口"));
        assert_eq!(codes(List::Region, "营口").len(), 7, "the city and its six districts and counties");
        assert_eq!(codes(List::Region, "北京"), ["110000"]);
        assert_eq!(codes(List::Region, "440000"), ["440000"]);
        assert_eq!(codes(List::Region, "").len(), 14, "Liaoning's cities when nothing is typed");
        assert_eq!(find(List::Region, "210113").unwrap().name(Lang::ZhTw), "瀋北新區");
        assert_eq!(find(List::Region, "210100").unwrap().name(Lang::ZhTw), "瀋陽市");
    }

    #[test]
    fn industries_are_found_by_name_or_code_with_their_parents() {
        let machines = codes(List::Industry, "机械");
        assert!(machines.starts_with(&["C", "C34", "C342"]), "{machines:?}");
        assert!(machines.contains(&"C38") && machines.contains(&"F517"), "{machines:?}");
        assert_eq!(codes(List::Industry, "C341"), ["C341"]);
        assert_eq!(codes(List::Industry, "3411"), ["C34", "C341"]);
        assert!(codes(List::Industry, "34").starts_with(&["C34", "C341"]));
        assert_eq!(codes(List::Industry, "機械"), machines, "繁體 finds the same");
        assert_eq!(codes(List::Industry, "").len(), 20);
        assert_eq!(meaning(List::Industry, "C3411", Lang::ZhCn).as_deref(), Some("C 制造业 › C34 通用设备制造业 › C341 锅炉及原动设备制造"));
        assert_eq!(meaning(List::Industry, "c34", Lang::En).as_deref(), Some("C 制造业 › C34 通用设备制造业"));
        assert_eq!(meaning(List::Region, "210802", Lang::ZhTw).as_deref(), Some("210802 營口市站前區"));
        assert_eq!(meaning(List::Region, "210899", Lang::ZhCn).as_deref(), Some("210800 营口市"));
        assert_eq!(meaning(List::Region, "站前", Lang::ZhCn), None);
    }
}
