//! The integration tests, compiled as one binary (`autotests = false` in
//! Cargo.toml): the golden cases, natively and (`wasm-pack test --headless
//! --chrome tests`) in headless Chromium, and the property tests, natively
//! only. Run one module with `cargo test -p calculator-tests --test integration golden::`.
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod contract;
mod golden;
mod properties;
