// The register page (issue #22): a district clerk picks a register of 10,000
// generated enterprises and gets, computed in a Web Worker with no request
// after the page has loaded, the same bytes `policy-calc match` writes — the
// CSV of matches and the notices — and the same summary; the xlsx register
// and GB18030 registers give the same CSV as the UTF-8 one; a file that is no register gets one
// localized message; cancel stops a run and the next one works. axe-core on
// the results; screenshots at 390 px in target/e2e/register-*.png; the rows
// per second the page reports are written to target/e2e/register-timing.json.
//
// Run: node --test tests/e2e/   (after ./scripts/build-package, which builds
// target/npm/register, and cargo test, which builds the CLI)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve, launchChromium } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const target = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
const pageDir = process.env.REGISTER_DIR || path.join(target, 'npm/register');
const out = path.join(repo, 'target/e2e');
const work = path.join(out, 'register');
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AS_OF = '2025-12-31';
const ROWS = 10000;

let server, origin, browser, cli;
const files = {};

/** The command line: cargo test has built it (debug); built here when it has not. */
function findCli() {
  for (const p of [process.env.POLICY_CALC, path.join(target, 'debug/policy-calc'), path.join(target, 'release/policy-calc')]) {
    if (p && fs.existsSync(p)) return p;
  }
  execFileSync('cargo', ['build', '-q', '-p', 'calculator-cli'], { cwd: repo, stdio: 'inherit' });
  return path.join(target, 'debug/policy-calc');
}

before(async () => {
  assert.ok(fs.existsSync(path.join(pageDir, 'index.html')), `no register page in ${pageDir}: run ./scripts/build-package first`);
  fs.mkdirSync(work, { recursive: true });
  cli = findCli();
  const gen = (rows, seed, format, name) => {
    const file = path.join(work, name);
    fs.writeFileSync(file, execFileSync(cli, ['generate', '--rows', String(rows), '--seed', String(seed), '--format', format], { maxBuffer: 1 << 30 }));
    return file;
  };
  files.csv = gen(ROWS, 22, 'csv', `register-${ROWS}.csv`);
  files.xlsx = gen(ROWS, 22, 'xlsx', `register-${ROWS}.xlsx`);
  // What Excel on a Chinese Windows saves as "CSV": GB18030 (GBK), no BOM.
  files.gb = path.join(work, `register-${ROWS}-gb18030.csv`);
  fs.writeFileSync(files.gb, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', files.csv], { maxBuffer: 1 << 30 }));
  files.big = gen(100000, 23, 'csv', 'register-100000.csv');
  files.bad = path.join(work, 'not-a-register.csv');
  fs.writeFileSync(files.bad, '名称,备注,联系电话\n甲公司,无,0417-0000000\n');
  // What the command line writes for the same register.
  execFileSync(cli, ['match', '--as-of', AS_OF, '--out', path.join(work, 'cli-matches.csv'), '--notices', path.join(work, 'cli-notices.jsonl'),
    '--summary', path.join(work, 'cli-summary.json'), files.csv], { stdio: ['ignore', 'ignore', 'inherit'] });
  ({ server, origin } = await serve({ '/register/': pageDir }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(lang) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/register/${lang ? `?lang=${lang}` : ''}`);
  await page.locator('html[data-ready="true"]').waitFor();
  await page.locator('#as-of').fill(AS_OF);
  return { context, page, errors };
}

async function downloaded(page, key) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`a[data-download="${key}"]`).click()]);
  return fs.readFileSync(await d.path());
}

test('10,000 rows matched in the browser: the CLI\'s CSV and notices byte for byte, its summary, no request after load', async () => {
  const { context, page, errors } = await open();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  // Every progress report moves the bar: count them.
  await page.evaluate(() => {
    window.progressed = 0;
    new MutationObserver(() => { window.progressed += 1; }).observe(document.getElementById('bar'), { attributes: true, attributeFilter: ['value'] });
  });
  await page.screenshot({ path: path.join(out, 'register-start.png'), fullPage: true });
  await page.locator('#file').setInputFiles(files.csv);
  await page.locator('#results').waitFor({ timeout: 120000 });
  assert.deepEqual(requests, [], 'nothing is fetched or sent while the register is matched');

  const csv = await downloaded(page, 'csv');
  assert.ok(csv.equals(fs.readFileSync(path.join(work, 'cli-matches.csv'))), 'the page\'s CSV is the command line\'s, byte for byte');
  const notices = await downloaded(page, 'notices');
  assert.ok(notices.equals(fs.readFileSync(path.join(work, 'cli-notices.jsonl'))), 'the notices too');
  const xlsx = await downloaded(page, 'xlsx');
  assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an xlsx workbook');
  const summary = JSON.parse(await downloaded(page, 'summary'));
  const cliSummary = JSON.parse(fs.readFileSync(path.join(work, 'cli-summary.json'), 'utf8'));
  assert.equal(summary.rows, ROWS);
  assert.deepEqual(summary.districts, cliSummary.districts);
  assert.deepEqual(summary.policies.map(({ name, category, ...rest }) => rest), cliSummary.policies);
  assert.equal(requests.filter((u) => !u.startsWith('blob:')).length, 0, 'downloads are blobs made on the page');

  // What the clerk reads: the headline's counts are the summary's.
  const headline = await page.locator('#headline').textContent();
  assert.ok(headline.includes(`共 ${ROWS.toLocaleString('zh-CN')} 户企业`) && headline.includes(`其中 ${cliSummary.with_eligible.toLocaleString('zh-CN')} 户`), headline);
  // The policy claimed by most enterprises comes first, with its count and total.
  const most = cliSummary.policies.reduce((a, b) => (b.eligible > a.eligible ? b : a));
  const row = page.locator('#by-policy tbody tr').first();
  assert.equal(await row.locator('td').nth(0).textContent(), most.eligible.toLocaleString('zh-CN'));
  assert.equal((await row.locator('td').nth(1).textContent()).replaceAll(',', ''), most.total_amount);
  assert.ok((await page.locator('.notice').count()) === 3);
  // Every column of the generated register is an input but the name: the page says how many it read.
  const header = fs.readFileSync(files.csv, 'utf8').split('\n')[0].split(',');
  assert.equal(await page.locator('#read-columns summary').textContent(), `读取了 ${(header.length - 1).toLocaleString('zh-CN')} 列`);
  assert.equal(await page.locator('#notes').isVisible(), false, 'no column is ignored');
  assert.ok(await page.evaluate(() => window.progressed) >= 2, 'the progress bar moved while matching');

  const seconds = Number(await page.locator('#results').getAttribute('data-seconds'));
  fs.writeFileSync(path.join(out, 'register-timing.json'), JSON.stringify({ rows: ROWS, seconds, rows_per_second: Math.round(ROWS / seconds) }, null, 2) + '\n');
  console.log(`register page: ${ROWS} rows in ${seconds.toFixed(2)} s in Chromium, ${Math.round(ROWS / seconds)} rows/s (one worker)`);

  await page.evaluate(axeSource);
  const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing wider than the phone (${overflow} px over)`);
  await page.screenshot({ path: path.join(out, 'register-results.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same register as xlsx and as GB18030 CSV gives the same CSV of matches', async () => {
  const { context, page } = await open();
  assert.notDeepEqual(fs.readFileSync(files.gb), fs.readFileSync(files.csv), 'the GB18030 file is another encoding');
  for (const file of [files.xlsx, files.gb]) {
    await page.locator('#file').setInputFiles(file);
    await page.locator('#results').waitFor({ timeout: 120000 });
    const csv = await downloaded(page, 'csv');
    assert.ok(csv.equals(fs.readFileSync(path.join(work, 'cli-matches.csv'))), `${path.basename(file)} gives the same matches as the UTF-8 CSV`);
  }
  await context.close();
});

test('a file that is no register: one message in the page\'s language, naming its columns', async () => {
  const { context, page } = await open('en');
  await page.locator('#file').setInputFiles(files.bad);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /备注/, 'the columns found are named');
  assert.match(text, /[a-z]{4,}/, `said in English: ${text}`);
  assert.equal(await page.locator('#results').isVisible(), false);
  await page.screenshot({ path: path.join(out, 'register-error.png'), fullPage: true });
  await context.close();
});

test('cancel stops a long run; the next file is matched', async () => {
  const { context, page } = await open();
  await page.locator('#file').setInputFiles(files.big);
  // Wait for the first progress report, then cancel: 100,000 rows take many seconds.
  await page.waitForFunction(() => Number(document.getElementById('bar').getAttribute('value')) > 0);
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('alert').filter({ hasText: '已取消' }).waitFor();
  assert.equal(await page.locator('#working').isVisible(), false);
  assert.equal(await page.locator('#results').isVisible(), false);
  await page.locator('#file').setInputFiles(files.csv);
  await page.locator('#results').waitFor({ timeout: 120000 });
  assert.equal(await page.getByRole('alert').isVisible(), false, 'the cancelled message is gone');
  await context.close();
});
