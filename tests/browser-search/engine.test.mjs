// search-core.js on a real index: the fixture records are indexed by the Rust indexer
// (`cargo run --example search_bench -- fixture …`, or SEARCH_FIXTURE_DIR pointing at its
// output), then every fixture query is run through the JS engine and compared with the Rust
// engine's results (expected.json), plus direct checks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { core, root } from './load-core.mjs';

let dir;
let engine;
let expected;
let fixture;

function fsLoader(base) {
  return async (path) => {
    try {
      return new Uint8Array(readFileSync(join(base, path)));
    } catch {
      return null;
    }
  };
}

before(() => {
  dir = process.env.SEARCH_FIXTURE_DIR;
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'search-fixture-'));
    const r = spawnSync('cargo', ['run', '--quiet', '--example', 'search_bench', '--', 'fixture',
      join(root, 'tests/browser-search/fixture.json'), dir], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    assert.equal(r.status, 0, 'building the fixture index failed');
  }
  expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  fixture = JSON.parse(readFileSync(join(root, 'tests/browser-search/fixture.json'), 'utf8'));
  engine = new core.SearchEngine(fsLoader(join(dir, 'search/zh-TW')));
});

const fresh = () => new core.SearchEngine(fsLoader(join(dir, 'search/zh-TW')));
const urlsOf = async (e, res) => Promise.all(res.hits.map(async (h) => (await e.record(h.doc)).u));

test('the JS engine returns what the Rust engine returns, for every fixture query', async () => {
  assert.ok(expected.length >= 20);
  for (const x of expected) {
    const res = await fresh().search(x.q, { filters: x.filters, sort: x.sort || 'relevance', exact: true });
    const label = JSON.stringify([x.q, x.filters, x.sort]);
    assert.ok(res.exact, label);
    assert.equal(res.total, x.total, `total ${label}`);
    assert.deepEqual(res.hits.map((h) => h.doc), x.docs, `order ${label}`);
    assert.deepEqual(res.hits.map((h) => h.tier), x.tiers, `tiers ${label}`);
    assert.deepEqual(res.facets, x.facets, `facets ${label}`);
  }
});

test('each platform page is first for its full title', async () => {
  const platforms = fixture.records.filter((r) => r.kind === 'platform');
  assert.equal(platforms.length, 6);
  for (const p of platforms) {
    const e = fresh();
    const res = await e.search(p.title);
    assert.equal((await e.record(res.hits[0].doc)).u, p.url, p.title);
  }
});

test('a 2-character word and a 4-character phrase', async () => {
  const e = fresh();
  const bridge = await urlsOf(e, await e.search('大橋'));
  assert.ok(bridge.includes('platforms/danjiang-bridge/'));
  assert.ok(bridge.includes('platforms/zhubei-bridge/'));
  assert.ok(!bridge.includes('platforms/kaohsiung-incinerator/'));
  const soil = await urlsOf(e, await e.search('土石標售'));
  assert.equal(soil.length, 6);
});

test('substring across word boundaries; scattered characters do not match', async () => {
  const e = fresh();
  assert.deepEqual(await urlsOf(e, await e.search('湖工程廉')),
    ['platforms/wuxi-wuzuitan-lake/', 'platforms/wuxi-wuzuitan-lake/meetings/1/']);
  assert.deepEqual(await urlsOf(e, await e.search('江大橋工程')), ['documents/danjiang-soil-sale/']);
  assert.equal((await e.search('淡橋')).total, 0);
  assert.deepEqual(await urlsOf(e, await e.search('江邊平臺')), ['platforms/danhai-lrt/meetings/1/']);
});

test('台/臺 and full-width fold on both sides', async () => {
  const e = fresh();
  const a = await urlsOf(e, await e.search('台北捷運'));
  const b = await urlsOf(e, await e.search('臺北捷運'));
  assert.deepEqual(a, b);
  assert.ok(a.includes('platforms/taipei-mrt-wanda/meetings/1/'));
  assert.deepEqual((await e.search('ＭＲＴ')).hits, (await e.search('mrt')).hits);
});

test('a filter narrows the results; no results', async () => {
  const e = fresh();
  const all = await e.search('聯繫會議');
  const some = await e.search('聯繫會議', { filters: { agency: ['交通部公路局'] } });
  assert.ok(some.total < all.total);
  assert.equal(some.total, 3);
  const none = await e.search('核能電廠');
  assert.equal(none.total, 0);
  assert.deepEqual(none.hits, []);
});

test('excerpts mark the match in the original text', async () => {
  const e = fresh();
  const res = await e.search('台灣地區');
  assert.equal(res.total, 1);
  const rec = await e.record(res.hits[0].doc);
  const ex = await e.excerpt(res.hits[0], rec, res.parts);
  const marked = ex.marks.map(([a, b]) => Array.from(ex.text).slice(a, b).join(''));
  assert.deepEqual(marked, ['台灣地區']); // the page's own spelling, found by 臺灣 folding
  const res2 = await e.search('臺灣地區');
  assert.equal(res2.total, 1);
});

test('a first query reads only what it needs', async () => {
  const seen = [];
  const load = fsLoader(join(dir, 'search/zh-TW'));
  const e = new core.SearchEngine((p) => { seen.push(p); return load(p); });
  await e.search('淡江大橋廉政平臺');
  assert.ok(seen.includes('index.json'));
  assert.ok(!seen.some((p) => p.startsWith('r/')), 'no result records before they are shown');
  assert.ok(seen.length < 20, seen.join(' '));
});

test('JS and Rust agree on a synthetic corpus with chunked positions', async () => {
  let big = process.env.SEARCH_BENCH_DIR;
  if (!big) {
    big = mkdtempSync(join(tmpdir(), 'search-bench-'));
    const r = spawnSync('cargo', ['run', '--quiet', '--example', 'search_bench', '--', '40', '--out', big],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    assert.equal(r.status, 0, 'building the synthetic index failed');
  }
  const exp = JSON.parse(readFileSync(join(big, 'expected.json'), 'utf8'));
  const load = fsLoader(join(big, 'search/zh-TW'));
  let chunks = 0;
  let lazy = 0;
  const docs = (res) => res.hits.map((h) => h.doc);
  for (const x of exp) {
    const e = new core.SearchEngine((p) => { if (p.startsWith('x/')) chunks++; return load(p); });
    const res = await e.search(x.q, { exact: true });
    assert.equal(res.total, x.total, x.q);
    assert.deepEqual(docs(res).slice(0, 50), x.docs, x.q);
    assert.deepEqual(res.facets, x.facets, x.q);
    // A first page, as the search page asks for it and shows it (records and excerpts of
    // the first 10): the same results, from the same index files as the Rust engine reads.
    const files = new Set();
    const fe = new core.SearchEngine((p) => { files.add(p); return load(p); });
    const first = await fe.search(x.q);
    for (const h of first.hits.slice(0, 10)) await fe.excerpt(h, await fe.record(h.doc), first.parts);
    assert.deepEqual([first.exact, first.total, first.estimate, docs(first)],
      [x.first.exact, x.first.total, x.first.estimate, x.first.docs], `first page ${x.q}`);
    assert.deepEqual([...files].sort(), [...x.first.files].sort(), `files of the first page ${x.q}`);
    // The lazy path, forced: the same candidates, the same proven first page…
    const le = new core.SearchEngine(load);
    const f = await le.search(x.q, { eagerChunks: 0 });
    const got = { exact: f.exact, total: f.total, estimate: f.estimate, unfiltered: f.unfiltered, facets: f.facets, docs: docs(f), tiers: f.hits.map((h) => h.tier) };
    assert.deepEqual(got, x.lazy, `lazy ${x.q}`);
    if (!f.exact) lazy++;
    assert.deepEqual(docs(f).slice(0, 10), x.docs.slice(0, 10), `lazy first page ${x.q}`);
    // … and further pages, proven on demand, in the exact order.
    await le.more(f, 50);
    assert.deepEqual(docs(f).slice(0, 50), x.docs, `lazy pages ${x.q}`);
    const byDate = await new core.SearchEngine(load).search(x.q, { eagerChunks: 0, sort: 'date' });
    assert.deepEqual(docs(byDate), x.lazyDate, `lazy by date ${x.q}`);
    const exactDate = await new core.SearchEngine(load).search(x.q, { exact: true, sort: 'date' });
    assert.deepEqual(docs(byDate).slice(0, 10), docs(exactDate).slice(0, 10), `by date ${x.q}`);
  }
  assert.ok(chunks > 0, 'the corpus exercises chunked positions');
  assert.ok(lazy >= 5, `the corpus exercises lazy verification (${lazy} queries)`);
});
