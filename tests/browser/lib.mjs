// Shared helpers of the browser tests: the base URL of the served site and a headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core, which downloads no
// browser of its own). `tests/browser/run` builds the example site, serves it and sets
// TOUMING_BASE_URL; to run a test by hand against a site you serve yourself:
//   TOUMING_BASE_URL=http://127.0.0.1:8000/ node --test tests/browser/a11y.test.mjs
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const baseUrl = (() => {
  const u = process.env.TOUMING_BASE_URL;
  if (!u) throw new Error('TOUMING_BASE_URL is not set: run tests/browser/run, or serve a built site and set it');
  return u.endsWith('/') ? u : `${u}/`;
})();

export const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: install it with apt-get install -y chromium (tests/browser/run does)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** An absolute URL of a site path (`platforms/x/`, `en/`). */
export const url = (path) => new URL(path, baseUrl).href;
