// search-core.js — the search engine of touming's static index, without DOM code.
// The same tokenizer and query evaluation as src/search/ (Rust); tests/search-vectors.json
// and the node tests in tests/browser-search/ keep the two in step. Format: docs/search.md.

// ---- Normalisation and tokens -------------------------------------------------------------

const VARIANTS = new Map([
  ['台', '臺'], ['裏', '裡'], ['爲', '為'], ['羣', '群'], ['峯', '峰'], ['綫', '線'], ['啓', '啟'],
  ['衆', '眾'], ['户', '戶'], ['温', '溫'], ['説', '說'], ['册', '冊'], ['污', '汙'], ['敍', '敘'],
  ['叙', '敘'],
].map(([a, b]) => [a.codePointAt(0), b.codePointAt(0)]));

export const MAX_WORD_CHARS = 64;

function variant(cp) {
  const v = VARIANTS.get(cp);
  return v === undefined ? cp : v;
}

function compat(cp) {
  const s = String.fromCodePoint(cp).normalize('NFKC');
  const first = s.codePointAt(0);
  return s.length === String.fromCodePoint(first).length ? first : cp;
}

/** Normalise one code point (see src/search/normalize.rs). */
export function normalizeChar(cp) {
  if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
  if (cp < 0x80) return cp;
  if (cp >= 0xc0 && cp <= 0xde && cp !== 0xd7) return cp + 0x20;
  if (cp >= 0xff01 && cp <= 0xff5e) {
    const a = cp - 0xfee0;
    return a >= 0x41 && a <= 0x5a ? a + 0x20 : a;
  }
  if (cp === 0x3000) return 0x20;
  if ((cp >= 0x2f00 && cp <= 0x2fd5) || cp === 0x2e9f || cp === 0x2ef3 ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)) {
    return variant(compat(cp));
  }
  return variant(cp);
}

/** Code points of `text`, normalised (one per input code point). */
export function normalizedCodePoints(text) {
  const out = [];
  for (const ch of text) out.push(normalizeChar(ch.codePointAt(0)));
  return out;
}

export function normalize(text) {
  return String.fromCodePoint(...normalizedCodePoints(text));
}

export function isCJK(c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3100 && c <= 0x312f) ||
    (c >= 0x31a0 && c <= 0x31bf) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x3ffff);
}

export function isWord(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff && c !== 0xf7) ||
    (c >= 0x100 && c <= 0x24f);
}

/** Normalised CJK runs ({cjk: [code points]}) and words ({word: string}), in order. */
export function segments(text) {
  const out = [];
  let cjk = [];
  let word = [];
  const flushCjk = () => { if (cjk.length) { out.push({ cjk }); cjk = []; } };
  const flushWord = () => { if (word.length) { out.push({ word: String.fromCodePoint(...word) }); word = []; } };
  for (const ch of text) {
    const c = normalizeChar(ch.codePointAt(0));
    if (isCJK(c)) { flushWord(); cjk.push(c); }
    else if (isWord(c)) { flushCjk(); if (word.length < MAX_WORD_CHARS) word.push(c); }
    else { flushCjk(); flushWord(); }
  }
  flushCjk();
  flushWord();
  return out;
}

/** The shared tokenizer: CJK runs → bigrams (a lone character → itself), words → words. */
export function tokens(text) {
  const out = [];
  for (const s of segments(text)) {
    if (s.word !== undefined) out.push(s.word);
    else if (s.cjk.length === 1) out.push(String.fromCodePoint(s.cjk[0]));
    else for (let i = 0; i + 1 < s.cjk.length; i++) out.push(String.fromCodePoint(s.cjk[i], s.cjk[i + 1]));
  }
  return out;
}

/** Query parts: CJK phrases and words, duplicates dropped; the last word is a prefix unless the
 *  query ends with white space. */
export function parseQuery(q) {
  const segs = segments(q);
  const open = !/\s$/u.test(q);
  const out = [];
  const seen = new Set();
  segs.forEach((s, i) => {
    const p = s.word !== undefined
      ? { word: s.word, prefix: i === segs.length - 1 && open }
      : { cjk: s.cjk };
    const id = p.word !== undefined ? `w:${p.word}:${p.prefix}` : `c:${String.fromCodePoint(...p.cjk)}`;
    if (!seen.has(id)) { seen.add(id); out.push(p); }
  });
  return out;
}

/** The text a part matches (normalised), and its length in code points. */
export function partText(p) {
  return p.word !== undefined ? p.word : String.fromCodePoint(...p.cjk);
}

/** Offsets of the bigrams covering a phrase of n ≥ 2 characters: 0, 2, 4, … and n − 2. */
export function coverOffsets(n) {
  const v = [];
  for (let o = 0; o < n - 1; o += 2) v.push(o);
  if (v[v.length - 1] !== n - 2) v.push(n - 2);
  return v;
}

// ---- Hashing and decoding ------------------------------------------------------------------

export function mix32(a, b) {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Position chunk files a query may read to prove its phrases on every candidate before
 *  counting; beyond, only the results shown are proven (src/search/query: EAGER_CHUNKS). */
export const EAGER_CHUNKS = 64;

/** Chunk files a phrase's candidates may need before the phrase's other bigrams (not covers)
 *  are fetched to narrow them (src/search/query/parts.rs: PRUNE_CHUNKS). */
export const PRUNE_CHUNKS = 16;

const bigramKey = (a, b) => a * 2097152 + b; // a << 21 | b, exact up to 2^42
const bigramShard = (a, b, n) => mix32(a, b) % n;

export function wordShard(word) {
  const cps = Array.from(word).slice(0, 2).join('');
  return Array.from(new TextEncoder().encode(cps), (b) => b.toString(16).padStart(2, '0')).join('');
}

class Reader {
  constructor(buf, pos = 0) { this.buf = buf; this.pos = pos; }
  byte() {
    if (this.pos >= this.buf.length) throw new Error('truncated');
    return this.buf[this.pos++];
  }
  varint() {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
      if (mul > 2 ** 56) throw new Error('bad varint');
    }
  }
  bytes(n) {
    if (this.pos + n > this.buf.length) throw new Error('truncated');
    const s = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  str() {
    return new TextDecoder().decode(this.bytes(this.varint()));
  }
  docSet(docs) {
    const mode = this.byte();
    if (mode === 0) {
      const n = this.varint();
      const out = new Array(n);
      let prev = 0;
      for (let i = 0; i < n; i++) { prev = i === 0 ? this.varint() : prev + this.varint(); out[i] = prev; }
      return out;
    }
    if (mode === 1) {
      const bm = this.bytes(Math.ceil(docs / 8));
      const out = [];
      for (let i = 0; i < bm.length; i++) {
        const b = bm[i];
        if (b) for (let t = 0; t < 8; t++) if (b & (1 << t)) out.push(i * 8 + t);
      }
      return out;
    }
    throw new Error('bad doc set');
  }
}

/** Record bytes of `key` in a keyed file, or null. */
function keyed(buf, key) {
  const r = new Reader(buf);
  const n = r.varint();
  let k = 0;
  let off = 0;
  let found = null;
  for (let i = 0; i < n; i++) {
    k += r.varint();
    const len = r.varint();
    if (k === key) found = [off, len];
    off += len;
  }
  return found ? buf.subarray(r.pos + found[0], r.pos + found[0] + found[1]) : null;
}

function decodePositions(buf, pos, base) {
  const r = new Reader(buf, pos);
  const nd = r.varint();
  const out = new Map();
  let doc = base;
  for (let i = 0; i < nd; i++) {
    const dd = r.varint();
    doc = i === 0 ? base + dd : doc + dd;
    const np = r.varint();
    const ps = new Array(np);
    let p = 0;
    for (let t = 0; t < np; t++) { p = t === 0 ? r.varint() : p + r.varint(); ps[t] = p; }
    out.set(doc, ps);
  }
  return out;
}

function intersect(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else { out.push(a[i]); i++; j++; }
  }
  return out;
}

function bsearch(arr, x) {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (arr[m] < x) lo = m + 1; else hi = m;
  }
  return lo < arr.length && arr[lo] === x;
}

/** Position chunk files of a bigram's postings that hold `docs`: Set of chunk indices. */
function chunksFor(p, docs) {
  const out = new Set();
  if (!p.pos || !p.pos.firsts) return out;
  const { firsts } = p.pos;
  for (const d of docs) {
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (firsts[m] <= d) lo = m + 1; else hi = m; }
    if (lo > 0) out.add(lo - 1);
  }
  return out;
}

const isChunked = (p) => !!(p.pos && p.pos.firsts);

function cmpTuple(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const phraseCost = (ph, docs) => ph.rest.reduce((a, c) => a + chunksFor(c.p, docs).size, 0);

const countVerified = (rows) => {
  let i = 0;
  while (i < rows.length && rows[i].verified) i++;
  return i;
};

/** The estimated number of results (see rank::estimate in Rust): integer arithmetic. */
function estimate(total, verified, n) {
  if (n.checked === 0) return total;
  return verified + Math.floor(((total - verified) * n.ok * 2 + n.checked) / (2 * n.checked));
}

/** 0: the query is the whole title (every part in the title, and the title has as many
 *  matchable characters as the parts together); 1: every part in the title; 2: some; 3: none
 *  (optimistic for an unverified document). */
function tierOf(r, matches) {
  const inTitle = matches.filter((mt) => mt.title.has(r.doc)).length;
  return inTitle === matches.length ? (r.whole ? 0 : 1) : inTitle > 0 ? 2 : 3;
}

function makeRow(tables, d, matches, verified) {
  const block = tables.dates.get(Math.floor(d / tables.block));
  const date = (block && block[d % tables.block]) || 0;
  const r = { doc: d, date, whole: tables.whole.has(d), facets: facetsOf(tables.facets, d), verified, tier: 0 };
  r.tier = tierOf(r, matches);
  return r;
}

/** [[key, values]] of document `d` from the decoded d/facets.bin. */
function facetsOf(f, d) {
  const out = [];
  if (!f) return out;
  for (const c of f.columns) {
    const t = c.tuples[c.perDoc[d]];
    if (!t) continue;
    c.keys.forEach((k, j) => out.push([f.keys[k], t[j]]));
  }
  return out;
}

const passes = (r, filters, except) => Object.entries(filters).every(([k, sel]) => !sel || !sel.length || k === except ||
  r.facets.some(([fk, vals]) => fk === k && vals.some((v) => sel.includes(v))));

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function facetCounts(rows, filters) {
  const counts = new Map();
  for (const r of rows) {
    for (const [k, vals] of r.facets) {
      if (!vals.length || !passes(r, filters, k)) continue;
      if (!counts.has(k)) counts.set(k, new Map());
      const c = counts.get(k);
      for (const v of vals) c.set(v, (c.get(v) || 0) + 1);
    }
  }
  const out = {};
  for (const k of [...counts.keys()].sort(byCode)) {
    out[k] = [...counts.get(k)].sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]));
  }
  return out;
}

function sortRows(rows, sort) {
  if (sort === 'relevance') rows.sort((a, b) => a.tier - b.tier || b.date - a.date || a.doc - b.doc);
  else rows.sort((a, b) => b.date - a.date || a.tier - b.tier || a.doc - b.doc);
}

// ---- The engine ----------------------------------------------------------------------------

/**
 * new SearchEngine(load): `load(path)` resolves to a Uint8Array, or null when the file does
 * not exist; paths are relative to the index directory (search/<lang>/).
 */
export class SearchEngine {
  constructor(load) {
    this.load = load;
    this.cache = new Map();
    this.m = null;
  }

  get(path) {
    if (!this.cache.has(path)) {
      this.cache.set(path, Promise.resolve(this.load(path)).catch(() => null));
    }
    return this.cache.get(path);
  }

  async manifest() {
    if (!this.m) {
      const b = await this.get('index.json');
      if (!b) throw new Error('search index not found');
      this.m = JSON.parse(new TextDecoder().decode(b));
    }
    return this.m;
  }

  async postings(path, key) {
    const empty = { docs: [], title: [], key, pos: null };
    const buf = await this.get(path);
    if (!buf) return empty;
    const rec = keyed(buf, key);
    if (!rec) return empty;
    const r = new Reader(rec);
    const docs = r.docSet(this.m.docs);
    const title = r.docSet(this.m.docs);
    let pos = null;
    if (r.pos < rec.length) {
      const mode = r.byte();
      if (mode === 0) pos = { inline: decodePositions(rec, r.pos, 0) };
      else if (mode === 1) {
        const n = r.varint();
        const firsts = [];
        let prev = 0;
        for (let i = 0; i < n; i++) { prev = i === 0 ? r.varint() : prev + r.varint(); firsts.push(prev); }
        pos = { firsts };
      }
    }
    return { docs, title, key, pos };
  }

  bigramPostings(a, b) {
    return this.postings(`b/${bigramShard(a, b, this.m.shards)}.bin`, bigramKey(a, b));
  }

  /** Positions of a bigram in `docs` (sorted): Map doc → positions. */
  async positions(p, docs) {
    if (!p.pos) return new Map();
    if (p.pos.inline) return p.pos.inline;
    const { firsts } = p.pos;
    const out = new Map();
    const hex = p.key.toString(16);
    await Promise.all([...chunksFor(p, docs)].map(async (c) => {
      const buf = await this.get(`x/${hex}-${c}.bin`);
      if (!buf) return;
      for (const [d, ps] of decodePositions(buf, 0, firsts[c])) out.set(d, ps);
    }));
    return out;
  }

  /** The decoded d/facets.bin: {keys, columns: [{keys, tuples, perDoc}]}. */
  facets() {
    this.facetsP ||= this.get('d/facets.bin').then((buf) => (buf ? decodeFacets(buf, this.m.docs) : null));
    return this.facetsP;
  }

  /** The date keys (days since 1970 plus one, 0: undated) of the documents of block `b`. */
  dateBlock(b) {
    this.dateBlocks ||= new Map();
    if (!this.dateBlocks.has(b)) {
      this.dateBlocks.set(b, this.get(`d/${b}.bin`).then((buf) => {
        if (!buf) return [];
        const r = new Reader(buf);
        const n = Math.min(r.varint(), this.m.block);
        const base = r.varint();
        const bits = r.varint();
        return unpack(r.bytes(Math.ceil((n * bits) / 8)), n, bits).map((v) => (v === 0 ? 0 : base + v - 1));
      }));
    }
    return this.dateBlocks.get(b);
  }

  /** What rows are made from: facets, the documents whose title is as long as the query (only
   *  when some candidate has every part in its title), the dates of the blocks of `docs`. */
  async tablesFor(docs, matches) {
    const block = this.m.block;
    if (!docs.length) return { facets: null, whole: new Set(), block, dates: new Map() };
    const anyTitle = docs.some((d) => matches.every((mt) => mt.title.has(d)));
    const len = matches.reduce((a, mt) => a + mt.len, 0);
    const blocks = [...new Set(docs.map((d) => Math.floor(d / block)))];
    const [facets, whole, dates] = await Promise.all([
      this.facets(),
      anyTitle && (this.m.titles || []).includes(len) ? this.get(`t/${len}.bin`).then((b) => new Set(b ? new Reader(b).docSet(this.m.docs) : [])) : new Set(),
      Promise.all(blocks.map(async (b) => [b, await this.dateBlock(b)])),
    ]);
    return { facets, whole, block, dates: new Map(dates) };
  }

  async evalPart(p) {
    const m = this.m;
    if (p.cjk && p.cjk.length === 1) {
      const cp = p.cjk[0];
      const r = await this.postings(`u/${mix32(cp, 0) % m.ushards}.bin`, cp);
      return { docs: r.docs, title: new Set(r.title), len: 1, bodyAt: new Map(), phrase: null, proven: new Map() };
    }
    if (p.cjk && p.cjk.length === 2) {
      const r = await this.bigramPostings(p.cjk[0], p.cjk[1]);
      return { docs: r.docs, title: new Set(r.title), len: 2, bodyAt: new Map(), phrase: null, proven: new Map() };
    }
    if (p.cjk) return this.evalPhrase(p.cjk);
    return this.evalWord(p.word, p.prefix);
  }

  /** Candidates of a phrase: documents holding every covering bigram, narrowed at once by the
   *  covers whose positions are inline (no request); the chunked covers are left to verify. */
  async evalPhrase(chars) {
    const covers = await Promise.all(coverOffsets(chars.length)
      .map(async (o) => ({ o, p: await this.bigramPostings(chars[o], chars[o + 1]) })));
    let cand = covers[0].p.docs;
    let title = covers[0].p.title;
    for (const c of covers.slice(1)) {
      cand = intersect(cand, c.p.docs);
      title = intersect(title, c.p.title);
    }
    // Proving many scattered candidates costs a chunk file each: first narrow them with the
    // doc sets of the phrase's other bigrams (one shard each, no positions).
    if (covers.reduce((a, c) => a + chunksFor(c.p, cand).size, 0) > PRUNE_CHUNKS) {
      const offsets = coverOffsets(chars.length);
      const others = [];
      for (let o = 0; o + 1 < chars.length; o++) if (!offsets.includes(o)) others.push(o);
      for (const p of await Promise.all(others.map((o) => this.bigramPostings(chars[o], chars[o + 1])))) {
        cand = intersect(cand, p.docs);
        title = intersect(title, p.title);
      }
    }
    const key = (c) => [isChunked(c.p) ? 1 : 0, chunksFor(c.p, cand).size, c.o];
    covers.sort((a, b) => cmpTuple(key(a), key(b)));
    const inline = covers.filter((c) => !isChunked(c.p));
    const phrase = { rest: covers.slice(inline.length), starts: new Map(), narrowed: inline.length > 0 };
    const docs = await this.apply(phrase, inline, cand, true);
    return { docs, title: new Set(intersect(title, docs)), len: chars.length, bodyAt: new Map(), phrase, proven: new Map() };
  }

  async evalWord(word, prefix) {
    const buf = await this.get(`w/${wordShard(word)}.bin`);
    const docs = new Set();
    const title = new Set();
    if (buf) {
      const r = new Reader(buf);
      const n = r.varint();
      const heads = [];
      for (let i = 0; i < n; i++) heads.push([r.str(), r.varint()]);
      let off = r.pos;
      for (const [w, l] of heads) {
        if (w === word || (prefix && w.startsWith(word))) {
          const rr = new Reader(buf.subarray(off, off + l));
          for (const d of rr.docSet(this.m.docs)) docs.add(d);
          for (const d of rr.docSet(this.m.docs)) title.add(d);
        }
        off += l;
      }
    }
    return { docs: [...docs].sort((a, b) => a - b), title, len: Array.from(word).length, bodyAt: new Map(), phrase: null, proven: new Map() };
  }

  /** Apply `covers` to `docs` (sorted candidates of `phrase`); `first`: no cover was applied
   *  to them yet. Returns the survivors; `phrase.starts` keeps their possible starts. */
  async apply(phrase, covers, docs, first) {
    let cand = docs;
    for (const { o, p } of covers) {
      if (!cand.length) break;
      const pos = await this.positions(p, cand);
      const next = [];
      for (const d of cand) {
        const here = (pos.get(d) || []).filter((x) => x >= o).map((x) => x - o);
        const prev = phrase.starts.get(d);
        phrase.starts.delete(d);
        const s = first ? here : (prev || []).filter((x) => bsearch(here, x));
        if (s.length) { phrase.starts.set(d, s); next.push(d); }
      }
      cand = next;
      first = false;
    }
    return cand;
  }

  /** Verify a part on `docs` (sorted candidates) by positions; returns the documents that
   *  really match (all of `docs` for exact parts). Their starts wait in `mt.proven`. */
  async prove(mt, docs) {
    const ph = mt.phrase;
    if (!ph) return docs;
    const ok = await this.apply(ph, ph.rest, docs, !ph.narrowed);
    for (const d of ok) mt.proven.set(d, ph.starts.get(d));
    for (const d of docs) ph.starts.delete(d);
    return ok;
  }

  async proveAll(matches, docs) {
    let ok = docs;
    for (const mt of matches) ok = await this.prove(mt, ok);
    return ok;
  }

  /** After `prove`: exact title flags and body offsets of `docs` (a position from m.body on is
   *  in the body). */
  placeAll(matches, docs) {
    const body = this.m.body;
    for (const mt of matches) {
      if (!mt.phrase) continue;
      for (const d of docs) {
        const s = mt.proven.get(d);
        mt.proven.delete(d);
        if (!s) { mt.title.delete(d); continue; }
        if (s[0] >= body) mt.title.delete(d);
        const q = s.find((x) => x >= body);
        if (q !== undefined) mt.bodyAt.set(d, q - body);
      }
    }
  }

  /** Candidates of every part, ANDed (stops at the first empty intersection). */
  async candidates(parts) {
    const matches = [];
    let docs = null;
    for (const p of parts) {
      const mt = await this.evalPart(p);
      docs = docs === null ? mt.docs : intersect(docs, mt.docs);
      matches.push(mt);
      if (!docs.length) break;
    }
    return { matches, docs };
  }

  /**
   * Run a query. options: { filters: {key: [values]}, sort: 'relevance' | 'date', need: results
   * to show first (10), exact: prove every candidate however many files that takes,
   * eagerChunks: the budget for proving every candidate at once (EAGER_CHUNKS) }.
   * Returns { parts, total, unfiltered, exact, estimate, hits: [{doc, tier, date, bodyAt}],
   * facets: {key: [[value, count]]} }. When `exact` is false, `hits` are the verified first
   * results (at least `need`, in their final order) and `total`, `unfiltered` and `facets`
   * count candidates; `more(res, n)` verifies further, `search(q, {exact: true})` completes.
   */
  async search(q, options = {}) {
    const m = await this.manifest();
    const filters = options.filters || {};
    const sort = options.sort === 'date' ? 'date' : 'relevance';
    const parts = parseQuery(q);
    const res = { parts, total: 0, unfiltered: 0, exact: true, estimate: 0, hits: [], facets: {} };
    if (!parts.length) return res;
    const c = await this.candidates(parts);
    const { matches } = c;
    let { docs } = c;
    const cost = matches.reduce((a, mt) => a + (mt.phrase ? phraseCost(mt.phrase, docs) : 0), 0);
    res.exact = !!options.exact || cost <= (options.eagerChunks ?? EAGER_CHUNKS);
    if (res.exact) docs = await this.proveAll(matches, docs);
    const tables = await this.tablesFor(docs, matches);
    if (res.exact) this.placeAll(matches, docs);
    const rows = docs.map((d) => makeRow(tables, d, matches, res.exact));
    res.unfiltered = rows.length;
    res.facets = facetCounts(rows, filters);
    const kept = rows.filter((r) => passes(r, filters, null));
    sortRows(kept, sort);
    res.state = { matches, kept, filters, sort, allIn: kept.length === rows.length, n: { checked: 0, ok: 0, batch: 0 } };
    return this.more(res, options.need === undefined ? 10 : options.need);
  }

  /** Verify until the first `need` results are known (see `search`); returns `res`. */
  async more(res, need) {
    const st = res.state;
    if (!st) return res;
    if (!res.exact) await this.ensure(st, need);
    const { kept, matches } = st;
    if (!res.exact) {
      const verified = countVerified(kept);
      if (st.allIn && verified === kept.length) {
        res.exact = true;
        res.unfiltered = kept.length;
        res.facets = facetCounts(kept, st.filters);
      }
    }
    const verified = countVerified(kept);
    res.total = kept.length;
    res.estimate = res.exact ? kept.length : estimate(kept.length, verified, st.n);
    res.hits = kept.slice(0, verified).map((r) => {
      let bodyAt;
      for (const mt of matches) {
        const v = mt.bodyAt.get(r.doc);
        if (v !== undefined && (bodyAt === undefined || v < bodyAt)) bodyAt = v;
      }
      return { doc: r.doc, tier: r.tier, date: r.date, bodyAt };
    });
    return res;
  }

  /** Lazy verification: until the first `need` rows are verified, verify a batch of
   *  unverified rows in order, drop those that fail and re-rank the rest by true tier. */
  async ensure(st, need) {
    const { n, matches } = st;
    for (;;) {
      const missing = st.kept.slice(0, need).filter((r) => !r.verified).length;
      if (!missing) return;
      n.batch = n.checked === 0 ? missing
        : n.ok === 0 ? Math.max(n.batch * 2, missing) : Math.ceil((missing * n.checked) / n.ok);
      const batch = st.kept.filter((r) => !r.verified).slice(0, n.batch).map((r) => r.doc).sort((a, b) => a - b);
      const ok = new Set(await this.proveAll(matches, batch));
      this.placeAll(matches, batch);
      n.checked += batch.length;
      n.ok += ok.size;
      const inBatch = new Set(batch);
      st.kept = st.kept.filter((r) => r.verified || !inBatch.has(r.doc) || ok.has(r.doc));
      for (const r of st.kept) {
        if (ok.has(r.doc)) { r.verified = true; r.tier = tierOf(r, matches); }
      }
      sortRows(st.kept, st.sort);
    }
  }

  /** The record of a result: {u, t, k, b, d, dd, x, n}. */
  async record(doc) {
    const b = await this.get(`r/${doc}.json`);
    return b ? JSON.parse(new TextDecoder().decode(b)) : null;
  }

  /**
   * Excerpt for a hit: { text, marks: [[start, end]] } (code point offsets into text), fetching
   * the text part that holds the match when it is not in the record's window.
   */
  async excerpt(hit, rec, parts) {
    const m = this.m;
    const part = async (k) => {
      const b = await this.get(`r/${hit.doc}-${k}.txt`);
      return b ? new TextDecoder().decode(b) : null;
    };
    let ex = null;
    if (hit.tier <= 1) {
      // Every part is in the title, which shows the match: the window will do.
      ex = findExcerpt(rec.x, parts);
    } else if (hit.bodyAt !== undefined && hit.bodyAt >= m.window) {
      const t = await part(Math.floor((hit.bodyAt - m.window) / m.part));
      if (t !== null) ex = findExcerpt(t, parts);
    } else {
      ex = findExcerpt(rec.x, parts);
      // Without a known offset, look through the parts only when some query part was not
      // verified by positions (a verified phrase with no body offset matched the title only).
      const unknown = parts.some((p) => !(p.cjk && p.cjk.length >= 3));
      if (!ex && hit.bodyAt === undefined && unknown) {
        for (let k = 0; k < rec.n && !ex; k++) {
          const t = await part(k);
          if (t !== null) ex = findExcerpt(t, parts);
        }
      }
    }
    if (!ex) {
      const cps = Array.from(rec.x);
      ex = { text: cps.slice(0, 80).join('') + (cps.length > 80 ? '…' : ''), marks: [] };
    }
    return ex;
  }
}

/** Ranges [start, end) (code point offsets) where any part occurs in `text`, merged. */
export function findMarks(text, parts) {
  const norm = normalizedCodePoints(text);
  const ranges = [];
  for (const p of parts) {
    const needle = normalizedCodePoints(partText(p));
    if (!needle.length) continue;
    for (let i = 0; i + needle.length <= norm.length; i++) {
      let ok = true;
      for (let j = 0; j < needle.length; j++) if (norm[i + j] !== needle[j]) { ok = false; break; }
      if (ok && p.word !== undefined && i > 0 && isWord(norm[i - 1])) ok = false;
      if (ok) ranges.push([i, i + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** About 100 characters of `text` around the first match, with the matches marked. */
export function findExcerpt(text, parts, before = 30, size = 100) {
  const cps = Array.from(text);
  const marks = findMarks(text, parts);
  if (!marks.length) return null;
  const start = Math.max(0, marks[0][0] - before);
  const end = Math.min(cps.length, start + size);
  const lead = start > 0 ? '…' : '';
  const out = lead + cps.slice(start, end).join('') + (end < cps.length ? '…' : '');
  const shift = lead ? 1 : 0;
  return {
    text: out,
    marks: marks.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start + shift, b - start + shift]),
  };
}

/** d/facets.bin (layout: src/search/indexer/facets.rs). */
function decodeFacets(buf, docs) {
  const r = new Reader(buf);
  const keys = [];
  const labels = [];
  for (let k = r.varint(); k > 0; k--) {
    keys.push(r.str());
    const vals = [];
    for (let n = r.varint(); n > 0; n--) vals.push(r.str());
    labels.push(vals);
  }
  const columns = [];
  for (let c = r.varint(); c > 0; c--) {
    const ck = [];
    for (let n = r.varint(); n > 0; n--) ck.push(r.varint());
    const tuples = [];
    for (let t = r.varint(); t > 0; t--) {
      tuples.push(ck.map((k) => {
        const set = [];
        for (let n = r.varint(); n > 0; n--) set.push(labels[k][r.varint()]);
        return set;
      }));
    }
    let perDoc;
    const mode = r.byte();
    if (mode === 0) {
      const bits = r.varint();
      perDoc = unpack(r.bytes(Math.ceil((docs * bits) / 8)), docs, bits);
    } else if (mode === 1) {
      perDoc = [];
      for (let n = r.varint(); n > 0; n--) {
        const len = r.varint();
        const t = r.varint();
        for (let k = 0; k < len && perDoc.length < docs; k++) perDoc.push(t);
      }
    } else throw new Error('bad facet column');
    columns.push({ keys: ck, tuples, perDoc });
  }
  return { keys, columns };
}

/** `n` values of `bits` bits each, packed from the low bit of the first byte. */
function unpack(packed, n, bits) {
  const out = new Array(n);
  for (let i = 0, at = 0; i < n; i++) {
    let v = 0;
    for (let b = 0; b < bits; b++, at++) v += ((packed[at >> 3] >> (at & 7)) & 1) * 2 ** b;
    out[i] = v;
  }
  return out;
}
