// A first page on the JS API; the yew page (issue #4) replaces it.
import init, { evaluate } from "./pkg/liaoqitong_policy_calculator.js";

const STATUS = { eligible: "符合", ineligible: "不符合", needs_input: "可能符合（需补充信息）", not_in_force: "未生效或已到期", error: "无法计算" };
const out = document.getElementById("out");

function text(tag, content, cls) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  return el;
}

function run() {
  out.replaceChildren();
  let profile;
  try {
    profile = JSON.parse(document.getElementById("profile").value);
  } catch (e) {
    out.append(text("p", "企业信息不是有效的 JSON：" + e.message));
    return;
  }
  try {
    const report = evaluate(profile, { asOf: document.getElementById("asof").value });
    out.append(text("p", `合计：税收减免 ¥${report.totals.tax_credit}，补贴 ¥${report.totals.subsidy}，降费 ¥${report.totals.fee_reduction}`));
    for (const e of report.errors) out.append(text("p", e.message));
    for (const r of report.results) {
      const card = text("section", "", "card " + r.status);
      card.append(text("h2", `${r.name}：${STATUS[r.status]}${r.amount ? " ¥" + r.amount : ""}`));
      card.append(text("p", r.reason));
      card.append(text("p", `依据：${r.source.document}`));
      for (const c of r.caveats) card.append(text("p", "⚠ 未经核实：" + c));
      out.append(card);
    }
  } catch (e) {
    out.append(text("p", e.message));
  }
}

await init();
document.getElementById("run").addEventListener("click", run);
run();
