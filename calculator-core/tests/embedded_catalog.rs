//! The embedded default catalog (JSON, converted by build.rs) is the authored
//! TOML: same hash, same results. The hash covers the data, not the syntax.
use calculator_core::{default_catalog, evaluate, Catalog, Lang, Options, Profile};
use std::fs;

fn authored() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = vec![("catalog.toml".to_string(), fs::read_to_string(format!("{root}/catalog.toml")).unwrap())];
    for dir in ["shared", "policies"] {
        let mut names: Vec<String> =
            fs::read_dir(format!("{root}/{dir}")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).filter(|n| n.ends_with(".toml")).collect();
        names.sort();
        for n in names {
            files.push((format!("{dir}/{n}"), fs::read_to_string(format!("{root}/{dir}/{n}")).unwrap()));
        }
    }
    files
}

fn load(files: &[(String, String)]) -> Catalog {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    Catalog::from_sources(&borrowed).unwrap()
}

#[test]
fn the_embedded_json_is_the_authored_toml() {
    let toml = load(&authored());
    let json = default_catalog().unwrap();
    assert_eq!(toml.info().hash, json.info().hash);
    assert_eq!(toml.policies().len(), json.policies().len());
    let profile = Profile::new()
        .with("entity_type", "enterprise")
        .with("industry_code", "C3411")
        .with("employees", "48")
        .with("total_assets", "19000000")
        .with("annual_revenue", "28000000")
        .with("taxable_income", "1800000")
        .with("restricted_industry", false);
    let options = Options { as_of: "2025-12-31".parse().unwrap(), lang: Lang::ZhCn };
    assert_eq!(evaluate(&toml, &profile, &options), evaluate(json, &profile, &options));
}

#[test]
fn the_hash_ignores_comments_and_layout_but_not_one_changed_figure() {
    let files = authored();
    let base = load(&files).info().hash.clone();

    let mut relaid = files.clone();
    let spaced: Vec<String> = relaid[0]
        .1
        .lines()
        .map(|l| match l.split_once(" = ") {
            Some((k, v)) if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => format!("{k}   =   {v}"),
            _ => l.to_string(),
        })
        .collect();
    relaid[0].1 = format!("# a comment added by a reviewer\n\n{}\n", spaced.join("\n"));
    assert_ne!(relaid[0].1, files[0].1);
    assert_eq!(load(&relaid).info().hash, base);

    // 小型微利 ceiling 300万 → 301万: one changed figure, a different hash.
    let mut tampered = files.clone();
    let i = tampered.iter().position(|(n, _)| n.ends_with("cn.cit.small-low-profit.toml")).unwrap();
    assert!(tampered[i].1.contains("300万"));
    tampered[i].1 = tampered[i].1.replacen("300万", "301万", 1);
    assert_ne!(load(&tampered).info().hash, base);
}

#[test]
fn a_catalog_as_json_text_loads_like_its_toml() {
    let toml = r#"[catalog]
id = "t"
version = "1"
title = "t"
published = 2025-01-01
"#;
    let json = r#"{"catalog": {"id": "t", "version": "1", "title": "t", "published": "2025-01-01"}}"#;
    let a = Catalog::from_sources(&[("catalog.toml", toml)]).unwrap();
    let b = Catalog::from_json(&[("catalog.json", json)]).unwrap();
    assert_eq!(a.info().hash, b.info().hash);
    assert_eq!(b.info().published.map(|d| d.to_string()).as_deref(), Some("2025-01-01"));
}

#[test]
fn the_default_catalog_as_one_json_file_has_the_same_hash() {
    let files = authored();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let one = Catalog::toml_to_json(&borrowed).unwrap();
    let text = serde_json::to_string_pretty(&one).unwrap();
    let merged = Catalog::from_json(&[("liaoning.json", &text)]).unwrap();
    let default = default_catalog().unwrap();
    assert_eq!(merged.info().hash, default.info().hash);
    let ids = |c: &Catalog| c.policies().iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&merged), ids(default));
}
