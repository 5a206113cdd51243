//! Embeds the default catalog: `catalog.toml`, every `shared/*.toml` and every `policies/*.toml`,
//! in a stable order, converted to JSON so that the browser build needs
//! neither file access nor a TOML parser. A syntax error stops the build
//! with its file, line and column; `policy-calc check calculator-core`
//! reports everything else with positions.
use std::{env, fs, path::Path};

#[path = "src/catalog/toml_json.rs"]
mod toml_json;

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    println!("cargo:rerun-if-changed=catalog.toml");
    println!("cargo:rerun-if-changed=src/catalog/toml_json.rs");
    // catalog.toml, then what policies share (shared/), then the policies:
    // each folder's files in name order.
    let mut files = vec!["catalog.toml".to_string()];
    for dir in ["shared", "policies"] {
        println!("cargo:rerun-if-changed={dir}");
        let mut names: Vec<String> = fs::read_dir(root.join(dir))
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".toml")).collect())
            .unwrap_or_default();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    let mut out = String::from("&[\n");
    for f in &files {
        let path = root.join(f);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        let json = serde_json::to_string(&toml_json::convert(value)).expect("JSON values serialize");
        out.push_str(&format!("    ({f:?}, {json:?}),\n"));
    }
    out.push_str("]\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_catalog.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
