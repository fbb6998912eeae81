// The design promises of the default theme that a browser can check: print on A4,
// reduced motion, dark mode, the favicon, Open Graph metadata for shared links, and page
// titles in the page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url } from './lib.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function open(path, { width = 1280, media = 'screen', colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme, reducedMotion });
  await page.emulateMedia({ media });
  const res = await page.goto(url(path), { waitUntil: 'load' });
  assert.equal(res.status(), 200, `${path}: HTTP ${res.status()}`);
  return page;
}

for (const path of ['platforms/danjiang-bridge/', 'en/platforms/danjiang-bridge/', 'reports/2021-H1/']) {
  test(`print on A4: ${path} drops the navigation and fits its tables and charts`, async () => {
    // A4 portrait at 96 dpi minus the @page margins (16 mm each side): about 672px.
    const page = await open(path, { width: 672, media: 'print' });
    try {
      for (const sel of ['.site-nav', '.header-search', '.lang-switch', '.skip-link', '.toc', '.breadcrumb']) {
        const shown = await page.$$eval(sel, (els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
        assert.equal(shown, 0, `${sel} is printed`);
      }
      const wide = await page.$$eval('main table, main svg', (els) => els
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.getAttribute('class')}`));
      assert.deepEqual(wide, [], 'wider than the printed page');
      // Black text on white paper.
      const [fg, bg] = await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
      assert.equal(fg, 'rgb(0, 0, 0)');
      assert.equal(bg, 'rgb(255, 255, 255)');
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      assert.ok(pdf.length > 10_000, 'the PDF is empty');
    } finally {
      await page.close();
    }
  });
}

test('dark mode: the colour scheme follows prefers-color-scheme', async () => {
  const light = await open('');
  const dark = await open('', { colorScheme: 'dark' });
  try {
    const bg = (p) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lum = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    assert.ok(lum(await bg(light)) > 600, `light background is ${await bg(light)}`);
    assert.ok(lum(await bg(dark)) < 150, `dark background is ${await bg(dark)}`);
  } finally {
    await light.close();
    await dark.close();
  }
});

test('reduced motion: no smooth scrolling and no transitions', async () => {
  const page = await open('platforms/danjiang-bridge/', { reducedMotion: 'reduce' });
  try {
    const s = await page.evaluate(() => ({
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
      skip: getComputedStyle(document.querySelector('.skip-link')).transitionDuration,
    }));
    assert.equal(s.scroll, 'auto');
    assert.equal(s.skip, '0s');
  } finally {
    await page.close();
  }
  const moving = await open('platforms/danjiang-bridge/');
  try {
    assert.equal(await moving.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'smooth');
  } finally {
    await moving.close();
  }
});

for (const [lang, prefix, locale] of [['zh-TW', '', 'zh_TW'], ['en', 'en/', 'en_US']]) {
  test(`favicon, Open Graph and the title of each page type [${lang}]`, async () => {
    const page = await open(`${prefix}platforms/danjiang-bridge/`);
    try {
      const icon = await page.$eval('link[rel="icon"]', (l) => l.href);
      const res = await page.request.get(icon);
      assert.equal(res.status(), 200, icon);
      assert.match(res.headers()['content-type'], /svg/);
      const og = Object.fromEntries(await page.$$eval('meta[property^="og:"]', (ms) => ms.map((m) => [m.getAttribute('property'), m.content])));
      for (const k of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name', 'og:locale']) {
        assert.ok(og[k] && og[k].length > 1, `${k} missing`);
      }
      assert.equal(og['og:locale'], locale);
      assert.equal(og['og:url'], page.url(), 'og:url is not the page');
      assert.equal(og['og:title'], await page.title());
      const desc = await page.$eval('meta[name="description"]', (m) => m.content);
      assert.ok(desc.length > 10);
    } finally {
      await page.close();
    }
    // Titles are text in the page's language, never a printed {zh, en} object.
    for (const p of ['', 'platforms/', 'search/', 'reports/', 'kpis/', 'patterns/', '404.html', 'reports/2021-H1/']) {
      const html = await (await fetch(url(`${prefix}${p}`))).text();
      const title = html.match(/<title>([^<]*)<\/title>/)[1];
      assert.doesNotMatch(title, /\{|&#x27;zh|'zh'/, `${prefix}${p}: title ${title}`);
      if (lang === 'en') assert.doesNotMatch(title, /[\u4e00-\u9fff]/, `${prefix}${p}: Chinese in the English title ${title}`);
    }
  });
}
