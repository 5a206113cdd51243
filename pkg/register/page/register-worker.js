// The register page's worker: the wasm matches the whole file in one call,
// reporting progress once per chunk of rows; the page cancels by terminating
// this worker. Nothing is fetched but the wasm beside this file, once.
import init, { matchRegister, registerTemplate, catalogInfo } from './liaoqitong_register.js';

const ready = init().then(
  () => self.postMessage({ type: 'ready', catalog: catalogInfo() }),
  (e) => self.postMessage({ type: 'error', code: 'load', message: String(e && e.message || e) }),
);

self.onmessage = async ({ data }) => {
  await ready;
  if (data.type === 'template') {
    self.postMessage({ type: 'template', lang: data.lang, text: registerTemplate(data.lang) });
    return;
  }
  if (data.type !== 'match') return;
  const started = performance.now();
  try {
    const bytes = new Uint8Array(await data.file.arrayBuffer());
    const name = data.file.name || '';
    const options = { ...data.options, jsonLines: /\.(jsonl|ndjson)$/i.test(name) };
    const out = matchRegister(bytes, options, (p) => self.postMessage({ type: 'progress', run: data.run, ...p }));
    out.seconds = (performance.now() - started) / 1000;
    self.postMessage({ type: 'done', run: data.run, out }, [out.xlsx.buffer]);
  } catch (e) {
    self.postMessage({ type: 'error', run: data.run, code: e && e.code || 'internal', message: String(e && e.message || e) });
  }
};
