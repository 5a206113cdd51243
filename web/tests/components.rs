//! Component tests in a real browser (`wasm-pack test --headless --chrome web`):
//! the app mounted on its own root, driven through the DOM as a user would.
//! After each event the test waits for yew with `yew::scheduler::flush`
//! (every render and effect the event set off), never with a timer.
#![cfg(target_arch = "wasm32")]

use gloo::storage::Storage;
use policy_calculator_web::components::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> Element {
    gloo::storage::LocalStorage::clear();
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    // The library leaves rendering to its user (`csr` is a binary's feature).
    yew::Renderer::<App>::with_root_and_props(root.clone(), Default::default()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

/// The element matching `selector`, which must contain `text`.
fn shows(root: &Element, selector: &str, text: &str) -> Element {
    let e = find(root, selector);
    let found = e.text_content().unwrap_or_default();
    assert!(found.contains(text), "{selector} should contain {text:?}; it reads {found:?}");
    e
}

fn button(root: &Element, text: &str) -> HtmlElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().contains(text))
        .unwrap_or_else(|| panic!("no button {text}"))
}

/// Clicks the button reading `text` and lets yew finish.
async fn press(root: &Element, text: &str) {
    button(root, text).click();
    yew::scheduler::flush().await;
}

async fn type_into(root: &Element, id: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("#{id}")).unchecked_into();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init.unchecked_into()).unwrap()).unwrap();
    yew::scheduler::flush().await;
}

/// Picks an option of a `<select>` as a user would (the change event bubbles
/// to yew's root listener).
async fn pick(root: &Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
}

async fn choose(root: &Element, id: &str) {
    find(root, &format!("#{id}")).unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn start_page_says_what_it_does_and_that_data_stays_here() {
    let root = mount().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("惠企政策计算器"), "{text}");
    assert!(text.contains("2026.11.0"), "catalog version shown: {text}");
    assert!(text.contains("不会上传到任何服务器"), "{text}");
    pick(&root, ".lqt-toolbar select", "en").await;
    shows(&root, ".lqt-privacy", "Nothing is sent to any server");
    button(&root, "Start now");
    // Embedded, the widget marks its own language and leaves the host's <html> alone.
    assert_eq!(find(&root, ".lqt").get_attribute("lang").as_deref(), Some("en"));
    assert_ne!(gloo::utils::document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn a_small_manufacturer_sees_its_cit_relief() {
    let root = mount().await;
    press(&root, "开始测算").await;
    shows(&root, "h1", "基本信息");
    choose(&root, "f-entity_type-enterprise").await;
    type_into(&root, "q-industry_code", "C3411").await;
    type_into(&root, "q-employees", "50").await;
    type_into(&root, "q-total_assets", "1000").await;
    // 1000 in 万元: the unit select turns it into 10,000,000 元.
    pick(&root, "#q-total_assets ~ select", "wan").await;
    press(&root, "继续").await;
    shows(&root, "h1", "经营与纳税");
    choose(&root, "f-restricted_industry-false").await;
    type_into(&root, "q-taxable_income", "900000").await;
    // The live summary shows 小型微利's relief: 900,000 × 25% − 900,000 × 5% = 180,000.
    shows(&root, ".lqt-summary [role=status]", "¥180,000.00");
}

#[wasm_bindgen_test]
async fn a_bad_value_is_kept_and_explained_with_a_linked_summary() {
    let root = mount().await;
    press(&root, "开始测算").await;
    shows(&root, "h1", "基本信息");
    type_into(&root, "q-employees", "abc").await;
    shows(&root, "#err-employees", "“abc”不是数字");
    let input: HtmlInputElement = find(&root, "#q-employees").unchecked_into();
    assert_eq!(input.value(), "abc", "what the user typed is kept");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("help-employees err-employees"));
    press(&root, "继续").await;
    let summary = shows(&root, ".lqt-error-summary", "请修改以下问题");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(find(&summary, "a").get_attribute("href").as_deref(), Some("#q-employees"));
}
