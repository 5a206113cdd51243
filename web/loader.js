// An external loader instead of trunk's inline one, so that the page's CSP
// needs no 'unsafe-inline' (trunk issue #288).
import init from "./policy-calculator-web.js";
init({ module_or_path: new URL("./policy-calculator-web_bg.wasm", import.meta.url) });
