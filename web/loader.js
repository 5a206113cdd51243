// An external loader instead of trunk's inline one, so that the page's CSP
// needs no 'unsafe-inline' (trunk issue #288).
//
// The page's first screen is in index.html and shows before the wasm has
// arrived. From the moment this small module runs, what the visitor does on
// it is kept — 开始测算, 设置, the language, the date, 大字版, 高对比度 — and
// replayed on the app once it has replaced that screen in place. The app's
// JS and wasm are preloaded by index.html (one round trip after the page);
// their content-hashed names are read from those preload links.
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

const app = document.getElementById("app");
const first = app.querySelector("[data-lqt-static]");
const early = first && keepEarly(first);

const params = new URLSearchParams(location.search);
const embed = params.get("embed");
try {
  const href = (kind) => document.querySelector(`link[data-lqt="${kind}"]`).href;
  const glue = await import(href("js"));
  // fetch() as the preload asked (CORS mode, same-origin credentials), so
  // that it takes the preloaded response, which it compiles as it streams.
  await glue.default({ module_or_path: fetch(href("wasm"), { credentials: "same-origin" }) });
  // Stand-alone, the app mounted itself (src/main.rs) while init() ran.
  if (embed !== null) startEmbedded(glue.mount, embed);
  await early?.replay();
} catch (e) {
  early?.failed();
  throw e;
}

/**
 * Listens on the static first screen; returns `replay()`, which waits for
 * the app's own start screen and does there what was done here, and
 * `failed()`, which says the calculator could not load.
 */
function keepEarly(root) {
  // The same controls, in the same places, on the static screen and the app's.
  const parts = (r) => {
    const controls = r.querySelector(".lqt-controls");
    const [lang, year] = controls.querySelectorAll("select");
    const [large, contrast] = controls.querySelectorAll("[aria-pressed]");
    return {
      settings: r.querySelector(".lqt-settings-button"), controls, lang, date: controls.querySelector("input[type=date]"), year, large, contrast,
      data: r.querySelector("details.lqt-data"), start: r.querySelector(".lqt-start .lqt-primary"),
    };
  };
  const mine = parts(root);
  const say = (zhCn, zhTw, en) => {
    const status = root.querySelector(".lqt-loading");
    status.textContent = { "zh-TW": zhTw, en }[mine.lang.value] || zhCn;
    status.hidden = false;
  };
  let start = false;
  const changed = new Set();
  const onChange = (e) => changed.add(e.target);
  const onClick = (e) => {
    const b = e.target.closest("button");
    if (b === mine.start) {
      start = true;
      say("正在载入计算器，载入后自动开始……", "正在載入計算器，載入後自動開始……", "Loading the calculator; it starts as soon as it is ready…");
    } else if (b === mine.settings) {
      const open = b.getAttribute("aria-expanded") !== "true";
      b.setAttribute("aria-expanded", String(open));
      mine.controls.classList.toggle("lqt-open", open);
    } else if (b === mine.large || b === mine.contrast) {
      const on = b.getAttribute("aria-pressed") !== "true";
      b.setAttribute("aria-pressed", String(on));
      root.classList.toggle(b === mine.large ? "lqt-large" : "lqt-contrast", on);
    }
  };
  root.addEventListener("click", onClick);
  root.addEventListener("change", onChange);
  // The benchmark (bench/page-load.mjs) and the tests read that taps are kept.
  root.setAttribute("data-lqt-armed", "");
  const stop = () => {
    root.removeEventListener("click", onClick);
    root.removeEventListener("change", onChange);
  };
  return {
    failed() {
      stop();
      say("计算器未能载入，请检查网络后刷新页面。", "計算器未能載入，請檢查網路後重新整理頁面。", "The calculator could not load. Check the connection and reload the page.");
    },
    async replay() {
      stop();
      const focusable = (r) => [...r.querySelectorAll("a, button, select, input, summary")];
      const focused = focusable(root).indexOf(document.activeElement);
      const appEl = await appRoot();
      if (!appEl) return;
      const app = parts(appEl);
      // Only what the visitor changed: the host's options (an iframe's
      // lang=) stand otherwise.
      for (const k of ["lang", "date", "year"]) {
        if (changed.has(mine[k]) && app[k]) {
          app[k].value = mine[k].value;
          app[k].dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
      for (const k of ["settings", "large", "contrast"]) {
        const attr = k === "settings" ? "aria-expanded" : "aria-pressed";
        if (mine[k].getAttribute(attr) === "true" && app[k]?.getAttribute(attr) !== "true") app[k].click();
      }
      if (mine.data.open && app.data) app.data.open = true;
      if (start) {
        // parts() ran before the replayed changes re-rendered: look again.
        appEl.querySelector(".lqt-start .lqt-primary")?.click();
      } else if (focused >= 0) {
        focusable(appEl)[focused]?.focus();
      }
    },
  };
}

/** The app's root once it has replaced the static screen in #app (null if it never does). */
function appRoot() {
  const find = () => app.querySelector(":scope > .lqt:not([data-lqt-static])");
  if (find()) return Promise.resolve(find());
  return new Promise((resolve) => {
    // yew renders in a microtask after mounting; the observer's callback
    // comes right after that, before the frame is painted.
    const seen = new MutationObserver(() => {
      if (find()) {
        seen.disconnect();
        resolve(find());
      } else if (!app.querySelector("[data-lqt-static]") && app.children.length) {
        seen.disconnect();
        resolve(null);
      }
    });
    seen.observe(app, { childList: true });
  });
}

function startEmbedded(mount, hostParam) {
  let host;
  try {
    host = new URL(hostParam).origin;
  } catch {
    host = "null";
  }
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
