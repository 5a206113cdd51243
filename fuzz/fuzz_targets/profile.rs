//! Profile validation: any JSON object (or any bytes as one value of every
//! input) is validated with field errors, never a panic.
#![no_main]
use calculator_core::{default_catalog, validate, Lang, Profile, RawValue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = default_catalog().expect("default catalog");
    if let Ok(p) = serde_json::from_slice::<Profile>(data) {
        let _ = validate(catalog, &p, Lang::ZhCn);
    }
    // The same bytes, as text, for every input at once.
    let text = String::from_utf8_lossy(data).into_owned();
    let mut p = Profile::new();
    for input in catalog.inputs() {
        p.set(&input.key, RawValue::Text(text.clone()));
    }
    let v = validate(catalog, &p, Lang::En);
    assert!(v.errors.iter().all(|e| !e.message.is_empty()));
});
