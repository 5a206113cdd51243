//! Totals by category as an SVG bar chart, with the figures as text so that
//! the chart adds nothing a screen reader would miss.

use super::t;
use crate::format::{fen, wan, yuan};
use calculator_core::{Category, Lang, Report};
use std::rc::Rc;
use yew::prelude::*;

/// Props: the report whose totals are drawn.
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
    let rows: Vec<(&str, String)> = Category::ALL
        .iter()
        .map(|c| {
            let name = match c {
                Category::TaxCredit => t(lang, "税费减免", "稅費減免", "Tax relief"),
                Category::Subsidy => t(lang, "补贴奖励", "補貼獎勵", "Subsidies and awards"),
                Category::FeeReduction => t(lang, "降费", "降費", "Fee reductions"),
                Category::TaxDeferral => t(lang, "递延纳税（非减免）", "遞延納稅（非減免）", "Tax deferred (not saved)"),
            };
            (name, props.report.totals.get(c.key()).map(|m| m.to_string()).unwrap_or_else(|| "0.00".into()))
        })
        .collect();
    let max = rows.iter().map(|(_, v)| fen(v).unwrap_or(0)).max().unwrap_or(0).max(1);
    html! {
        <figure class="lqt-chart">
            <figcaption>{t(lang, "按类别合计（互斥政策只计推荐项）", "按類別合計（互斥政策只計推薦項）", "Totals by kind (one policy per exclusive group)")}</figcaption>
            <svg viewBox="0 0 300 126" role="img" aria-hidden="true" focusable="false">
                { for rows.iter().enumerate().map(|(i, (_, v))| {
                    let w = (fen(v).unwrap_or(0) * 200 / max) as u32;
                    let y = 8 + i as u32 * 30;
                    html! { <rect x="96" y={y.to_string()} width={w.max(1).to_string()} height="20" class={format!("lqt-bar lqt-bar-{i}")} /> }
                }) }
            </svg>
            <dl class="lqt-totals">
                { for rows.iter().map(|(name, v)| html! {
                    <div><dt>{*name}</dt><dd>{yuan(v)}{wan(v, lang).map(|w| format!("（{w}）")).unwrap_or_default()}</dd></div>
                }) }
            </dl>
        </figure>
    }
}
