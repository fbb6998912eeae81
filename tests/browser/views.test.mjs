// The public views of the derived data (timeline, control points, risk heat map, charts,
// period reports) in a real browser: they work under the site's strict CSP (no inline
// style or script, nothing blocked), state what they show in text, and fit their page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url } from './lib.mjs';

let browser;
let context;

before(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
});

/** Open a page, failing on HTTP errors, CSP violations and script errors. */
async function open(path, { width = 1280, media = 'screen' } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ media });
  const res = await page.goto(url(path), { waitUntil: 'load' });
  assert.equal(res.status(), 200, `${path}: HTTP ${res.status()}`);
  return { page, problems };
}

async function noStyleAttributes(page, path) {
  const n = await page.$$eval('[style]', (els) => els.map((e) => e.outerHTML.slice(0, 120)));
  assert.deepEqual(n, [], `${path}: elements with a style attribute (blocked by the CSP)`);
}

for (const lang of ['', 'en/']) {
  test(`platform page: timeline, control points and heat map [${lang || 'zh-TW'}]`, async () => {
    const path = `${lang}platforms/danjiang-bridge/`;
    const { page, problems } = await open(path);
    try {
      await noStyleAttributes(page, path);
      // The timeline: an image with a title and a description, and its text table.
      const tl = page.locator('#timeline svg.tl-svg');
      assert.equal(await tl.getAttribute('role'), 'img');
      const [titleId, descId] = (await tl.getAttribute('aria-labelledby')).split(' ');
      assert.ok((await page.locator(`#${titleId}`).textContent()).length > 4);
      assert.match(await page.locator(`#${descId}`).textContent(), /\d/);
      assert.ok(await page.locator('#timeline svg .tl-today').count(), 'no today marker');
      assert.ok(await page.locator('#timeline svg .tl-overdue').count(), 'no overdue diamond');
      const rows = await page.locator('#milestones tbody tr').count();
      assert.equal(rows, await page.locator('#timeline svg .tl-ms').count(), 'table and chart disagree');
      assert.ok(await page.locator('#milestones .flag-overdue').count(), 'no overdue flag in the table');
      // Control points: nine rows, each status in words.
      const checks = page.locator('#checks tbody tr');
      assert.equal(await checks.count(), 9);
      for (const text of await page.locator('#checks tbody .badge').allTextContents()) {
        assert.match(text.trim(), /^[✓!✗—] \S/, `status without words: ${text}`);
      }
      // The evidence is in the page's language (checks give reason and reason_en); an
      // English reason may quote a Chinese-only title, so most, not all, are free of CJK.
      const reasons = await page.locator('#checks tbody td.col-text').allTextContents();
      const cjk = reasons.filter((r) => /[\u4e00-\u9fff]/.test(r)).length;
      if (lang) assert.ok(cjk <= 2, `${cjk} of ${reasons.length} English reasons are in Chinese: ${reasons.join(' | ')}`);
      else assert.equal(cjk, reasons.length, 'Chinese page with non-Chinese reasons');
      // Heat map: 25 cells whose counts add up to the risks in the register.
      const counts = await page.$$eval('.risk-matrix tbody td .heat-n', (els) => els.map((e) => parseInt(e.textContent, 10)));
      assert.equal(counts.length, 25);
      assert.equal(counts.reduce((a, b) => a + b, 0), await page.locator('table.risks tbody tr').count());
      // Nothing sticks out of the page sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path}: page is ${overflow}px wider than the window`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test('phone width: the timeline keeps readable text and the page does not scroll sideways', async () => {
  const path = 'platforms/taipei-c1d1/';
  const { page, problems } = await open(path, { width: 375 });
  try {
    const box = await page.locator('#timeline svg.tl-svg').boundingBox();
    assert.ok(box.width <= 375 && box.width > 250, `timeline is ${box.width}px wide`);
    const size = await page.$eval('#timeline svg .tl-label', (t) => parseFloat(getComputedStyle(t).fontSize));
    assert.ok(size >= 12, `timeline labels are ${size}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path}: page is ${overflow}px wider than the window`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('home: every platform shows its stage and its control-point summary', async () => {
  const { page, problems } = await open('');
  try {
    await noStyleAttributes(page, 'home');
    const platforms = await page.locator('table.registry tbody tr').count();
    assert.ok(platforms > 0);
    assert.equal(await page.locator('table.registry .stage-meter').count(), platforms);
    const sums = await page.locator('table.registry .check-summary .visually-hidden').allTextContents();
    assert.equal(sums.length, platforms);
    for (const s of sums) assert.match(s, /\d/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('KPI page: a weighted score and a chart per goal with a target', async () => {
  const { page, problems } = await open('kpis/2017/');
  try {
    await noStyleAttributes(page, 'kpis/2017/');
    assert.match(await page.locator('.stat-score .stat-num').textContent(), /^\d+(\.\d)?$/);
    const charts = page.locator('.kpi-chart svg.chart-wide');
    assert.ok(await charts.count() > 0);
    assert.equal(await charts.first().getAttribute('role'), 'img');
    // Only one variant of each chart is displayed.
    const shown = await page.$$eval('.kpi-chart svg', (s) => s.filter((x) => getComputedStyle(x).display !== 'none').length);
    assert.equal(shown, await charts.count());
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('period report prints on A4 without cutting its tables', async () => {
  const path = 'reports/2021-H1/';
  // A4 portrait at 96 dpi, minus the @page margins (16 mm each side): about 672px.
  const { page, problems } = await open(path, { width: 672, media: 'print' });
  try {
    await noStyleAttributes(page, path);
    const wide = await page.$$eval('table', (ts) => ts.filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1).map((t) => t.className));
    assert.deepEqual(wide, [], 'tables wider than the printed page');
    assert.ok(await page.locator('.report-platform').count() > 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('reports index links every period report, and each opens', async () => {
  const { page, problems } = await open('reports/');
  try {
    const hrefs = await page.$$eval('main table a[href]', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= 2);
    for (const h of [hrefs[0], hrefs[hrefs.length - 1]]) {
      const res = await page.request.get(new URL(h, page.url()).href);
      assert.equal(res.status(), 200, h);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
