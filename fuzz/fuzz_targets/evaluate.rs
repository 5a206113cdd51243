//! Evaluation of arbitrary profiles against the default catalog on arbitrary
//! dates: never a panic, and the report's invariants hold.
#![no_main]
use calculator_core::{decide_all, default_catalog, evaluate, Date, Lang, Options, Profile, RawValue, Status};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let catalog = default_catalog().expect("default catalog");
    if data.len() < 3 {
        return;
    }
    // Two bytes pick the date; the rest assigns values to inputs.
    let year = 2015 + u16::from(data[0] % 16);
    let Ok(as_of) = Date::new(year, data[1] % 12 + 1, data[2] % 28 + 1) else { return };
    let mut p = Profile::new();
    let inputs = catalog.inputs();
    for chunk in data[3..].split(|b| *b == b';') {
        let Some((&k, rest)) = chunk.split_first() else { continue };
        let key = &inputs[usize::from(k) % inputs.len()].key;
        let value = match rest.first() {
            Some(b't') => RawValue::Bool(true),
            Some(b'f') => RawValue::Bool(false),
            Some(b'n') => RawValue::Null,
            _ => RawValue::Text(String::from_utf8_lossy(rest).into_owned()),
        };
        p.set(key, value);
    }
    let o = Options { as_of, lang: Lang::ZhCn };
    let report = evaluate(catalog, &p, &o);
    let lean = decide_all(catalog, &p, &o);
    for (d, r) in lean.decisions.iter().zip(&report.results) {
        assert_eq!((d.status, d.amount), (r.status, r.amount), "{}", r.policy_id);
        if let Some(m) = r.amount {
            assert!(r.status == Status::Eligible && m.value() >= Decimal::ZERO && m.value() == m.value().round_dp(2));
        }
    }
});

