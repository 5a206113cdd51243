//! Compiled catalogs (`Catalog::from_bytes`) are untrusted input: any bytes
//! give a catalog or `catalog_invalid`, never a panic or a hang; a catalog
//! that reads evaluates, and writes back to bytes that read the same.
#![no_main]
use calculator_core::{Catalog, Date, Lang, Options, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(c) = Catalog::from_bytes(data) else { return };
    let again = c.to_bytes();
    let c2 = Catalog::from_bytes(&again).expect("bytes written by to_bytes read back");
    assert!(c2.to_bytes() == again, "writing is stable");
    let options = Options { as_of: Date::new(2025, 12, 31).expect("date"), lang: Lang::En };
    // Every input given the same plain value: numbers, codes and dates get
    // field errors or values by their kind, and every path runs.
    let mut full = Profile::new();
    for (i, input) in c.inputs().iter().enumerate() {
        full = full.with(&input.key, if i % 2 == 0 { "1" } else { "2025-01-01" });
    }
    for profile in [Profile::new(), full] {
        let _ = calculator_core::evaluate(&c, &profile, &options);
        let _ = calculator_core::questions(&c, &profile, &options);
        let _ = calculator_core::decide_all(&c, &profile, &options);
    }
});
