//! The root: state, the report, saving, and the screen.

use super::{check_answers::CheckAnswers, question_screen::QuestionScreen, results_page::ResultsPage, start_page::StartPage, t, toolbar::Toolbar};
use crate::config::{CatalogRef, Config};
use crate::saved;
use crate::state::{Action, Screen, State};
use crate::Calc;
use calculator_core::Date;
use gloo::storage::{LocalStorage, Storage};
use std::rc::Rc;
use yew::prelude::*;
use yew::Reducible;

const SAVE_KEY: &str = "lqt-policy-calculator-answers";

fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, d.get_month() as u8 + 1, d.get_date() as u8).unwrap_or(Date::MIN)
}

/// The host's options, then answers saved on this device (opt-in), then a
/// share link's answers: what the user typed wins over what the host knew.
fn initial(config: &Config, catalog: CatalogRef) -> State {
    let mut s = State::new(config.as_of.unwrap_or_else(today), catalog);
    if let Some(lang) = config.lang {
        s.lang = lang;
    }
    s = Rc::unwrap_or_clone(Rc::new(s).reduce(Action::Prefill((*config.prefill).clone())));
    let mut user = std::collections::BTreeMap::new();
    if !config.no_local_save {
        if let Ok(text) = LocalStorage::get::<String>(SAVE_KEY) {
            if let Ok(a) = saved::from_json(&text) {
                user.extend(a);
                s.save = true;
            }
        }
    }
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix("#a=") {
        if let Some(text) = js_sys::decode_uri_component(encoded).ok().and_then(|t| t.as_string()) {
            if let Ok(a) = saved::from_json(&text) {
                user.extend(a);
            }
        }
    }
    for (key, answer) in user {
        s.prefilled.remove(&key);
        s.answers.insert(key, answer);
    }
    s
}

/// The calculator, stand-alone or embedded (`config` holds the host's options).
#[component]
pub fn App(config: &Config) -> Html {
    let catalog = config.catalog.clone().or_else(CatalogRef::builtin);
    let lang_now = config.lang.unwrap_or_default();
    // The built-in catalog is checked by the test suite and a host's before it
    // is handed over; should neither be usable, the page says so.
    let Some(catalog) = catalog else {
        return html! { <p role="alert">{t(lang_now, "政策目录加载失败，请刷新页面。", "政策目錄載入失敗，請重新整理頁面。", "The policy catalog failed to load; please reload.")}</p> };
    };
    html! { <Calculator config={config.clone()} {catalog} /> }
}

#[derive(Properties, PartialEq)]
struct CalculatorProps {
    config: Config,
    catalog: CatalogRef,
}

#[component]
fn Calculator(props: &CalculatorProps) -> Html {
    let CalculatorProps { config, catalog } = props;
    let state = {
        let (config, catalog) = (config.clone(), catalog.clone());
        use_reducer(move || initial(&config, catalog))
    };
    {
        // The host changed its options (handle.update): follow them.
        let st = state.dispatcher();
        use_effect_with((config.lang, config.as_of, config.prefill.clone(), catalog.clone()), move |(lang, as_of, prefill, catalog)| {
            if let Some(l) = lang {
                st.dispatch(Action::Lang(*l));
            }
            if let Some(d) = as_of {
                st.dispatch(Action::AsOf(*d));
            }
            st.dispatch(Action::Prefill((**prefill).clone()));
            st.dispatch(Action::Catalog(catalog.clone()));
        });
    }
    // Re-evaluated only when the answers, the options or the catalog change;
    // the Rc lets consumers of the context skip renders while the report is
    // the same.
    let report = use_memo((state.profile(), state.options(), state.catalog.clone()), |(p, o, c)| Rc::new(c.evaluate(p, o)));
    {
        // Only a host that asked for results gets them.
        let on_result = config.on_result.clone();
        use_effect_with(report.clone(), move |r| {
            if let Some(cb) = on_result {
                cb.emit((**r).clone());
            }
        });
    }
    {
        // Saving is opt-in; turning it off deletes what was saved.
        let deps = (state.save, state.answers.clone(), config.no_local_save);
        use_effect_with(deps, |(save, answers, off)| {
            if *off {
                return;
            }
            if *save {
                let _ = LocalStorage::set(SAVE_KEY, saved::to_json(answers));
            } else {
                LocalStorage::delete(SAVE_KEY);
            }
        });
    }
    let lang = state.lang;
    let lang_attr = match lang {
        calculator_core::Lang::ZhTw => "zh-Hant-TW",
        calculator_core::Lang::En => "en",
        calculator_core::Lang::ZhCn => "zh-Hans-CN",
    };
    {
        // A page of its own also sets the document's language.
        let page = config.page;
        use_effect_with(lang_attr, move |tag| {
            if page {
                if let Some(html) = gloo::utils::document().document_element() {
                    let _ = html.set_attribute("lang", tag);
                }
            }
        });
    }
    let calc = Calc {
        state: Rc::new((*state).clone()),
        report: (*report).clone(),
        dispatch: state.dispatcher().to_callback(),
        on_apply: config.on_apply.clone(),
        local_save: !config.no_local_save,
    };
    let mut class = classes!("lqt");
    if state.large_text {
        class.push("lqt-large");
    }
    if state.high_contrast {
        class.push("lqt-contrast");
    }
    let body = match state.screen {
        Screen::Start => html! { <StartPage /> },
        Screen::Ask => html! { <QuestionScreen /> },
        Screen::Check => html! { <CheckAnswers /> },
        Screen::Results => html! { <ResultsPage /> },
    };
    let skip = t(lang, "跳到主要内容", "跳到主要內容", "Skip to main content");
    html! {
        <ContextProvider<Calc> context={calc.clone()}>
            <div {class} lang={lang_attr}>
                <a class="lqt-skip" href="#lqt-main">{skip}</a>
                <Toolbar {lang} as_of={state.as_of} large_text={state.large_text} high_contrast={state.high_contrast} on_action={calc.dispatch.clone()} />
                <main id="lqt-main" tabindex="-1">
                    {body}
                </main>
            </div>
        </ContextProvider<Calc>>
    }
}
