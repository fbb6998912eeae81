// Accessibility of every page type of the example site, in zh-TW and in English:
//   - axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) reports no violation at a desktop
//     width (1280 px) and at a phone's (375 px, where tables reflow into cards and charts
//     switch variant), and on a few pages in the dark colour scheme;
//   - nothing scrolls sideways at 320 CSS px (= 1280 px zoomed to 400 %, WCAG 1.4.10);
//   - <html lang> is zh-Hant-TW or en, the hreflang alternates and the language switcher
//     lead to the page's twin, which links back;
//   - the skip link is the first Tab stop, shows when focused and moves focus to <main>;
//     every Tab stop shows a focus outline.
// A page that fails prints every violation with the offending elements. Pages found by
// following links (a meeting, a pattern, a KPI year, the static pages) are discovered from
// the built site, so the test follows the example content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, url, baseUrl } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const LANGS = [['zh-TW', '', 'zh-Hant-TW'], ['en', 'en/', 'en']];

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

/** Site-relative paths of the links in `html` (a page at site path `from`) whose path matches `re`. */
function links(html, from, re) {
  const out = [];
  for (const m of html.matchAll(/<a [^>]*href="([^"#?]+)"/g)) {
    const abs = new URL(m[1], url(from));
    if (!abs.href.startsWith(baseUrl)) continue;
    const rel = abs.href.slice(baseUrl.length);
    if (re.test(rel) && !out.includes(rel)) out.push(rel);
  }
  return out;
}

const fetchText = async (path) => {
  const res = await fetch(url(path));
  assert.equal(res.status, 200, `${path}: HTTP ${res.status}`);
  return res.text();
};

// Discover the pages reached by links, once, before the tests are declared.
const home = await fetchText('');
const platform = await fetchText('platforms/danjiang-bridge/');
const known = /^(platforms|patterns|kpis|reports|search|api|feeds|static|en)\//;
const staticPages = links(home.slice(home.indexOf('class="site-nav"')), '', /^[a-z0-9-]+\/$/).filter((p) => !known.test(p));
const firstOf = async (path, re) => {
  const hit = links(await fetchText(path), path, re)[0];
  assert.ok(hit, `${path}: no link matching ${re}`);
  return hit;
};
const meeting = links(platform, 'platforms/danjiang-bridge/', /^platforms\/danjiang-bridge\/meetings\/[^/]+\/$/)[0];
const pattern = await firstOf('patterns/', /^patterns\/[^/]+\/$/);
const kpiYear = await firstOf('kpis/', /^kpis\/\d{4}\/$/);

/** [name, path without the language prefix, options] for every page type. */
const PAGES = [
  ['home (registry and overview charts)', ''],
  ['platforms list', 'platforms/'],
  ['platform (active): danjiang-bridge', 'platforms/danjiang-bridge/'],
  ['platform (closed): taipei-c1d1', 'platforms/taipei-c1d1/'],
  ['meeting', meeting],
  ['patterns list', 'patterns/'],
  ['pattern', pattern],
  ['KPI list', 'kpis/'],
  ['KPI year', kpiYear],
  ['reports index', 'reports/'],
  ['report (half-year)', 'reports/2021-H1/'],
  ['report (quarter)', 'reports/2021-Q3/'],
  ['search (empty)', 'search/'],
  ['search with a query', { 'zh-TW': 'search/?q=%E6%B7%A1%E6%B1%9F%E5%A4%A7%E6%A9%8B', en: 'search/?q=bridge' }, { search: true }],
  ['404', '404.html', { twin: false }],
  ...staticPages.map((p) => [`static page: ${p}`, p]),
];

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

/** Run axe on the page as it is now; fail with every violation listed. */
async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(
    async (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const v = result.violations;
  if (v.length) console.log(`\naxe: ${v.length} violation(s) on ${label}:\n${format(v)}\n`);
  assert.equal(v.length, 0, `${label}: ${v.map((x) => `${x.id} ×${x.nodes.length}`).join(', ')}`);
}

async function open(path, { colorScheme = 'light', width = 1280, search = false } = {}) {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(url(path), { waitUntil: 'load' });
  assert.equal(res.status(), 200, `${path}: HTTP ${res.status()}`);
  // Unstyled pages would be audited for the wrong layout: make sure style.css applied.
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.notEqual(styled, 'rgba(0, 0, 0, 0)', `${path}: style.css did not load`);
  if (search) {
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status')?.textContent || '';
      return document.querySelectorAll('#search-results [role="option"]').length > 0 && !/搜尋中|Searching|約|about/.test(s);
    });
  }
  return page;
}

async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The hrefs of the hreflang alternates, by language tag. */
async function alternates(page) {
  return Object.fromEntries(
    await page.$$eval('link[rel="alternate"][hreflang]', (ls) => ls.map((l) => [l.hreflang, l.href])),
  );
}

for (const [lang, prefix, tag] of LANGS) {
  for (const [name, where, opts = {}] of PAGES) {
    const rel = typeof where === 'object' ? where[lang] : where;
    const path = `${prefix}${rel}`;
    test(`${name} [${lang}]`, async (t) => {
      const page = await open(path, opts);
      try {
        await t.test('axe at 1280 px', () => axe(page, `${path} (1280px)`));
        await t.test('axe at 375 px', async () => {
          await page.setViewportSize({ width: 375, height: 800 });
          await axe(page, `${path} (375px)`);
        });
        await t.test('no sideways scrolling at 320 px (400 % zoom)', async () => {
          await page.setViewportSize({ width: 320, height: 640 });
          const over = await sideways(page);
          if (over > 0) {
            const culprits = await page.evaluate(() => [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-wrap, .visually-hidden'))
              .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`));
            assert.fail(`${path}: ${over}px wider than a 320px window: ${culprits.join('; ')}`);
          }
        });
        await t.test(`<html lang="${tag}">, twin and hreflang`, async () => {
          assert.equal(await page.getAttribute('html', 'lang'), tag);
          if (opts.twin === false) return;
          const alt = await alternates(page);
          assert.deepEqual(Object.keys(alt).sort(), ['en', 'x-default', 'zh-Hant-TW'], `${path}: hreflang alternates`);
          assert.equal(alt[tag].split('?')[0], url(path).split('?')[0], `${path}: its own alternate is not itself`);
          const other = lang === 'en' ? 'zh-Hant-TW' : 'en';
          const sw = await page.locator('.lang-switch').getAttribute('href');
          const twinUrl = new URL(sw, page.url()).href;
          assert.equal(twinUrl.split('?')[0], alt[other].split('?')[0], `${path}: the switcher and hreflang disagree`);
          const twin = await context.newPage();
          try {
            const res = await twin.goto(twinUrl);
            assert.equal(res.status(), 200, `${twinUrl}: HTTP ${res.status()}`);
            assert.equal(await twin.getAttribute('html', 'lang'), other);
            const back = new URL(await twin.locator('.lang-switch').getAttribute('href'), twin.url()).href;
            assert.equal(back, url(path).split('?')[0], `${twinUrl}: does not link back`);
            assert.equal((await alternates(twin))[tag].split('?')[0], url(path).split('?')[0]);
          } finally {
            await twin.close();
          }
        });
      } finally {
        await page.close();
      }
    });
  }
}

// Dark mode changes every colour: the pages with most colour (badges, charts, heat map).
for (const [name, path, opts = {}] of [
  ['home', ''],
  ['platform', 'platforms/danjiang-bridge/'],
  ['KPI year', kpiYear],
  ['report', 'en/reports/2021-H1/'],
  ['search with results', 'en/search/?q=bridge', { search: true }],
]) {
  test(`axe: ${name} in dark mode`, async () => {
    const page = await open(path, { colorScheme: 'dark', ...opts });
    try {
      await axe(page, `${path} (dark)`);
    } finally {
      await page.close();
    }
  });
}

for (const [lang, prefix] of LANGS) {
  test(`skip link: the first Tab stop, visible when focused, moves focus to main [${lang}]`, async () => {
    const page = await open(`${prefix}platforms/danjiang-bridge/`);
    try {
      await page.keyboard.press('Tab');
      // It slides in (a short transition unless reduced motion is asked for).
      await page.waitForFunction(() => document.activeElement.getBoundingClientRect().top >= 0, null, { timeout: 2000 }).catch(() => {});
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        const r = e.getBoundingClientRect();
        return { cls: e.className, href: e.getAttribute('href'), top: r.top, left: r.left, w: r.width, h: r.height, text: e.textContent.trim() };
      });
      assert.equal(focused.cls, 'skip-link');
      assert.equal(focused.href, '#main');
      assert.ok(focused.top >= 0 && focused.left >= 0 && focused.w > 20 && focused.h > 10, `skip link is not on screen: ${JSON.stringify(focused)}`);
      assert.ok(focused.text.length > 1);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
      // The next Tab goes to the first link inside main, not back to the header.
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => !!document.activeElement.closest('main')), 'Tab after the skip link left main');
    } finally {
      await page.close();
    }
  });
}

for (const [label, path, width] of [['platform, desktop', 'platforms/danjiang-bridge/', 1280], ['home, phone', 'en/', 375]]) {
  test(`keyboard focus is visible on every Tab stop (${label})`, async () => {
    const page = await open(path, { width });
    try {
      const seen = new Set();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        // Let the skip link slide in and a smooth scroll to the focused element end.
        await page.waitForFunction(() => {
          const r = document.activeElement?.getBoundingClientRect();
          return !r || (r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth);
        }, null, { timeout: 2000 }).catch(() => {});
        const f = await page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          return {
            what: `${e.tagName.toLowerCase()}.${e.className} ${(e.textContent || '').trim().slice(0, 30)}`,
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            skip: e.classList.contains('skip-link'),
            onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
          };
        });
        if (!f || seen.has(f.what)) continue;
        seen.add(f.what);
        // The skip link shows itself (it slides in); everything else draws an outline.
        assert.ok(f.outline || f.skip, `no visible focus indicator on ${f.what}`);
        assert.ok(f.onScreen, `focused element is off screen: ${f.what}`);
      }
      assert.ok(seen.size > 15, `only ${seen.size} Tab stops visited`);
    } finally {
      await page.close();
    }
  });
}
