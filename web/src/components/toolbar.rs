//! Language, the date whose rules apply, large text and high contrast:
//! the widget's own 适老化 controls (a host page's toolbar cannot reach an
//! iframe). On a narrow screen they sit behind one 设置 button (a
//! disclosure: `aria-expanded`), so that the first question starts on the
//! first screen; the style sheet shows the button below 600 px only.

use super::t;
use crate::state::Action;
use calculator_core::{Date, Lang};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props: the settings shown, and where changes go.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Language.
    pub lang: Lang,
    /// The date whose rules apply.
    pub as_of: Date,
    /// 大字版 on.
    pub large_text: bool,
    /// 高对比度 on.
    pub high_contrast: bool,
    /// What the user changed: `Lang`, `AsOf`, `LargeText` or `HighContrast`.
    pub on_action: Callback<Action>,
}

/// The bar at the top of every screen.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let ToolbarProps { lang, as_of, large_text, high_contrast, on_action } = props;
    let lang = *lang;
    let on_lang = on_action.reform(|e: Event| Action::Lang(Lang::from_tag(&e.target_unchecked_into::<HtmlSelectElement>().value())));
    let on_date = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            if let Ok(d) = e.target_unchecked_into::<HtmlInputElement>().value().parse::<Date>() {
                on_action.emit(Action::AsOf(d));
            }
        })
    };
    // 汇算清缴 looks back at a whole tax year: a year picks its last day.
    let on_year = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(d) = format!("{v}-12-31").parse::<Date>() {
                on_action.emit(Action::AsOf(d));
            }
        })
    };
    let year_end = |y: u16| as_of.to_string() == format!("{y}-12-31");
    let toggle = |make: fn(bool) -> Action, now: bool| on_action.reform(move |_: MouseEvent| make(!now));
    let open = use_state(|| false);
    let disclose = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <header class="lqt-toolbar">
            <p class="lqt-brand">{t(lang, "辽企通 · 政策计算器", "遼企通 · 政策計算器", "Liaoqitong · Policy calculator")}</p>
            <button type="button" class="lqt-settings-button" aria-expanded={open.to_string()} aria-controls="lqt-settings" onclick={disclose}>
                {t(lang, "设置", "設定", "Settings")}
            </button>
            <div class={classes!("lqt-controls", open.then_some("lqt-open"))} id="lqt-settings">
                <label>
                    {t(lang, "语言", "語言", "Language")}
                    <select onchange={on_lang} aria-label="语言 / 語言 / Language">
                        <option value="zh-CN" selected={lang == Lang::ZhCn}>{"简体中文"}</option>
                        <option value="zh-TW" selected={lang == Lang::ZhTw}>{"繁體中文"}</option>
                        <option value="en" selected={lang == Lang::En}>{"English"}</option>
                    </select>
                </label>
                <label>
                    {t(lang, "按此日期的政策测算", "按此日期的政策測算", "Rules in force on")}
                    <input type="date" value={as_of.to_string()} onchange={on_date} min="2019-01-01" max="2030-12-31" />
                </label>
                <label>
                    {t(lang, "或按纳税年度", "或按納稅年度", "or a tax year")}
                    <select onchange={on_year}>
                        <option value="" selected={!(2022..=2027).any(year_end)}>{"—"}</option>
                        { for (2022u16..=2027).rev().map(|y| html! {
                            <option value={y.to_string()} selected={year_end(y)}>{format!("{y}{}", t(lang, "年度", "年度", ""))}</option>
                        }) }
                    </select>
                </label>
                <button type="button" aria-pressed={large_text.to_string()} onclick={toggle(Action::LargeText, *large_text)}>
                    {t(lang, "大字版", "大字版", "Large text")}
                </button>
                <button type="button" aria-pressed={high_contrast.to_string()} onclick={toggle(Action::HighContrast, *high_contrast)}>
                    {t(lang, "高对比度", "高對比度", "High contrast")}
                </button>
            </div>
        </header>
    }
}
