//! 辽企通 政策计算器 — the self-check page. A yew app that runs
//! `calculator-core` in the visitor's browser: answers never leave the device.
//!
//! The binary (`src/main.rs`) mounts [`components::app::App`] on the page
//! and the embeddable package (`pkg/widget`) on the host's element, both with
//! `mount`. Mounting needs yew's renderer, which only the binaries enable (the
//! `csr` feature); the library's components render wherever their user
//! renders them (the browser tests: `yew::Renderer` on their own root).

#![forbid(unsafe_code)]

pub mod codes;
pub mod components;
pub mod config;
pub mod format;
pub mod saved;
pub mod state;
#[cfg(feature = "csr")]
pub mod widget;

use calculator_core::{FieldIssue, Report};
use state::State;
use std::rc::Rc;
use yew::UseReducerHandle;

/// What every component reads: the state, and the report the core made of it.
#[derive(Clone)]
pub struct Ctx {
    /// State and dispatch.
    pub state: UseReducerHandle<State>,
    /// The state this render was made from. A reducer handle reads through
    /// to the newest state, so comparing two handles cannot tell whether the
    /// state changed; comparing snapshots can.
    pub snapshot: Rc<State>,
    /// The report for the current answers and date.
    pub report: Rc<Report>,
    /// The host's 去申报 handler, when it gave one.
    pub on_apply: Option<yew::Callback<String>>,
    /// Whether saving on this device is offered.
    pub local_save: bool,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Ctx) -> bool {
        self.snapshot == other.snapshot && Rc::ptr_eq(&self.report, &other.report) && self.on_apply == other.on_apply && self.local_save == other.local_save
    }
}

impl Ctx {
    /// The field problem for `key`, if any.
    pub fn error(&self, key: &str) -> Option<&FieldIssue> {
        self.report.errors.iter().find(|e| e.field == key)
    }
}

/// Mounts the calculator on `root` with the host's options.
#[cfg(feature = "csr")]
pub fn mount(root: web_sys::Element, config: config::Config) -> yew::AppHandle<components::app::App> {
    yew::Renderer::<components::app::App>::with_root_and_props(root, config).render()
}
