//! The root: state, the report, saving, and the screen.

use super::{check_answers::CheckAnswers, question_step::QuestionStep, results_page::ResultsPage, start_page::StartPage, t, toolbar::Toolbar};
use crate::saved;
use crate::state::{Screen, State};
use crate::Ctx;
use calculator_core::{default_catalog, evaluate, Date};
use gloo::storage::{LocalStorage, Storage};
use std::rc::Rc;
use yew::prelude::*;

const SAVE_KEY: &str = "lqt-policy-calculator-answers";

fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, d.get_month() as u8 + 1, d.get_date() as u8).unwrap_or(Date::MIN)
}

/// Answers saved on this device (opt-in), else a share link's answers.
fn initial() -> State {
    let mut s = State::new(today());
    if let Ok(text) = LocalStorage::get::<String>(SAVE_KEY) {
        if let Ok(a) = saved::from_json(&text) {
            s.answers = a;
            s.save = true;
        }
    }
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix("#a=") {
        if let Some(text) = js_sys::decode_uri_component(encoded).ok().and_then(|t| t.as_string()) {
            if let Ok(a) = saved::from_json(&text) {
                s.answers = a;
            }
        }
    }
    s
}

/// The page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial);
    // Re-evaluated only when the answers or the options change; the Rc lets
    // consumers of the context skip renders while the report is the same.
    let report = use_memo((state.profile(), state.options()), |(p, o)| default_catalog().ok().map(|c| Rc::new(evaluate(c, p, o))));
    {
        // Saving is opt-in; turning it off deletes what was saved.
        let deps = (state.save, state.answers.clone());
        use_effect_with(deps, |(save, answers)| {
            if *save {
                let _ = LocalStorage::set(SAVE_KEY, saved::to_json(answers));
            } else {
                LocalStorage::delete(SAVE_KEY);
            }
        });
    }
    let lang = state.lang;
    {
        let tag = lang.tag();
        use_effect_with(tag, |tag| {
            if let Some(html) = gloo::utils::document().document_element() {
                let _ = html.set_attribute("lang", if *tag == "zh-TW" { "zh-Hant-TW" } else if *tag == "en" { "en" } else { "zh-Hans-CN" });
            }
        });
    }
    // The default catalog is checked by the test suite; should it ever fail
    // to load, the page says so instead of failing.
    let Some(report) = (*report).clone() else {
        return html! { <main><p role="alert">{t(lang, "政策目录加载失败，请刷新页面。", "政策目錄載入失敗，請重新整理頁面。", "The policy catalog failed to load; please reload.")}</p></main> };
    };
    let ctx = Ctx { state: state.clone(), snapshot: Rc::new((*state).clone()), report };
    let mut class = classes!("lqt");
    if state.large_text {
        class.push("lqt-large");
    }
    if state.high_contrast {
        class.push("lqt-contrast");
    }
    let body = match state.screen {
        Screen::Start => html! { <StartPage /> },
        Screen::Step(g) => html! { <QuestionStep group={g} /> },
        Screen::Check => html! { <CheckAnswers /> },
        Screen::Results => html! { <ResultsPage /> },
    };
    let skip = t(lang, "跳到主要内容", "跳到主要內容", "Skip to main content");
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div {class}>
                <a class="lqt-skip" href="#lqt-main">{skip}</a>
                <Toolbar />
                <main id="lqt-main" tabindex="-1">
                    {body}
                </main>
            </div>
        </ContextProvider<Ctx>>
    }
}
