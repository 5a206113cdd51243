// A mock 辽企通 page embedding the calculator in an iframe.
// ?calc=<calculator base URL> says where the calculator is served
// (default http://127.0.0.1:8081/, the `iframe/` folder of the package).
const calcBase = new URL(new URLSearchParams(location.search).get("calc") || "http://127.0.0.1:8081/");
const frame = document.getElementById("calculator");
const status = document.getElementById("host-status");
const src = new URL(frame.dataset.src, calcBase);
src.searchParams.set("embed", location.origin);
src.searchParams.set("lang", "zh-CN");
frame.src = src.href;

// The logged-in enterprise's registration data, as 辽企通 holds it.
const enterprise = {
  credit_code: "91210800MA0QEXAMP3", // made up, with a valid GB 32100 check character
  entity_type: "enterprise",
  region_code: "210802",
  industry_code: "C34",
  employees: 48,
};

window.addEventListener("message", (event) => {
  // Only the calculator frame, from the calculator's exact origin.
  if (event.source !== frame.contentWindow || event.origin !== calcBase.origin) return;
  const m = event.data || {};
  if (m.type === "lqt:ready") {
    frame.contentWindow.postMessage({ type: "lqt:prefill", profile: enterprise }, calcBase.origin);
  } else if (m.type === "lqt:resize" && Number.isFinite(m.height)) {
    frame.style.height = `${Math.min(Math.max(m.height, 400), 20000)}px`;
  } else if (m.type === "lqt:apply" && typeof m.policyId === "string") {
    // A real portal navigates to its application form for this policy.
    status.textContent = `去申报：${m.policyId}`;
  }
});
