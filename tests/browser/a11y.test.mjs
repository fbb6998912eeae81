// Accessibility: axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the main kinds of
// page of the example site, in zh-TW and in English, must report no violation. A page that
// fails prints every violation with the offending elements.
//
// Pages that are found by following links (a pattern, a meeting, a KPI year, a report)
// are discovered from their index page, so the test follows the example content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, url } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let browser;
let context;

before(async () => {
  browser = await launch();
  // The site's CSP forbids inline scripts; axe is injected as one, so only the test
  // bypasses it.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
});

/** The first link inside `main` whose href starts with `prefix` on the page at `path`. */
async function firstLink(path, prefix) {
  const page = await context.newPage();
  try {
    const res = await page.goto(url(path));
    assert.equal(res.status(), 200, `${path}: HTTP ${res.status()}`);
    const href = await page.$$eval('main a[href]', (as, p) => {
      const hit = as.map((a) => a.href).find((h) => new URL(h).pathname.includes(p));
      return hit || null;
    }, prefix);
    assert.ok(href, `${path}: no link to ${prefix}`);
    return new URL(href).pathname.replace(new URL(url('')).pathname, '');
  } finally {
    await page.close();
  }
}

function format(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}\n      ${n.html.slice(0, 240)}`)
        .join('\n');
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

async function audit(path, { colorScheme = 'light', width = 1280, expectStatus = 200 } = {}) {
  const page = await context.newPage();
  try {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width, height: 900 });
    const res = await page.goto(url(path), { waitUntil: 'load' });
    assert.equal(res.status(), expectStatus, `${path}: HTTP ${res.status()}`);
    // Unstyled pages would be audited for the wrong layout: make sure style.css applied.
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
    assert.notEqual(styled, 'rgba(0, 0, 0, 0)', `${path}: style.css did not load`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    }, TAGS);
    const v = result.violations;
    if (v.length) {
      console.log(`\naxe: ${v.length} violation(s) on ${path} (${colorScheme}, ${width}px):\n${format(v)}\n`);
    }
    assert.equal(v.length, 0, `${path} (${colorScheme}, ${width}px): ${v.map((x) => `${x.id} ×${x.nodes.length}`).join(', ')}`);
  } finally {
    await page.close();
  }
}

const pages = [
  ['home', ''],
  ['platform (active): danjiang-bridge', 'platforms/danjiang-bridge/'],
  ['platform (closed): taipei-c1d1', 'platforms/taipei-c1d1/'],
  ['meeting', async (lang) => firstLink(`${lang}platforms/danjiang-bridge/`, '/meetings/')],
  ['pattern', async (lang) => firstLink(`${lang}patterns/`, '/patterns/')],
  ['KPI year', async (lang) => firstLink(`${lang}kpis/`, '/kpis/')],
  ['reports index', 'reports/'],
  ['report (half-year)', 'reports/2021-H1/'],
  ['report (quarter)', 'reports/2021-Q3/'],
  ['404', '404.html', { expectStatus: 200 }],
];

for (const [lang, prefix] of [['zh-TW', ''], ['en', 'en/']]) {
  for (const [name, where, opts] of pages) {
    test(`axe: ${name} [${lang}]`, async () => {
      const path = typeof where === 'function' ? await where(prefix) : `${prefix}${where}`;
      await audit(path, opts);
    });
  }
}

// The same checks where layout and colours differ: a phone's width (tables reflow into
// cards, charts switch variant) and the dark colour scheme.
for (const [name, path] of [['platform', 'platforms/danjiang-bridge/'], ['home', ''], ['KPI year', 'kpis/2017/']]) {
  test(`axe: ${name} at 375px`, async () => audit(path, { width: 375 }));
  test(`axe: ${name} in dark mode`, async () => audit(path, { colorScheme: 'dark' }));
}
