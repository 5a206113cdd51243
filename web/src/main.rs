//! Mounts the self-check page on `<main id="app">` (or the body).
fn main() {
    let root = gloo::utils::document().get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
    policy_calculator_web::mount(root, policy_calculator_web::config::Config { page: true, ..Default::default() });
}
