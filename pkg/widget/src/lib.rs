//! The widget module: `mount(element, options)` from the yew page
//! (`policy_calculator_web::widget`), built alone as a cdylib.
//! `policy-calculator.js` beside this crate wraps it for hosts.
#![forbid(unsafe_code)]
pub use policy_calculator_web::widget::{mount_widget, Widget};
