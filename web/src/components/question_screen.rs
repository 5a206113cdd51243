//! A screen of the planner's next questions: progress, error summary, the
//! questions, 继续, the back link; the live summary beside it.

use super::{field::Field, group_title, multi_select::MultiSelect, summary_panel::SummaryPanel, t};
use crate::hooks::use_calc;
use crate::state::Action;
use crate::Calc;
use calculator_core::{Question, QuestionKind};
use yew::prelude::*;

/// The keys a question's answer sets and their problems, if any.
pub fn errors_of<'a>(calc: &'a Calc, qs: impl IntoIterator<Item = &'a Question>) -> Vec<(String, AttrValue)> {
    qs.into_iter().flat_map(|q| q.keys.iter().chain([&q.key])).filter_map(|k| calc.error(k).map(|e| (k.clone(), AttrValue::from(e.message.clone())))).collect()
}

/// One question as a field, or a multi-select as its checklist.
pub fn ask(calc: &Calc, q: &Question, errors: &[(String, AttrValue)]) -> Html {
    let s = &*calc.state;
    let on_action = calc.dispatch.clone();
    if q.kind == QuestionKind::MultiSelect {
        // Inserted one by one: collecting into a map links a sort of its own (8 KB of wasm).
        let mut answers = std::collections::BTreeMap::new();
        for k in &q.keys {
            if let Some(a) = s.answers.get(k) {
                answers.insert(k.clone(), a.clone());
            }
        }
        let ticked: Vec<String> = q.presence.iter().filter(|k| s.ticked.contains(*k)).cloned().collect();
        return html! {
            <MultiSelect key={q.key.clone()} catalog={s.catalog.clone()} question={q.clone()} lang={s.lang} {answers} {ticked} errors={errors.to_vec()} {on_action} />
        };
    }
    let k = &q.key;
    html! {
        <Field key={k.clone()} catalog={s.catalog.clone()} name={AttrValue::from(k.clone())} lang={s.lang} answer={s.answers.get(k).cloned()}
            error={errors.iter().find(|(e, _)| e == k).map(|(_, m)| m.clone())} prefilled={s.prefilled.contains(k)} {on_action} />
    }
}

/// 问题页.
#[component]
pub fn QuestionScreen() -> Html {
    let Some(calc) = use_calc() else { return html! {} };
    let s = &*calc.state;
    let lang = s.lang;
    let errors = errors_of(&calc, &s.shown);
    let n_errors = errors.len();
    // 继续 acts on the button's click, not on the form's submit event: in a
    // host's iframe sandboxed without `allow-forms` no submit event fires.
    // Enter in a field still works: implicit submission clicks this button.
    let on_continue = calc.dispatch.reform(move |e: MouseEvent| {
        e.prevent_default();
        Action::Continue { errors: n_errors }
    });
    let no_submit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let back = calc.dispatch.reform(|e: MouseEvent| {
        e.prevent_default();
        Action::Back
    });
    let summary = (s.attempted && !errors.is_empty()).then(|| {
        html! {
            <div class="lqt-error-summary" role="alert" tabindex="-1" aria-labelledby="lqt-err-h">
                <h2 id="lqt-err-h">{t(lang, "请修改以下问题", "請修改以下問題", "There is a problem")}</h2>
                <ul>
                    { for errors.iter().map(|(k, m)| html! { <li><a href={format!("#q-{k}")}>{m.clone()}</a></li> }) }
                </ul>
            </div>
        }
    });
    let group = s.shown.first().map_or("", |q| q.group.as_str());
    html! {
        <div class="lqt-layout">
            <section class="lqt-step" aria-labelledby="lqt-step-h">
                <a href="#" class="lqt-back" onclick={back}>{t(lang, "‹ 返回", "‹ 返回", "‹ Back")}</a>
                {summary}
                <p class="lqt-caption">{progress(&calc)}</p>
                <h1 id="lqt-step-h">{group_title(group, lang)}</h1>
                <form onsubmit={no_submit} novalidate=true>
                    { for s.shown.iter().map(|q| ask(&calc, q, &errors)) }
                    <p class="lqt-help">{t(lang, "不知道的可以留空或选“不确定”，结果会标为“可能符合（需核实）”。",
                        "不知道的可以留空或選「不確定」，結果會標為「可能符合（需核實）」。",
                        "Leave blank or choose \"Not sure\" where you do not know: such results show as \"may qualify (to be checked)\".")}</p>
                    <button type="submit" class="lqt-primary" onclick={on_continue}>{t(lang, "继续", "繼續", "Continue")}</button>
                </form>
            </section>
            <SummaryPanel lang={lang} report={calc.report.clone()} on_action={calc.dispatch.clone()} />
        </div>
    }
}

/// "已回答 5 题 · 已判定 18/26 项政策".
pub fn progress(calc: &Calc) -> String {
    let lang = calc.state.lang;
    let all = calc.report.results.len();
    let decided = calc.report.results.iter().filter(|r| r.status != calculator_core::Status::NeedsInput).count();
    let answered = calc.state.answered();
    match lang {
        calculator_core::Lang::En => format!("{answered} answered · {decided} of {all} policies decided"),
        _ => format!(
            "{} {answered} {} · {} {decided}/{all} {}",
            t(lang, "已回答", "已回答", ""),
            t(lang, "题", "題", ""),
            t(lang, "已判定", "已判定", ""),
            t(lang, "项政策", "項政策", "")
        ),
    }
}
