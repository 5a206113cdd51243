//! What a host page can set when it embeds the calculator: language, date,
//! the enterprise's data to prefill, a replacement catalog, a theme, and the
//! callbacks it wants. The stand-alone page uses the defaults.

use calculator_core::{default_catalog, evaluate, Catalog, Date, Lang, Options, Profile, Report};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;
use yew::{Callback, Properties};

/// The catalog the page evaluates: the built-in one, or a host's.
#[derive(Clone)]
pub enum CatalogRef {
    /// The default catalog, embedded in the build.
    Builtin(&'static Catalog),
    /// A catalog the host handed over (checked before use).
    Host(Rc<Catalog>),
}

impl CatalogRef {
    /// The built-in catalog; `None` only if it fails its own checks, which
    /// the test suite rules out.
    pub fn builtin() -> Option<CatalogRef> {
        default_catalog().ok().map(CatalogRef::Builtin)
    }

    /// The report for `profile`.
    pub fn evaluate(&self, profile: &Profile, options: &Options) -> Report {
        evaluate(self, profile, options)
    }
}

impl Deref for CatalogRef {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        match self {
            CatalogRef::Builtin(c) => c,
            CatalogRef::Host(c) => c,
        }
    }
}

impl PartialEq for CatalogRef {
    fn eq(&self, other: &CatalogRef) -> bool {
        std::ptr::eq::<Catalog>(&**self, &**other)
    }
}

impl fmt::Debug for CatalogRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.info();
        write!(f, "Catalog({} {} {})", i.id, i.version, i.hash)
    }
}

/// The embedding options. Every field is optional; `Config::default()` is the
/// stand-alone page.
#[derive(Clone, Default, PartialEq, Properties)]
pub struct Config {
    /// Language to start in (the user can still switch).
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// Date whose rules apply; today when absent.
    #[prop_or_default]
    pub as_of: Option<Date>,
    /// The enterprise's data from the host (CONTRACT.md keys, values as
    /// text): shown as prefilled, and editable.
    #[prop_or_default]
    pub prefill: Rc<BTreeMap<String, String>>,
    /// A replacement catalog; the built-in one when absent.
    #[prop_or_default]
    pub catalog: Option<CatalogRef>,
    /// Called with each new report. Only hosts that ask get results.
    #[prop_or_default]
    pub on_result: Option<Callback<Rc<Report>>>,
    /// Called with a policy id when the user clicks 去申报; the host navigates.
    #[prop_or_default]
    pub on_apply: Option<Callback<String>>,
    /// Whether saving in localStorage is withheld (where the host keeps the
    /// data itself).
    #[prop_or_default]
    pub no_local_save: bool,
    /// The calculator is the whole page: it also sets `<html lang>`.
    #[prop_or_default]
    pub page: bool,
}
