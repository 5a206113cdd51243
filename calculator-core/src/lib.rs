//! # calculator-core
//!
//! The rules engine of 辽企通's 政策计算器. Policies are data — a catalog of
//! TOML files with issuer, 文号, validity, conditions, amount formulas and a
//! citation on every step — evaluated against an enterprise profile with
//! exact decimals.
//!
//! ## Overview
//! - [`Catalog`]: loaded and checked once; [`default_catalog`] is embedded.
//! - [`Profile`]: CONTRACT.md keys to values; a missing key is *unknown*.
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

pub mod catalog;
mod date;
mod error;
mod evaluation;
mod explanation;
pub mod expression;
mod i18n;
pub mod listing;
mod money;
pub mod order;
pub mod profile;
mod questions;
pub mod report;

pub use catalog::{Catalog, CatalogInfo, Category, InputDef, InputKind, Policy, Problem, ProblemKind};
pub use date::{Date, DateError};
pub use error::Error;
pub use evaluation::{decide_all, evaluate, validity, Decision, Decisions, Options, Plan};
pub use i18n::{Lang, Text};
pub use money::Money;
pub use profile::{validate, Columns, FieldIssue, IssueCode, Profile, RawValue};
pub use questions::{questions, Question};
pub use report::{PolicyResult, Report, StackingAdvice, Status, Truth};

use std::sync::OnceLock;

impl Catalog {
    /// Loads a catalog from named TOML texts, reporting every problem with
    /// its line and column.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let err = Catalog::from_sources(&[("bad.toml", "[catalog]\nid = 1")]).unwrap_err();
    /// assert_eq!(err.code(), "catalog_invalid");
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Catalog, Error> {
        catalog::load::load_toml(sources).map_err(Error::Catalog)
    }

    /// Checks catalog files written in TOML and returns them as one JSON
    /// value: the form hosts hand to the JS package. Same data, same hash.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let toml = "[catalog]\nid = \"t\"\nversion = \"1\"\ntitle = \"t\"\n";
    /// let json = Catalog::toml_to_json(&[("catalog.toml", toml)])?;
    /// let a = Catalog::from_sources(&[("catalog.toml", toml)])?;
    /// let b = Catalog::from_values(vec![("catalog.json".into(), json)])?;
    /// assert_eq!(a.info().hash, b.info().hash);
    /// # Ok::<(), calculator_core::Error>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn toml_to_json(sources: &[(&str, &str)]) -> Result<serde_json::Value, Error> {
        catalog::load::toml_to_json(sources).map_err(Error::Catalog)
    }

    /// Loads a catalog from named JSON texts: the same data model as the
    /// TOML files (POLICY_FORMAT.md), dates as `"YYYY-MM-DD"` strings.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let err = Catalog::from_json(&[("bad.json", r#"{"catalog": {"id": 1}}"#)]).unwrap_err();
    /// assert_eq!(err.code(), "catalog_invalid");
    /// ```
    pub fn from_json(sources: &[(&str, &str)]) -> Result<Catalog, Error> {
        catalog::load::load_json(sources).map_err(Error::Catalog)
    }

    /// Loads a catalog from already-parsed data (e.g. a JS object turned
    /// into JSON values by the host binding).
    pub fn from_values(files: Vec<(String, serde_json::Value)>) -> Result<Catalog, Error> {
        catalog::load::load_values(files).map_err(Error::Catalog)
    }
}

impl Catalog {
    /// Refuses a catalog whose content is not the one expected: a host that
    /// publishes a catalog with its hash makes a changed byte fail closed.
    ///
    /// ```
    /// use calculator_core::Catalog;
    /// let c = Catalog::from_json(&[("c.json", r#"{"catalog": {"id": "t", "version": "1", "title": "t"}}"#)])?;
    /// assert!(c.verify_hash(&c.info().hash.clone()).is_ok());
    /// let e = c.verify_hash("sha256:0000").unwrap_err();
    /// assert_eq!(e.code(), "catalog_hash_mismatch");
    /// # Ok::<(), calculator_core::Error>(())
    /// ```
    pub fn verify_hash(&self, expected: &str) -> Result<(), Error> {
        if self.info().hash.eq_ignore_ascii_case(expected.trim()) {
            Ok(())
        } else {
            Err(Error::CatalogHashMismatch { expected: expected.trim().chars().take(80).collect(), actual: self.info().hash.clone() })
        }
    }
}

/// The default catalog, embedded compiled (`default-catalog.bin`, checked
/// against the TOML sources by the tests), read on first use.
pub fn default_catalog() -> Result<&'static Catalog, Error> {
    static DEFAULT: OnceLock<Result<Catalog, Error>> = OnceLock::new();
    DEFAULT.get_or_init(|| Catalog::from_bytes(catalog::DEFAULT_COMPILED)).as_ref().map_err(Clone::clone)
}
