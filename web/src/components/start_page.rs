//! What the calculator does, how long it takes, what to have ready, and that
//! nothing leaves the device.

use super::{data_controls::DataControls, t};
use crate::hooks::use_calc;
use crate::state::Action;
use yew::prelude::*;

/// 开始页.
#[component]
pub fn StartPage() -> Html {
    let Some(calc) = use_calc() else { return html! {} };
    let lang = calc.state.lang;
    let start = calc.dispatch.reform(|_: MouseEvent| Action::Start);
    let c = &calc.state.catalog;
    let (version, published, count) = (c.info().version.clone(), c.info().published.map(|d| d.to_string()).unwrap_or_default(), c.policies().len());
    html! {
        <section class="lqt-start" aria-labelledby="lqt-start-h">
            <h1 id="lqt-start-h">{t(lang, "惠企政策计算器：看看您的企业能享受哪些政策、能省多少钱", "惠企政策計算器：看看您的企業能享受哪些政策、能省多少錢", "Policy calculator: which support policies your business can claim, and how much")}</h1>
            <p>{t(lang,
                "回答几个关于企业的问题，计算器会逐项判断国家和辽宁省的税费减免、补贴奖励是否适用，算出金额，并说明依据和申请方式。",
                "回答幾個關於企業的問題，計算器會逐項判斷國家和遼寧省的稅費減免、補貼獎勵是否適用，算出金額，並說明依據和申請方式。",
                "Answer a few questions about your business. The calculator checks each national and Liaoning tax relief, subsidy and award, works out the amount, and shows the legal basis and how to claim.")}</p>
            <p>{t(lang, "大约需要3分钟。只回答与您有关的问题，不知道的可以选“不确定”。", "大約需要3分鐘。只回答與您有關的問題，不知道的可以選「不確定」。", "It takes about 3 minutes. You only see questions that matter; choose \"Not sure\" where you do not know.")}</p>
            <h2>{t(lang, "请准备", "請準備", "Have ready")}</h2>
            <ul>
                <li>{t(lang, "营业执照（统一社会信用代码、注册地、行业）", "營業執照（統一社會信用代碼、註冊地、行業）", "Your business licence (credit code, registered address, industry)")}</li>
                <li>{t(lang, "上年度企业所得税年度申报表（应纳税所得额、从业人数、资产总额）", "上年度企業所得稅年度申報表", "Last year's corporate income tax return (taxable income, staff, assets)")}</li>
                <li>{t(lang, "增值税申报表和社保缴费记录（如有）", "增值稅申報表和社保繳費記錄（如有）", "VAT returns and social-insurance records, if any")}</li>
            </ul>
            <p class="lqt-privacy"><strong>{t(lang, "您的数据只在本机浏览器中计算，不会上传到任何服务器。", "您的資料只在本機瀏覽器中計算，不會上傳到任何伺服器。", "Everything is calculated in this browser. Nothing is sent to any server.")}</strong></p>
            <button type="button" class="lqt-primary" onclick={start}>{t(lang, "开始测算", "開始測算", "Start now")}</button>
            <DataControls />
            // Last: web/index.html carries everything above as the page's
            // first screen before the wasm arrives, and only the catalog's
            // figures (known once it is loaded) fill in here, below
            // everything else, so that nothing moves.
            <p class="lqt-meta">{format!("{} {version} · {} {published} · {count} {}",
                t(lang, "政策目录版本", "政策目錄版本", "Catalog version"), t(lang, "更新于", "更新於", "reviewed"), t(lang, "项政策", "項政策", "policies"))}</p>
        </section>
    }
}
