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

/** The language of a `lang` attribute, as the app reads it (Lang::from_tag). */
function langOf(tag) {
  const t = (tag || "").toLowerCase();
  if (t.startsWith("en")) return 2;
  return t.startsWith("zh") && t.split(/[-_]/).slice(1).some((s) => ["tw", "hk", "mo", "hant"].includes(s)) ? 1 : 0;
}

/**
 * The app's start screen as it renders it (web/src/components/start_page.rs,
 * toolbar.rs, data_controls.rs; tests/e2e/embed.test.mjs compares them), shown
 * while the module loads: the element has its height at once and the host's
 * page does not jump when the app replaces it. Its 开始测算 takes a tap,
 * honoured once the app is ready. Static text only (no host data).
 */
function firstScreen(lang) {
  const i = langOf(lang);
  const t = (...texts) => texts[i];
  const years = [2027, 2026, 2025, 2024, 2023, 2022].map((y) => `<option value="${y}">${y}${t("年度", "年度", "")}</option>`).join("");
  return `<div class="lqt" lang="${t("zh-Hans-CN", "zh-Hant-TW", "en")}" data-lqt-static>
<a class="lqt-skip" href="#lqt-main">${t("跳到主要内容", "跳到主要內容", "Skip to main content")}</a>
<header class="lqt-toolbar"><p class="lqt-brand">${t("辽企通 · 政策计算器", "遼企通 · 政策計算器", "Liaoqitong · Policy calculator")}</p>
<button type="button" class="lqt-settings-button" aria-expanded="false" aria-controls="lqt-settings">${t("设置", "設定", "Settings")}</button>
<div class="lqt-controls" id="lqt-settings"><label>${t("语言", "語言", "Language")}<select aria-label="语言 / 語言 / Language"><option>${["简体中文", "繁體中文", "English"][i]}</option></select></label>
<label>${t("按此日期的政策测算", "按此日期的政策測算", "Rules in force on")}<input type="date"></label>
<label>${t("或按纳税年度", "或按納稅年度", "or a tax year")}<select><option value="">—</option>${years}</select></label>
<button type="button" aria-pressed="false">${t("大字版", "大字版", "Large text")}</button><button type="button" aria-pressed="false">${t("高对比度", "高對比度", "High contrast")}</button></div></header>
<main id="lqt-main" tabindex="-1"><section class="lqt-start" aria-labelledby="lqt-start-h">
<h1 id="lqt-start-h">${t("惠企政策计算器：看看您的企业能享受哪些政策、能省多少钱", "惠企政策計算器：看看您的企業能享受哪些政策、能省多少錢", "Policy calculator: which support policies your business can claim, and how much")}</h1>
<p>${t("回答几个关于企业的问题，计算器会逐项判断国家和辽宁省的税费减免、补贴奖励是否适用，算出金额，并说明依据和申请方式。", "回答幾個關於企業的問題，計算器會逐項判斷國家和遼寧省的稅費減免、補貼獎勵是否適用，算出金額，並說明依據和申請方式。", "Answer a few questions about your business. The calculator checks each national and Liaoning tax relief, subsidy and award, works out the amount, and shows the legal basis and how to claim.")}</p>
<p>${t("大约需要3分钟。只回答与您有关的问题，不知道的可以选“不确定”。", "大約需要3分鐘。只回答與您有關的問題，不知道的可以選「不確定」。", "It takes about 3 minutes. You only see questions that matter; choose \"Not sure\" where you do not know.")}</p>
<h2>${t("请准备", "請準備", "Have ready")}</h2><ul><li>${t("营业执照（统一社会信用代码、注册地、行业）", "營業執照（統一社會信用代碼、註冊地、行業）", "Your business licence (credit code, registered address, industry)")}</li>
<li>${t("上年度企业所得税年度申报表（应纳税所得额、从业人数、资产总额）", "上年度企業所得稅年度申報表", "Last year's corporate income tax return (taxable income, staff, assets)")}</li>
<li>${t("增值税申报表和社保缴费记录（如有）", "增值稅申報表和社保繳費記錄（如有）", "VAT returns and social-insurance records, if any")}</li></ul>
<p class="lqt-privacy"><strong>${t("您的数据只在本机浏览器中计算，不会上传到任何服务器。", "您的資料只在本機瀏覽器中計算，不會上傳到任何伺服器。", "Everything is calculated in this browser. Nothing is sent to any server.")}</strong></p>
<button type="button" class="lqt-primary">${t("开始测算", "開始測算", "Start now")}</button>
<p class="lqt-loading" role="status" hidden>${t("正在载入计算器，载入后自动开始……", "正在載入計算器，載入後自動開始……", "Loading the calculator; it starts as soon as it is ready…")}</p>
<details class="lqt-data"><summary>${t("保存、导出与分享", "保存、匯出與分享", "Save, export and share")}</summary></details>
<p class="lqt-meta" aria-hidden="true">&nbsp;</p></section></main></div>`;
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
    const root = (this.#root = document.createElement("div"));
    // The start screen while the module loads, shown once the style sheet
    // is there (unstyled it would have another height).
    root.innerHTML = firstScreen(this.getAttribute("lang"));
    root.hidden = true;
    style.addEventListener("load", () => { root.hidden = false; }, { once: true });
    let tapped = false;
    const start = root.querySelector(".lqt-primary");
    start.addEventListener("click", () => {
      tapped = true;
      root.querySelector(".lqt-loading").hidden = false;
    });
    shadow.append(style, root);
    try {
      // Options are read once the module is ready, so that a `prefill` set
      // right after the element was created is not missed.
      await load();
      root.hidden = false;
      this.#handle = await mount(root, this.#options());
      // yew renders in a microtask after mounting: the app's own 开始测算 is
      // there once this await resumes; a tap on the placeholder's is honoured.
      await null;
      if (tapped) root.querySelector(".lqt:not([data-lqt-static]) .lqt-start .lqt-primary")?.click();
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
