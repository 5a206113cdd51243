//! Component tests in a real browser (`wasm-pack test --headless --chrome web`):
//! the app mounted on its own root, driven through the DOM as a user would,
//! and the leaf components rendered alone with their props, a test's
//! callback recording what they emit. After each event the test waits for
//! yew with `yew::scheduler::flush` (every render and effect the event set
//! off), never with a timer.
#![cfg(target_arch = "wasm32")]

use calculator_core::{Date, Lang, Options, Profile, Report, Status};
use gloo::storage::Storage;
use policy_calculator_web::components::app::App;
use policy_calculator_web::components::data_controls::DataControls;
use policy_calculator_web::components::field::{Field, FieldProps};
use policy_calculator_web::components::policy_card::{CardProps, PolicyCard};
use policy_calculator_web::components::start_page::StartPage;
use policy_calculator_web::components::summary_panel::{SummaryPanel, SummaryProps};
use policy_calculator_web::components::toolbar::{Toolbar, ToolbarProps};
use policy_calculator_web::config::{CatalogRef, Config};
use policy_calculator_web::state::{Action, Answer, Screen};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::{AttrValue, BaseComponent, Callback};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element of the document to render into.
fn root() -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

/// Renders `C` alone on a root of its own and lets yew finish. The library
/// leaves rendering to its user (`csr` is a binary's feature).
async fn render<C: BaseComponent>(props: C::Properties) -> Element {
    let root = root();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// The whole calculator, as the page mounts it.
async fn mount() -> Element {
    gloo::storage::LocalStorage::clear();
    render::<App>(Default::default()).await
}

/// A callback that records what it is called with.
fn recorder<T: 'static>() -> (Callback<T>, Rc<RefCell<Vec<T>>>) {
    let got = Rc::new(RefCell::new(Vec::new()));
    let sink = got.clone();
    (Callback::from(move |x| sink.borrow_mut().push(x)), got)
}

fn catalog() -> CatalogRef {
    CatalogRef::builtin().expect("the built-in catalog loads")
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// The report for a small manufacturer on 2025-12-31 (the app test's answers).
fn manufacturer() -> Rc<Report> {
    let mut p = Profile::new();
    for (k, v) in [("entity_type", "enterprise"), ("industry_code", "C3411"), ("employees", "50"), ("total_assets", "10000000"), ("taxable_income", "900000")] {
        p.set(k, v);
    }
    p.set("restricted_industry", false);
    Rc::new(catalog().evaluate(&p, &Options { as_of: date("2025-12-31"), lang: Lang::ZhCn }))
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
    // What the catalog says of itself, whichever release is built in.
    let built_in = calculator_core::default_catalog().unwrap();
    let (version, count) = (&built_in.info().version, built_in.policies().len());
    assert!(text.contains(&format!("政策目录版本 {version}")), "catalog version shown: {text}");
    assert!(text.contains(&format!("{count} 项政策")), "policy count shown: {text}");
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

#[wasm_bindgen_test]
async fn outside_an_app_a_screen_renders_nothing_instead_of_panicking() {
    // Screens read the calculation from App's context; without one there is
    // nothing to show (see hooks::use_calc).
    assert_eq!(render::<StartPage>(()).await.inner_html(), "");
    assert_eq!(render::<DataControls>(()).await.inner_html(), "");
}

fn field(name: &str, on_action: Callback<Action>) -> FieldProps {
    FieldProps { catalog: catalog(), name: AttrValue::from(name.to_string()), lang: Lang::ZhCn, answer: None, error: None, prefilled: false, on_action }
}

#[wasm_bindgen_test]
async fn a_field_alone_shows_its_answer_and_error_and_emits_what_is_typed() {
    let (on_action, got) = recorder();
    let props =
        FieldProps {
            answer: Some(Answer::Value { text: "abc".into(), wan: false }), error: Some("“abc”不是数字".into()), ..field("employees", on_action)
        };
    let root = render::<Field>(props).await;
    let input: HtmlInputElement = find(&root, "#q-employees").unchecked_into();
    assert_eq!(input.value(), "abc");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("help-employees err-employees"));
    shows(&root, "#err-employees", "“abc”不是数字");
    assert!(root.query_selector(".lqt-prefilled").unwrap().is_none());
    type_into(&root, "q-employees", "48").await;
    assert_eq!(*got.borrow(), [Action::Answer("employees".into(), "48".into())]);
}

#[wasm_bindgen_test]
async fn a_yes_no_field_alone_offers_not_sure_and_a_money_field_its_unit() {
    let (on_action, got) = recorder();
    let root = render::<Field>(FieldProps { prefilled: true, ..field("restricted_industry", on_action.clone()) }).await;
    shows(&root, ".lqt-prefilled", "已根据辽企通登记信息预填");
    choose(&root, "f-restricted_industry-false").await;
    choose(&root, "f-restricted_industry-__unsure").await;
    let root = render::<Field>(field("total_assets", on_action)).await;
    pick(&root, "#q-total_assets ~ select", "wan").await;
    assert_eq!(
        *got.borrow(),
        [Action::Answer("restricted_industry".into(), "false".into()), Action::Unsure("restricted_industry".into()), Action::Unit("total_assets".into(), true)]
    );
}

#[wasm_bindgen_test]
async fn the_toolbar_alone_emits_language_date_and_display_changes() {
    let (on_action, got) = recorder();
    let props = ToolbarProps { lang: Lang::ZhCn, as_of: date("2025-12-31"), large_text: false, high_contrast: true, on_action };
    let root = render::<Toolbar>(props).await;
    assert_eq!(button(&root, "高对比度").get_attribute("aria-pressed").as_deref(), Some("true"));
    pick(&root, ".lqt-toolbar select", "en").await;
    pick(&root, ".lqt-toolbar label:nth-child(3) select", "2024").await;
    press(&root, "大字版").await;
    press(&root, "高对比度").await;
    assert_eq!(*got.borrow(), [Action::Lang(Lang::En), Action::AsOf(date("2024-12-31")), Action::LargeText(true), Action::HighContrast(false)]);
}

#[wasm_bindgen_test]
async fn the_summary_alone_counts_the_report_it_is_given() {
    let report = manufacturer();
    let eligible = report.results.iter().filter(|r| r.status == Status::Eligible).count();
    assert!(eligible > 0, "the small manufacturer gets something");
    let (on_action, got) = recorder();
    let root = render::<SummaryPanel>(SummaryProps { lang: Lang::ZhCn, report, on_action }).await;
    shows(&root, "[role=status]", &format!("符合 {eligible} ·"));
    press(&root, "查看详细结果").await;
    assert_eq!(*got.borrow(), [Action::Go(Screen::Results)]);
}

#[wasm_bindgen_test]
async fn a_policy_card_alone_offers_apply_only_with_the_hosts_handler() {
    let report = manufacturer();
    let slp = report.result("cn.cit.small-low-profit").expect("the catalog has 小型微利").clone();
    assert_eq!(slp.status, Status::Eligible);
    let card = |on_apply| CardProps { result: slp.clone(), lang: Lang::ZhCn, on_apply, on_action: Callback::noop() };
    let root = render::<PolicyCard>(card(None)).await;
    shows(&root, ".lqt-status", "符合");
    assert!(root.query_selector(".lqt-apply").unwrap().is_none(), "no 去申报 without the host's handler");
    let (on_apply, applied) = recorder();
    let root = render::<PolicyCard>(card(Some(on_apply))).await;
    press(&root, "去申报").await;
    assert_eq!(*applied.borrow(), ["cn.cit.small-low-profit".to_string()]);

    // A result still missing answers sends the user to the first of them.
    let open = report.results.iter().find(|r| !r.missing.is_empty()).expect("some policy needs more answers").clone();
    let (on_action, got) = recorder();
    let root = render::<PolicyCard>(CardProps { result: open.clone(), lang: Lang::ZhCn, on_apply: None, on_action }).await;
    press(&root, "补充信息").await;
    assert_eq!(*got.borrow(), [Action::Change(open.missing[0].clone())]);
}

#[wasm_bindgen_test]
async fn a_host_catalog_with_its_own_groups_has_every_question_asked() {
    // Inputs in a group this page knows (basic) and in one it does not
    // (environment), which comes first in the catalog.
    let json = r#"{
      "catalog": {"id": "host", "version": "1", "title": "一项测试政策"},
      "input": [
        {"key": "area", "type": "number", "group": "environment", "label": "占地面积"},
        {"key": "n", "type": "integer", "group": "basic", "label": "件数"}
      ],
      "policy": [{"id": "x.p", "name": "测试补贴", "category": "subsidy", "level": "municipal", "valid_from": "2020-01-01",
        "delivery": {"mode": "apply"}, "amount": "n * 1000.5",
        "document": [{"key": "d", "title": "测试文件", "number": "测试〔2020〕1号", "issuer": "测试局", "evidence": "official"}],
        "condition": [{"id": "c", "text": "件数不少于 2，占地面积大于 0", "when": "n >= 2 and area > 0", "cite": "一"}]}]
    }"#;
    let catalog = calculator_core::Catalog::from_json(&[("host.json", json)]).unwrap();
    gloo::storage::LocalStorage::clear();
    let config = Config { catalog: Some(CatalogRef::Host(Rc::new(catalog))), ..Default::default() };
    let root = render::<App>(config).await;
    press(&root, "开始测算").await;
    shows(&root, "h1", "基本信息");
    // The known steps keep their places (the empty ones are skipped); the
    // catalog's own group comes after them.
    shows(&root, ".lqt-caption", "1 / 7");
    type_into(&root, "q-n", "3").await;
    press(&root, "继续").await;
    shows(&root, "h1", "其他信息");
    shows(&root, ".lqt-caption", "7 / 7");
    shows(&root, "label[for=q-area]", "占地面积");
    type_into(&root, "q-area", "120").await;
    shows(&root, ".lqt-summary [role=status]", "¥3,001.50");
    press(&root, "继续").await;
    shows(&root, "h1", "核对您的回答");
}
