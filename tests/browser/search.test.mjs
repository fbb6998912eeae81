// The search page on the built example site (the fixture: `tests/browser/run` builds
// content/), in headless Chromium under the site's CSP: real queries give exactly the records
// that contain them (checked against an oracle that reads every record's full text from the
// published index and matches substrings), every result's page as built shows the query
// (ground truth read from the served HTML, not from the index), every content page of the
// sitemap has a record, every
// platform's full title finds its platform first, 台/臺 fold, filters narrow, a shared
// link runs its query, the combobox/listbox works from the keyboard, the live region
// announces the count, the English page works, axe-core finds nothing, and no index file
// holds the canary words of unpublished entries.
//   TOUMING_BASE_URL=http://127.0.0.1:8000/ node --test tests/browser/search.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, url } from './lib.mjs';
import { core } from '../browser-search/load-core.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CANARIES = ['DRAFTCANARY', 'EMBARGOCANARY', 'SECRETCANARY'];

let browser;
let context;
let axeContext;

before(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // axe is injected as an inline script, which the site's CSP forbids: only for axe.
  axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
});

// ---- The oracle: every record's full text, from the published index ----------------------

async function fetchBytes(href) {
  const res = await fetch(href);
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
}

const corpora = new Map();

/** Every record of a language: {url (absolute), title, kind, text (title + "\n" + body)}. */
async function corpus(lang) {
  if (!corpora.has(lang)) corpora.set(lang, loadCorpus(lang));
  return corpora.get(lang);
}

async function loadCorpus(lang) {
  const base = url(`search/${lang}/`);
  const siteRoot = url(lang === 'en' ? 'en/' : '');
  const m = await (await fetch(`${base}index.json`)).json();
  // One request at a time: a simple test server has a short listen queue.
  const recs = [];
  for (let d = 0; d < m.docs; d++) {
    const r = await (await fetch(`${base}r/${d}.json`)).json();
    let body = r.x;
    for (let k = 0; k < r.n; k++) {
      const part = await (await fetch(`${base}r/${d}-${k}.txt`)).text();
      body += Array.from(part).slice(m.overlap).join('');
    }
    recs.push({ url: new URL(r.u, siteRoot).href, title: r.t, kind: r.k, text: `${r.t}\n${body}` });
  }
  assert.ok(recs.length > 50, `only ${recs.length} records in ${lang}`);
  return recs;
}

/** Records that really contain every part of the query (the engine's semantics). */
function oracle(recs, q) {
  const parts = core.parseQuery(q);
  return recs.filter((r) => {
    const norm = core.normalize(r.text);
    const words = core.tokens(r.text);
    return parts.length && parts.every((p) => (p.cjk
      ? norm.includes(String.fromCodePoint(...p.cjk))
      : words.some((w) => w === p.word || (p.prefix && w.startsWith(p.word)))));
  });
}

const sorted = (a) => [...a].sort();

// ---- Ground truth from the built pages -----------------------------------------------------

const pageTexts = new Map();

/** The text of a built page's <main> without its <nav>s (breadcrumb, table of contents, pager),
 *  and the ids in it, read from the served HTML (not from the index). */
async function pageText(href) {
  const u = href.replace(/#.*/, '');
  if (!pageTexts.has(u)) {
    pageTexts.set(u, (async () => {
      const res = await fetch(u);
      assert.equal(res.status, 200, `${u}: HTTP ${res.status}`);
      const html = await res.text();
      const main = (html.match(/<main[\s\S]*?<\/main>/) || [''])[0];
      const ids = new Set([...main.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      const text = main.replace(/<nav[\s\S]*?<\/nav>/g, ' ').replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);
      return { text, ids };
    })());
  }
  return pageTexts.get(u);
}

/** Whether a page's text holds every part of the query (the engine's semantics). */
function holds(text, q) {
  const norm = core.normalize(text);
  const words = core.tokens(text);
  return core.parseQuery(q).every((p) => (p.cjk
    ? norm.includes(String.fromCodePoint(...p.cjk))
    : words.some((w) => w === p.word || (p.prefix && w.startsWith(p.word)))));
}

/** Every result's page, as built and served, shows the query, and the result's #fragment
 *  names an element of that page. */
async function resultsShowTheQuery(got, q) {
  for (const href of got) {
    const { text, ids } = await pageText(href);
    assert.ok(holds(text, q), `${href}: the page does not show ${q}`);
    const frag = new URL(href).hash.slice(1);
    if (frag) assert.ok(ids.has(decodeURIComponent(frag)), `${href}: no element #${frag} on the page`);
  }
}

// ---- Driving the page ----------------------------------------------------------------------

/** Open a page, recording HTTP errors, script errors and CSP violations. */
async function open(path, ctx = context) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const res = await page.goto(url(path), { waitUntil: 'load' });
  assert.equal(res.status(), 200, `${path}: HTTP ${res.status()}`);
  return { page, problems };
}

const BUSY = /搜尋中|Searching/;
const ABOUT = /約|about/;

/** Wait until the search has settled: a status that is not "searching" nor an estimate. */
async function settled(page) {
  await page.waitForFunction(([busy, about]) => {
    const s = document.getElementById('search-status').textContent;
    return s && !new RegExp(busy).test(s) && !new RegExp(about).test(s);
  }, [BUSY.source, ABOUT.source]);
  return page.locator('#search-status').textContent();
}

/** The hrefs of all results, pressing "more" until every result is shown. */
async function allResults(page) {
  await settled(page);
  for (;;) {
    const more = page.locator('#search-more');
    if (!(await more.isVisible())) break;
    const n = await page.locator('#search-results [role="option"]').count();
    await more.click();
    await page.waitForFunction((k) => document.querySelectorAll('#search-results [role="option"]').length > k, n);
    await settled(page);
  }
  return page.$$eval('#search-results [role="option"]', (as) => as.map((a) => a.href));
}

/** The number in the status line that is the total ("找到 13 筆", "顯示前 10 筆，共 13 筆"). */
function statusTotal(s) {
  const nums = [...s.matchAll(/[\d,]+/g)].map((x) => Number(x[0].replace(/,/g, '')));
  return nums[nums.length - 1];
}

/** Run `q` on the search page (by a shareable link) and compare with the oracle. */
async function check(lang, q, { min = 1 } = {}) {
  const prefix = lang === 'en' ? 'en/' : '';
  const { page, problems } = await open(`${prefix}search/?q=${encodeURIComponent(q)}`);
  try {
    const got = await allResults(page);
    const want = oracle(await corpus(lang), q).map((r) => r.url);
    assert.ok(want.length >= min, `${q}: the oracle finds only ${want.length}`);
    assert.deepEqual(sorted(got), sorted(want), `${lang} ${q}: results differ from the pages containing it`);
    await resultsShowTheQuery(got, q);
    const status = await page.locator('#search-status').textContent();
    assert.equal(statusTotal(status), want.length, `${q}: status "${status}"`);
    assert.deepEqual(problems, [], `${q}: ${problems.join('; ')}`);
    return { page, got };
  } catch (e) {
    await page.close();
    throw e;
  }
}

// ---- Queries -------------------------------------------------------------------------------

test('a 2-character word finds exactly the pages containing it', async () => {
  const { page, got } = await check('zh-TW', '大橋', { min: 5 });
  assert.equal(got[0], url('platforms/danjiang-bridge/'), 'the platform with it in its title comes first');
  // The match is marked in the title or the excerpt of every result.
  const marks = await page.$$eval('#search-results [role="option"]', (lis) => lis.map((li) => [...li.querySelectorAll('mark')].map((m) => m.textContent)));
  for (const m of marks) assert.ok(m.includes('大橋'), JSON.stringify(marks));
  await page.close();
});

test('a 4-character phrase finds exactly the pages containing it', async () => {
  const { page } = await check('zh-TW', '土石標售', { min: 5 });
  await page.close();
});

test('a substring across word boundaries', async () => {
  // 淡江大|橋廉政|平臺: 橋廉政 is no word, but a substring of the title.
  const { page, got } = await check('zh-TW', '橋廉政', { min: 2 });
  assert.ok(got.includes(url('platforms/danjiang-bridge/')));
  await page.close();
  (await check('zh-TW', '湖工程廉政', { min: 1 })).page.close();
});

test('台 and 臺 fold: 台北 finds the 臺北 pages', async () => {
  const { page, got } = await check('zh-TW', '台北', { min: 3 });
  const recs = await corpus('zh-TW');
  const written = recs.filter((r) => r.text.includes('臺北')).map((r) => r.url);
  assert.ok(written.length >= 3);
  for (const u of written) assert.ok(got.includes(u), `台北 should find ${u}`);
  // The marks show the page's own spelling.
  const marks = await page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes('臺北'), JSON.stringify(marks));
  await page.close();
  const other = await check('zh-TW', '臺北');
  assert.deepEqual(other.got, got, '台北 and 臺北 give the same results in the same order');
  await other.page.close();
});

test('every platform title finds its platform first', async () => {
  const dir = join(root, 'content/platforms');
  const titles = readdirSync(dir)
    .filter((slug) => existsSync(join(dir, slug, 'index.md')))
    .map((slug) => {
      const line = readFileSync(join(dir, slug, 'index.md'), 'utf8').split('\n').find((l) => l.startsWith('title:'));
      return [slug, line.slice('title:'.length).trim().replace(/^"|"$/g, '')];
    });
  assert.equal(titles.length, 32);
  const { page, problems } = await open('search/');
  try {
    for (const [slug, title] of titles) {
      await page.goto(url(`search/?q=${encodeURIComponent(title)}`));
      await settled(page);
      const first = await page.locator('#search-results [role="option"]').first().getAttribute('href');
      assert.equal(new URL(first, page.url()).href, url(`platforms/${slug}/`), title);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a filter narrows the results to the pages with that facet', async () => {
  const q = '會議';
  const { page } = await check('zh-TW', q, { min: 20 });
  try {
    const before = statusTotal(await page.locator('#search-status').textContent());
    assert.ok(await page.locator('#search-filters').isVisible(), 'the filters are shown');
    const box = page.locator('#search-facets input[data-key="kind"][data-value="會議"]');
    const label = await page.locator(`label[for="${await box.getAttribute('id')}"] .count`).textContent();
    await box.check();
    await page.waitForFunction((n) => {
      const s = document.getElementById('search-status').textContent;
      return s && !/搜尋中/.test(s) && !s.includes(`${n} 筆`);
    }, before);
    const got = await allResults(page);
    const want = oracle(await corpus('zh-TW'), q).filter((r) => r.kind === 'meeting').map((r) => r.url);
    assert.ok(want.length > 0 && want.length < before, `${want.length} of ${before}`);
    assert.deepEqual(sorted(got), sorted(want), 'the results are exactly the meetings');
    assert.equal(Number(label), want.length, 'the facet count announced the filtered count');
    assert.equal(statusTotal(await page.locator('#search-status').textContent()), want.length);
    assert.match(page.url(), /kind=%E6%9C%83%E8%AD%B0/, 'the filter is in the shareable URL');
    // The shared link restores it.
    await page.goto(page.url());
    await settled(page);
    assert.ok(await page.locator('#search-facets input[data-key="kind"][data-value="會議"]').isChecked());
    assert.deepEqual(sorted(await allResults(page)), sorted(want));
  } finally {
    await page.close();
  }
});

test('no results: a message, an empty and collapsed listbox', async () => {
  const { page, problems } = await open(`search/?q=${encodeURIComponent('核能電廠')}`);
  try {
    await settled(page);
    assert.match(await page.locator('#search-status').textContent(), /找不到符合「核能電廠」的結果/);
    assert.equal(await page.locator('#search-results [role="option"]').count(), 0);
    assert.equal(await page.locator('#search-input').getAttribute('aria-expanded'), 'false');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a shared link /search/?q=土石標售 opens with its query run', async () => {
  const { page, got } = await check('zh-TW', '土石標售');
  assert.equal(await page.locator('#search-input').inputValue(), '土石標售');
  assert.ok(got.length > 0);
  await page.close();
});

test('keyboard: arrows move through the options, Enter opens one', async () => {
  const { page, problems } = await open('search/');
  try {
    const input = page.locator('#search-input');
    await input.click();
    await page.keyboard.type('淡江大橋');
    await page.keyboard.press('Enter');
    await settled(page);
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-controls'), 'search-results');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#search-results').getAttribute('role'), 'listbox');
    const options = page.locator('#search-results [role="option"]');
    assert.ok(await options.count() >= 2);
    await page.keyboard.press('ArrowDown');
    const firstId = await options.nth(0).getAttribute('id');
    assert.equal(await input.getAttribute('aria-activedescendant'), firstId, 'ArrowDown makes the first option active');
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', 'focus stays in the combobox');
    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
    await page.keyboard.press('ArrowUp');
    assert.equal(await input.getAttribute('aria-activedescendant'), firstId);
    // The active option is visibly marked (not by colour alone: an outline).
    const outline = await options.nth(0).evaluate((li) => getComputedStyle(li).outlineStyle);
    assert.notEqual(outline, 'none');
    const href = await options.nth(0).evaluate((a) => a.href);
    await Promise.all([page.waitForURL(href), page.keyboard.press('Enter')]);
    assert.equal(page.url(), href);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the live region announces the count', async () => {
  const { page } = await check('zh-TW', '大橋');
  try {
    const status = page.locator('#search-status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    const total = oracle(await corpus('zh-TW'), '大橋').length;
    assert.match(await status.textContent(), new RegExp(`找到 ${total} 筆結果`));
    // A new query replaces the announcement.
    await page.locator('#search-input').fill('土石標售');
    await page.locator('#search-input').press('Enter');
    const n = oracle(await corpus('zh-TW'), '土石標售').length;
    await page.waitForFunction((k) => document.getElementById('search-status').textContent.includes(`${k} 筆`), n);
    assert.match(await status.textContent(), n > 10 ? /顯示前 10 筆，共 \d+ 筆/ : /找到 \d+ 筆結果/);
  } finally {
    await page.close();
  }
});

test('the English search page', async () => {
  const { page, got } = await check('en', 'integrity platform', { min: 10 });
  try {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.locator('#search-status').textContent(), /results?/);
    for (const u of got) assert.ok(u.startsWith(url('en/')), `${u} is an English page`);
    assert.equal(got[0].replace(/#.*/, '').startsWith(url('en/platforms/')), true);
    await page.goto(url(`en/search/?q=${encodeURIComponent('zzzqqq')}`));
    await settled(page);
    assert.match(await page.locator('#search-status').textContent(), /No results for “zzzqqq”/);
  } finally {
    await page.close();
  }
  (await check('en', 'Danjiang bridge')).page.close();
});

test('every platform, meeting and pattern page of the site is searchable', async () => {
  // The pages, from the built sitemap (not from the index).
  const xml = await (await fetch(url('sitemap.xml'))).text();
  const site = url('');
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => `/${m[1].startsWith(site) ? m[1].slice(site.length) : new URL(m[1]).pathname.slice(1)}`);
  const content = locs.filter((p) => /^\/(en\/)?(platforms\/[^/]+\/(meetings\/[^/]+\/)?|patterns\/[^/]+\/)$/.test(p));
  assert.ok(content.length > 50, `${content.length} content pages in the sitemap`);
  for (const lang of ['zh-TW', 'en']) {
    const found = new Set((await corpus(lang)).map((r) => new URL(r.url).pathname));
    const pages = content.filter((p) => p.startsWith('/en/') === (lang === 'en'));
    assert.ok(pages.length > 20, lang);
    for (const p of pages) assert.ok(found.has(p), `${lang}: ${p} has no search record`);
  }
  // And each page's own title (its <h1>, as built) finds it.
  const { page } = await open('search/');
  try {
    const sample = content.filter((x) => !x.startsWith('/en/'));
    for (const p of sample.filter((_, i) => i % Math.ceil(sample.length / 12) === 0)) {
      const html = await (await fetch(url(p.slice(1)))).text();
      const h1 = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)[1].replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').trim();
      await page.goto(url(`search/?q=${encodeURIComponent(h1)}`));
      const hrefs = (await allResults(page)).map((h) => `/${h.slice(site.length)}`);
      assert.ok(hrefs.includes(p), `${h1}: ${p} is not among its results`);
    }
  } finally {
    await page.close();
  }
});

// ---- Accessibility ---------------------------------------------------------------------------

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  const v = result.violations;
  const text = v.map((x) => `[${x.impact}] ${x.id}: ${x.help}\n${x.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} ${n.html.slice(0, 200)}`).join('\n')}`).join('\n');
  assert.equal(v.length, 0, `${label}:\n${text}`);
}

for (const [lang, prefix, q] of [['zh-TW', '', '會議'], ['en', 'en/', 'integrity platform']]) {
  test(`axe: the search page with results and filters [${lang}]`, async () => {
    const { page } = await open(`${prefix}search/?q=${encodeURIComponent(q)}`, axeContext);
    try {
      await settled(page);
      assert.ok(await page.locator('#search-filters').isVisible());
      assert.ok(await page.locator('#search-results [role="option"]').count() > 0);
      await axe(page, `${lang} results`);
      // A filter chosen, an option active, more results shown.
      await page.locator('#search-facets input[type="checkbox"]').first().check();
      await settled(page);
      await page.locator('#search-input').focus();
      await page.keyboard.press('ArrowDown');
      await axe(page, `${lang} filtered, option active`);
      await page.goto(url(`${prefix}search/?q=${encodeURIComponent('核能電廠zzz')}`));
      await settled(page);
      await axe(page, `${lang} no results`);
      await page.goto(url(`${prefix}search/`));
      await axe(page, `${lang} empty`);
    } finally {
      await page.close();
    }
  });
}

// ---- Nothing unpublished in the index -------------------------------------------------------

test('no index file holds the canary words of unpublished entries', async () => {
  for (const lang of ['zh-TW', 'en']) {
    const base = url(`search/${lang}/`);
    const m = await (await fetch(`${base}index.json`)).json();
    const hay = (bytes) => new TextDecoder().decode(bytes).toUpperCase();
    // Every record's text (decoded: JSON escapes cannot hide a word).
    for (const r of await corpus(lang)) {
      for (const c of CANARIES) assert.ok(!r.text.toUpperCase().includes(c), `${lang} ${r.url} contains ${c}`);
    }
    // Every postings shard, the facets, the date files and the title-length sets, as bytes.
    const paths = ['index.json', 'd/facets.bin'];
    for (let s = 0; s < m.shards; s++) paths.push(`b/${s}.bin`);
    for (let s = 0; s < m.ushards; s++) paths.push(`u/${s}.bin`);
    for (let b = 0; b * m.block < m.docs; b++) paths.push(`d/${b}.bin`);
    for (const n of m.titles) paths.push(`t/${n}.bin`);
    // The word shards where the canaries would be (words are stored lower-case).
    for (const c of CANARIES) paths.push(`w/${core.wordShard(c.toLowerCase())}.bin`);
    for (const p of paths) {
      const bytes = await fetchBytes(`${base}${p}`);
      if (bytes === null) { assert.ok(p.startsWith('w/'), `${lang}: ${p} is missing`); continue; }
      for (const c of CANARIES) assert.ok(!hay(bytes).includes(c), `${lang} ${p} contains ${c}`);
    }
    // And the engine finds none of them.
    const engine = new core.SearchEngine((p) => fetchBytes(`${base}${p}`));
    for (const c of CANARIES) {
      for (const q of [c, c.toLowerCase(), c.slice(0, -1)]) {
        assert.equal((await engine.search(q, { exact: true })).total, 0, `${lang}: ${q}`);
      }
    }
  }
});
