//! Custom hooks, one per file.
pub mod use_calc;

pub use use_calc::use_calc;
