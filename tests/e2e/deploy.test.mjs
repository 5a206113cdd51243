// The example nginx configuration of README's "Deployment"
// (pkg/examples/nginx.conf), tested as a portal would use it: nginx serves
// the built page (target/site) with that very file, and the test checks what
// it sends — compression, a year for the hashed files, revalidation (304) for
// the page, the CSP header — and that the page runs from it in Chromium, and
// the register page beside it (target/npm/register, under /register/) too:
// its worker compiles the wasm and matches a register under that CSP.
// Skipped where nginx is not installed (.ci/install-tools installs Debian's
// nginx-light).
//
// Run: node --test tests/e2e/   (scripts/test does, after the trunk build)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const site = process.env.SITE_DIR || path.join(repo, 'target/site');
const registerPage = process.env.REGISTER_DIR || path.join(repo, 'target/npm/register');
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

test('pkg/examples/nginx.conf serves the page compressed, cached and revalidated', { skip: !nginx && 'nginx is not installed' }, async () => {
  const dir = path.join(repo, 'target/e2e/nginx');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const port = await freePort();
  // The example as shipped, with only its address and folder changed.
  const example = fs.readFileSync(path.join(repo, 'pkg/examples/nginx.conf'), 'utf8');
  // The portal's folder: the page's files, and the register page beside them.
  const root = path.join(dir, 'site');
  fs.mkdirSync(root);
  for (const f of fs.readdirSync(site)) if (fs.statSync(path.join(site, f)).isFile()) fs.copyFileSync(path.join(site, f), path.join(root, f));
  const withRegister = fs.existsSync(path.join(registerPage, 'index.html'));
  if (withRegister) fs.cpSync(registerPage, path.join(root, 'register'), { recursive: true });
  const site_conf = example.replace('listen 80;', `listen 127.0.0.1:${port};`).replace('root /srv/policy-calculator;', `root ${root};`);
  assert.notEqual(site_conf, example);
  fs.writeFileSync(path.join(dir, 'site.conf'), site_conf);
  const mime = ['/etc/nginx/mime.types'].find((p) => fs.existsSync(p));
  assert.ok(mime, "nginx's mime.types");
  const t = (name) => path.join(dir, 'tmp', name);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `daemon off;
master_process off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events {}
http {
  include ${mime};
  access_log off;
  client_body_temp_path ${t('body')}; proxy_temp_path ${t('proxy')}; fastcgi_temp_path ${t('fastcgi')}; uwsgi_temp_path ${t('uwsgi')}; scgi_temp_path ${t('scgi')};
  include ${path.join(dir, 'site.conf')};
}
`);
  execFileSync(nginx, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit' });
  const server = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit' });
  const origin = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try { await fetch(origin + '/'); break; } catch (e) { if (i > 200) throw e; await new Promise((r) => setImmediate(r)); }
    }
    const files = fs.readdirSync(site).filter((f) => fs.statSync(path.join(site, f)).isFile());
    const wasm = files.find((f) => f.endsWith('_bg.wasm'));
    const get = (p, headers = {}) => fetch(origin + p, { headers: { 'accept-encoding': 'gzip', ...headers } });
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.equal(page.headers.get('content-encoding'), 'gzip');
    assert.match(page.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
    const etag = page.headers.get('etag');
    assert.ok(etag, 'an ETag for index.html');
    // A returning visitor's browser revalidates the page: 304, no body.
    const again = await get('/', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    for (const f of files.filter((x) => x !== 'index.html')) {
      const r = await get('/' + f);
      assert.equal(r.status, 200, f);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', f);
      assert.equal(r.headers.get('content-encoding'), 'gzip', f);
    }
    assert.equal((await get('/' + wasm)).headers.get('content-type'), 'application/wasm');

    // The page runs from it: the app takes over its first screen.
    const browser = await launchChromium();
    try {
      const p = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const problems = [];
      p.on('pageerror', (e) => problems.push(e.message));
      p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await p.goto(origin + '/');
      await p.locator('#app > .lqt:not([data-lqt-static])').getByRole('button', { name: '开始测算' }).waitFor();
      assert.deepEqual(problems, []);
      if (withRegister) {
        // The register page under the same headers: a CSP violation would be a console error.
        const csv = path.join(dir, 'register.csv');
        fs.writeFileSync(csv, '统一社会信用代码,企业名称,主体类型,企业所得税年度应纳税所得额,从业人数,资产总额,是否从事国家限制或禁止行业\n91210800MA0QEXAMP3,营口某某机械有限公司,enterprise,1800000,48,19000000,false\n');
        await p.goto(origin + '/register/');
        await p.locator('html[data-ready="true"]').waitFor();
        await p.locator('#as-of').fill('2025-12-31');
        await p.locator('#file').setInputFiles(csv);
        await p.locator('#results').waitFor();
        assert.match(await p.locator('#headline').textContent(), /共 1 户企业，其中 1 户/);
        assert.deepEqual(problems, []);
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
    await new Promise((r) => server.once('exit', r));
  }
});
