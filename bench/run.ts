import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

/**
 * `npm run bench [area…]`: runs every bench/<area>.js module (or the named ones) and prints medians.
 * Speed targets live here, not in unit tests.
 */
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const json = process.argv.includes('--json');
const areas = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !['run.js', 'types.js'].includes(f))
  .map((f) => f.replace(/\.js$/, ''))
  .filter((a) => wanted.length === 0 || wanted.includes(a))
  .sort();

const all: Array<BenchResult & { area: string }> = [];
for (const area of areas) {
  const mod = (await import(pathToFileURL(join(here, `${area}.js`)).href)) as { run?: () => Promise<BenchResult[]> };
  if (typeof mod.run !== 'function') continue;
  process.stderr.write(`bench ${area}…\n`);
  try {
    for (const r of await mod.run()) all.push({ ...r, area });
  } catch (e) {
    process.stderr.write(`bench ${area} failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
else {
  const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 1000 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
  process.stdout.write('| area | measure | median | p95 | unit | target | ok |\n|---|---|---|---|---|---|---|\n');
  for (const r of all) {
    process.stdout.write(`| ${r.area} | ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} |\n`);
  }
}
