// What Chromium really fetches for a first search query on a built touming site: one fresh
// browser context (empty cache) per query, `search/?q=<query>` opened directly.
//
//   node scripts/search_bytes.mjs --site SITE_DIR --content CONTENT_DIR [--limit K]
//        [--queries 驗收,土石標售] [--concurrency 2] [--out result.json]
//
// Queries: every platform's full title (CONTENT_DIR/platforms/*/index.md, `title:`), or a
// sample of K of them, then the common words (or --queries). Per query it records
//   * first: the bytes of the responses for search.js, search-core.js, search.css and the
//     index files (not the page's HTML, nor style.css and the icon every page loads) when the
//     first results are shown (the status line gives a count); the facet counts are shown then;
//   * total: the same once the page is idle (no request for 1 s): adds what the client
//     fetches in the background to make an estimated count exact.
// and whether the platform page is the first result. Needs playwright-core (the one of
// tests/browser: run `npm ci` there, or set NODE_PATH) and Chromium (CHROMIUM=/usr/bin/chromium).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const root = path.resolve(args.site);
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'node_modules') + '/');
const { chromium } = require('playwright-core');

const COMMON = ['驗收', '土石標售', '契約變更', '大橋', '定期聯繫會議', '星期日'];
let titles = fs.readdirSync(path.join(args.content, 'platforms')).sort().flatMap((slug) => {
  const f = path.join(args.content, 'platforms', slug, 'index.md');
  if (!fs.existsSync(f)) return [];
  const line = fs.readFileSync(f, 'utf8').split('\n').find((l) => l.startsWith('title:'));
  return line ? [[slug, line.slice(6).trim().replace(/^"|"$/g, '')]] : [];
});
if (args.limit) {
  const k = Number(args.limit);
  const step = Math.max(1, Math.floor(titles.length / k));
  titles = titles.filter((_, i) => i % step === 0).slice(0, k);
}
const common = (args.queries ? args.queries.split(',') : COMMON).map((q) => [null, q]);
const queries = [...titles, ...common];

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  let f = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!f.startsWith(root)) return res.writeHead(403).end();
  if (f.endsWith('/')) f += 'index.html';
  fs.readFile(f, (err, data) => {
    if (err) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(f)] ?? 'application/octet-stream', 'content-length': data.length });
    res.end(data);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

// Bytes are the Resource Timing entries' body sizes (same origin), summed in the page: at the
// moment the status line first gives a count (a MutationObserver snapshot; the background
// completion starts after that), and again once no request has finished for 1 s.

async function run(slug, q) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    performance.setResourceTimingBufferSize(100000);
    const sum = () => performance.getEntriesByType('resource')
      .filter((e) => { const p = new URL(e.name).pathname; return p.startsWith('/search/') || p.startsWith('/static/search'); })
      .reduce((a, e) => [a[0] + e.encodedBodySize, a[1] + 1], [0, 0]);
    window.__bytes = sum;
    document.addEventListener('DOMContentLoaded', () => {
      const st = document.getElementById('search-status');
      new MutationObserver(() => {
        if (!window.__first && /筆/.test(st.textContent) && !/搜尋中/.test(st.textContent)) {
          const [bytes, files] = sum();
          window.__first = { bytes, files, status: st.textContent };
        }
      }).observe(st, { childList: true, characterData: true, subtree: true });
    });
  });
  let last = Date.now();
  page.on('requestfinished', () => { last = Date.now(); });
  page.on('request', () => { last = Date.now(); });
  await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => window.__first, null, { timeout: 60000 });
  const first = await page.evaluate(() => window.__first);
  const firstUrl = await page.locator('#search-results [role="option"]').first().getAttribute('href').catch(() => null);
  while (Date.now() - last < 1000) await page.waitForTimeout(100);
  const [bytes, files] = await page.evaluate(() => window.__bytes());
  const total = { bytes, files, status: await page.locator('#search-status').textContent() };
  await ctx.close();
  const want = slug && `${origin}/platforms/${slug}/`;
  return { q, slug, first, total, firstUrl: firstUrl && new URL(firstUrl, origin).href, found: slug ? new URL(firstUrl ?? '/', origin).href === want : null };
}

const results = [];
let next = 0;
const conc = Number(args.concurrency ?? 2);
await Promise.all(Array.from({ length: conc }, async () => {
  while (next < queries.length) {
    const [slug, q] = queries[next++];
    results.push(await run(slug, q));
  }
}));
await browser.close();
server.close();

const KiB = (b) => `${(b / 1024).toFixed(0)} KiB`;
const stats = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return { median: s[Math.round((s.length - 1) * 0.5)], p90: s[Math.round((s.length - 1) * 0.9)], max: s[s.length - 1], over200: s.filter((x) => x > 200 * 1024).length };
};
const t = results.filter((r) => r.slug);
if (t.length) {
  const f = stats(t.map((r) => r.first.bytes));
  const a = stats(t.map((r) => r.total.bytes));
  console.log(`titles: ${t.length}; platform page first: ${t.filter((r) => r.found).length}`);
  console.log(`  first page shown: median ${KiB(f.median)}, p90 ${KiB(f.p90)}, max ${KiB(f.max)}, over 200 KiB: ${f.over200}`);
  console.log(`  page idle:        median ${KiB(a.median)}, p90 ${KiB(a.p90)}, max ${KiB(a.max)}, over 200 KiB: ${a.over200}`);
  for (const r of t.filter((x) => !x.found).slice(0, 10)) console.log(`  miss: ${r.q} → ${r.firstUrl}`);
}
for (const r of results.filter((x) => !x.slug)) {
  console.log(`  ${r.q}: first page ${KiB(r.first.bytes)} (${r.first.files} files, "${r.first.status}"); idle ${KiB(r.total.bytes)} (${r.total.files} files, "${r.total.status}")`);
}
if (args.out) fs.writeFileSync(args.out, JSON.stringify(results, null, 1));
