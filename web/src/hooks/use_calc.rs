//! The calculation of the enclosing `App`.

use crate::calc::Calc;
use yew::prelude::*;

/// The [`Calc`] that `App` provides, or `None` outside an `App`.
///
/// Outside the provider there is no state to show and nothing to change, so
/// a component that reads the calculation renders nothing there (an empty
/// `Html`) instead of panicking: the release build aborts on a panic, which
/// would take the whole wasm module down, the host's page's widget with it.
/// The screens and the data controls read it; the components worth rendering
/// alone (the toolbar, a question, the live summary, the chart, a policy
/// card) do not: they take their data and callbacks as props, so that a test
/// or another page can render them without an `App`.
#[hook]
pub fn use_calc() -> Option<Calc> {
    use_context::<Calc>()
}
