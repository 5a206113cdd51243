//! 核对答案: every answer with a 修改 link, then the results.

use super::{data_controls::DataControls, t};
use crate::hooks::use_calc;
use crate::state::{Action, Answer, Screen};
use calculator_core::InputKind;
use yew::prelude::*;

/// The answers as a summary list.
#[component]
pub fn CheckAnswers() -> Html {
    let Some(calc) = use_calc() else { return html! {} };
    let s = &*calc.state;
    let lang = s.lang;
    let catalog = s.catalog.clone();
    let rows = catalog.inputs().iter().filter_map(|def| {
        let a = s.answers.get(&def.key)?;
        let shown = match a {
            Answer::Unsure => t(lang, "不确定", "不確定", "Not sure").to_string(),
            Answer::Value { text, wan } => match def.kind {
                InputKind::Boolean => match text.as_str() {
                    "true" => t(lang, "是", "是", "Yes").to_string(),
                    "false" => t(lang, "否", "否", "No").to_string(),
                    other => other.to_string(),
                },
                InputKind::Enum => def.options.iter().find(|o| &o.value == text).map_or(text.clone(), |o| o.label.get(lang).to_string()),
                InputKind::RegionCode | InputKind::IndustryCode => {
                    let list = if def.kind == InputKind::RegionCode { crate::codes::List::Region } else { crate::codes::List::Industry };
                    crate::codes::meaning(list, text, lang).unwrap_or_else(|| text.clone())
                }
                InputKind::Money => format!("{text} {}", if *wan { t(lang, "万元", "萬元", "wan yuan") } else { t(lang, "元", "元", "yuan") }),
                _ => format!("{text}{}", def.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()),
            },
        };
        let change = {
            let key = def.key.clone();
            calc.dispatch.reform(move |e: MouseEvent| {
                e.prevent_default();
                Action::Change(key.clone())
            })
        };
        let error = calc.error(&def.key).map(|e| html! { <p class="lqt-error">{e.message.clone()}</p> });
        Some(html! {
            <div class="lqt-row">
                <dt>{def.label.get(lang).to_string()}</dt>
                <dd>{shown}{error}
                    if s.prefilled.contains(&def.key) { <span class="lqt-prefilled">{t(lang, "（辽企通预填）", "（遼企通預填）", " (prefilled by Liaoqitong)")}</span> }
                </dd>
                <dd><a href="#" onclick={change}>{t(lang, "修改", "修改", "Change")}<span class="lqt-visually-hidden">{format!(" {}", def.label.get(lang))}</span></a></dd>
            </div>
        })
    });
    let go = calc.dispatch.reform(|_: MouseEvent| Action::Go(Screen::Results));
    let back = calc.dispatch.reform(|e: MouseEvent| {
        e.prevent_default();
        Action::Back
    });
    html! {
        <section class="lqt-check" aria-labelledby="lqt-check-h">
            <a href="#" class="lqt-back" onclick={back}>{t(lang, "‹ 返回", "‹ 返回", "‹ Back")}</a>
            <h1 id="lqt-check-h">{t(lang, "核对您的回答", "核對您的回答", "Check your answers")}</h1>
            if s.answers.is_empty() {
                <p>{t(lang, "您还没有回答任何问题。", "您還沒有回答任何問題。", "You have not answered anything yet.")}</p>
            } else {
                <dl class="lqt-summary-list">{ for rows }</dl>
            }
            <button type="button" class="lqt-primary" onclick={go}>{t(lang, "查看测算结果", "查看測算結果", "See the results")}</button>
            <DataControls />
        </section>
    }
}
