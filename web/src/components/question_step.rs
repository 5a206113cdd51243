//! One step of questions: heading, error summary, fields, 继续, back link;
//! the live summary beside it.

use super::{field::Field, group_title, summary_panel::SummaryPanel, t};
use crate::hooks::use_calc;
use crate::state::Action;
use yew::prelude::*;

/// Props: which step.
#[derive(Properties, PartialEq)]
pub struct StepProps {
    /// Index into the state's `groups`.
    pub group: usize,
}

/// 问题页.
#[component]
pub fn QuestionStep(props: &StepProps) -> Html {
    let Some(calc) = use_calc() else { return html! {} };
    let s = &*calc.state;
    let lang = s.lang;
    let groups = s.groups();
    let group = groups.get(props.group).copied().unwrap_or_default();
    let errors: Vec<(&str, AttrValue)> = s.shown.iter().filter_map(|k| calc.error(k).map(|e| (k.as_str(), AttrValue::from(e.message.clone())))).collect();
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
    html! {
        <div class="lqt-layout">
            <section class="lqt-step" aria-labelledby="lqt-step-h">
                <a href="#" class="lqt-back" onclick={back}>{t(lang, "‹ 返回", "‹ 返回", "‹ Back")}</a>
                {summary}
                <p class="lqt-caption">{format!("{} {} / {}", t(lang, "第", "第", "Step"), props.group + 1, groups.len())}</p>
                <h1 id="lqt-step-h">{group_title(group, lang)}</h1>
                <p class="lqt-help">{t(lang, "只需回答与您有关的问题；不知道的可以留空或选“不确定”，结果会标为“可能符合（需核实）”。",
                    "只需回答與您有關的問題；不知道的可以留空或選「不確定」。",
                    "Answer what you know; leave blank or choose \"Not sure\" otherwise — such results show as \"may qualify (to be checked)\".")}</p>
                <form onsubmit={no_submit} novalidate=true>
                    { for s.shown.iter().map(|k| html! {
                        <Field key={k.clone()} catalog={s.catalog.clone()} name={AttrValue::from(k.clone())} {lang} answer={s.answers.get(k).cloned()}
                            error={errors.iter().find(|(e, _)| e == k).map(|(_, m)| m.clone())} prefilled={s.prefilled.contains(k)}
                            on_action={calc.dispatch.clone()} />
                    }) }
                    <button type="submit" class="lqt-primary" onclick={on_continue}>{t(lang, "继续", "繼續", "Continue")}</button>
                </form>
            </section>
            <SummaryPanel {lang} report={calc.report.clone()} on_action={calc.dispatch.clone()} />
        </div>
    }
}
