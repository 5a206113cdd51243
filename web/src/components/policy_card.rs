//! One policy's result: status, amount, conditions (✔ ✘ ?), basis, steps,
//! how to claim, near miss, and what is not confirmed.

use super::t;
use crate::format::{wan, yuan};
use calculator_core::{validity, Lang, PolicyResult, Status, Truth};
use yew::prelude::*;

/// Props: the result, and where the card's buttons go.
#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// The policy's result.
    pub result: PolicyResult,
    /// Language.
    pub lang: Lang,
    /// The host's 去申报 handler (called with the policy id); without one the
    /// card offers no 去申报.
    #[prop_or_default]
    pub on_apply: Option<Callback<String>>,
    /// The labels of the inputs still missing (for the amount, or to decide).
    #[prop_or_default]
    pub missing: Vec<AttrValue>,
    /// The question that settles the card, answerable in place.
    #[prop_or_default]
    pub children: Html,
}

fn status_text(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Eligible => t(lang, "符合", "符合", "Eligible"),
        Status::Ineligible => t(lang, "不符合", "不符合", "Not eligible"),
        Status::NeedsInput => t(lang, "可能符合（需核实）", "可能符合（需核實）", "May qualify (to be checked)"),
        Status::NotInForce => t(lang, "未生效或已到期", "未生效或已到期", "Not in force"),
        Status::Error => t(lang, "无法计算", "無法計算", "Cannot be computed"),
    }
}

fn mark(r: Truth) -> (&'static str, &'static str) {
    match r {
        Truth::Pass => ("✔", "pass"),
        Truth::Fail => ("✘", "fail"),
        Truth::Unknown => ("?", "unknown"),
    }
}

/// 政策卡片.
#[component]
pub fn PolicyCard(props: &CardProps) -> Html {
    let CardProps { result: r, lang, on_apply, missing, children } = props;
    let lang = *lang;
    let status_class = format!("lqt-status lqt-status-{}", serde_status(r.status));
    let amount = match r.amount {
        Some(m) => {
            let s = m.to_string();
            let prefix = if r.amount_ceiling { t(lang, "最高 ", "最高 ", "up to ") } else { "" };
            html! { <p class="lqt-amount">{prefix}{yuan(&s)}{wan(&s, lang).map(|w| format!("（{w}）")).unwrap_or_default()}</p> }
        }
        None if r.status == Status::Eligible => html! { <p class="lqt-amount lqt-pending">{t(lang, "金额待补充", "金額待補充", "Amount to be completed")}</p> },
        None => html! {},
    };
    let missing = (!missing.is_empty()).then(|| {
        let list: Vec<&str> = missing.iter().map(|m| m.as_str()).collect();
        html! { <p class="lqt-missing">{t(lang, "还需：", "還需：", "Still needed: ")}{list.join(t(lang, "、", "、", ", "))}</p> }
    });
    let sep = t(lang, "；", "；", "; ");
    // 去申报: only where the host handles it (it knows where its forms are),
    // and only for what must be claimed.
    let apply = on_apply.clone().filter(|_| r.status == Status::Eligible && r.how_to_claim.mode != calculator_core::catalog::DeliveryMode::Automatic).map(|cb| {
        let id = r.policy_id.to_string();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(id.clone()));
        html! { <button type="button" class="lqt-primary lqt-apply" {onclick}>{t(lang, "去申报", "去申報", "Apply")}<span class="lqt-visually-hidden">{format!(" {}", r.name)}</span></button> }
    });
    let source = &r.source;
    let basis = html! {
        <p class="lqt-basis">{t(lang, "依据：", "依據：", "Basis: ")}
            if let Some(url) = &source.url {
                <a href={url.clone()} target="_blank" rel="noopener noreferrer">{format!("{}《{}》", source.document, source.title)}</a>
            } else {
                {format!("{}《{}》", source.document, source.title)}
            }
            {format!(" · {} {}", t(lang, "有效期", "有效期", "in force"), validity(r.valid_from, r.valid_until, lang))}
        </p>
    };
    html! {
        <article class="lqt-card" aria-labelledby={format!("p-{}", r.policy_id)}>
            <header>
                <h3 id={format!("p-{}", r.policy_id)}>{r.name.clone()}</h3>
                <p class={status_class}>{status_text(r.status, lang)}</p>
            </header>
            {amount}
            <p class="lqt-reason">{r.reason.clone()}</p>
            {missing}
            {children.clone()}
            <p class="lqt-claim">{format!("{}{}{}", t(lang, "如何享受：", "如何享受：", "How to claim: "), r.how_to_claim.mode_text,
                r.how_to_claim.channel.as_ref().map(|c| format!("{sep}{c}")).unwrap_or_default())}
                {r.how_to_claim.deadline.as_ref().map(|d| format!("{sep}{}{d}", t(lang, "期限：", "期限：", "deadline: "))).unwrap_or_default()}</p>
            {apply}
            <details class="lqt-details">
                <summary>{t(lang, "详情", "詳情", "Details")}<span class="lqt-visually-hidden">{format!(" {}", r.name)}</span></summary>
                if let Some(st) = &r.stacking { <p class="lqt-stacking">{st.clone()}</p> }
                if r.unconfirmed {
                    <div class="lqt-caveats" role="note">
                        <p><strong>{t(lang, "待核实：", "待核實：", "Not confirmed: ")}</strong></p>
                        <ul>{ for r.caveats.iter().map(|c| html! { <li>{c.clone()}</li> }) }</ul>
                    </div>
                }
                if let Some(nm) = &r.near_miss { <p class="lqt-near-miss">{nm.message.clone()}</p> }
                if !r.conditions.is_empty() {
                    <h4>{t(lang, "条件逐项核对", "條件逐項核對", "Conditions, one by one")}</h4>
                    <ul class="lqt-conditions">
                        { for r.conditions.iter().map(|c| {
                            let (sym, cls) = mark(c.result);
                            let values: Vec<String> = c.comparisons.iter().map(|x| format!("{}：{} {} {}", x.subject,
                                x.value.clone().unwrap_or_else(|| "?".into()), x.operator, x.threshold.clone().unwrap_or_default())).collect();
                            html! {
                                <li class={format!("lqt-cond-{cls}")}>
                                    <span aria-hidden="true">{sym}</span>
                                    <span class="lqt-visually-hidden">{match c.result { Truth::Pass => t(lang, "满足", "滿足", "met"), Truth::Fail => t(lang, "不满足", "不滿足", "not met"), Truth::Unknown => t(lang, "待确认", "待確認", "unknown") }}</span>
                                    {format!(" {}", c.text)}
                                    if !values.is_empty() { <span class="lqt-values">{format!("（{}）", values.join("；"))}</span> }
                                    if let Some(cite) = &c.citation { <span class="lqt-cite">{format!(" — {cite}")}</span> }
                                </li>
                            }
                        }) }
                    </ul>
                }
                if !r.breakdown.is_empty() && r.status == Status::Eligible {
                    <h4>{t(lang, "金额计算步骤", "金額計算步驟", "How the amount is worked out")}</h4>
                    <ol class="lqt-steps">
                        { for r.breakdown.iter().map(|s| html! {
                            <li>{format!("{}：{} = {}", s.label, s.substituted, s.value.clone().unwrap_or_else(|| "?".into()))}
                                if let Some(c) = &s.citation { <span class="lqt-cite">{format!(" — {c}")}</span> }</li>
                        }) }
                    </ol>
                }
                {basis}
            </details>
        </article>
    }
}

fn serde_status(s: Status) -> &'static str {
    match s {
        Status::Eligible => "eligible",
        Status::Ineligible => "ineligible",
        Status::NeedsInput => "needs-input",
        Status::NotInForce => "not-in-force",
        Status::Error => "error",
    }
}
