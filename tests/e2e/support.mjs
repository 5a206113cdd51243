// What the end-to-end tests share: a static server on 127.0.0.1 and Debian's
// Chromium.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { chromium } from 'playwright-core';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.bin': 'application/octet-stream' };

// A file name carrying a content hash, as trunk writes them
// (policy-calculator-web-0123456789abcdef_bg.wasm): its content never changes.
export const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

/**
 * Serves `mounts` (URL prefix → directory, first match wins) on a free port
 * of 127.0.0.1 as README's deployment section tells a portal to: compressed
 * (brotli when `brotli` is set and the browser accepts it, else gzip), a
 * hashed file cached for a year (`immutable`), anything else revalidated
 * (`no-cache` with an ETag, answered 304 when unchanged). `delay(pathname)`
 * may return a promise the response waits for (a test holding the wasm back).
 */
export async function serve(mounts, { brotli = false, delay } = {}) {
  const packed = new Map();
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const [prefix, dir] = Object.entries(mounts).find(([m]) => p.startsWith(m)) || [];
    const rest = dir === undefined ? '' : p.slice(prefix.length);
    const file = dir && path.join(dir, rest === '' || rest.endsWith('/') ? rest + 'index.html' : rest);
    if (!file || !file.startsWith(dir)) { res.writeHead(404); res.end(); return; }
    fs.readFile(file, async (err, data) => {
      if (err) { res.writeHead(404); res.end(); return; }
      if (delay) await delay(p);
      const accept = String(req.headers['accept-encoding'] || '');
      const encoding = brotli && /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
      const etag = `"${crypto.createHash('sha256').update(data).digest('base64url').slice(0, 22)}${encoding ? '-' + encoding : ''}"`;
      const headers = {
        'content-type': types[path.extname(file)] || 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        vary: 'Accept-Encoding',
      };
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); return; }
      let body = data;
      if (encoding) {
        const key = `${etag}`;
        if (!packed.has(key)) {
          packed.set(key, encoding === 'br'
            ? zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
            : zlib.gzipSync(data, { level: 9 }));
        }
        body = packed.get(key);
        headers['content-encoding'] = encoding;
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Headless Chromium as root, with nothing of its own on the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Answers the questions on the current screen of `root` (a page or a frame
 * locator) from `answers` (key → value, or [value, unit] for money), as a
 * person would: a radio, the boxes of a checklist (a yes/no key ticked when
 * its answer is 'true', a number when it is not '0', then its value typed),
 * a value typed, a code found by name in its picker (`pickers`: key →
 * [what to type, the option to pick]). Returns how many answers were given:
 * a checklist is one, a number typed beside a tick another. Keys not in
 * `answers` are left for the page (blank is 不确定). `how` may give `type(input,
 * text)` (the benchmark types key by key; default: fill at once) and
 * `settle()`, awaited after each action.
 */
export async function answerScreen(root, answers, pickers = {}, scope = 'main form', how = {}) {
  const { type = (input, text) => input.fill(text), settle = async () => {} } = how;
  let given = 0;
  const form = root.locator(scope);
  for (const fieldset of await form.locator('fieldset.lqt-multi').all()) {
    given += 1;
    for (const box of await fieldset.locator('input[type=checkbox]').all()) {
      const key = (await box.getAttribute('id')).slice(2);
      const want = key in answers && answers[key] !== 'false' && [].concat(answers[key])[0] !== '0';
      if (want && !(await box.isChecked())) {
        await box.check();
        await settle();
        const number = fieldset.locator(`input[id="q-${key}"]`);
        if (await number.count()) { await fill(form, key, answers[key], type, settle); given += 1; }
      }
    }
    // A result card's checklist: 计算金额 once the boxes are ticked.
    const settleButton = fieldset.locator('button.lqt-settle');
    if (await settleButton.count()) { await settleButton.click(); await settle(); }
  }
  const keys = await form.locator(':scope [id^="q-"]').evaluateAll((els) => els.filter((e) => !e.closest('fieldset.lqt-multi') || e.closest('.lqt-reveal')).map((e) => e.id.slice(2)));
  for (const key of keys) {
    if (!(key in answers) || (await form.locator(`.lqt-reveal [id="q-${key}"]`).count())) continue;
    const [value] = [].concat(answers[key]);
    const radio = form.locator(`[id="f-${key}-${value}"]`);
    if (await radio.count()) { if (!(await radio.isChecked())) { await radio.check(); await settle(); } given += 1; continue; }
    const input = form.locator(`input[id="q-${key}"]`);
    if (!(await input.count())) continue;
    if ((await input.getAttribute('role')) === 'combobox' && pickers[key]) {
      const [typed, option] = pickers[key];
      await type(input, typed);
      await settle();
      await root.getByRole('option', { name: option }).click();
      await settle();
    } else {
      await fill(form, key, answers[key], type, settle);
    }
    given += 1;
  }
  return given;
}

async function fill(form, key, answer, type, settle) {
  const [value, unit] = [].concat(answer);
  const input = form.locator(`input[id="q-${key}"]`);
  if (unit) { await form.locator(`input[id="q-${key}"] ~ select.lqt-unit`).selectOption(unit); await settle(); }
  await type(input, value);
  await settle();
  // A question on a result card takes its answer on change.
  await input.dispatchEvent('change');
  await settle();
}

// 营口市站前区, C34 通用设备制造业, 48 staff, revenue 2,800万 and assets 1,900万
// (typed in 万元), general VAT taxpayer, small low-profit at the last
// settlement; rules in force on 2025-12-31.
export const clerk = {
  entity_type: 'enterprise', region_code: '210802', industry_code: 'C34', employees: '48',
  annual_revenue: ['2800', 'wan'], total_assets: ['1900', 'wan'],
  restricted_industry: 'false', cit_collection: 'audit', taxable_income: '1800000',
  rd_expense: ['120', 'wan'], rd_intangible_amortization: '0', vat_taxpayer: 'general',
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
