/**
 * npm run eval:finglm -- [dir] [--json]
 * Scores the ratio engine on FinGLM's computed-ratio questions (default dir ../shared/datasets/finglm
 * beside the package). An absent folder prints a message and exits 0.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FinagentError } from '../src/runtime/errors.js';
import { packageRoot } from '../src/runtime/paths.js';
import { evaluateFinglm, formatFinglmReport, loadFinglmRatioRows } from '../src/analysis/engine/finglm-eval.js';

function main(): number {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const dir = positionals[0] ? resolve(positionals[0]) : join(packageRoot, '..', 'shared', 'datasets', 'finglm');
  if (!existsSync(dir)) {
    process.stdout.write(`eval-finglm: dataset folder not found: ${dir} — nothing to evaluate\n`);
    return 0;
  }
  const { rows, files, badLines } = loadFinglmRatioRows(dir);
  if (files.length === 0) {
    process.stdout.write(`eval-finglm: no A/B/C-list-answer.json in ${dir} — nothing to evaluate\n`);
    return 0;
  }
  if (badLines) process.stderr.write(`eval-finglm: skipped ${badLines} unparseable line(s)\n`);
  const strict = evaluateFinglm(rows, files);
  const mechanical = evaluateFinglm(rows, files, { growthBase: 'mechanical' });
  process.stdout.write((values.json ? JSON.stringify({ strict, mechanical }, null, 2) : formatFinglmReport(strict, mechanical)) + '\n');
  return 0;
}

try {
  process.exit(main());
} catch (e: unknown) {
  process.stderr.write(`eval-finglm: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(FinagentError.isInstance(e) && e.code === 'bad_input' ? 2 : 1);
}
