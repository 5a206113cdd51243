//! One question that answers several inputs: a fieldset of checkboxes. A
//! ticked yes/no input is yes, an unticked one no; a number asked by
//! whether there is any (研发费用) is 0 unticked, and once ticked its own
//! field opens beneath the box (with its unit; money with 元/万元).
//! Ticking nothing is an answer too ("none of these").

use super::{field::Field, t};
use crate::config::CatalogRef;
use crate::state::{Action, Answer};
use calculator_core::{Lang, Purpose, Question};
use std::collections::BTreeMap;
use yew::prelude::*;

/// Props: the planner's question, the answers to its inputs, where ticks go.
#[derive(Properties, PartialEq)]
pub struct MultiProps {
    /// The catalog (the numbers' fields read their definitions from it).
    pub catalog: CatalogRef,
    /// The question (`kind` multi-select): an option per input.
    pub question: Question,
    /// Language.
    pub lang: Lang,
    /// The answers so far to the question's inputs.
    pub answers: BTreeMap<String, Answer>,
    /// The numbers ticked as "there is some" (their value still to come).
    #[prop_or_default]
    pub ticked: Vec<String>,
    /// The core's problems with the numbers typed, by key.
    #[prop_or_default]
    pub errors: Vec<(String, AttrValue)>,
    /// `Tick`, and the numbers' `Answer`, `Unit`.
    pub on_action: Callback<Action>,
}

/// 多选题.
#[component]
pub fn MultiSelect(props: &MultiProps) -> Html {
    let MultiProps { catalog, question: q, lang, answers, ticked, errors, on_action } = props;
    let lang = *lang;
    // The question's own texts in the language shown now (the planner wrote
    // them in the language of its time).
    let group = catalog.ask_together().iter().find(|g| g.key == q.key);
    let label = group.map_or(q.label.clone(), |g| g.label.get(lang).to_string());
    let help = group.and_then(|g| g.help.as_ref()).map_or(q.help.clone().unwrap_or_default(), |h| h.get(lang).to_string());
    // On a result card (a checklist that computes an amount) there is no 继续.
    let none = if q.purpose == Purpose::Decide {
        t(lang, "都没有就不勾选，直接点“继续”。", "都沒有就不勾選，直接按「繼續」。", "If none applies, tick nothing and press Continue.")
    } else {
        ""
    };
    let help_id = format!("help-{}", q.key);
    let options = q.options.iter().map(|o| {
        let key = &o.value;
        let presence = q.presence.contains(key);
        let answer = answers.get(key);
        let value = match answer {
            Some(Answer::Value { text, .. }) => text.as_str(),
            _ => "",
        };
        let on = if presence { ticked.contains(key) || !matches!(value, "" | "0") } else { value == "true" };
        let id = format!("m-{key}");
        let onchange = {
            let (question, key) = (q.key.clone(), key.clone());
            on_action.reform(move |_: Event| Action::Tick(question.clone(), key.clone(), !on))
        };
        html! {
            <li>
                <div class="lqt-choice">
                    <input type="checkbox" id={id.clone()} checked={on} {onchange} />
                    <label for={id}>{o.label.get(lang).to_string()}</label>
                </div>
                if presence && on {
                    <div class="lqt-reveal">
                        <Field catalog={catalog.clone()} name={AttrValue::from(key.clone())} {lang} answer={answer.cloned()}
                            error={errors.iter().find(|(k, _)| k == key).map(|(_, m)| m.clone())} lazy={q.purpose == Purpose::Amount} on_action={on_action.clone()} />
                    </div>
                }
            </li>
        }
    });
    html! {
        <fieldset class="lqt-field lqt-multi" id={format!("q-{}", q.key)} aria-describedby={help_id.clone()}>
            <legend>{label}</legend>
            <p class="lqt-help" id={help_id}>{help}{" "}{none}</p>
            <ul class="lqt-checks">{ for options }</ul>
            if q.purpose == Purpose::Amount {
                <button type="button" class="lqt-secondary lqt-settle" onclick={on_action.reform({ let keys = q.keys.clone(); move |_: MouseEvent| Action::Settle(keys.clone()) })}>
                    {t(lang, "计算金额（未勾选的按0计算）", "計算金額（未勾選的按0計算）", "Work out the amount (unticked count as 0)")}
                </button>
            }
        </fieldset>
    }
}
