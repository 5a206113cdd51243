//! Catalog reading and checking: any bytes as TOML and as JSON must give a
//! catalog or located problems, never a panic.
#![no_main]
use calculator_core::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(c) = Catalog::from_sources(&[("fuzz.toml", text)]) {
            // A catalog that loads also evaluates.
            let _ = calculator_core::evaluate(&c, &calculator_core::Profile::new(), &options());
        }
        let _ = Catalog::from_json(&[("fuzz.json", text)]);
    }
});

fn options() -> calculator_core::Options {
    calculator_core::Options { as_of: calculator_core::Date::new(2025, 12, 31).expect("date"), lang: calculator_core::Lang::En }
}
