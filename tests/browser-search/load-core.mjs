// Load themes/default/static/search-core.js as an ES module in node (the theme folder has no
// package.json saying "type": "module", so import a copy with an .mjs name).
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'search-core-'));
copyFileSync(join(root, 'themes/default/static/search-core.js'), join(dir, 'search-core.mjs'));
export const core = await import(pathToFileURL(join(dir, 'search-core.mjs')).href);
