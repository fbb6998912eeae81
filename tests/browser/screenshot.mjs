// Screenshots for looking at a page by eye (not a test):
//   node tests/browser/screenshot.mjs <path> <width> <out.png> [css selector] [--dark] [--print] [--wait=<css selector>]
// e.g. TOUMING_BASE_URL=http://127.0.0.1:8000/ node tests/browser/screenshot.mjs \
//        platforms/danjiang-bridge/ 375 /tmp/tl.png '#timeline'
import { launch, url } from './lib.mjs';

const [path, width, out, selector, ...flags] = process.argv.slice(2);
if (!path || !width || !out) {
  console.error('usage: screenshot.mjs <path> <width> <out.png> [selector] [--dark] [--print] [--wait=<selector>]');
  process.exit(2);
}
const browser = await launch();
try {
  const page = await browser.newPage({
    viewport: { width: Number(width), height: 900 },
    colorScheme: flags.includes('--dark') ? 'dark' : 'light',
  });
  if (flags.includes('--print')) await page.emulateMedia({ media: 'print' });
  await page.goto(url(path), { waitUntil: 'load' });
  // e.g. --wait='#search-results [role=option]' for the search page with a query.
  const wait = flags.find((f) => f.startsWith('--wait='));
  if (wait) await page.locator(wait.slice(7)).first().waitFor();
  if (selector && selector !== '-') {
    await page.locator(selector).first().screenshot({ path: out });
  } else {
    await page.screenshot({ path: out, fullPage: true });
  }
  console.log(out);
} finally {
  await browser.close();
}
