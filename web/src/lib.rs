//! The self-check page (yew) comes with issue #4. Until then this crate only
//! proves the dependency arrow: `web` → `calculator-core`, never the reverse.

/// The catalog the page will show, with its version for the start page.
pub fn catalog_version() -> Option<String> {
    calculator_core::default_catalog().ok().map(|c| format!("{} {}", c.info().id, c.info().version))
}
