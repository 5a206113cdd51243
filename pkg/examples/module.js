// The ten-line module embed: import the widget, hand over what you know,
// listen for 去申报.
import "./widget/policy-calculator.js";

const calc = document.querySelector("policy-calculator");
calc.prefill = { entity_type: "enterprise", region_code: "210202", industry_code: "I65", employees: 30 };
calc.addEventListener("apply", (e) => {
  document.getElementById("host-status").textContent = `去申报：${e.detail.policyId}`;
});
calc.addEventListener("error", (e) => {
  document.getElementById("host-status").textContent = `计算器无法加载：${e.detail.message}`;
});
