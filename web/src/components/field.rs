//! One question, by the kind of answer the catalog declares. Help and error
//! texts are tied to the control with `aria-describedby`.

use super::{code_picker::CodePicker, t};
use crate::codes::{meaning, List};
use crate::config::CatalogRef;
use crate::state::{Action, Answer};
use calculator_core::{InputKind, Lang};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props: the question, its answer so far, and where the user's changes go.
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The catalog declaring the input (its kind, label, help, options).
    pub catalog: CatalogRef,
    /// Profile key.
    pub name: AttrValue,
    /// Language.
    pub lang: Lang,
    /// The answer as typed, if any.
    #[prop_or_default]
    pub answer: Option<Answer>,
    /// The core's problem with the answer, if any.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The answer came from the host's data (shown as such, editable).
    #[prop_or_default]
    pub prefilled: bool,
    /// Give a typed value up on `change` (leaving the field, Enter), not on
    /// every key: for a question on a result card, which moves once answered.
    #[prop_or_default]
    pub lazy: bool,
    /// What the user did to this key: `Answer` (each key typed, or on
    /// `change` when lazy), `Commit` (a typed answer's `change`), `Unit` or
    /// `Unsure`.
    pub on_action: Callback<Action>,
}

fn choice(on_action: &Callback<Action>, name: &str, value: &str, label: &str, current: Option<&str>, described: &str) -> Html {
    let (key, v) = (name.to_string(), value.to_string());
    let onchange = on_action.reform(move |_: Event| if v == "__unsure" { Action::Unsure(key.clone()) } else { Action::Answer(key.clone(), v.clone()) });
    let id = format!("f-{name}-{value}");
    html! {
        <div class="lqt-choice">
            <input type="radio" id={id.clone()} name={name.to_string()} value={value.to_string()} checked={current == Some(value)} {onchange}
                aria-describedby={described.to_string()} />
            <label for={id}>{label.to_string()}</label>
        </div>
    }
}

/// One question.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let FieldProps { catalog, name, lang, answer, error, prefilled, lazy, on_action } = props;
    let lang = *lang;
    let Some(def) = catalog.input(name) else { return html! {} };
    let key: &str = name;
    let (text, wan) = match answer {
        Some(Answer::Value { text, wan }) => (text.clone(), *wan),
        _ => (String::new(), false),
    };
    let current: Option<&str> = match answer {
        Some(Answer::Unsure) => Some("__unsure"),
        Some(Answer::Value { text, .. }) => Some(text.as_str()),
        None => None,
    };
    let help_id = format!("help-{key}");
    let err_id = format!("err-{key}");
    let mut described = Vec::new();
    if def.help.is_some() {
        described.push(help_id.clone());
    }
    if error.is_some() {
        described.push(err_id.clone());
    }
    let described = described.join(" ");
    let label = def.label.get(lang).to_string();
    let help = def.help.as_ref().map(|h| html! { <p class="lqt-help" id={help_id.clone()}>{h.get(lang).to_string()}</p> });
    let err = error.as_ref().map(
        |m| html! { <p class="lqt-error" id={err_id.clone()}><span class="lqt-visually-hidden">{t(lang, "错误：", "錯誤：", "Error: ")}</span>{m.clone()}</p> },
    );
    let unsure = t(lang, "不确定", "不確定", "Not sure");
    // The host's data is shown as such, and stays editable.
    let prefilled = prefilled.then(|| html! {
        <p class="lqt-prefilled">{t(lang, "已根据辽企通登记信息预填，可修改", "已根據遼企通登記資訊預填，可修改", "Prefilled from your Liaoqitong records; you can change it")}</p>
    });
    let typed = {
        let key = key.to_string();
        on_action.reform(move |e: Event| Action::Answer(key.clone(), e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let (oninput, onchange) = if *lazy {
        (None, Some(typed))
    } else {
        let k = key.to_string();
        (Some(typed.reform(|e: InputEvent| e.into())), Some(on_action.reform(move |_: Event| Action::Commit(k.clone()))))
    };
    match def.kind {
        InputKind::Boolean | InputKind::Enum => {
            let mut options: Vec<(String, String)> = if def.kind == InputKind::Boolean {
                vec![("true".into(), t(lang, "是", "是", "Yes").into()), ("false".into(), t(lang, "否", "否", "No").into())]
            } else {
                def.options.iter().map(|o| (o.value.clone(), o.label.get(lang).to_string())).collect()
            };
            options.push(("__unsure".into(), unsure.into()));
            html! {
                <fieldset class={classes!("lqt-field", error.is_some().then_some("lqt-has-error"))} id={format!("q-{key}")}>
                    <legend>{label}</legend>
                    {help}{prefilled.clone()}{err}
                    <div class="lqt-choices">
                        { for options.iter().map(|(v, l)| choice(on_action, key, v, l, current, &described)) }
                    </div>
                </fieldset>
            }
        }
        kind => {
            let input_id = format!("q-{key}");
            let (input_type, mode) = match kind {
                InputKind::Date => ("date", "none"),
                InputKind::Money | InputKind::Number | InputKind::Ratio => ("text", "decimal"),
                InputKind::Integer => ("text", "numeric"),
                _ => ("text", "text"),
            };
            let unit = match kind {
                InputKind::Money => {
                    let k = key.to_string();
                    let onchange = on_action.reform(move |e: Event| Action::Unit(k.clone(), e.target_unchecked_into::<HtmlSelectElement>().value() == "wan"));
                    html! {
                        <select class="lqt-unit" aria-label={format!("{label} — {}", t(lang, "单位", "單位", "unit"))} {onchange}>
                            <option value="yuan" selected={!wan}>{t(lang, "元", "元", "yuan")}</option>
                            <option value="wan" selected={wan}>{t(lang, "万元", "萬元", "10,000 yuan (wan)")}</option>
                        </select>
                    }
                }
                _ => def.unit.as_ref().map(|u| html! { <span class="lqt-unit">{u.clone()}</span> }).unwrap_or_default(),
            };
            // A code is found by name in a picker; what a code means shows
            // beneath it, so that a wrong one is seen at once.
            let list = match kind {
                InputKind::RegionCode => Some(List::Region),
                InputKind::IndustryCode => Some(List::Industry),
                _ => None,
            };
            let described = (!described.is_empty()).then_some(AttrValue::from(described));
            let meaning = list.and_then(|l| meaning(l, &text, lang)).map(|m| html! { <p class="lqt-code-meaning">{m}</p> });
            let control = match list {
                Some(list) => {
                    let k = key.to_string();
                    let on_pick = on_action.reform(move |code: String| Action::Answer(k.clone(), code));
                    html! { <CodePicker id={input_id.clone()} {list} {lang} value={text.clone()} described={described.clone()} invalid={error.is_some()} {on_pick} /> }
                }
                None => html! {
                    <input id={input_id.clone()} type={input_type} inputmode={mode} value={text} {oninput} {onchange}
                        aria-invalid={error.is_some().then_some("true")} aria-describedby={described}
                        autocomplete="off" spellcheck="false" />
                },
            };
            html! {
                <div class={classes!("lqt-field", error.is_some().then_some("lqt-has-error"))}>
                    <label for={input_id.clone()}>{label}</label>
                    {help}{prefilled}{err}
                    <div class="lqt-input-row">
                        {control}
                        {unit}
                    </div>
                    {meaning}
                </div>
            }
        }
    }
}
