//! # calculator-core
//!
//! The rules engine of 辽企通's 政策计算器. Policies are data — a catalog of
//! TOML files with issuer, 文号, validity, conditions, amount formulas and a
//! citation on every step — evaluated against an enterprise profile with
//! exact decimals.
//!
//! ## Overview
//! - [`Catalog`]: loaded and checked once; [`default_catalog`] is embedded.
//! - [`Profile`]: docs/CONTRACT.md keys to values; a missing key is *unknown*.
//! - [`evaluate`]: a pure function of (catalog, profile, date) to a
//!   [`Report`]: per policy eligible / ineligible / needs_input /
//!   not_in_force, the amount, the steps, the conditions traced, the basis.
//! - [`questions`]: what to ask next (条件预校验).
//!
//! No I/O, no clock, no floating point: the caller passes the date.
//!
//! ## Example
//! ```
//! use calculator_core::{default_catalog, evaluate, Lang, Options, Profile, Status};
//! let report = evaluate(
//!     default_catalog()?,
//!     &Profile::new().with("entity_type", "individual_business").with("business_taxable_income", "80000")
//!         .with("other_relief", "2000"),
//!     &Options { as_of: "2024-12-31".parse()?, lang: Lang::ZhCn },
//! );
//! let r = report.result("cn.iit.individual-business-halving").unwrap();
//! assert_eq!((r.status, r.amount.unwrap().to_string().as_str()), (Status::Eligible, "2250.00"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The layers, lowest first: each module uses only modules above it in this
// list (tests/layers.rs checks it; DESIGN.md explains the picture).
mod date;
mod i18n;
pub mod order;
mod text;
mod error;
mod money;
pub mod expression;
pub mod catalog;
pub mod profile;
mod decide;
mod explain;
pub mod report;
mod questions;
pub mod listing;
mod lint;

pub use catalog::{AskTogether, Catalog, CatalogInfo, Category, Choice, InputDef, InputKind, Policy, Presence, Problem, ProblemKind};
pub use date::{Date, DateError};
pub use decide::{decide_all, Decision, Decisions, Options, Plan};
pub use error::{Error, Reference};
pub use explain::validity;
pub use i18n::{Lang, Text};
pub use lint::lint;
pub use money::Money;
pub use profile::{validate, Columns, FieldIssue, IssueCode, Profile, RawValue};
pub use questions::{questions, Planner, Purpose, Question, QuestionKind};
pub use report::{evaluate, PolicyError, PolicyResult, Report, StackingAdvice, Status, Truth};

use std::sync::OnceLock;

/// The default catalog, embedded compiled (`default-catalog.bin`, checked
/// against the TOML sources by the tests), read on first use.
pub fn default_catalog() -> Result<&'static Catalog, Error> {
    static DEFAULT: OnceLock<Result<Catalog, Error>> = OnceLock::new();
    DEFAULT.get_or_init(|| Catalog::from_bytes(catalog::DEFAULT_COMPILED)).as_ref().map_err(Clone::clone)
}
