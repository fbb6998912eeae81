// search-core.js against the shared vectors (the Rust side: tests/search_vectors.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { core, root } from './load-core.mjs';

const vectors = JSON.parse(readFileSync(join(root, 'tests/search-vectors.json'), 'utf8'));

test('normalize and tokens agree with the Rust tokenizer', () => {
  assert.ok(vectors.vectors.length >= 20);
  for (const v of vectors.vectors) {
    assert.equal(core.normalize(v.input), v.normalized, `normalize(${JSON.stringify(v.input.slice(0, 40))})`);
    assert.deepEqual(core.tokens(v.input), v.tokens, `tokens(${JSON.stringify(v.input.slice(0, 40))})`);
  }
});

test('normalisation keeps one code point per code point', () => {
  for (const v of vectors.vectors) {
    assert.equal(Array.from(core.normalize(v.input)).length, Array.from(v.input).length);
  }
});

test('shard hash and word shards agree', () => {
  for (const [a, b, h] of vectors.mix32) assert.equal(core.mix32(a, b), h, `mix32(${a}, ${b})`);
  for (const [w, s] of vectors.word_shard) assert.equal(core.wordShard(w), s);
});

test('query parsing agrees', () => {
  for (const q of vectors.queries) {
    const parts = core.parseQuery(q.input).map((p) => (p.cjk ? { cjk: String.fromCodePoint(...p.cjk) } : { word: p.word, prefix: p.prefix }));
    assert.deepEqual(parts, q.parts, `parseQuery(${JSON.stringify(q.input)})`);
  }
});

test('台 and 臺 give the same tokens; full-width folds', () => {
  assert.deepEqual(core.tokens('台北'), core.tokens('臺北'));
  assert.deepEqual(core.tokens('ＭＲＴ'), ['mrt']);
});
