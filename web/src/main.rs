//! The self-check page. Stand-alone it mounts itself; inside a host's iframe
//! (`?embed=<host origin>`) `loader.js` mounts it with the host's options and
//! speaks the postMessage protocol.
fn main() {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    let embedded = search.trim_start_matches('?').split('&').any(|kv| kv.starts_with("embed="));
    if embedded {
        return;
    }
    let root = gloo::utils::document().get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
    policy_calculator_web::mount(root, policy_calculator_web::config::Config { page: true, ..Default::default() });
}
