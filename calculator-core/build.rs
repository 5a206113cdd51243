//! Embeds the default catalog: `catalog.toml` and every `policies/*.toml`,
//! in a stable order, so the wasm build needs no file access at run time.
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    println!("cargo:rerun-if-changed=catalog.toml");
    println!("cargo:rerun-if-changed=policies");
    let mut files = vec!["catalog.toml".to_string()];
    let mut policies: Vec<String> = fs::read_dir(root.join("policies"))
        .expect("calculator-core/policies/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("policies/{n}"))
        .collect();
    policies.sort();
    files.extend(policies);
    let mut out = String::from("&[\n");
    for f in &files {
        let path = root.join(f);
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!("    ({f:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("]\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_catalog.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
