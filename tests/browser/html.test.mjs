// Markup: html-validate (the recommended preset, configured in .htmlvalidate.json beside
// this file, where every rule that is switched off or narrowed says why) over EVERY .html
// page of the built example site, both languages, must report no error. The pages are
// read from the folder the site was built into (TOUMING_SITE_DIR, set by tests/browser/run),
// so a page that no link reaches is validated too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HtmlValidate } from 'html-validate';

const siteDir = process.env.TOUMING_SITE_DIR;
const config = JSON.parse(readFileSync(new URL('./.htmlvalidate.json', import.meta.url), 'utf8'));

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

test('html-validate: every page of the example site, 0 errors', async () => {
  assert.ok(siteDir && existsSync(siteDir), 'TOUMING_SITE_DIR is not set to a built site: run tests/browser/run');
  const files = htmlFiles(siteDir).sort();
  // The example site has well over a hundred pages per language; fewer means the walk
  // (or the build) went wrong, and a pass would mean nothing.
  assert.ok(files.length > 200, `only ${files.length} pages found in ${siteDir}`);
  assert.ok(files.some((f) => f.endsWith(join('en', 'index.html'))), 'no English home page');
  const hv = new HtmlValidate(config);
  const problems = [];
  for (const file of files) {
    const report = await hv.validateString(readFileSync(file, 'utf8'), file);
    for (const r of report.results) {
      for (const m of r.messages) {
        if (m.severity === 2) {
          problems.push(`${relative(siteDir, file)}:${m.line}:${m.column} ${m.ruleId}: ${m.message} (${m.selector || ''})`);
        }
      }
    }
  }
  if (problems.length) console.log(`\nhtml-validate: ${problems.length} error(s):\n${problems.slice(0, 60).join('\n')}\n`);
  else console.log(`html-validate: ${files.length} pages, 0 errors`);
  assert.equal(problems.length, 0, `${problems.length} html-validate error(s) in ${files.length} pages`);
});
