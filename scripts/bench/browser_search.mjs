// Pagefind's (and touming's) first-query cost and full-title recall, measured in headless
// Chromium, one fresh browser context (empty cache) per query.
//
//   node browser_search.mjs --engine pagefind|touming --root PUBLIC_DIR --titles titles.tsv
//        [--base /bench/] [--concurrency 3] [--limit K] [--out result.json]
//
// titles.tsv: "slug<TAB>title" per line. A query counts as found when the platform page
// (`<base>platforms/<slug>/`) is the first result. Bytes are the response bodies of every
// request the page made after the empty start page (`pagefind.js`, its wasm, metadata,
// index chunks and the fragments of the first 10 results; for touming the search JS/CSS
// and index files). Needs playwright-core (BENCH_NODE_DIR=<dir with node_modules>) and
// Chromium (CHROMIUM=/usr/bin/chromium).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const engine = args.engine ?? "pagefind";
const root = path.resolve(args.root);
const base = args.base ?? "/";
const conc = Number(args.concurrency ?? 3);
const require = createRequire(path.join(process.env.BENCH_NODE_DIR ?? process.cwd(), "node_modules") + "/");
const { chromium } = require("playwright-core");

let titles = fs
  .readFileSync(args.titles, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.split("\t"));
if (args.limit) {
  const k = Number(args.limit);
  const step = Math.max(1, Math.floor(titles.length / k));
  titles = titles.filter((_, i) => i % step === 0).slice(0, k);
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p === "/__blank.html") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    return res.end('<!doctype html><html lang="zh-TW"><meta charset="utf-8"><title>blank</title>');
  }
  if (p.startsWith(base)) p = "/" + p.slice(base.length);
  let f = path.join(root, p);
  if (!f.startsWith(root)) return res.writeHead(403).end();
  if (f.endsWith("/")) f += "index.html";
  fs.readFile(f, (err, data) => {
    if (err) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(f)] ?? "application/octet-stream", "content-length": data.length });
    res.end(data);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });

async function pagefindQuery(page, q) {
  await page.goto(`${origin}/__blank.html`);
  return page.evaluate(
    async ({ q, base }) => {
      const pf = await import(`${base}pagefind/pagefind.js`);
      const s = await pf.search(q);
      const top = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      return { total: s.results.length, urls: top.map((d) => d.url) };
    },
    { q, base },
  );
}

async function toumingQuery(page, q) {
  await page.goto(`${origin}${base}search/?q=${encodeURIComponent(q)}`);
  // The results list is filled by search.js; wait for the live region's count or a result.
  await page.waitForFunction(() => document.querySelector('[role="listbox"] [role="option"] a, [role="listbox"] a') || /0|沒有|No result/.test(document.querySelector('[aria-live]')?.textContent ?? ""), null, { timeout: 20000 }).catch(() => {});
  return page.evaluate(() => {
    const links = [...document.querySelectorAll('[role="listbox"] a')].map((a) => new URL(a.href).pathname);
    return { total: links.length, urls: links.slice(0, 10) };
  });
}

const results = [];
let next = 0;
async function worker() {
  while (next < titles.length) {
    const [slug, title] = titles[next++];
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    let bytes = 0;
    let files = 0;
    page.on("requestfinished", async (req) => {
      const u = new URL(req.url());
      if (u.pathname === "/__blank.html" || req.resourceType() === "document") return;
      if (engine === "touming" && !/search|static\/search/.test(u.pathname)) return;
      try {
        const s = await req.sizes();
        bytes += s.responseBodySize;
        files += 1;
      } catch {}
    });
    let r;
    try {
      r = engine === "pagefind" ? await pagefindQuery(page, title) : await toumingQuery(page, title);
    } catch (e) {
      r = { total: -1, urls: [], error: String(e) };
    }
    await page.waitForTimeout(50);
    const want = `${base}platforms/${slug}/`;
    const norm = (u) => (u ? new URL(u, origin).pathname : u);
    results.push({ slug, title, total: r.total, first: norm(r.urls[0]), found1: norm(r.urls[0]) === want, in10: r.urls.map(norm).includes(want), bytes, files, error: r.error });
    await ctx.close();
  }
}
const t0 = Date.now();
await Promise.all(Array.from({ length: conc }, worker));
await browser.close();
server.close();

const n = results.length;
const b = results.map((r) => r.bytes).sort((x, y) => x - y);
const pct = (p) => b[Math.round((n - 1) * p)] ?? 0;
const summary = {
  engine,
  queries: n,
  first: results.filter((r) => r.found1).length,
  top10: results.filter((r) => r.in10).length,
  no_result: results.filter((r) => r.total === 0).length,
  errors: results.filter((r) => r.error).length,
  bytes_median: pct(0.5),
  bytes_p90: pct(0.9),
  bytes_max: b[n - 1] ?? 0,
  over_200k: b.filter((x) => x > 200 * 1024).length,
  seconds: (Date.now() - t0) / 1000,
  misses: results.filter((r) => !r.found1).slice(0, 20).map((r) => `${r.title} → ${r.first ?? "(none)"}`),
};
if (args.out) fs.writeFileSync(args.out, JSON.stringify({ summary, results }, null, 1));
console.log(`${engine}: platform page first for ${summary.first}/${n} full titles (in top 10: ${summary.top10}, no result: ${summary.no_result}, errors: ${summary.errors}); first-query bytes median ${summary.bytes_median}, p90 ${summary.bytes_p90}, max ${summary.bytes_max}, over 200 KiB: ${summary.over_200k}; ${summary.seconds.toFixed(0)} s`);
console.log("JSON " + JSON.stringify(summary));
