// The page before its wasm has arrived (issue #24): the first screen is in
// the HTML, styled and usable; the JS and the wasm are preloaded from the
// HTML under content-hashed names; a tap on 开始测算 before the app is ready
// is honoured when it is; the app takes over the same place without a layout
// shift. The wasm is held back by the test's server until the test releases
// it, so nothing here depends on timing. (How fast: bench/page-load.mjs.)
//
// Run: node --test tests/e2e/   (scripts/test does, after the trunk build)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve, launchChromium, HASHED } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const site = process.env.SITE_DIR || path.join(repo, 'target/site');
const out = path.join(repo, 'target/e2e');
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, origin, browser;
// The wasm's response waits for release() (one hold per test).
let hold = null;

before(async () => {
  assert.ok(fs.existsSync(path.join(site, 'index.html')), `no built page in ${site}: run (cd web && trunk build --release) first`);
  fs.mkdirSync(out, { recursive: true });
  ({ server, origin } = await serve({ '/': site }, { delay: (p) => (p.endsWith('.wasm') && hold ? hold.promise : null) }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

function holdWasm() {
  let release;
  const promise = new Promise((r) => { release = r; });
  hold = { promise, release: () => { hold = null; release(); } };
  return hold;
}

async function open() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  // Layout shifts, counted through the DevTools protocol (the page's CSP
  // stays as it is).
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const log = { requests: [], problems: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) log.problems.push(`console ${m.type()}: ${m.text()}`); });
  return { context, page, log };
}

const appReady = (page) => page.locator('#app > .lqt:not([data-lqt-static])').waitFor();
const staticReady = (page) => page.locator('#app > .lqt[data-lqt-static][data-lqt-armed]').waitFor({ state: 'attached' });

/**
 * Every element of the start screen: its tag, classes, text and box, in
 * document order. The catalog's line at the very end is the app's (the
 * static screen keeps one line for it, and it may take two), so the boxes
 * holding it are compared without their height.
 */
const layout = (page) => page.evaluate(() => [...document.querySelectorAll('#app > .lqt *')]
  .filter((e) => !e.closest('.lqt-meta, .lqt-loading, noscript, details > :not(summary)'))
  .map((e) => {
    const r = e.getBoundingClientRect();
    const height = e.querySelector('.lqt-meta') ? '' : `x${Math.round(r.height)}`;
    return `${e.tagName} ${e.className} ${[...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join('')} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}${height}`;
  }));

test('the page preloads its hashed files from the HTML, with no inline script', async () => {
  const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  const files = fs.readdirSync(site).filter((f) => f !== 'index.html');
  // The JS, the wasm, the style sheet and the loader: content-hashed names only.
  assert.deepEqual(files.filter((f) => !HASHED.test(f)), [], files.join(' '));
  for (const ext of ['.js', '_bg.wasm', '.css']) assert.ok(files.some((f) => f.endsWith(ext)), ext);
  const { context, page } = await open();
  await page.goto(origin + '/');
  const head = await page.evaluate(() => ({
    modulepreload: [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => [l.getAttribute('href'), l.crossOrigin]),
    preload: [...document.querySelectorAll('link[rel=preload]')].map((l) => [l.getAttribute('href'), l.as, l.type, l.crossOrigin]),
    scripts: [...document.scripts].map((s) => [s.getAttribute('src'), s.type, s.textContent.trim()]),
    csp: document.querySelector('meta[http-equiv=Content-Security-Policy]').content,
  }));
  const glue = files.find((f) => f.endsWith('.js') && f.startsWith('policy-calculator-web-'));
  const wasm = files.find((f) => f.endsWith('_bg.wasm'));
  assert.deepEqual(head.modulepreload, [[`./${glue}`, 'anonymous']]);
  assert.deepEqual(head.preload, [[`./${wasm}`, 'fetch', 'application/wasm', 'anonymous']]);
  assert.equal(head.scripts.length, 1);
  assert.match(head.scripts[0][0], /^\.\/loader-[0-9a-f]+\.js$/);
  assert.deepEqual(head.scripts[0].slice(1), ['module', '']);
  assert.doesNotMatch(head.csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(head.csp, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
  assert.ok(!/\sstyle=/.test(html), 'no inline style');
  // The files the server sent for a year, the page itself revalidated.
  const headers = async (p) => (await fetch(origin + p, { headers: { 'accept-encoding': 'gzip' } })).headers;
  assert.equal((await headers('/')).get('cache-control'), 'no-cache');
  assert.equal((await headers('/' + wasm)).get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await headers('/' + wasm)).get('content-encoding'), 'gzip');
  await context.close();
});

test('the first screen is there before the wasm; a tap on 开始测算 then is honoured once the app is ready', async () => {
  const wasm = holdWasm();
  const { context, page, log } = await open();
  await page.goto(origin + '/', { waitUntil: 'domcontentloaded' });
  await staticReady(page);
  const start = page.getByRole('button', { name: '开始测算' });
  await start.waitFor();
  // Styled by the page's CSS: the primary button's colours, at 390 px.
  assert.equal(await start.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(0, 112, 60)');
  const text = await page.locator('main').innerText();
  for (const s of ['惠企政策计算器', '回答几个关于企业的问题', '您的数据只在本机浏览器中计算，不会上传到任何服务器。']) assert.ok(text.includes(s), s);
  const box = await start.boundingBox();
  assert.ok(box.y + box.height <= 844, `开始测算 at ${Math.round(box.y)}px is on the first screen`);
  await page.screenshot({ path: path.join(out, '00-first-screen-before-wasm-390px.png') });
  const findings = await axeFindings(page, 'first-screen-static');

  await start.click();
  const status = page.getByRole('status');
  await status.waitFor();
  assert.match(await status.innerText(), /正在载入计算器/);
  assert.equal(await page.locator('main form').count(), 0, 'no question before the app is ready');
  assert.ok(log.requests.some((u) => u.endsWith('_bg.wasm')), 'the wasm was asked for at once');
  await page.screenshot({ path: path.join(out, '00-first-screen-tapped-390px.png') });

  wasm.release();
  // The tap is honoured: the planner's first question, not the start screen.
  await page.locator('main form [id^="q-"]').first().waitFor();
  assert.match(await page.locator('.lqt-caption').innerText(), /^已回答 0 题/);
  assert.equal(await page.locator('[data-lqt-static]').count(), 0);
  await page.screenshot({ path: path.join(out, '00-first-question-after-early-tap-390px.png') });
  assert.deepEqual(findings, []);
  assert.deepEqual(log.problems, []);
  await context.close();
});

test('the app takes over the first screen in place: same elements, same boxes, no layout shift', async () => {
  const wasm = holdWasm();
  const { context, page, log } = await open();
  await page.goto(origin + '/', { waitUntil: 'domcontentloaded' });
  await staticReady(page);
  const before = await layout(page);
  assert.ok(before.length > 20, 'the static first screen has its elements');
  wasm.release();
  await appReady(page);
  assert.deepEqual(await layout(page), before, 'the app renders the first screen as index.html has it');
  // The catalog's figures, known only to the app, fill in last.
  assert.match(await page.locator('.lqt-meta').innerText(), /^政策目录版本 \S+ · 更新于 \S+ · \d+ 项政策$/);
  assert.equal(await page.evaluate(() => window.__shift), 0, 'layout shift');
  await page.screenshot({ path: path.join(out, '00-first-screen-app-390px.png') });

  assert.deepEqual(log.problems, []);
  await context.close();
});

test('what is set on the first screen before the app is ready is kept: 设置 open, English, 大字版', async () => {
  // A fresh browser profile: a cached wasm would not wait for the test.
  const again = holdWasm();
  const { context, page, log } = await open();
  await page.goto(origin + '/', { waitUntil: 'domcontentloaded' });
  await staticReady(page);
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('语言 / 語言 / Language').selectOption('en');
  await page.getByRole('button', { name: '大字版' }).click();
  again.release();
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByRole('button', { name: 'Settings' }).getAttribute('aria-expanded'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Large text' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#app > .lqt.lqt-large').count(), 1);
  assert.deepEqual(log.problems, []);
  await context.close();
});

async function axeFindings(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.ok(result.passes.length > 20, `axe ran its rules on ${name}`);
  fs.writeFileSync(path.join(out, `axe-${name}.json`), JSON.stringify(result.violations, null, 2));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} ${v.help}`);
}
