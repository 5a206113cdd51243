//! The live summary: totals so far and how many policies are settled,
//! announced politely to screen readers as answers change.

use super::t;
use crate::format::yuan;
use crate::state::{Action, Screen};
use calculator_core::{Lang, Money, Report, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Props: the report summed up, and where 查看详细结果 goes.
#[derive(Properties)]
pub struct SummaryProps {
    /// Language.
    pub lang: Lang,
    /// The report for the answers so far.
    pub report: Rc<Report>,
    /// 查看详细结果 and 核对答案: `Go(Screen::Results)`, `Go(Screen::Check)`.
    pub on_action: Callback<Action>,
}

/// What the panel shows of a report: the total and the three counts.
fn figures(r: &Report) -> (String, [usize; 3]) {
    let count = |s: Status| r.results.iter().filter(|x| x.status == s).count();
    let total = r.totals.values().fold(Money::ZERO, |a, m| a.checked_add(*m).unwrap_or(a)).to_string();
    (total, [count(Status::Eligible), count(Status::NeedsInput), count(Status::Ineligible)])
}

/// Equal when the panel would show the same: a new report every key typed
/// mostly changes nothing here, and then the panel is not rendered again
/// (nor announced again to a screen reader).
impl PartialEq for SummaryProps {
    fn eq(&self, other: &SummaryProps) -> bool {
        self.lang == other.lang
            && self.on_action == other.on_action
            && (Rc::ptr_eq(&self.report, &other.report) || figures(&self.report) == figures(&other.report))
    }
}

/// 目前测算.
#[component]
pub fn SummaryPanel(props: &SummaryProps) -> Html {
    let SummaryProps { lang, report: r, on_action } = props;
    let lang = *lang;
    let (total, [eligible, needs_input, ineligible]) = figures(r);
    let see = on_action.reform(|_: MouseEvent| Action::Go(Screen::Results));
    let check = on_action.reform(|_: MouseEvent| Action::Go(Screen::Check));
    html! {
        <aside class="lqt-summary" aria-labelledby="lqt-sum-h">
            <h2 id="lqt-sum-h">{t(lang, "目前测算", "目前測算", "So far")}</h2>
            <div role="status" aria-live="polite">
                <p class="lqt-total">{yuan(&total)}</p>
                <p>{format!("{} {} · {} {} · {} {}",
                    t(lang, "符合", "符合", "eligible"), eligible,
                    t(lang, "待补充", "待補充", "need answers"), needs_input,
                    t(lang, "不符合", "不符合", "not eligible"), ineligible)}</p>
            </div>
            <div class="lqt-buttons">
                <button type="button" class="lqt-secondary" onclick={see}>{t(lang, "查看详细结果", "查看詳細結果", "See full results")}</button>
                <button type="button" class="lqt-secondary" onclick={check}>{t(lang, "核对答案", "核對答案", "Check your answers")}</button>
            </div>
        </aside>
    }
}
