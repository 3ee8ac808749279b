/**
 * npm run eval:stard -- --corpus <lawrefbook dir> --queries <stard queries.json> [--gold <gold_articles.jsonl>] [--limit n]
 *   [--channels words,grams,…] [--fusion rrf|combsum|mixed]
 * Prints Recall@1/5/10/100 and MRR@10 for a plain bigram BM25 baseline and the hybrid retriever
 * (channels and fusion selectable, to measure each technique on its own).
 */
import { parseArgs } from 'node:util';
import { FinagentError } from '../src/runtime/errors.js';
import { formatReport, runStardEval } from '../src/knowledge/eval/stard.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      queries: { type: 'string' },
      gold: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      channels: { type: 'string' },
      fusion: { type: 'string' },
    },
  });
  if (!values.corpus || !values.queries) {
    process.stderr.write(
      'usage: eval-stard --corpus <lawrefbook dir> --queries <queries.json> [--gold <gold_articles.jsonl>] [--limit n] [--channels a,b,…] [--fusion rrf|combsum|mixed] [--json]\n',
    );
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    process.stderr.write(`--limit must be a positive integer, got "${values.limit}"\n`);
    return 2;
  }
  const fusion = values.fusion;
  if (fusion !== undefined && fusion !== 'rrf' && fusion !== 'combsum' && fusion !== 'mixed') {
    process.stderr.write(`--fusion must be rrf, combsum or mixed, got "${fusion}"\n`);
    return 2;
  }
  const channels = values.channels?.split(',').map((c) => c.trim()).filter(Boolean);
  const report = await runStardEval({
    corpus: values.corpus,
    queries: values.queries,
    gold: values.gold,
    limit,
    retrieveOptions: { ...(channels?.length ? { channels } : {}), ...(fusion ? { fusion } : {}) },
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write((values.json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`eval-stard: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(FinagentError.isInstance(e) && e.code === 'bad_input' ? 2 : 1);
  },
);
