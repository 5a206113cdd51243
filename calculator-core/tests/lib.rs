//! The integration tests, compiled as one binary (`autotests = false` in
//! Cargo.toml): one link instead of five, which is most of a test build on a
//! two-core machine. Run one file's tests with
//! `cargo test -p calculator-core --test integration stacking::`.

mod catalog_errors;
mod embedded_catalog;
mod explanation;
mod layers;
mod lint;
mod shared;
mod stacking;
mod support;
