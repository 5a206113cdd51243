//! Turns the pickers' code tables (data/*.tsv, see data/SOURCES.md) into a
//! compact form embedded in the wasm: one line per code, `code\tname\ttw\tkey`,
//! where `name` is the zh-CN name, `tw` the zh-TW name only where the
//! character table (`TW`) does not give it, and `key` a search key (pinyin
//! for places). Provinces other than Liaoning's follow Liaoning's 114 rows.
//! The table `TW` pairs each simplified character with the traditional one
//! the names use most; the names that need another are written out.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// Rows of a TSV file: the header names the columns.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    lines.filter(|l| !l.is_empty()).map(|l| header.iter().map(|h| h.to_string()).zip(l.split('\t').map(String::from)).collect()).collect()
}

/// A place's search key: its English name's proper part in lower case
/// (`Zhanqian District` → `zhanqian`, `Lüshunkou` → `lushunkou`).
fn pinyin(en: &str) -> String {
    const GENERIC: &[&str] = &[
        "District",
        "City",
        "County",
        "Province",
        "Autonomous",
        "Region",
        "Manchu",
        "Municipality",
        "Special",
        "Mongolian",
        "Zhuang",
        "Uygur",
        "New",
        "Hui",
        "Left",
    ];
    en.split(' ').take_while(|w| !GENERIC.contains(w)).collect::<String>().to_lowercase().replace('\'', "").replace('ü', "u")
}

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("data");
    for f in ["gb2260-liaoning.tsv", "gb2260-provinces.tsv", "gb4754-2017.tsv"] {
        println!("cargo:rerun-if-changed=data/{f}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    // For measuring what the tables add to a build (scripts/build-package):
    // LQT_NO_CODE_TABLES=1 builds with empty ones.
    println!("cargo:rerun-if-env-changed=LQT_NO_CODE_TABLES");
    let empty = env::var_os("LQT_NO_CODE_TABLES").is_some();
    let liaoning = rows(&dir.join("gb2260-liaoning.tsv"));
    let provinces: Vec<_> = rows(&dir.join("gb2260-provinces.tsv")).into_iter().filter(|r| r["code"] != "210000").collect();
    let industries = rows(&dir.join("gb4754-2017.tsv"));
    let all = || liaoning.iter().chain(&provinces).chain(&industries);

    // The most frequent traditional form of each simplified character.
    let mut counts: BTreeMap<(char, char), usize> = BTreeMap::new();
    for r in all() {
        let (cn, tw) = (&r["name_zh_cn"], &r["name_zh_tw"]);
        if cn.chars().count() == tw.chars().count() {
            for (a, b) in cn.chars().zip(tw.chars()) {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut best: BTreeMap<char, (char, usize)> = BTreeMap::new();
    for ((a, b), n) in counts {
        let e = best.entry(a).or_insert((b, 0));
        if n > e.1 {
            *e = (b, n);
        }
    }
    best.retain(|a, (b, _)| a != b);
    let to_tw = |s: &str| s.chars().map(|c| best.get(&c).map_or(c, |b| b.0)).collect::<String>();

    let line = |out: &mut String, code: &str, cn: &str, tw: &str, key: &str| {
        let tw = if to_tw(cn) == tw { "" } else { tw };
        let _ = writeln!(out, "{code}\t{cn}\t{tw}\t{key}");
    };
    let mut regions = String::new();
    for r in liaoning.iter().chain(&provinces) {
        line(&mut regions, &r["code"], &r["name_zh_cn"], &r["name_zh_tw"], &pinyin(&r["name_en"]));
    }
    let mut industry = String::new();
    for r in &industries {
        line(&mut industry, &r["code"], &r["name_zh_cn"], &r["name_zh_tw"], "");
    }
    let mut tw: String = best.iter().flat_map(|(a, (b, _))| [*a, *b]).collect();
    if empty {
        (regions, industry, tw) = (String::new(), String::new(), String::new());
    }
    let out = format!(
        "/// Places: Liaoning's cities and counties, then the other provinces.\npub static REGIONS: &str = {regions:?};\n\
         /// GB/T 4754-2017 门类, 大类 and 中类.\npub static INDUSTRIES: &str = {industry:?};\n\
         /// Simplified and traditional characters, in pairs.\npub static TW: &str = {tw:?};\n"
    );
    let path = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("codes_data.rs");
    fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
