//! TOML values as JSON values: the one data model the loader reads and the
//! catalog hash covers, whatever syntax a catalog was written in. Shared
//! with `build.rs`, which turns the authored TOML into the embedded JSON.

/// Converts a TOML value; dates become `YYYY-MM-DD` strings, which is how
/// JSON catalogs write them.
pub fn convert(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        // Catalogs write fractional numbers as text ("0.5%"); a float is kept
        // as its text so that the loader can name it in an error.
        toml::Value::Float(f) => J::String(f.to_string()),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(convert).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, convert(v))).collect()),
    }
}
