//! Component tests in a real browser (`wasm-pack test --headless --chrome web`):
//! the app mounted on its own root, driven through the DOM as a user would,
//! and the leaf components rendered alone with their props, a test's
//! callback recording what they emit. After each event the test waits for
//! yew with `yew::scheduler::flush` (every render and effect the event set
//! off), never with a timer.
#![cfg(target_arch = "wasm32")]

use calculator_core::{Date, Lang, Options, Profile, Report, Status};
use gloo::storage::Storage;
use policy_calculator_web::codes::List;
use policy_calculator_web::components::app::App;
use policy_calculator_web::components::code_picker::{CodePicker, PickerProps};
use policy_calculator_web::components::data_controls::DataControls;
use policy_calculator_web::components::field::{Field, FieldProps};
use policy_calculator_web::components::multi_select::{MultiProps, MultiSelect};
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

/// Ticks a checkbox (or clicks any element) by id and lets yew finish.
async fn tick(root: &Element, id: &str) {
    choose(root, id).await;
}

#[wasm_bindgen_test]
async fn the_screens_follow_the_planner_and_a_checklist_asks_a_ticked_number() {
    let root = mount().await;
    press(&root, "开始测算").await;
    // The planner's first question, alone: what decides the most.
    shows(&root, ".lqt-caption", "已回答 0 题");
    choose(&root, "f-entity_type-enterprise").await;
    press(&root, "继续").await;
    // Then a checklist: nothing ticked is an answer ("none of these").
    shows(&root, "fieldset.lqt-multi legend", "以下情况");
    shows(&root, "fieldset.lqt-multi .lqt-help", "都没有就不勾选");
    assert!(root.query_selector("#q-rd_expense").unwrap().is_none(), "the number waits for its tick");
    tick(&root, "m-rd_expense").await;
    type_into(&root, "q-rd_expense", "120").await;
    pick(&root, "#q-rd_expense ~ select", "wan").await;
    press(&root, "继续").await;
    // Three answers: the entity type, the checklist, and the number beside a tick.
    shows(&root, ".lqt-caption", "已回答 3 题");
    shows(&root, ".lqt-caption", "已判定");
    // Back shows the checklist as it was answered.
    let back: HtmlElement = find(&root, ".lqt-back").unchecked_into();
    back.click();
    yew::scheduler::flush().await;
    let rd: HtmlInputElement = find(&root, "#m-rd_expense").unchecked_into();
    assert!(rd.checked());
    assert_eq!(find(&root, "#q-rd_expense").unchecked_into::<HtmlInputElement>().value(), "120");
}

#[wasm_bindgen_test]
async fn a_bad_value_is_kept_and_explained_with_a_linked_summary() {
    let root = mount().await;
    press(&root, "开始测算").await;
    choose(&root, "f-entity_type-enterprise").await;
    // 继续 until the planner asks a plain number (a checklist or a picker
    // left blank is "none" or "not sure").
    let number = "input[inputmode=numeric][id^=q-], input[inputmode=decimal][id^=q-]";
    for _ in 0..10 {
        if root.query_selector(number).unwrap().is_some() {
            break;
        }
        press(&root, "继续").await;
    }
    let input: HtmlInputElement = find(&root, number).unchecked_into();
    let id = input.id();
    let key = id.trim_start_matches("q-").to_string();
    type_into(&root, &id, "abc").await;
    shows(&root, &format!("#err-{key}"), "“abc”不是数字");
    assert_eq!(input.value(), "abc", "what the user typed is kept");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(input.get_attribute("aria-describedby").unwrap_or_default().contains(&format!("err-{key}")));
    press(&root, "继续").await;
    let summary = shows(&root, ".lqt-error-summary", "请修改以下问题");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(find(&summary, "a").get_attribute("href"), Some(format!("#q-{key}")));
}

#[wasm_bindgen_test]
async fn outside_an_app_a_screen_renders_nothing_instead_of_panicking() {
    // Screens read the calculation from App's context; without one there is
    // nothing to show (see hooks::use_calc).
    assert_eq!(render::<StartPage>(()).await.inner_html(), "");
    assert_eq!(render::<DataControls>(()).await.inner_html(), "");
}

fn field(name: &str, on_action: Callback<Action>) -> FieldProps {
    FieldProps {
        catalog: catalog(),
        name: AttrValue::from(name.to_string()),
        lang: Lang::ZhCn,
        answer: None,
        error: None,
        prefilled: false,
        lazy: false,
        on_action,
    }
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
    // On a phone the settings sit behind 设置, a disclosure button.
    let settings = button(&root, "设置");
    assert_eq!(settings.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(settings.get_attribute("aria-controls").as_deref(), Some("lqt-settings"));
    press(&root, "设置").await;
    assert_eq!(button(&root, "设置").get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(find(&root, "#lqt-settings").class_list().contains("lqt-open"));
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
    let card = |on_apply| CardProps { result: slp.clone(), lang: Lang::ZhCn, on_apply, missing: Vec::new(), children: Default::default() };
    let root = render::<PolicyCard>(card(None)).await;
    shows(&root, ".lqt-status", "符合");
    assert!(root.query_selector(".lqt-apply").unwrap().is_none(), "no 去申报 without the host's handler");
    // The conditions, steps and basis wait behind 详情.
    shows(&root, "details.lqt-details summary", "详情");
    assert!(find(&root, "details.lqt-details").get_attribute("open").is_none());
    let (on_apply, applied) = recorder();
    let root = render::<PolicyCard>(card(Some(on_apply))).await;
    press(&root, "去申报").await;
    assert_eq!(*applied.borrow(), ["cn.cit.small-low-profit".to_string()]);

    // Eligible with the amount still to come: says so, names what is
    // missing and shows the question it is given.
    let mut pending = slp.clone();
    (pending.amount, pending.amount_missing) = (None, vec!["taxable_income".into()]);
    let props = CardProps {
        result: pending,
        lang: Lang::ZhCn,
        on_apply: None,
        missing: vec!["应纳税所得额".into()],
        children: yew::html! { <p class="the-question">{"?"}</p> },
    };
    let root = render::<PolicyCard>(props).await;
    shows(&root, ".lqt-amount", "金额待补充");
    shows(&root, ".lqt-missing", "还需：应纳税所得额");
    find(&root, ".the-question");
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
    // Both inputs decide the policy: the planner asks both on one screen,
    // under the heading of the first one's group.
    shows(&root, "label[for=q-area]", "占地面积");
    type_into(&root, "q-n", "3").await;
    type_into(&root, "q-area", "120").await;
    shows(&root, ".lqt-summary [role=status]", "¥3,001.50");
    press(&root, "继续").await;
    shows(&root, "h1", "测算结果");
    shows(&root, ".lqt-amount", "¥3,001.50");
}

#[wasm_bindgen_test]
async fn a_checklist_alone_ticks_and_opens_a_ticked_numbers_field() {
    let mut p = Profile::new();
    p.set("entity_type", "enterprise");
    let options = Options { as_of: date("2025-12-31"), lang: Lang::ZhCn };
    let planned = calculator_core::Planner::new(&catalog(), &options).questions(&p, &[]);
    let q = planned.into_iter().find(|q| q.key == "circumstances").expect("the circumstances are asked");
    let (on_action, got) = recorder();
    let props = |ticked: Vec<String>, on_action| MultiProps {
        catalog: catalog(),
        question: q.clone(),
        lang: Lang::ZhCn,
        answers: Default::default(),
        ticked,
        errors: Vec::new(),
        on_action,
    };
    let root = render::<MultiSelect>(props(Vec::new(), on_action)).await;
    shows(&root, "fieldset legend", "以下情况");
    assert_eq!(find(&root, "fieldset").get_attribute("aria-describedby").as_deref(), Some("help-circumstances"));
    assert!(root.query_selector("#q-rd_expense").unwrap().is_none());
    tick(&root, "m-rd_expense").await;
    tick(&root, "m-gov_guarantee").await;
    assert_eq!(
        *got.borrow(),
        [Action::Tick("circumstances".into(), "rd_expense".into(), true), Action::Tick("circumstances".into(), "gov_guarantee".into(), true)]
    );
    // Ticked: the number's own field, with its unit choice (money).
    let root = render::<MultiSelect>(props(vec!["rd_expense".into()], Callback::noop())).await;
    assert!(find(&root, "#m-rd_expense").unchecked_into::<HtmlInputElement>().checked());
    find(&root, ".lqt-reveal #q-rd_expense");
    find(&root, ".lqt-reveal select.lqt-unit");
}

/// Sends a key press to an element.
async fn key(el: &Element, name: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(name);
    init.set_bubbles(true);
    init.set_cancelable(true);
    el.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_region_picker_is_a_combobox_found_by_name_and_keyboard() {
    let (on_pick, got) = recorder();
    let props = PickerProps { id: "q-region_code".into(), list: List::Region, lang: Lang::ZhCn, value: "".into(), described: None, invalid: false, on_pick };
    let root = render::<CodePicker>(props).await;
    let input = find(&root, "input");
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(input.get_attribute("aria-controls").as_deref(), Some("q-region_code-list"));
    type_into(&root, "q-region_code", "营口站前").await;
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("true"));
    shows(&root, "[role=listbox] [role=option]", "210802 营口市站前区");
    shows(&root, "[role=status]", "找到 1 项");
    key(&input, "ArrowDown").await;
    assert_eq!(input.get_attribute("aria-activedescendant").as_deref(), Some("q-region_code-opt-0"));
    assert_eq!(find(&root, "#q-region_code-opt-0").get_attribute("aria-selected").as_deref(), Some("true"));
    key(&input, "Enter").await;
    assert_eq!(*got.borrow(), ["210802".to_string()]);
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"));
    // Escape closes; a code typed in full is taken as it is.
    type_into(&root, "q-region_code", "zhanqian").await;
    key(&input, "Escape").await;
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"));
    type_into(&root, "q-region_code", "110101").await;
    assert_eq!(got.borrow().last().map(String::as_str), Some("110101"));
}

#[wasm_bindgen_test]
async fn the_industry_picker_finds_a_division_and_its_groups_by_a_word() {
    let (on_pick, got) = recorder();
    let props =
        PickerProps { id: "q-industry_code".into(), list: List::Industry, lang: Lang::ZhCn, value: "".into(), described: None, invalid: false, on_pick };
    let root = render::<CodePicker>(props).await;
    type_into(&root, "q-industry_code", "机械").await;
    let options = root.query_selector_all("[role=option]").unwrap();
    let texts: Vec<String> = (0..options.length()).filter_map(|i| options.item(i)).map(|n| n.text_content().unwrap_or_default()).collect();
    assert!(texts.contains(&"C34 通用设备制造业".to_string()) && texts.contains(&"C342 金属加工机械制造".to_string()), "{texts:?}");
    let c34 = texts.iter().position(|t| t.starts_with("C34 ")).unwrap();
    let el: HtmlElement = find(&root, &format!("#q-industry_code-opt-{c34}")).unchecked_into();
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::MouseEvent::new_with_mouse_event_init_dict("mousedown", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(*got.borrow(), ["C34".to_string()]);
}
