//! One question, by the kind of answer the catalog declares. Help and error
//! texts are tied to the control with `aria-describedby`.

use super::t;
use crate::codes::{section_of, DIVISIONS, LIAONING_CITIES, SECTIONS};
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
    /// What the user did to this key: `Answer`, `Unit` or `Unsure`.
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
    let FieldProps { catalog, name, lang, answer, error, prefilled, on_action } = props;
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
    let oninput = {
        let key = key.to_string();
        on_action.reform(move |e: InputEvent| Action::Answer(key.clone(), e.target_unchecked_into::<HtmlInputElement>().value()))
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
            let pick = |zh: &'static str, tw: &'static str, en: &'static str| t(lang, zh, tw, en);
            // Native <datalist>: the browser filters it as the user types, by
            // code or by name ("汽车" finds C36), and keyboards and screen
            // readers already know how to use it.
            let options: Vec<(String, String)> = match kind {
                InputKind::IndustryCode => {
                    let mut v = Vec::new();
                    for (letter, range, zh, tw, en) in SECTIONS {
                        v.push((letter.to_string(), format!("{letter} {}（{range}）", pick(zh, tw, en))));
                        for (code, zh, tw, en) in DIVISIONS.iter().filter(|d| section_of(d.0) == Some(letter)) {
                            v.push((format!("{letter}{code}"), format!("{letter}{code} {}", pick(zh, tw, en))));
                        }
                    }
                    v
                }
                InputKind::RegionCode => LIAONING_CITIES.iter().map(|(code, zh, tw, en)| (code.to_string(), format!("{code} {}", pick(zh, tw, en)))).collect(),
                _ => Vec::new(),
            };
            let list = (!options.is_empty()).then(|| {
                html! {
                    <datalist id={format!("dl-{key}")}>
                        { for options.iter().map(|(v, l)| html! { <option value={v.clone()}>{l.clone()}</option> }) }
                    </datalist>
                }
            });
            // What the typed code means, so a wrong pick is seen at once.
            let typed = text.trim().to_ascii_uppercase();
            let meaning = if kind == InputKind::RegionCode {
                let city = typed.get(..4).filter(|_| typed.len() == 6 && typed.bytes().all(|b| b.is_ascii_digit()));
                city.and_then(|c| options.iter().find(|(v, _)| v.starts_with(c))).map(|(_, l)| l.clone())
            } else {
                // Longest match: 大类 entries follow their 门类 in the list.
                options.iter().rev().find(|(v, _)| !typed.is_empty() && typed.starts_with(v.as_str())).map(|(_, l)| l.clone())
            };
            let meaning = meaning.map(|m| html! { <p class="lqt-code-meaning">{m}</p> });
            html! {
                <div class={classes!("lqt-field", error.is_some().then_some("lqt-has-error"))}>
                    <label for={input_id.clone()}>{label}</label>
                    {help}{prefilled}{err}
                    <div class="lqt-input-row">
                        <input id={input_id} type={input_type} inputmode={mode} value={text} {oninput}
                            list={list.is_some().then(|| format!("dl-{key}"))}
                            aria-invalid={error.is_some().then_some("true")} aria-describedby={(!described.is_empty()).then_some(described.clone())}
                            autocomplete="off" spellcheck="false" />
                        {unit}
                    </div>
                    {meaning}
                    {list.unwrap_or_default()}
                </div>
            }
        }
    }
}
