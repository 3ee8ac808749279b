/**
 * npm run eval:staff -- [--corpus <lawrefbook dir>] [--json] [--show-holdout] [--channels a,b,…]
 * Staff questions on real finance laws (src/knowledge/eval/staff-questions.ts) against the LawRefBook
 * `finance` subset: hit@5 (recall@5) and MRR@10 for the tune and holdout splits. The laws are read at
 * run time (default: ../shared/datasets/lawrefbook beside the package or its parent folder); an
 * absent folder prints SKIPPED and exits 0. Holdout misses are hidden unless --show-holdout.
 */
import { parseArgs } from 'node:util';
import { FinagentError } from '../src/runtime/errors.js';
import { defaultLawrefbook, formatStaffReport, lawrefbookCandidates, runStaffEval } from '../src/knowledge/eval/staff.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      json: { type: 'boolean', default: false },
      'show-holdout': { type: 'boolean', default: false },
      channels: { type: 'string' },
    },
  });
  const corpus = values.corpus ?? defaultLawrefbook();
  if (!corpus) {
    process.stdout.write(`eval-staff: SKIPPED — lawrefbook dataset not found (looked in ${lawrefbookCandidates().join(', ')}); pass --corpus\n`);
    return 0;
  }
  const channels = values.channels?.split(',').map((c) => c.trim()).filter(Boolean);
  const report = await runStaffEval({
    corpus,
    retrieveOptions: channels?.length ? { channels } : {},
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write((values.json ? JSON.stringify(report, null, 2) : formatStaffReport(report, values['show-holdout'])) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`eval-staff: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(FinagentError.isInstance(e) && e.code === 'bad_input' ? 2 : 1);
  },
);
