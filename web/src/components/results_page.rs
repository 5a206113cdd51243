//! The results: totals, stacking advice, then every policy, the ones that
//! pay first.

use super::{data_controls::DataControls, policy_card::PolicyCard, t, totals_chart::TotalsChart};
use crate::hooks::use_calc;
use crate::state::Action;
use calculator_core::{PolicyResult, Status};
use yew::prelude::*;

fn rank(r: &PolicyResult) -> u8 {
    match r.status {
        Status::Eligible => 0,
        Status::NeedsInput => 1,
        Status::Error => 2,
        Status::Ineligible => 3,
        Status::NotInForce => 4,
    }
}

/// 测算结果.
#[component]
pub fn ResultsPage() -> Html {
    let Some(calc) = use_calc() else { return html! {} };
    let lang = calc.state.lang;
    let report = &calc.report;
    let mut results: Vec<&PolicyResult> = report.results.iter().collect();
    // The core's small sort: the standard one would add 8 KB to the wasm.
    calculator_core::order::sort_by(&mut results, |a, b| rank(a).cmp(&rank(b)).then(b.amount.map(|m| m.value()).cmp(&a.amount.map(|m| m.value()))));
    let back = calc.dispatch.reform(|e: MouseEvent| {
        e.prevent_default();
        Action::Back
    });
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let eligible = report.results.iter().filter(|r| r.status == Status::Eligible).count();
    html! {
        <section class="lqt-results" aria-labelledby="lqt-res-h">
            <a href="#" class="lqt-back lqt-no-print" onclick={back}>{t(lang, "‹ 返回", "‹ 返回", "‹ Back")}</a>
            <h1 id="lqt-res-h">{t(lang, "测算结果", "測算結果", "Your results")}</h1>
            <p role="status">{format!("{} {} {} · {} {}", t(lang, "按", "按", "Rules in force on"), report.as_of, t(lang, "的政策测算", "的政策測算", ""),
                eligible, t(lang, "项政策符合条件", "項政策符合條件", "policies apply"))}</p>
            <TotalsChart {lang} report={report.clone()} />
            if !report.stacking.is_empty() {
                <div class="lqt-stacking-advice">
                    <h2>{t(lang, "不可同时享受的政策", "不可同時享受的政策", "Policies you cannot combine")}</h2>
                    <ul>{ for report.stacking.iter().map(|s| {
                        let name = report.result(&s.recommended).map(|r| r.name.clone()).unwrap_or_default();
                        html! { <li>{format!("{}：{} {name}", s.rule, t(lang, "建议选择", "建議選擇", "recommended:"))}</li> }
                    }) }</ul>
                </div>
            }
            <p class="lqt-disclaimer">{t(lang, "测算结果仅供参考，以主管部门审核为准。标有“待核实”的内容来源尚未完全确认。", "測算結果僅供參考，以主管部門審核為準。", "Estimates for guidance only; the authority decides. Items marked \"Not confirmed\" rest on sources not fully confirmed.")}</p>
            <h2>{t(lang, "逐项结果", "逐項結果", "Policy by policy")}</h2>
            <div class="lqt-cards">
                { for results.into_iter().map(|r| html! { <PolicyCard key={&*r.policy_id} result={r.clone()} {lang} on_apply={calc.on_apply.clone()} on_action={calc.dispatch.clone()} /> }) }
            </div>
            <div class="lqt-no-print">
                <button type="button" class="lqt-secondary" onclick={print}>{t(lang, "打印或存为PDF", "列印或存為PDF", "Print or save as PDF")}</button>
                <DataControls />
            </div>
        </section>
    }
}
