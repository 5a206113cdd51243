//! Answers as JSON: export, import, the share link and opt-in local saving.
//! The same shape everywhere, so a file exported here imports anywhere.

use crate::state::Answer;
use std::collections::BTreeMap;

/// `{"answers": {key: "text"}, "wan": [keys in 万元], "unsure": [keys]}`.
pub fn to_json(answers: &BTreeMap<String, Answer>) -> String {
    let mut values = serde_json::Map::new();
    let mut wan = Vec::new();
    let mut unsure = Vec::new();
    for (k, a) in answers {
        match a {
            Answer::Value { text, wan: w } => {
                values.insert(k.clone(), serde_json::Value::String(text.clone()));
                if *w {
                    wan.push(serde_json::Value::String(k.clone()));
                }
            }
            Answer::Unsure => unsure.push(serde_json::Value::String(k.clone())),
        }
    }
    // Built by hand: `json!` serializes each part into a `Value` first, which
    // links serde_json's value serializer (a kilobyte of wasm) for nothing.
    let mut out = serde_json::Map::new();
    out.insert("answers".into(), serde_json::Value::Object(values));
    out.insert("wan".into(), serde_json::Value::Array(wan));
    out.insert("unsure".into(), serde_json::Value::Array(unsure));
    serde_json::Value::Object(out).to_string()
}

/// Reads what [`to_json`] wrote; also a plain profile object (`{key: value}`),
/// as a portal would send it. Values of other types keep their JSON text.
pub fn from_json(text: &str) -> Result<BTreeMap<String, Answer>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let list = |name: &str| -> Vec<String> {
        obj.get(name).and_then(|x| x.as_array()).map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect()).unwrap_or_default()
    };
    let (values, wan, unsure) = match obj.get("answers").and_then(|a| a.as_object()) {
        Some(a) => (a.clone(), list("wan"), list("unsure")),
        None => (obj.clone(), Vec::new(), Vec::new()),
    };
    let mut out = BTreeMap::new();
    for (k, v) in values {
        let text = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        out.insert(k.clone(), Answer::Value { text, wan: wan.contains(&k) });
    }
    for k in unsure {
        out.insert(k, Answer::Unsure);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_with_units_and_unsure() {
        let mut a = BTreeMap::new();
        a.insert("taxable_income".to_string(), Answer::Value { text: "12.5".into(), wan: true });
        a.insert("employees".to_string(), Answer::Value { text: "20".into(), wan: false });
        a.insert("is_high_tech_enterprise".to_string(), Answer::Unsure);
        assert_eq!(from_json(&to_json(&a)).unwrap(), a);
    }

    #[test]
    fn a_plain_profile_imports_and_numbers_keep_their_text() {
        let a = from_json(r#"{"employees": 20, "taxable_income": "900000", "restricted_industry": false}"#).unwrap();
        assert_eq!(a["employees"], Answer::Value { text: "20".into(), wan: false });
        assert_eq!(a["restricted_industry"], Answer::Value { text: "false".into(), wan: false });
        assert!(from_json("[1]").is_err());
    }
}
