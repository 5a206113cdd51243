//! The calculation every screen reads: the state, the report the core made
//! of it, and the way to change it. `App` provides it; components read it
//! with [`use_calc`](crate::hooks::use_calc).

use crate::state::{Action, State};
use calculator_core::{FieldIssue, Report};
use std::rc::Rc;
use yew::Callback;

/// The context `App` provides.
#[derive(Clone)]
pub struct Calc {
    /// The state this render was made from. A snapshot, not the reducer's
    /// handle: a handle reads through to the newest state, so comparing two
    /// handles cannot tell whether the state changed; comparing snapshots can.
    pub state: Rc<State>,
    /// The report for the current answers and date.
    pub report: Rc<Report>,
    /// Changes the state: the reducer's dispatcher, the same callback on
    /// every render (so props holding it compare equal).
    pub dispatch: Callback<Action>,
    /// The host's 去申报 handler, when it gave one.
    pub on_apply: Option<Callback<String>>,
    /// Whether saving on this device is offered.
    pub local_save: bool,
}

impl PartialEq for Calc {
    fn eq(&self, other: &Calc) -> bool {
        self.state == other.state
            && Rc::ptr_eq(&self.report, &other.report)
            && self.dispatch == other.dispatch
            && self.on_apply == other.on_apply
            && self.local_save == other.local_save
    }
}

impl Calc {
    /// The field problem for `key`, if any.
    pub fn error(&self, key: &str) -> Option<&FieldIssue> {
        self.report.errors.iter().find(|e| e.field == key)
    }
}
