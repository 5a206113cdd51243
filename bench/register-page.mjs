// The register page's rows per second in Chromium (issue #22), beside the
// native figure of ./scripts/bench-register: a generated register of ROWS
// rows (default 10,000, seed 1) as UTF-8 CSV, GB18030 CSV and xlsx, each
// matched RUNS times (default 3) in a fresh page; the time is the worker's
// own (reading the file, matching, writing the CSV, the notices and the
// workbook), as the page shows it. A measure, not a test.
//
// Run: node bench/register-page.mjs  (after ./scripts/build-package, or with
//      REGISTER_DIR=target/site/register after ./scripts/serve's build), with
//      POLICY_CALC pointing at a built policy-calc (default target/debug or
//      target/release).

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launchChromium } from '../tests/e2e/support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
const dir = process.env.REGISTER_DIR || path.join(target, 'npm/register');
const rows = Number(process.env.ROWS || 10000);
const runs = Number(process.env.RUNS || 3);
const work = path.join(target, 'bench-register-page');
fs.mkdirSync(work, { recursive: true });

const cli = [process.env.POLICY_CALC, path.join(target, 'release/policy-calc'), path.join(target, 'debug/policy-calc')].find((p) => p && fs.existsSync(p));
if (!cli) throw new Error('no policy-calc: run cargo build -p calculator-cli first, or set POLICY_CALC');
const gen = (format, name) => {
  const file = path.join(work, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, execFileSync(cli, ['generate', '--rows', String(rows), '--seed', '1', '--format', format], { maxBuffer: 1 << 30 }));
  return file;
};
const csv = gen('csv', `register-${rows}.csv`);
const gb = path.join(work, `register-${rows}-gb18030.csv`);
if (!fs.existsSync(gb)) fs.writeFileSync(gb, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', csv], { maxBuffer: 1 << 30 }));
const registers = { 'UTF-8 CSV': csv, 'GB18030 CSV': gb, xlsx: gen('xlsx', `register-${rows}.xlsx`) };

const { server, origin } = await serve({ '/register/': dir });
const browser = await launchChromium();
const results = {};
try {
  for (const [name, file] of Object.entries(registers)) {
    const seconds = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${origin}/register/`);
      await page.locator('html[data-ready="true"]').waitFor();
      await page.locator('#as-of').fill('2025-12-31');
      await page.locator('#file').setInputFiles(file);
      await page.locator('#results').waitFor({ timeout: 600000 });
      seconds.push(Number(await page.locator('#results').getAttribute('data-seconds')));
      await context.close();
    }
    seconds.sort((a, b) => a - b);
    const median = seconds[Math.floor(seconds.length / 2)];
    results[name] = { bytes: fs.statSync(file).size, seconds, median, rows_per_second: Math.round(rows / median) };
    console.log(`${name.padEnd(12)} ${rows} rows: ${seconds.map((s) => s.toFixed(2)).join(' / ')} s, median ${median.toFixed(2)} s, ${Math.round(rows / median)} rows/s`);
  }
} finally {
  await browser.close();
  server.close();
}
fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify({ rows, runs, results }, null, 2) + '\n');
