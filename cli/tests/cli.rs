//! The lint and the listing, run as a user would run them.

use std::path::Path;
use std::process::Command;

fn policy_calc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("policy-calc runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_default_catalog_passes_the_lint() {
    let (code, out, err) = policy_calc(&["check", "calculator-core"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("通过：liaoning-default"), "{out}");
    assert!(out.contains("26 项政策"), "{out}");
}

#[test]
fn a_broken_policy_is_reported_with_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("policy-calc-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.toml");
    // Line 40, column 9 (just inside the quotes): a misspelt input in a condition.
    let text = std::fs::read_to_string("../calculator-core/policies/cn.union.small-amount-refund.toml")
        .unwrap()
        .replace("id = \"cn.union.small-amount-refund\"", "id = \"x.union.copy\"")
        .replace("when = \"union_small_amount\"", "when = \"union_smal_amount\"");
    std::fs::write(&broken, text).unwrap();
    let (code, out, err) = policy_calc(&["check", "calculator-core/catalog.toml", broken.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let line = out.lines().find(|l| l.contains("union_smal_amount")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("broken.toml:40:9: [policy x.union.copy, condition small_amount]"), "{line}");
    assert!(line.contains("`union_small_amount`"), "the fix is suggested: {line}");
    let (_, en, _) = policy_calc(&["check", "--lang", "en", "calculator-core/catalog.toml", broken.to_str().unwrap()]);
    assert!(en.contains("did you mean `union_small_amount`"), "{en}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(policy_calc(&[]).0, 2);
    assert_eq!(policy_calc(&["check"]).0, 2);
    assert_eq!(policy_calc(&["check", "no/such/file.toml"]).0, 2);
}

/// CATALOG.md is generated from the data; regenerate it with
/// `cargo run -p calculator-cli -- list > CATALOG.md`.
#[test]
fn listing_is_in_sync() {
    let (code, out, err) = policy_calc(&["list"]);
    assert_eq!(code, 0, "{err}");
    let on_disk = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../CATALOG.md")).unwrap();
    assert!(
        on_disk == out,
        "CATALOG.md is out of date: run `cargo run -p calculator-cli -- list > CATALOG.md`"
    );
}

#[test]
fn json_export_is_the_default_catalog_with_the_same_hash() {
    let (code, out, err) = policy_calc(&["json", concat!(env!("CARGO_MANIFEST_DIR"), "/../calculator-core")]);
    assert_eq!(code, 0, "{err}");
    let catalog = calculator_core::Catalog::from_json(&[("liaoning.json", &out)]).unwrap();
    assert_eq!(catalog.info().hash, calculator_core::default_catalog().unwrap().info().hash);
    assert_eq!(catalog.policies().len(), 26);
}
