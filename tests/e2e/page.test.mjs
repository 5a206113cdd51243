// End-to-end test of the built page (`trunk build --release` → target/site),
// served on 127.0.0.1 and driven in Debian's Chromium as a finance clerk of a
// 48-person machinery maker in 营口 would: answers the questions, meets an
// error, checks the answers, reads the results in three languages.
//
// Asserts the amounts shown (worked out by hand below), that no request
// leaves 127.0.0.1 and none happens after load, that axe-core finds no
// serious or critical problem on start, a question, an error, check-answers
// and results, and that the page holds at 320 px. Saves screenshots and
// timings under target/e2e/.
//
// Run: node --test tests/e2e/   (scripts/test does, after the trunk build)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve, launchChromium } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const site = process.env.SITE_DIR || path.join(repo, 'target/site');
const out = path.join(repo, 'target/e2e');
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, origin, browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(site, 'index.html')), `no built page in ${site}: run (cd web && trunk build --release) first`);
  fs.mkdirSync(out, { recursive: true });
  ({ server, origin } = await serve({ '/': site }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A page that records every request and every error or CSP violation. */
async function open(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const log = { requests: [], problems: [] };
  page.on('request', (r) => log.requests.push({ url: r.url(), at: Date.now() }));
  page.on('pageerror', (e) => log.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) log.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  return { context, page, log };
}

/** Loads the page; returns ms from navigation start to a usable 开始测算 button. */
async function load(page) {
  await page.goto(origin + '/');
  await page.getByRole('button', { name: '开始测算' }).waitFor({ state: 'visible' });
  return page.evaluate(() => Math.round(performance.now()));
}

/** axe-core on the current screen: returns the serious and critical findings. */
async function axe(page, name) {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline
  // scripts) stays in force for the page itself.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.ok(result.passes.length > 20, `axe ran its rules on ${name}`);
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  fs.writeFileSync(path.join(out, `axe-${name}.json`), JSON.stringify(result.violations, null, 2));
  return bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
}

/** Answers whatever of `answers` the current step shows, until nothing changes
 * (answers can reveal follow-up questions on the same step). */
async function answerStep(page, answers) {
  for (let n = 0; n < 100; n++) {
    const keys = await page.locator('main [id^="q-"]').evaluateAll((els) => els.map((e) => e.id.slice(2)));
    let changed = false;
    for (const key of keys) {
      if (!(key in answers)) continue;
      const [value, unit] = [].concat(answers[key]);
      const radio = page.locator(`[id="f-${key}-${value}"]`);
      if (await radio.count()) {
        if (!(await radio.isChecked())) { await radio.check(); changed = true; break; }
        continue;
      }
      const input = page.locator(`input[id="q-${key}"]`);
      if (!(await input.count())) continue;
      if (unit) {
        const select = page.locator(`input[id="q-${key}"] ~ select.lqt-unit`);
        if ((await select.inputValue()) !== unit) { await select.selectOption(unit); changed = true; break; }
      }
      if ((await input.inputValue()) !== value) { await input.fill(value); changed = true; break; }
    }
    if (!changed) return;
  }
  throw new Error('a step kept changing');
}

// 营口市站前区, C34 通用设备制造业, 48 staff, revenue 2,800万 and assets 1,900万
// (typed in 万元), general VAT taxpayer, small low-profit at the last
// settlement; rules in force on 2025-12-31.
const clerk = {
  entity_type: 'enterprise', region_code: '210802', industry_code: 'C34', employees: '48',
  annual_revenue: ['2800', 'wan'], total_assets: ['1900', 'wan'],
  restricted_industry: 'false', cit_collection: 'audit', taxable_income: '1800000',
  rd_expense: '1200000', rd_intangible_amortization: '0', vat_taxpayer: 'general',
  resource_tax: '0', city_maintenance_tax: '42000', property_tax: '36000', land_use_tax: '24000',
  stamp_duty: '8000', farmland_occupation_tax: '0', education_surcharge: '18000',
  local_education_surcharge: '12000', six_taxes_other_relief: '0', slp_settlement: 'yes',
  is_high_tech_enterprise: 'false', ic_machine_tool_listed: 'false', atse_business: 'false',
  advanced_manufacturing_listed: 'false', high_tech_recognition: 'none', tech_sme_first_filed: 'false',
  onpayroll_staff: '48', disabled_staff: '0', avg_wage: '62000', local_avg_wage: '90000',
  ui_premiums_paid: '9000', ui_paid_months: '12', layoff_rate: '0', insured_staff: '48',
  eligible_new_hires: '2', ui_raised_refund_area: 'false',
  gov_guarantee: 'true', guarantee_amount: '3000000', guarantee_fee_rate: '1.5%',
};

// The amounts, worked out by hand from the documents the cards cite:
const expected = {
  // 财政部 税务总局公告2023年第12号: taxable income ≤300万 taxed at 25% × 20% = 5%
  // instead of 25%: 1,800,000 × 20% = 360,000.
  '小型微利企业所得税优惠': '¥360,000.00',
  // 2023年第12号 六税两费 halved: (42,000 + 36,000 + 24,000 + 8,000 + 18,000 + 12,000) × 50% = 70,000.
  '“六税两费”减半征收': '¥70,000.00',
  // 2023年第7号: 100% extra deduction of 1,200,000, worth 1,200,000 × 5% (the
  // small low-profit effective rate) = 60,000 of tax.
  '研发费用税前加计扣除': '¥60,000.00',
  // Fee cap 1% for guarantees ≤ 500万: charged 3,000,000 × 1.5% = 45,000, cap
  // 3,000,000 × 1% = 30,000, so 15,000 above the cap.
  '政府性融资担保降费（担保费率上限）': '¥15,000.00',
  // 人社部发〔2024〕40号 etc.: SMEs get back up to 60% of last year's
  // unemployment-insurance premiums: 9,000 × 60% = 5,400 (a ceiling).
  '失业保险稳岗返还': '最高 ¥5,400.00',
  // 残保金: 48 × 1.5% × 62,000 = 44,640 due; placing under 1% pays 90%
  // (2023年第8号), so 10% = 4,464 is waived.
  '残疾人就业保障金免征和分档减缴': '¥4,464.00',
  // 一次性扩岗补助: 1,500 per eligible young hire × 2 = 3,000.
  '一次性扩岗补助': '¥3,000.00',
};

test('a clerk in 营口 checks her firm: amounts, privacy, accessibility, three languages', async () => {
  const { context, page, log } = await open();
  const timings = {};
  timings.loadToInteractiveMs = await load(page);
  const loadedAt = Date.now();
  const findings = [];

  // As-of date: rules in force on 2025-12-31 (the 2025 tax year).
  await page.getByLabel('或按纳税年度').selectOption('2025');
  await shot(page, '01-start');
  findings.push(...(await axe(page, 'start')));

  await page.getByRole('button', { name: '开始测算' }).click();
  await page.getByRole('heading', { name: '基本信息' }).waitFor();
  findings.push(...(await axe(page, 'question')));

  // An error first: staff typed in words. The summary links to the field.
  await page.locator('input[id="q-employees"]').fill('四十八人');
  await page.getByRole('button', { name: '继续' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.innerText(), /从业人数/);
  assert.equal(await page.locator('input[id="q-employees"]').getAttribute('aria-invalid'), 'true');
  await shot(page, '02-error');
  findings.push(...(await axe(page, 'error')));

  // The industry picker explains what was typed.
  await answerStep(page, clerk);
  const industry = page.locator('.lqt-field', { has: page.locator('[id="q-industry_code"]') });
  assert.match(await industry.locator('.lqt-code-meaning').innerText(), /C34 通用设备制造业/);
  const region = page.locator('.lqt-field', { has: page.locator('[id="q-region_code"]') });
  assert.match(await region.locator('.lqt-code-meaning').innerText(), /营口市/);
  await shot(page, '03-question');

  for (let step = 0; step < 8; step++) {
    await answerStep(page, clerk);
    const next = page.getByRole('button', { name: '继续' });
    if (!(await next.count())) break;
    await next.click();
  }
  await page.getByRole('heading', { name: '核对您的回答' }).waitFor();
  assert.match(await page.locator('main').innerText(), /2800 万元/);
  await shot(page, '04-check');
  findings.push(...(await axe(page, 'check')));

  await page.getByRole('button', { name: '查看测算结果' }).click();
  await page.getByRole('heading', { name: '测算结果' }).waitFor();
  const shown = {};
  for (const card of await page.locator('.lqt-card').all()) {
    const name = await card.locator('h3').innerText();
    const status = await card.locator('.lqt-status').innerText();
    const amount = (await card.locator('.lqt-amount').count()) ? (await card.locator('.lqt-amount').innerText()).replace(/（.*）$/, '') : '';
    shown[name] = { status, amount };
  }
  for (const [name, amount] of Object.entries(expected)) {
    assert.deepEqual(shown[name], { status: '符合', amount }, name);
  }
  assert.equal(Object.values(shown).filter((r) => r.status === '符合').length, Object.keys(expected).length, JSON.stringify(shown));
  // Totals by category: 360,000 + 70,000 + 60,000 tax; 5,400 + 3,000 subsidies; 15,000 + 4,464 fees.
  const totals = await page.locator('.lqt-totals').innerText();
  for (const t of ['¥490,000.00', '¥8,400.00', '¥19,464.00']) assert.ok(totals.includes(t), `${t} in ${totals}`);
  assert.match(await page.getByRole('status').first().innerText(), new RegExp(`2025-12-31.*${Object.keys(expected).length}`));
  await shot(page, '05-results');
  findings.push(...(await axe(page, 'results')));

  // 繁體 and English: the same amounts, in the reader's language.
  await page.getByLabel('语言 / 語言 / Language').selectOption('zh-TW');
  await page.getByRole('heading', { name: '測算結果' }).waitFor();
  assert.ok((await page.locator('main').innerText()).includes('¥360,000.00'));
  await shot(page, '06-results-zh-TW');
  await page.getByLabel('语言 / 語言 / Language').selectOption('en');
  await page.getByRole('heading', { name: 'Your results' }).waitFor();
  const english = await page.locator('main').innerText();
  assert.ok(english.includes('Eligible') && english.includes('¥360,000.00'), english.slice(0, 400));
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  findings.push(...(await axe(page, 'results-en')));
  await shot(page, '07-results-en');

  // A phone, 320 px wide: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 320px`);
  await page.screenshot({ path: path.join(out, '08-results-320px.png') });

  assert.deepEqual(findings, [], 'axe: serious or critical findings');
  assert.deepEqual(log.problems, [], 'errors or CSP violations');
  const offHost = log.requests.filter((r) => !r.url.startsWith(origin + '/') && !r.url.startsWith('data:'));
  assert.deepEqual(offHost, [], 'requests that left 127.0.0.1');
  const afterLoad = log.requests.filter((r) => r.at > loadedAt);
  assert.deepEqual(afterLoad, [], 'requests after the page loaded: evaluation must make none');

  timings.requests = log.requests.map((r) => r.url.replace(origin, ''));
  fs.writeFileSync(path.join(out, 'metrics.json'), JSON.stringify(timings, null, 2));
  console.log(`load to interactive form: ${timings.loadToInteractiveMs} ms; requests: ${timings.requests.join(' ')}`);
  await context.close();
});

test('with saving on, a reload keeps every answer; 清除我的数据 removes them', async () => {
  const { context, page, log } = await open();
  await load(page);
  await page.getByRole('button', { name: '开始测算' }).click();
  await page.locator('input[id="q-employees"]').fill('48');
  await page.reload(); // not saved: a reload starts afresh
  await page.getByRole('button', { name: '开始测算' }).waitFor();
  await page.getByRole('button', { name: '开始测算' }).click();
  assert.equal(await page.locator('input[id="q-employees"]').inputValue(), '');

  await page.locator('input[id="q-employees"]').fill('48');
  await page.locator('input[id="q-employees"]').press('Tab');
  await page.getByRole('link', { name: /返回/ }).click();
  await page.getByText('保存、导出与分享').click();
  await page.getByLabel(/在本浏览器中保存我的回答/).check();
  await page.reload();
  await page.getByRole('button', { name: '开始测算' }).click();
  assert.equal(await page.locator('input[id="q-employees"]').inputValue(), '48');

  await page.getByRole('link', { name: /返回/ }).click();
  await page.getByText('保存、导出与分享').click();
  await page.getByRole('button', { name: '清除我的数据' }).click();
  // The app has reacted (saving is off again) before storage is read.
  await page.locator('#lqt-save:not(:checked)').waitFor({ state: 'attached' });
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.reload();
  await page.getByRole('button', { name: '开始测算' }).click();
  assert.equal(await page.locator('input[id="q-employees"]').inputValue(), '');
  assert.deepEqual(log.problems, []);
  await context.close();
});
