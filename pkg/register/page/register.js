// The register page: a district office's register matched in a Web Worker
// (register-worker.js), nothing uploaded. This file only talks to the worker
// and writes the page; reading, deciding and every output are the wasm's,
// the same code as `policy-calc match`.

const T = {
  'zh-CN': {
    skip: '跳到主要内容', brand: '辽企通 · 政策找企业', language: '语言',
    title: '企业名册批量匹配惠企政策',
    intro: '选择区县的企业名册（Excel 或 CSV），逐户判断每家企业能享受哪些惠企政策、金额多少，并生成可以发给企业的推送通知。',
    privacy: '名册只在本机浏览器中处理，不会上传到任何服务器；关闭页面后不留存。',
    asOf: '按此日期的政策匹配', needsInput: '也列出“可能符合、还需补充信息”的政策', file: '选择企业名册文件',
    fileHint: '也可以把文件拖到这里。支持 Excel（.xlsx、.xls，读第一个工作表）和 CSV（UTF-8 或 GBK）。第一行是列名，可用中文，如“统一社会信用代码”“从业人数”“营业收入”。',
    template: '下载名册模板', choose: '选择文件', noFile: '未选择文件', districts: (n) => `按地区（${n} 个）`, working: '正在匹配', cancel: '取消', results: '匹配结果',
    estimate: '结果是按名册数据的测算，以主管部门审核为准。', byPolicy: '按政策', byDistrict: '按地区',
    notices: '推送通知（前 3 条）', single: '单户自测：政策计算器',
    loading: '正在准备匹配程序……', waiting: (f) => `已选择“${f}”，匹配程序准备好后开始。`,
    progress: (rows, pct) => `已处理 ${rows} 行（约 ${pct}%）`,
    cancelled: '已取消匹配。名册仍在本机，可重新选择文件。',
    headline: (rows, hit, s) => `共 ${rows} 户企业，其中 ${hit} 户至少符合一项政策（用时 ${s} 秒）。`,
    badRows: (n) => `${n} 行无法读取，已跳过`, fieldRows: (n) => `${n} 户有填写不规范的数据（这些数据按未填写处理）`,
    dl: { xlsx: '下载 Excel 结果（匹配明细、按政策、按地区）', csv: '下载 CSV 明细', notices: '下载推送通知（JSON Lines）', summary: '下载汇总（JSON）' },
    files: { xlsx: '匹配结果', csv: '匹配结果', notices: '推送通知', summary: '匹配汇总', template: '企业名册模板' },
    policyHead: ['政策', '符合户数', '金额合计（元）', '待补充'], districtHead: ['地区', '企业数', '符合户数', '金额合计（元）'],
    pending: (n) => `${n} 户金额待补充数据`, open: (n) => `${n} 户可能符合`, deferral: '递延纳税，不是减免',
    noPolicy: '没有企业符合任何政策。', unknownRegion: '（未填注册地）', noNotices: '没有需要推送的企业。',
    badHead: (n) => `无法读取的行（${n}）`, catalog: (c) => `政策目录 ${c.version}（${c.policies} 项政策）`,
    notesHead: '以下列未使用：', readColumns: (n) => `读取了 ${n} 列`, sep: '、', loadFailed: '匹配程序未能加载，请刷新页面重试。', internal: '匹配时出现意外错误，请重试；如仍失败，请把名册另存为 CSV（UTF-8）后再试。',
    needDate: '请先填写“按此日期的政策匹配”。',
  },
  'zh-TW': {
    skip: '跳到主要內容', brand: '遼企通 · 政策找企業', language: '語言',
    title: '企業名冊批量匹配惠企政策',
    intro: '選擇區縣的企業名冊（Excel 或 CSV），逐戶判斷每家企業能享受哪些惠企政策、金額多少，並產生可以發給企業的推送通知。',
    privacy: '名冊只在本機瀏覽器中處理，不會上傳到任何伺服器；關閉頁面後不留存。',
    asOf: '按此日期的政策匹配', needsInput: '也列出「可能符合、還需補充資訊」的政策', file: '選擇企業名冊檔案',
    fileHint: '也可以把檔案拖到這裡。支援 Excel（.xlsx、.xls，讀第一個工作表）和 CSV（UTF-8 或 GBK）。第一列是欄名，可用中文，如「統一社會信用代碼」「從業人數」「營業收入」。',
    template: '下載名冊範本', choose: '選擇檔案', noFile: '未選擇檔案', districts: (n) => `按地區（${n} 個）`, working: '正在匹配', cancel: '取消', results: '匹配結果',
    estimate: '結果是按名冊資料的測算，以主管部門審核為準。', byPolicy: '按政策', byDistrict: '按地區',
    notices: '推送通知（前 3 則）', single: '單戶自測：政策計算器',
    loading: '正在準備匹配程式……', waiting: (f) => `已選擇「${f}」，匹配程式準備好後開始。`,
    progress: (rows, pct) => `已處理 ${rows} 列（約 ${pct}%）`,
    cancelled: '已取消匹配。名冊仍在本機，可重新選擇檔案。',
    headline: (rows, hit, s) => `共 ${rows} 戶企業，其中 ${hit} 戶至少符合一項政策（用時 ${s} 秒）。`,
    badRows: (n) => `${n} 列無法讀取，已略過`, fieldRows: (n) => `${n} 戶有填寫不規範的資料（這些資料按未填寫處理）`,
    dl: { xlsx: '下載 Excel 結果（匹配明細、按政策、按地區）', csv: '下載 CSV 明細', notices: '下載推送通知（JSON Lines）', summary: '下載匯總（JSON）' },
    files: { xlsx: '匹配結果', csv: '匹配結果', notices: '推送通知', summary: '匹配匯總', template: '企業名冊範本' },
    policyHead: ['政策', '符合戶數', '金額合計（元）', '待補充'], districtHead: ['地區', '企業數', '符合戶數', '金額合計（元）'],
    pending: (n) => `${n} 戶金額待補充資料`, open: (n) => `${n} 戶可能符合`, deferral: '遞延納稅，不是減免',
    noPolicy: '沒有企業符合任何政策。', unknownRegion: '（未填註冊地）', noNotices: '沒有需要推送的企業。',
    badHead: (n) => `無法讀取的列（${n}）`, catalog: (c) => `政策目錄 ${c.version}（${c.policies} 項政策）`,
    notesHead: '以下欄未使用：', readColumns: (n) => `讀取了 ${n} 欄`, sep: '、', loadFailed: '匹配程式未能載入，請重新整理頁面再試。', internal: '匹配時出現意外錯誤，請重試；如仍失敗，請把名冊另存為 CSV（UTF-8）後再試。',
    needDate: '請先填寫「按此日期的政策匹配」。',
  },
  en: {
    skip: 'Skip to main content', brand: 'Liaoqitong · Policies find enterprises', language: 'Language',
    title: 'Match a register of enterprises with business support policies',
    intro: 'Choose your district\'s register of enterprises (Excel or CSV): every enterprise is checked against every policy, with the amount, and a notice you can send it.',
    privacy: 'The register is processed in this browser only. Nothing is uploaded, and nothing is kept when you close the page.',
    asOf: 'Match the policies in force on', needsInput: 'Also list the policies that may apply but need more information', file: 'Choose a register file',
    fileHint: 'Or drop the file here. Excel (.xlsx, .xls: the first sheet) and CSV (UTF-8 or GBK). The first row names the columns, in Chinese or by key, e.g. 统一社会信用代码, 从业人数, 营业收入.',
    template: 'Download a register template', choose: 'Choose a file', noFile: 'No file chosen', districts: (n) => `By district (${n})`, working: 'Matching', cancel: 'Cancel', results: 'Results',
    estimate: 'The results are estimates from the register\'s data; the departments concerned decide.', byPolicy: 'By policy', byDistrict: 'By district',
    notices: 'Notices (the first 3)', single: 'One enterprise: the policy calculator',
    loading: 'Preparing the matcher…', waiting: (f) => `"${f}" chosen; matching starts as soon as the matcher is ready.`,
    progress: (rows, pct) => `${rows} rows done (about ${pct}%)`,
    cancelled: 'Matching cancelled. The register is still only on this computer; choose a file to start again.',
    headline: (rows, hit, s) => `${rows} enterprises, ${hit} of them eligible for at least one policy (${s} s).`,
    badRows: (n) => `${n} unreadable rows skipped`, fieldRows: (n) => `${n} enterprises with values that could not be read (taken as not given)`,
    dl: { xlsx: 'Download the Excel results (matches, by policy, by district)', csv: 'Download the matches as CSV', notices: 'Download the notices (JSON Lines)', summary: 'Download the summary (JSON)' },
    files: { xlsx: 'matches', csv: 'matches', notices: 'notices', summary: 'summary', template: 'register-template' },
    policyHead: ['Policy', 'Eligible', 'Total (yuan)', 'Pending'], districtHead: ['District', 'Enterprises', 'Eligible', 'Total (yuan)'],
    pending: (n) => `${n} amounts need more data`, open: (n) => `${n} may apply`, deferral: 'tax deferred, not saved',
    noPolicy: 'No enterprise is eligible for any policy.', unknownRegion: '(no region given)', noNotices: 'No enterprise to notify.',
    badHead: (n) => `Unreadable rows (${n})`, catalog: (c) => `Policy catalog ${c.version} (${c.policies} policies)`,
    notesHead: 'Columns not used:', readColumns: (n) => `${n} columns read`, sep: ', ', loadFailed: 'The matcher could not be loaded; reload the page to try again.', internal: 'Something went wrong while matching; try again, or save the register as CSV (UTF-8) and try that.',
    needDate: 'Fill in the date first.',
  },
};
const HTML_LANG = { 'zh-CN': 'zh-Hans-CN', 'zh-TW': 'zh-Hant-TW', en: 'en' };

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
};

const state = { lang: 'zh-CN', worker: null, ready: false, catalog: null, file: null, run: 0, last: null, urls: [], template: null };
const t = () => T[state.lang];

/** A count with thousands separators; money strings ("1234567.80") grouped without going through a float. */
const count = (n) => Number(n).toLocaleString(state.lang === 'en' ? 'en' : 'zh-CN');
function money(s) {
  const [whole, frac] = String(s).split('.');
  const neg = whole.startsWith('-');
  const digits = neg ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function startWorker() {
  state.ready = false;
  state.worker = new Worker(new URL('./register-worker.js', import.meta.url), { type: 'module' });
  state.worker.onmessage = ({ data }) => onWorker(data);
  state.worker.onerror = () => problem(t().loadFailed);
}

function onWorker(data) {
  if (data.type === 'ready') {
    state.ready = true;
    state.catalog = data.catalog;
    document.documentElement.dataset.ready = 'true';
    $('catalog').textContent = t().catalog(state.catalog);
    requestTemplate();
    if (state.file) match();
    return;
  }
  if (data.type === 'template') {
    if (data.lang !== state.lang) return;
    if (state.template) URL.revokeObjectURL(state.template);
    state.template = URL.createObjectURL(new Blob([data.text], { type: 'text/csv;charset=utf-8' }));
    $('template').href = state.template;
    $('template').download = `${t().files.template}.csv`;
    $('template').hidden = false;
    return;
  }
  if (data.run !== undefined && data.run !== state.run) return;
  if (data.type === 'progress') return progress(data);
  if (data.type === 'done') return done(data.out);
  if (data.type === 'error') {
    $('working').hidden = true;
    if (data.code === 'load') return problem(t().loadFailed);
    if (data.code === 'internal') {
      // A trapped wasm instance is not reused.
      state.worker.terminate();
      startWorker();
      return problem(t().internal);
    }
    problem(data.message);
  }
}

function requestTemplate() {
  if (state.ready) state.worker.postMessage({ type: 'template', lang: state.lang });
}

let lastSaid = 0;
function progress(p) {
  const pct = p.length > 0 ? Math.min(99, Math.floor((p.position / p.length) * 100)) : 0;
  $('bar').value = p.length > 0 ? p.position / p.length : 0;
  // The live region is updated at most twice a second: a screen reader
  // should hear progress, not every chunk.
  const now = performance.now();
  if (now - lastSaid > 500) {
    lastSaid = now;
    $('status').textContent = t().progress(count(p.rows), pct);
  }
}

function problem(message) {
  const box = $('problem');
  box.textContent = message;
  box.hidden = !message;
}

function match() {
  if (!state.file) return;
  const asOf = $('as-of').value;
  if (!asOf) {
    problem(t().needDate);
    $('as-of').focus();
    return;
  }
  problem('');
  $('results').hidden = true;
  $('working').hidden = false;
  $('bar').removeAttribute('value');
  lastSaid = 0;
  if (!state.ready) {
    $('status').textContent = t().waiting(state.file.name);
    return;
  }
  $('status').textContent = t().progress(0, 0);
  state.run += 1;
  state.worker.postMessage({
    type: 'match',
    run: state.run,
    file: state.file,
    options: { asOf, lang: state.lang, needsInput: $('needs-input').checked },
  });
}

function cancel() {
  state.run += 1;
  state.worker.terminate();
  startWorker();
  $('working').hidden = true;
  problem(t().cancelled);
  $('file').focus();
}

function download(key, data, type, ext) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  state.urls.push(url);
  const stem = state.file ? state.file.name.replace(/\.[^.]*$/, '') : '';
  const a = el('a', { href: url, download: `${t().files[key]}-${stem}-${$('as-of').value}.${ext}`, 'data-download': key }, t().dl[key]);
  return el('li', {}, a);
}

function done(out) {
  state.last = out;
  for (const u of state.urls) URL.revokeObjectURL(u);
  state.urls = [];
  const tt = t();
  const s = out.summary;
  $('working').hidden = true;
  $('bar').value = 1;
  const parts = [tt.headline(count(s.rows), count(s.with_eligible), out.seconds.toFixed(1))];
  if (out.badRows > 0) parts.push(tt.badRows(count(out.badRows)));
  if (s.rows_with_field_errors > 0) parts.push(tt.fieldRows(count(s.rows_with_field_errors)));
  $('headline').textContent = parts.join(' ');

  const dl = $('downloads');
  dl.replaceChildren(
    download('xlsx', out.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
    download('csv', out.csv, 'text/csv;charset=utf-8', 'csv'),
    download('notices', out.notices, 'application/x-ndjson;charset=utf-8', 'jsonl'),
    download('summary', JSON.stringify(s, null, 2) + '\n', 'application/json', 'json'),
  );

  // What was understood, then what was not.
  const read = $('read-columns');
  read.querySelector('summary').textContent = tt.readColumns(count(out.columns.length));
  read.querySelector('p').textContent = out.columns.join(tt.sep);
  const notes = $('notes');
  notes.hidden = out.notes.length === 0;
  notes.replaceChildren(el('p', {}, tt.notesHead), el('ul', {}, ...out.notes.map((n) => el('li', {}, n))));

  const head = (cells) => el('thead', {}, el('tr', {}, ...cells.map((c, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, c))));
  // Most claimed first: what a district office looks at first.
  const rows = s.policies.map((p, i) => ({ ...p, i })).filter((p) => p.eligible > 0 || p.needs_input > 0)
    .sort((a, b) => b.eligible - a.eligible || a.i - b.i);
  const [, hEligible, hTotal, hPending] = tt.policyHead;
  const policyRows = rows.map((p) => {
    const name = el('th', { scope: 'row' }, p.name);
    if (p.category === 'tax_deferral') name.append(el('span', { class: 'tag' }, tt.deferral));
    const notes = [];
    if (p.amount_pending > 0) notes.push(tt.pending(count(p.amount_pending)));
    if (p.needs_input > 0) notes.push(tt.open(count(p.needs_input)));
    return el('tr', {}, name,
      el('td', { class: 'num', 'data-label': hEligible }, count(p.eligible)),
      el('td', { class: 'num', 'data-label': hTotal }, money(p.total_amount)),
      el('td', notes.length ? { 'data-label': hPending } : {}, notes.join(state.lang === 'en' ? '; ' : '；')));
  });
  $('by-policy').replaceChildren(head(tt.policyHead), el('tbody', {}, ...(policyRows.length ? policyRows : [el('tr', {}, el('td', { colspan: '4' }, tt.noPolicy))])));
  const districtRows = s.districts.map((d) =>
    el('tr', {}, el('th', { scope: 'row' }, d.region_code ? `${d.name || ''} ${d.region_code}`.trim() : tt.unknownRegion),
      el('td', { class: 'num' }, count(d.enterprises)), el('td', { class: 'num' }, count(d.with_eligible)), el('td', { class: 'num' }, money(d.total_amount))));
  $('by-district').replaceChildren(head(tt.districtHead), el('tbody', {}, ...districtRows));
  $('districts-h').textContent = tt.districts(count(s.districts.length));

  const notices = out.notices.split('\n').filter(Boolean).slice(0, 3).map((l) => JSON.parse(l));
  $('notice-list').replaceChildren(...(notices.length
    ? notices.map((n) => el('blockquote', { class: 'notice' }, n.text))
    : [el('p', {}, tt.noNotices)]));

  const bad = $('bad');
  bad.hidden = out.badRows === 0;
  bad.querySelector('summary').textContent = tt.badHead(count(out.badRows));
  bad.querySelector('ul').replaceChildren(...out.bad.map((b) => el('li', {}, b)));

  $('results').dataset.seconds = out.seconds.toFixed(3);
  $('results').hidden = false;
  $('results').focus();
}

function relabel() {
  const tt = t();
  document.documentElement.lang = HTML_LANG[state.lang];
  for (const e of document.querySelectorAll('[data-t]')) {
    const v = tt[e.dataset.t];
    if (typeof v === 'string') e.textContent = v;
  }
  document.title = `${tt.brand} · ${tt.title}`;
  if (state.catalog) $('catalog').textContent = tt.catalog(state.catalog);
  if (state.file) $('file-name').textContent = state.file.name;
  if (state.last) {
    $('districts-h').textContent = tt.districts(count(state.last.summary.districts.length));
    $('read-columns').querySelector('summary').textContent = tt.readColumns(count(state.last.columns.length));
  }
}

function choose(file) {
  if (!file) return;
  state.file = file;
  $('file-name').textContent = file.name;
  match();
}

function setup() {
  $('as-of').value = today();
  const stored = new URLSearchParams(location.search).get('lang');
  if (stored && T[stored]) {
    state.lang = stored;
    $('lang').value = stored;
    relabel();
  }
  $('lang').addEventListener('change', () => {
    state.lang = $('lang').value;
    relabel();
    requestTemplate();
    // The outputs are written in the page's language: match again.
    if (state.file && state.last) match();
  });
  $('as-of').addEventListener('change', () => state.file && state.last && match());
  $('needs-input').addEventListener('change', () => state.file && state.last && match());
  $('file').addEventListener('change', (e) => choose(e.target.files[0]));
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('cancel').addEventListener('click', cancel);
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    choose(e.dataTransfer.files[0]);
  });
  startWorker();
}

setup();
