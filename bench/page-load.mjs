// The page on a phone on a slow network (issue #24): Chromium at 390 × 844,
// the built page (target/site) served compressed with the cache headers of
// README's deployment section, under DevTools' "Slow 4G" (562.5 ms round
// trip, 1.47 Mbit/s down, 675 kbit/s up) and 4× CPU throttling, both set
// through the DevTools protocol. Per run, in a fresh browser context:
//   first visit   first contentful paint, 开始测算 usable, the app ready,
//                 layout shift, bytes transferred, requests;
//   the clerk     her whole flow (tests/e2e: 营口, C34, 48 staff) typed key by
//                 key: each answer's input event to the next frame (a key in
//                 a field, a box or radio, a result card's answer committed),
//                 and each screen change (开始测算, 继续);
//   second visit  the same context (its HTTP cache), a new tab: the same
//                 times and the bytes transferred.
// A measure, not a test: figures vary with the machine's load (run it on a
// quiet one; RUNS=5 for more runs). Prints a summary and writes every figure
// to target/bench-page/results.json.
//
// Run: ./scripts/bench-page  (builds the page first), or
//      node bench/page-load.mjs  with SITE_DIR, RUNS, CPU, BROTLI=0 (gzip only).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchChromium, answerScreen, clerk } from '../tests/e2e/support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = process.env.SITE_DIR || path.join(repo, 'target/site');
const out = path.join(repo, process.env.OUT_DIR || 'target/bench-page');
const runs = Number(process.env.RUNS || 3);
const cpu = Number(process.env.CPU || 4);
const brotli = process.env.BROTLI !== '0';
// DevTools' "Slow 4G" preset, as the issue measured it.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: 1.47e6 / 8, uploadThroughput: 675e3 / 8 };
const pickers = { region_code: ['站前', '210802 营口市站前区'], industry_code: ['机械', 'C34 通用设备制造业'] };

// Runs in every document before its own scripts, through the DevTools
// protocol (so the page's CSP is untouched). Times are performance.now().
function recorder() {
  const r = (window.__lqt = { usable: null, ready: null, shift: 0, lat: [], pending: 0, waiters: [] });
  const nextFrame = (then) => requestAnimationFrame(() => {
    // After the frame's rendering: the next task.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => then(performance.now());
    ch.port2.postMessage(0);
  });
  const done = () => { if (r.pending === 0) for (const w of r.waiters.splice(0)) w(); };
  r.idle = () => new Promise((resolve) => { r.waiters.push(resolve); done(); });
  const measure = (kind, t0) => {
    r.pending += 1;
    nextFrame((t) => { r.lat.push({ kind, ms: t - t0 }); r.pending -= 1; done(); });
  };
  let seen = { usable: false, ready: false };
  const check = () => {
    // The app: its own root, not the page's static first screen.
    if (!seen.ready && document.querySelector('#app > .lqt:not([data-lqt-static])')) {
      seen.ready = true;
      nextFrame((t) => { r.ready = t; });
    }
    if (!seen.usable) {
      const b = [...document.querySelectorAll('#app button')].find((x) => /^(开始测算|開始測算|Start now)$/.test(x.textContent.trim()));
      // A static button counts once the page listens for the tap.
      const staticRoot = b && b.closest('[data-lqt-static]');
      if (b && (!staticRoot || staticRoot.hasAttribute('data-lqt-armed'))) {
        seen.usable = true;
        nextFrame((t) => { r.usable = t; });
      }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-lqt-armed'] });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) r.shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  r.fcp = null;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') r.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
  const kindOf = (e) => {
    const t = e.target;
    if (!(t instanceof HTMLElement)) return null;
    if (e.type === 'input') return t.type === 'checkbox' || t.type === 'radio' ? 'choice' : t.tagName === 'SELECT' ? 'choice' : 'key';
    if (e.type === 'change') return t.tagName === 'INPUT' && t.type === 'text' && t.closest('.lqt-results') ? 'commit' : t.tagName === 'SELECT' ? null : null;
    if (e.type === 'click') return t.closest('button') ? 'screen' : null;
    return null;
  };
  for (const type of ['input', 'change', 'click']) {
    window.addEventListener(type, (e) => { const k = kindOf(e); if (k) measure(k, e.timeStamp); }, true);
  }
}

function stats(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { n: s.length, median: +q(0.5).toFixed(1), p90: +q(0.9).toFixed(1), max: +s[s.length - 1].toFixed(1), over16: s.filter((x) => x > 16.7).length };
}

/** Opens `url` in `page` throttled; returns the load figures and the requests. */
async function visit(context, page, url) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const reqs = new Map();
  let t0 = null;
  const at = (ts) => Math.round((ts - t0) * 1000);
  cdp.on('Network.requestWillBeSent', (e) => { t0 ??= e.timestamp; reqs.set(e.requestId, { url: e.request.url, bytes: 0, status: null, cached: false, startMs: at(e.timestamp), endMs: null }); });
  cdp.on('Network.responseReceived', (e) => { const r = reqs.get(e.requestId); if (r) { r.status = e.response.status; r.cached ||= e.response.fromDiskCache || e.response.fromPrefetchCache || false; } });
  cdp.on('Network.requestServedFromCache', (e) => { const r = reqs.get(e.requestId); if (r) r.cached = true; });
  cdp.on('Network.loadingFinished', (e) => { const r = reqs.get(e.requestId); if (r) { r.bytes = e.encodedDataLength; r.endMs = at(e.timestamp); } });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__lqt.ready !== null && window.__lqt.usable !== null && window.__lqt.fcp !== null, null, { timeout: 120000 });
  const m = await page.evaluate(() => ({
    fcp: window.__lqt.fcp,
    usable: window.__lqt.usable, ready: window.__lqt.ready, shift: window.__lqt.shift,
  }));
  const origin = new URL(url).origin;
  const requests = [...reqs.values()].map((r) => ({ ...r, url: r.url.replace(origin, '') }));
  return {
    fcpMs: Math.round(m.fcp), usableMs: Math.round(Math.max(m.usable, m.fcp)), readyMs: Math.round(Math.max(m.ready, m.fcp)),
    layoutShift: +m.shift.toFixed(4), bytes: requests.reduce((a, r) => a + r.bytes, 0), requests, cdp,
  };
}

/**
 * The main thread's work for each input event, from a DevTools trace of the
 * flow: the event's dispatch (the handlers, the reducer, yew's render in
 * the microtasks after them) and the rendering of the frame that follows
 * (style, layout, pre-paint, paint, layerize). Unlike the input-to-frame
 * figure it leaves out the wait for the next frame to begin (0–16.7 ms at
 * 60 Hz, headless Chromium's frame rate): what must fit in one frame.
 */
function workPerInput(events) {
  const count = new Map();
  for (const e of events) if (e.name === 'EventDispatch') count.set(e.tid, (count.get(e.tid) || 0) + 1);
  const main = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const xs = events.filter((e) => e.tid === main && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts);
  const frame = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize']);
  const work = [];
  for (let i = 0; i < xs.length; i++) {
    const e = xs[i];
    if (e.name !== 'EventDispatch' || !['input', 'change'].includes(e.args?.data?.type)) continue;
    let us = e.dur;
    for (let j = i + 1; j < xs.length && xs[j].ts < e.ts + 500000; j++) {
      const x = xs[j];
      if (x.ts < e.ts + e.dur) continue;
      if (x.name === 'EventDispatch') break;
      if (x.name === 'RunMicrotasks' || frame.has(x.name)) us += x.dur;
      if (x.name === 'Paint') break;
    }
    work.push({ type: e.args.data.type, ms: us / 1000 });
  }
  return work;
}

/** The clerk's whole flow on the loaded page, typed key by key. */
async function flow(page, cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
  const how = {
    type: async (input, text) => {
      await input.fill('');
      await page.evaluate(() => window.__lqt.idle());
      await input.focus();
      for (const ch of text) {
        await page.keyboard.type(ch);
        await page.evaluate(() => window.__lqt.idle());
      }
    },
    settle: () => page.evaluate(() => window.__lqt.idle()),
  };
  await page.evaluate(() => { window.__lqt.lat = []; });
  await page.getByRole('button', { name: '开始测算' }).click();
  await page.locator('main form').waitFor();
  let answers = 0;
  for (let screens = 0; (await page.locator('main form').count()) && screens < 40; screens++) {
    answers += await answerScreen(page, clerk, pickers, 'main form', how);
    // The next screen asks other questions (or it is the results).
    const shown = await page.evaluate(() => [...document.querySelectorAll('main form [id^="q-"]')].map((e) => e.id).join());
    await page.getByRole('button', { name: '继续' }).click();
    await page.waitForFunction((s) => !document.querySelector('main form') || [...document.querySelectorAll('main form [id^="q-"]')].map((e) => e.id).join() !== s, shown);
    await how.settle();
  }
  await page.getByRole('heading', { name: '测算结果' }).waitFor();
  for (let round = 0; round < 30 && (await page.locator('.lqt-results .lqt-inline [id^="q-"]').count()); round++) {
    const before = await page.locator('.lqt-results').innerText();
    const n = await answerScreen(page, clerk, pickers, '.lqt-results .lqt-inline', how);
    if (!n) break;
    answers += n;
    await page.waitForFunction((b) => document.querySelector('.lqt-results').innerText !== b, before);
  }
  await how.settle();
  await cdp.send('Tracing.end');
  await traced;
  const work = workPerInput(events);
  const lat = await page.evaluate(() => window.__lqt.lat);
  const by = (kinds) => lat.filter((l) => kinds.includes(l.kind)).map((l) => l.ms);
  return {
    answers,
    answer: stats(by(['key', 'choice', 'commit'])),
    key: stats(by(['key'])), choice: stats(by(['choice'])), commit: stats(by(['commit'])), screen: stats(by(['screen'])),
    firstKey: +(lat.find((l) => l.kind === 'key')?.ms ?? 0).toFixed(1),
    work: stats(work.map((w) => w.ms)),
    all: lat.map((l) => ({ kind: l.kind, ms: +l.ms.toFixed(1) })),
  };
}

const summary = [];
const { server, origin } = await serve({ '/': site }, { brotli });
const browser = await launchChromium();
try {
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await context.addInitScript(recorder);
    const page = await context.newPage();
    const first = await visit(context, page, origin + '/');
    const clerkFlow = await flow(page, first.cdp);
    // The second visit: a new tab of the same browser profile, after the
    // first has loaded everything (and its HTTP cache has it).
    const page2 = await context.newPage();
    const second = await visit(context, page2, origin + '/');
    for (const v of [first, second]) delete v.cdp;
    summary.push({ run, first, second, clerk: clerkFlow });
    const f = (v) => `FCP ${v.fcpMs} ms, 开始测算 usable ${v.usableMs} ms, app ready ${v.readyMs} ms, shift ${v.layoutShift}, ${v.bytes} B in ${v.requests.length} requests`;
    console.log(`run ${run}: first visit: ${f(first)}`);
    console.log(`        second visit: ${f(second)}`);
    const s = (x) => (x ? `median ${x.median} ms, p90 ${x.p90}, max ${x.max} (${x.n}, ${x.over16} over 16.7 ms)` : '—');
    console.log(`        the clerk (${clerkFlow.answers} answers): every answer, input to next frame: ${s(clerkFlow.answer)}; first key ${clerkFlow.firstKey} ms`);
    console.log(`          main-thread work per input event (handlers, render, the frame's style to paint): ${s(clerkFlow.work)}`);
    console.log(`          keys ${s(clerkFlow.key)}; choices ${s(clerkFlow.choice)}; card answers ${s(clerkFlow.commit)}; screens (开始测算, 继续) ${s(clerkFlow.screen)}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
fs.mkdirSync(out, { recursive: true });
const range = (f) => { const xs = summary.map(f); return `${Math.min(...xs)}–${Math.max(...xs)}`; };
const result = {
  profile: { viewport: '390x844', network: SLOW_4G, cpuThrottling: cpu, encoding: brotli ? 'br' : 'gzip' },
  site, runs: summary,
  ranges: {
    fcpMs: range((r) => r.first.fcpMs), usableMs: range((r) => r.first.usableMs), readyMs: range((r) => r.first.readyMs),
    firstVisitBytes: range((r) => r.first.bytes), secondVisitBytes: range((r) => r.second.bytes),
    secondUsableMs: range((r) => r.second.usableMs), secondReadyMs: range((r) => r.second.readyMs),
    answerMedianMs: range((r) => r.clerk.answer.median), answerMaxMs: range((r) => r.clerk.answer.max),
    workMedianMs: range((r) => r.clerk.work.median), workMaxMs: range((r) => r.clerk.work.max), workOver16: range((r) => r.clerk.work.over16),
  },
};
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(result, null, 2));
console.log(`\n${runs} runs, Slow 4G, ${cpu}× CPU, ${result.profile.encoding}:`);
for (const [k, v] of Object.entries(result.ranges)) console.log(`  ${k.padEnd(18)} ${v}`);
console.log(`figures in ${path.relative(repo, out)}/results.json`);
