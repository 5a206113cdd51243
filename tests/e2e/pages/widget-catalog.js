// <policy-calculator> with the host's own catalog (catalog-url, pinned by
// catalog-hash): the widget module reads compiled catalogs only, so
// policy-calculator.js loads the headless API to check and compile it.
// A wrong hash and a broken catalog reach the host as `error` events.
import "/widget/policy-calculator.js";

const HASH = "sha256:701a54ecc4324d7628d7f1cac9f4e12027ff57a911194a40a93a739a4387a0d1";
window.__reports = [];
window.__errors = {};

function element(id, attributes) {
  const el = document.createElement("policy-calculator");
  el.id = id;
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  el.addEventListener("result", (e) => window.__reports.push({ id, catalog: e.detail.catalog.id, results: e.detail.results.map((r) => [r.policy_id, r.status, r.amount]) }));
  el.addEventListener("error", (e) => { window.__errors[id] = e.detail.code; });
  return el;
}

const good = element("good", { "catalog-url": "small-catalog.json", "catalog-hash": HASH, results: "", "no-local-save": "" });
good.prefill = { n: 3 };
document.body.append(
  good,
  element("wrong-hash", { "catalog-url": "small-catalog.json", "catalog-hash": "sha256:" + "0".repeat(64), "no-local-save": "" }),
  element("broken", { "catalog-url": "broken-catalog.json", "no-local-save": "" }),
);
