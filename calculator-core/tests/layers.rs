//! The crate's layers point one way: each module of `src/` uses only the
//! modules declared before it in `src/lib.rs`, and no source file grows past
//! what one can hold in one's head. DESIGN.md explains the layering.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

/// The modules in the order `lib.rs` declares them: the layers, lowest first.
fn layers(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable source directory").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `crate::x` names in the file's code (comments left out).
fn uses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name = |s: &str| -> String { s.trim_start().chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect() };
            match rest.strip_prefix('{') {
                // `crate::{a::X, b}`: the first name of each item.
                Some(group) => {
                    let (mut depth, mut start) = (0, 0);
                    for (i, c) in group.char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' if depth == 0 => break,
                            '}' => depth -= 1,
                            ',' if depth == 0 => {
                                found.insert(name(&group[start..i]));
                                start = i + 1;
                            }
                            _ => {}
                        }
                        if i + 1 == group.len() || group[i + 1..].starts_with('}') && depth == 0 {
                            found.insert(name(&group[start..]));
                        }
                    }
                }
                None => {
                    found.insert(name(rest));
                }
            }
        }
    }
    found.remove("");
    found
}

/// Module → the modules it uses, from every file of `src/` but `lib.rs`.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut all = Vec::new();
    files(src, &mut all);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all {
        let rel = f.strip_prefix(src).expect("under src");
        let top = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("").trim_end_matches(".rs").to_string();
        if top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("readable source file");
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(uses(&text).into_iter().filter(|m| *m != top));
    }
    graph
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let order = layers(&src);
    let rank = |m: &str| order.iter().position(|x| x == m);
    let graph = graph(&src);
    let mut listing = String::new();
    let mut wrong = Vec::new();
    for m in &order {
        // Names that are no module (the root's `default_catalog`, used by unit tests) are not layers.
        let deps: BTreeSet<String> = graph.get(m).cloned().unwrap_or_default().into_iter().filter(|d| rank(d).is_some()).collect();
        listing.push_str(&format!("{m:<11} → {}\n", deps.iter().cloned().collect::<Vec<_>>().join(", ")));
        for d in deps {
            match (rank(m), rank(&d)) {
                (Some(a), Some(b)) if b < a => {}
                _ => wrong.push(format!("{m} uses {d}")),
            }
        }
    }
    println!("{listing}");
    assert!(graph.keys().all(|m| rank(m).is_some()), "a module of src/ is not declared in lib.rs: {:?}", graph.keys());
    assert!(wrong.is_empty(), "modules that use a layer at or above their own ({}):\n{listing}", wrong.join("; "));
}

#[test]
fn no_source_file_is_longer_than_one_can_hold_in_ones_head() {
    let mut all = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    let long: Vec<String> = all
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).map(|t| t.lines().count()).unwrap_or(0)))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}
