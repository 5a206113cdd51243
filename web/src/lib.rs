//! 辽企通 政策计算器 — the self-check page. A yew app that runs
//! `calculator-core` in the visitor's browser: answers never leave the device.
//!
//! The binary (`src/main.rs`) mounts [`components::app::App`] on the page
//! and the embeddable package (`pkg/widget`) on the host's element, both with
//! `mount`. Mounting needs yew's renderer, which only the binaries enable (the
//! `csr` feature); the library's components render wherever their user
//! renders them (the browser tests: `yew::Renderer` on their own root).

#![forbid(unsafe_code)]

pub mod calc;
pub mod codes;
pub mod components;
pub mod config;
pub mod format;
pub mod hooks;
pub mod saved;
pub mod state;
#[cfg(feature = "csr")]
pub mod widget;

pub use calc::Calc;

/// Mounts the calculator on `root` with the host's options.
#[cfg(feature = "csr")]
pub fn mount(root: web_sys::Element, config: config::Config) -> yew::AppHandle<components::app::App> {
    yew::Renderer::<components::app::App>::with_root_and_props(root, config).render()
}
