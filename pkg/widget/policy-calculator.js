// 辽企通 政策计算器 — the embeddable widget.
//
//   import { mount } from "liaoqitong-policy-calculator/widget";
//   const calc = await mount(document.querySelector("#calc"), { lang: "zh-CN", prefill: { entity_type: "enterprise" } });
//
// or, as an element with its own shadow root:
//
//   <script type="module" src="/vendor/liaoqitong-policy-calculator/widget/policy-calculator.js"></script>
//   <policy-calculator lang="zh-CN" as-of="2025-12-31" results></policy-calculator>
//
// No inline script or style, no eval; the only request beyond this package's
// own files is the catalog URL the host configures, fetched once from its own
// origin. Answers stay in the page.
import init, { mount as mountWasm } from "./liaoqitong_policy_calculator_widget.js";

let ready;
function load() {
  ready ??= init({ module_or_path: new URL("./liaoqitong_policy_calculator_widget_bg.wasm", import.meta.url) });
  return ready;
}

const catalogs = new Map();

/** Fetches a catalog once, from the host's own origin only. */
function fetchCatalog(url) {
  const u = new URL(url, document.baseURI);
  if (u.origin !== location.origin) {
    return Promise.reject(Object.assign(new Error(`catalogUrl must be on this site (${location.origin}), not ${u.origin}`), { code: "invalid_option" }));
  }
  if (!catalogs.has(u.href)) {
    catalogs.set(u.href, fetch(u.href, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw Object.assign(new Error(`catalog ${u.pathname}: HTTP ${r.status}`), { code: "catalog_invalid" });
      return r.text();
    }));
  }
  return catalogs.get(u.href);
}

/** --lqt-* custom properties, set through the CSSOM (allowed by a strict style-src). */
function applyTheme(element, theme, previous) {
  for (const k of Object.keys(previous || {})) element.style.removeProperty(k);
  for (const [k, v] of Object.entries(theme || {})) {
    if (/^--lqt-[a-z0-9-]{1,32}$/.test(k) && typeof v === "string") element.style.setProperty(k, v);
  }
}

const compiled = new Map();

/**
 * A host's catalog (JSON text or object), checked and compiled by the
 * headless API (../api/), which is loaded only now: the widget module itself
 * reads compiled catalogs only, and most pages never give one.
 */
async function compile(catalog, catalogHash, lang) {
  const key = typeof catalog === "string" ? `${catalogHash || ""}\n${catalog}` : null;
  if (key !== null && compiled.has(key)) return compiled.get(key);
  const api = await import("../api/liaoqitong_policy_calculator.js");
  await api.default({ module_or_path: new URL("../api/liaoqitong_policy_calculator_bg.wasm", import.meta.url) });
  const bytes = api.compileCatalog(catalog, { catalogHash, lang });
  if (key !== null) compiled.set(key, bytes);
  return bytes;
}

async function wasmOptions(options) {
  const { catalogUrl, onResize, theme, ...rest } = options || {};
  if (catalogUrl && rest.catalog === undefined) rest.catalog = await fetchCatalog(catalogUrl);
  if (rest.catalog !== undefined && rest.catalog !== null && !(rest.catalog instanceof Uint8Array)) {
    rest.catalog = await compile(rest.catalog, rest.catalogHash, rest.lang);
  }
  return rest;
}

/**
 * Mounts the calculator in `element`. Resolves to a handle with
 * `update(options)` and `destroy()`. Throws (rejects) with an Error carrying
 * a `code` (`invalid_option`, `catalog_invalid`) for unusable options.
 */
export async function mount(element, options = {}) {
  await load();
  let current = options;
  const widget = mountWasm(element, await wasmOptions(options));
  applyTheme(element, options.theme);
  let lastHeight = -1;
  const observer = new ResizeObserver(() => {
    const h = Math.ceil(element.getBoundingClientRect().height);
    if (h !== lastHeight) {
      lastHeight = h;
      current.onResize?.(h);
    }
  });
  observer.observe(element);
  return {
    async update(next) {
      const before = current.theme;
      current = { ...current, ...next };
      widget.update(await wasmOptions(current));
      applyTheme(element, current.theme, before);
    },
    destroy() {
      observer.disconnect();
      widget.destroy();
      widget.free();
    },
  };
}

function parseTheme(text) {
  const theme = {};
  for (const part of (text || "").split(";")) {
    const i = part.indexOf(":");
    if (i > 0) theme[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return theme;
}

/**
 * `<policy-calculator>`: attributes `lang`, `as-of`, `catalog-url`, `catalog-hash`, `theme`
 * ("--lqt-accent: #c00; --lqt-bar: #333"), `results` (dispatch `result`
 * events), `no-local-save`; property `prefill`. Events: `result` (detail:
 * the report), `apply` (detail: { policyId }), `resize` (detail: { height }),
 * `error` (detail: the Error).
 */
export class PolicyCalculatorElement extends HTMLElement {
  static observedAttributes = ["lang", "as-of", "catalog-url", "catalog-hash", "theme", "results", "no-local-save"];

  #handle = null;
  #prefill = undefined;
  #root = null;

  get prefill() {
    return this.#prefill;
  }

  set prefill(value) {
    this.#prefill = value;
    this.#handle?.update({ prefill: value || {} }).catch((e) => this.#fail(e));
  }

  #options() {
    const o = {
      lang: this.getAttribute("lang") || undefined,
      asOf: this.getAttribute("as-of") || undefined,
      catalogUrl: this.getAttribute("catalog-url") || undefined,
      catalogHash: this.getAttribute("catalog-hash") || undefined,
      theme: parseTheme(this.getAttribute("theme")),
      localSave: !this.hasAttribute("no-local-save"),
      prefill: this.#prefill || {},
      onApply: (policyId) => this.dispatchEvent(new CustomEvent("apply", { detail: { policyId }, bubbles: true, composed: true })),
      onResize: (height) => this.dispatchEvent(new CustomEvent("resize", { detail: { height } })),
    };
    if (this.hasAttribute("results")) {
      o.onResult = (report) => this.dispatchEvent(new CustomEvent("result", { detail: report }));
    }
    return o;
  }

  #fail(error) {
    this.dispatchEvent(new CustomEvent("error", { detail: error }));
  }

  async connectedCallback() {
    if (this.#root) return;
    const shadow = this.shadowRoot || this.attachShadow({ mode: "open" });
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("./style.css", import.meta.url).href;
    this.#root = document.createElement("div");
    shadow.append(style, this.#root);
    try {
      // Options are read once the module is ready, so that a `prefill` set
      // right after the element was created is not missed.
      await load();
      this.#handle = await mount(this.#root, this.#options());
    } catch (e) {
      this.#fail(e);
    }
  }

  attributeChangedCallback() {
    this.#handle?.update(this.#options()).catch((e) => this.#fail(e));
  }

  disconnectedCallback() {
    this.#handle?.destroy();
    this.#handle = null;
    this.#root?.remove();
    this.#root = null;
  }
}

if (!customElements.get("policy-calculator")) customElements.define("policy-calculator", PolicyCalculatorElement);
