//! Keep and share without a server: export (JSON, CSV), import, a share link
//! carried in the URL fragment (never sent to a server), opt-in saving on this
//! device and 清除我的数据.

use super::t;
use crate::hooks::use_calc;
use crate::saved;
use crate::state::Action;
use calculator_core::Status;
use wasm_bindgen::JsValue;
use web_sys::{HtmlAnchorElement, HtmlInputElement};
use yew::prelude::*;

fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = gloo::utils::document();
    if let Ok(a) = doc.create_element("a") {
        let a: HtmlAnchorElement = wasm_bindgen::JsCast::unchecked_into(a);
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The buttons.
#[component]
pub fn DataControls() -> Html {
    let calc = use_calc();
    let import_text = use_state(String::new);
    let import_error = use_state(|| None::<String>);
    let share = use_state(|| None::<String>);
    // Outside an App there is nothing to save or share (hooks first: their
    // order must not depend on it).
    let Some(calc) = calc else { return html! {} };
    let lang = calc.state.lang;

    let export_json = {
        let calc = calc.clone();
        Callback::from(move |_: MouseEvent| {
            let answers = saved::to_json(&calc.state.answers);
            let report = serde_json::to_string(&*calc.report).unwrap_or_default();
            download("policy-calculator.json", "application/json", &format!("{{\"answers_file\":{answers},\"report\":{report}}}"));
        })
    };
    let export_csv = {
        let calc = calc.clone();
        Callback::from(move |_: MouseEvent| {
            let mut out = String::from("\u{feff}policy_id,name,status,amount,amount_ceiling,counted_in_totals,document,reason\n");
            for r in &calc.report.results {
                let status = match r.status {
                    Status::Eligible => "eligible",
                    Status::Ineligible => "ineligible",
                    Status::NeedsInput => "needs_input",
                    Status::NotInForce => "not_in_force",
                    Status::Error => "error",
                };
                out.push_str(
                    &[
                        csv_cell(&r.policy_id),
                        csv_cell(&r.name),
                        csv_cell(status),
                        csv_cell(&r.amount.map(|m| m.to_string()).unwrap_or_default()),
                        csv_cell(&r.amount_ceiling.to_string()),
                        csv_cell(&r.counted_in_totals.to_string()),
                        csv_cell(&r.source.document),
                        csv_cell(&r.reason),
                    ]
                    .join(","),
                );
                out.push('\n');
            }
            download("policy-calculator.csv", "text/csv;charset=utf-8", &out);
        })
    };
    let on_import_text = {
        let import_text = import_text.clone();
        Callback::from(move |e: InputEvent| import_text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let do_import = {
        let (st, text, err) = (calc.dispatch.clone(), import_text.clone(), import_error.clone());
        Callback::from(move |_: MouseEvent| {
            // An exported results file carries the answers under "answers_file".
            let body: String = (*text).clone();
            let inner = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v.get("answers_file").map(|a| a.to_string()));
            match saved::from_json(inner.as_deref().unwrap_or(&body)) {
                Ok(a) => {
                    err.set(None);
                    st.emit(Action::Import(a));
                }
                Err(e) => err.set(Some(e)),
            }
        })
    };
    let make_link = {
        let (calc, share) = (calc.clone(), share.clone());
        Callback::from(move |_: MouseEvent| {
            let loc = gloo::utils::window().location();
            let base = format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
            let json = saved::to_json(&calc.state.answers);
            let encoded: String = js_sys::encode_uri_component(&json).into();
            share.set(Some(format!("{base}#a={encoded}")));
        })
    };
    let toggle_save = {
        let now = calc.state.save;
        calc.dispatch.reform(move |_: Event| Action::Save(!now))
    };
    let clear = {
        let (st, share) = (calc.dispatch.clone(), share.clone());
        Callback::from(move |_: MouseEvent| {
            share.set(None);
            let _ = gloo::utils::window()
                .history()
                .map(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&gloo::utils::window().location().pathname().unwrap_or_default())));
            st.emit(Action::ClearAll);
        })
    };
    html! {
        <details class="lqt-data">
            <summary>{t(lang, "保存、导出与分享", "保存、匯出與分享", "Save, export and share")}</summary>
            <p class="lqt-help">{t(lang, "以下操作都只在本机完成，不会把数据发送到任何服务器。", "以下操作都只在本機完成，不會把資料傳送到任何伺服器。", "All of this happens on this device; nothing is sent to any server.")}</p>
            if calc.local_save {
            <div class="lqt-choice">
                <input type="checkbox" id="lqt-save" checked={calc.state.save} onchange={toggle_save} />
                <label for="lqt-save">{t(lang, "在本浏览器中保存我的回答（刷新后不丢失）", "在本瀏覽器中保存我的回答", "Keep my answers in this browser (survive a reload)")}</label>
            </div>
            }
            <div class="lqt-buttons">
                <button type="button" class="lqt-secondary" onclick={export_json}>{t(lang, "导出 JSON", "匯出 JSON", "Export JSON")}</button>
                <button type="button" class="lqt-secondary" onclick={export_csv}>{t(lang, "导出 CSV", "匯出 CSV", "Export CSV")}</button>
                <button type="button" class="lqt-secondary" onclick={make_link}>{t(lang, "生成分享链接", "產生分享連結", "Make a share link")}</button>
                <button type="button" class="lqt-warning" onclick={clear}>{t(lang, "清除我的数据", "清除我的資料", "Clear my data")}</button>
            </div>
            if let Some(link) = &*share {
                <label for="lqt-share">{t(lang, "分享链接（回答保存在“#”之后，打开链接时不会发送给服务器）", "分享連結（回答保存在「#」之後）", "Share link (answers sit after the \"#\", which browsers never send to a server)")}</label>
                <input id="lqt-share" type="text" readonly=true value={link.clone()} />
            }
            <label for="lqt-import">{t(lang, "导入：粘贴导出的 JSON", "匯入：貼上匯出的 JSON", "Import: paste an exported JSON")}</label>
            <input id="lqt-import" type="text" value={(*import_text).clone()} oninput={on_import_text} aria-describedby={import_error.is_some().then_some("lqt-import-err")} />
            if let Some(e) = &*import_error { <p class="lqt-error" id="lqt-import-err">{format!("{}{e}", t(lang, "无法导入：", "無法匯入：", "Cannot import: "))}</p> }
            <button type="button" class="lqt-secondary" onclick={do_import}>{t(lang, "导入", "匯入", "Import")}</button>
        </details>
    }
}
