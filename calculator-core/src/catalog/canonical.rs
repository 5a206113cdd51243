//! The catalog as one canonical text, and the hash that identifies it.

use sha2::{Digest, Sha256};

/// The files of a catalog as one file, which is how a host hands one over:
/// the `[catalog]` table, and every list (`input`, `policy`, …) concatenated
/// in file-name order.
pub(crate) fn merge(files: &[(&str, &serde_json::Value)]) -> serde_json::Value {
    let mut sorted: Vec<&(&str, &serde_json::Value)> = files.iter().collect();
    crate::order::sort_by_key(&mut sorted, |f| f.0);
    let mut out = serde_json::Map::new();
    for (_, value) in sorted {
        let Some(table) = value.as_object() else {
            continue;
        };
        for (k, v) in table {
            match (out.get_mut(k), v) {
                (Some(serde_json::Value::Array(all)), serde_json::Value::Array(more)) => all.extend(more.iter().cloned()),
                // A second [catalog] is refused by the loader; the first stays.
                (Some(_), _) => {}
                (None, v) => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
    }
    serde_json::Value::Object(out)
}

/// The canonical form that the hash covers: the catalog's data merged into
/// one file (see [`merge`]), as JSON with object keys sorted and no spaces.
/// It leaves out syntax, comments, layout and how the data is split into
/// files: a TOML catalog, the same catalog as one JSON file and as a JS
/// object have the same hash; any change to an id, a number, a formula or a
/// text changes it.
pub(super) fn hash(files: &[(&str, &serde_json::Value)]) -> String {
    fn write(v: &serde_json::Value, out: &mut String) {
        use serde_json::Value as J;
        match v {
            J::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            J::Object(o) => {
                let mut keys: Vec<&String> = o.keys().collect();
                crate::order::sort_by_key(&mut keys, |k| *k);
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(&J::String(k.clone()), out);
                    out.push(':');
                    write(&o[k], out);
                }
                out.push('}');
            }
            // Scalars print one way only.
            other => out.push_str(&other.to_string()),
        }
    }
    let mut form = String::new();
    write(&merge(files), &mut form);
    let digest = Sha256::digest(form.as_bytes());
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
