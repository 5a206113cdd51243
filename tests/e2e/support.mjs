// What the end-to-end tests share: a static server on 127.0.0.1 and Debian's
// Chromium.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/** Serves `mounts` (URL prefix → directory, first match wins) on a free port of 127.0.0.1. */
export async function serve(mounts) {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const [prefix, dir] = Object.entries(mounts).find(([m]) => p.startsWith(m)) || [];
    const rest = dir === undefined ? '' : p.slice(prefix.length);
    const file = dir && path.join(dir, rest === '' || rest.endsWith('/') ? rest + 'index.html' : rest);
    if (!file || !file.startsWith(dir)) { res.writeHead(404); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
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
