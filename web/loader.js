// An external loader instead of trunk's inline one, so that the page's CSP
// needs no 'unsafe-inline' (trunk issue #288).
//
// In a host's iframe (index.html?embed=<host origin>&lang=…&asOf=…) it mounts
// the calculator itself and speaks a small postMessage protocol with the
// host, and only with it:
//   host → frame  {type: "lqt:prefill", profile}     the enterprise's data, shown as prefilled
//                 {type: "lqt:options", lang, asOf}
//                 {type: "lqt:results", enabled}      ask for (or stop) result messages
//   frame → host  {type: "lqt:ready"} · {type: "lqt:resize", height} · {type: "lqt:apply", policyId}
//                 {type: "lqt:result", report}        only after the host asked for results
// Messages are accepted only from the parent window at the exact origin
// named in the URL, and posted only to that origin (never "*").
import init, { mount } from "./policy-calculator-web.js";

await init({ module_or_path: new URL("./policy-calculator-web_bg.wasm", import.meta.url) });

const params = new URLSearchParams(location.search);
const embed = params.get("embed");
if (embed !== null) startEmbedded(embed);

function startEmbedded(hostParam) {
  let host;
  try {
    host = new URL(hostParam).origin;
  } catch {
    host = "null";
  }
  const app = document.getElementById("app");
  if (window.parent === window || host === "null") {
    app.textContent = "embed= must name the host page's origin, e.g. embed=https://www.lnzwfw.gov.cn";
    return;
  }
  const post = (message) => window.parent.postMessage(message, host);
  const options = {
    lang: params.get("lang") || undefined,
    asOf: params.get("asOf") || undefined,
    localSave: params.get("localSave") !== "false",
    onApply: (policyId) => post({ type: "lqt:apply", policyId }),
  };
  const widget = mount(app, options);
  let lastHeight = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: "lqt:resize", height });
    }
  }).observe(document.body);
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || event.origin !== host || typeof event.data !== "object" || event.data === null) return;
    const m = event.data;
    try {
      if (m.type === "lqt:prefill" && typeof m.profile === "object") {
        options.prefill = m.profile;
      } else if (m.type === "lqt:options") {
        if (typeof m.lang === "string") options.lang = m.lang;
        if (typeof m.asOf === "string") options.asOf = m.asOf;
      } else if (m.type === "lqt:results") {
        if (m.enabled) options.onResult = (report) => post({ type: "lqt:result", report });
        else delete options.onResult;
      } else {
        return;
      }
      widget.update(options);
    } catch (e) {
      post({ type: "lqt:error", code: e.code || "invalid_option", message: String(e.message || e) });
    }
  });
  post({ type: "lqt:ready" });
}
