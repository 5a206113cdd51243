//! The results, phone first: the totals; what applies with its amount; what
//! applies with its amount still to come, each with the one question that
//! computes it; what may apply, with the one or two questions that settle
//! it; then, folded away, what does not apply (one line each, with why).

use super::{
    data_controls::DataControls,
    field::Field,
    policy_card::PolicyCard,
    question_screen::{ask, errors_of},
    t,
    totals_chart::TotalsChart,
};
use crate::hooks::use_calc;
use crate::state::{Action, Screen};
use crate::Calc;
use calculator_core::{PolicyResult, Purpose, Question, QuestionKind, Status};
use std::collections::BTreeSet;
use yew::prelude::*;

/// A card's questions, as fields answered in place. A checklist that
/// computes an amount (the six taxes a firm pays) is shown whole: she ticks
/// what she pays and types only those; a deciding checklist gives the one
/// input of it the policy still misses. A question already shown on a card
/// above is not repeated (the labels under "还需" still name it).
fn inline(calc: &Calc, r: &PolicyResult, qs: &[&Question], shown: &mut BTreeSet<String>) -> Html {
    let s = &*calc.state;
    let missing = if r.status == Status::Eligible { &r.amount_missing } else { &r.missing };
    let errors = errors_of(calc, qs.iter().copied());
    let inputs = s.catalog.inputs();
    let key_of = |slot: u16| &inputs[usize::from(slot)].key;
    // The group a card's amount question belongs to: the checklist itself,
    // or one of its numbers left after the first tick.
    let group_of = |q: &Question| -> Option<String> {
        if q.purpose != Purpose::Amount {
            return None;
        }
        if q.kind == QuestionKind::MultiSelect {
            return Some(q.key.clone());
        }
        s.catalog
            .ask_together()
            .iter()
            .find(|g| g.presence.iter().any(|p| *key_of(p.input) == q.key) && g.presence.iter().any(|p| s.answers.contains_key(key_of(p.input))))
            .map(|g| g.key.clone())
    };
    let mut whole: Vec<Question> = Vec::new();
    let mut grouped: Vec<&str> = Vec::new();
    for q in qs {
        if let Some(g) = group_of(q) {
            grouped.push(&q.key);
            if shown.insert(g.clone()) {
                whole.extend(s.card_checklist(&g, missing));
            }
        }
    }
    let keys: Vec<&String> = qs
        .iter()
        .filter(|q| !grouped.contains(&q.key.as_str()))
        .filter_map(|q| if q.kind == QuestionKind::MultiSelect { q.keys.iter().find(|k| missing.contains(k)) } else { Some(&q.key) })
        .filter(|k| shown.insert(k.to_string()))
        .collect();
    html! {
        <div class="lqt-inline">
            { for whole.iter().map(|q| ask(calc, q, &errors_of(calc, [q]))) }
            { for keys.into_iter().map(|k| html! {
                <Field key={k.clone()} catalog={s.catalog.clone()} name={AttrValue::from(k.clone())} lang={s.lang} answer={s.answers.get(k).cloned()}
                    error={errors.iter().find(|(e, _)| e == k).map(|(_, m)| m.clone())} lazy=true on_action={calc.dispatch.clone()} />
            }) }
        </div>
    }
}

/// 测算结果.
#[component]
pub fn ResultsPage() -> Html {
    let calc = use_calc();
    // The planner's questions, for the cards that wait on an answer: asked
    // again only when the answers, the date, the language or the catalog
    // change (not when a box is ticked on a card, or a language toggled
    // back), since the planner is the costliest call of a render. A hook:
    // before the early return.
    let deps = calc.as_ref().map(|c| (c.state.profile(), c.state.unsure(), c.state.options(), c.state.catalog.clone()));
    let plan = use_memo(deps, |deps| deps.as_ref().map(|(p, u, o, c)| crate::state::plan_for(c, o, p, u)).unwrap_or_default());
    let Some(calc) = calc else { return html! {} };
    let lang = calc.state.lang;
    let catalog = &calc.state.catalog;
    let report = &calc.report;
    let of = |want: fn(&PolicyResult) -> bool| -> Vec<&PolicyResult> { report.results.iter().filter(|r| want(r)).collect() };
    let mut paid = of(|r| r.status == Status::Eligible && r.amount.is_some());
    // The core's small sort: the standard one would add 8 KB to the wasm.
    calculator_core::order::sort_by(&mut paid, |a, b| b.amount.map(|m| m.value()).cmp(&a.amount.map(|m| m.value())));
    let pending = of(|r| r.status == Status::Eligible && r.amount.is_none());
    let open = of(|r| matches!(r.status, Status::NeedsInput | Status::Error));
    let out = of(|r| matches!(r.status, Status::Ineligible | Status::NotInForce));
    let label = |k: &String| AttrValue::from(catalog.input(k).map_or(k.clone(), |i| i.label.get(lang).to_string()));
    let mut shown = BTreeSet::new();
    let mut card = |r: &PolicyResult, purpose: Purpose, n: usize| {
        let qs: Vec<&Question> = plan.iter().filter(|q| q.purpose == purpose && q.policies.contains(&r.policy_id)).take(n).collect();
        let missing: Vec<AttrValue> = if r.status == Status::Eligible { &r.amount_missing } else { &r.missing }.iter().map(label).collect();
        let children = if n == 0 {
            html! {}
        } else {
            inline(&calc, r, &qs, &mut shown)
        };
        html! { <PolicyCard key={&*r.policy_id} result={r.clone()} {lang} on_apply={calc.on_apply.clone()} {missing}>{children}</PolicyCard> }
    };
    let cards_paid: Vec<Html> = paid.iter().map(|r| card(r, Purpose::Amount, 0)).collect();
    let cards_pending: Vec<Html> = pending.iter().map(|r| card(r, Purpose::Amount, 1)).collect();
    let cards_open: Vec<Html> = open.iter().map(|r| card(r, Purpose::Decide, 2)).collect();
    let back = calc.dispatch.reform(|e: MouseEvent| {
        e.prevent_default();
        Action::Back
    });
    let check = calc.dispatch.reform(|_: MouseEvent| Action::Go(Screen::Check));
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let waiting: u32 = report.amounts_pending.values().sum();
    let name_of = |id: &str| report.result(id).map_or(id.to_string(), |r| r.name.clone());
    html! {
        <section class="lqt-results" aria-labelledby="lqt-res-h">
            <a href="#" class="lqt-back lqt-no-print" onclick={back}>{t(lang, "‹ 返回", "‹ 返回", "‹ Back")}</a>
            <h1 id="lqt-res-h">{t(lang, "测算结果", "測算結果", "Your results")}</h1>
            <p role="status">{format!("{} {} {} · {} {}", t(lang, "按", "按", "Rules in force on"), report.as_of, t(lang, "的政策测算", "的政策測算", ""),
                paid.len() + pending.len(), t(lang, "项政策符合条件", "項政策符合條件", "policies apply"))}</p>
            <TotalsChart {lang} report={report.clone()} />
            if waiting > 0 {
                <p class="lqt-pending-note">{match lang {
                    calculator_core::Lang::En => format!("{waiting} more amount(s) to be completed: answer the question on the card"),
                    _ => format!("{} {waiting} {}", t(lang, "另有", "另有", ""), t(lang, "项金额待补充，回答卡片上的问题即可算出", "項金額待補充，回答卡片上的問題即可算出", "")),
                }}</p>
            }
            if !report.policy_errors.is_empty() {
                <div class="lqt-policy-errors" role="note">
                    <p>{t(lang, "以下政策暂时无法计算（目录问题，已记录）：", "以下政策暫時無法計算（目錄問題）：", "These policies cannot be computed for now (a catalog problem):")}</p>
                    <ul>{ for report.policy_errors.iter().map(|e| html! { <li>{format!("{}：{}", name_of(&e.policy_id), e.message)}</li> }) }</ul>
                </div>
            }
            if !report.stacking.is_empty() {
                <div class="lqt-stacking-advice">
                    <h2>{t(lang, "不可同时享受的政策", "不可同時享受的政策", "Policies you cannot combine")}</h2>
                    <ul>{ for report.stacking.iter().map(|s| html! { <li>{format!("{}：{} {}", s.rule, t(lang, "建议选择", "建議選擇", "recommended:"), name_of(&s.recommended))}</li> }) }</ul>
                </div>
            }
            if !cards_paid.is_empty() || !cards_pending.is_empty() {
                <h2>{t(lang, "符合条件", "符合條件", "You qualify")}</h2>
                <div class="lqt-cards">{cards_paid}{cards_pending}</div>
            }
            if !cards_open.is_empty() {
                <h2>{t(lang, "可能符合（需核实）", "可能符合（需核實）", "May qualify (to be checked)")}</h2>
                <div class="lqt-cards">{cards_open}</div>
            }
            <details class="lqt-out" id="lqt-out">
                <summary>{format!("{} ({})", t(lang, "不符合或未生效的政策", "不符合或未生效的政策", "Policies that do not apply"), out.len())}</summary>
                <ul>{ for out.iter().map(|r| html! { <li><strong>{r.name.clone()}</strong>{format!("：{}", r.reason)}</li> }) }</ul>
            </details>
            <p class="lqt-disclaimer">{t(lang, "测算结果仅供参考，以主管部门审核为准。标有“待核实”的内容来源尚未完全确认。", "測算結果僅供參考，以主管部門審核為準。", "Estimates for guidance only; the authority decides. Items marked \"Not confirmed\" rest on sources not fully confirmed.")}</p>
            <div class="lqt-no-print lqt-buttons">
                <button type="button" class="lqt-secondary" onclick={check}>{t(lang, "核对答案", "核對答案", "Check your answers")}</button>
                <button type="button" class="lqt-secondary" onclick={print}>{t(lang, "打印或存为PDF", "列印或存為PDF", "Print or save as PDF")}</button>
            </div>
            <DataControls />
        </section>
    }
}
