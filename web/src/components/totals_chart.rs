//! Totals by category, as text: the sum of the amounts computed, and how
//! many amounts of the category are still to come (`amounts_pending`). (An
//! SVG bar chart stood here; it added nothing a reader of the figures
//! missed, took a phone screen's third, and 2.5 KB of wasm.)

use super::t;
use crate::format::{wan, yuan};
use calculator_core::{Category, Lang, Report};
use std::rc::Rc;
use yew::prelude::*;

/// Props: the report whose totals are shown.
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// Language.
    pub lang: Lang,
    /// The report.
    pub report: Rc<Report>,
}

/// 合计.
#[component]
pub fn TotalsChart(props: &ChartProps) -> Html {
    let lang = props.lang;
    let r = &props.report;
    let rows = Category::ALL.iter().map(|c| {
        let name = match c {
            Category::TaxCredit => t(lang, "税费减免", "稅費減免", "Tax relief"),
            Category::Subsidy => t(lang, "补贴奖励", "補貼獎勵", "Subsidies and awards"),
            Category::FeeReduction => t(lang, "降费", "降費", "Fee reductions"),
            Category::TaxDeferral => t(lang, "递延纳税（非减免）", "遞延納稅（非減免）", "Tax deferred (not saved)"),
        };
        let v = r.totals.get(c.key()).map_or_else(|| "0.00".into(), |m| m.to_string());
        let pending = r.amounts_pending.get(c.key()).copied().unwrap_or(0);
        let pending = (pending > 0).then(|| format!(" · {} {pending} {}", t(lang, "另有", "另有", "and"), t(lang, "项待补充", "項待補充", "to come")));
        html! { <div><dt>{name}</dt><dd>{yuan(&v)}{wan(&v, lang).map(|w| format!("（{w}）")).unwrap_or_default()}{pending}</dd></div> }
    });
    html! {
        <figure class="lqt-chart">
            <figcaption>{t(lang, "按类别合计（互斥政策只计推荐项）", "按類別合計（互斥政策只計推薦項）", "Totals by kind (one policy per exclusive group)")}</figcaption>
            <dl class="lqt-totals">{ for rows }</dl>
        </figure>
    }
}
