import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { effectiveConfig, globals, printJson } from '../context.js';
import { EXIT_USAGE, run } from '../exit.js';

/** FINAGENT_HOME, the embedder settings and the database URL (set: the stores live in PostgreSQL). */
async function homeOf(cmd: Command): Promise<{ home: string; embeddings: Record<string, unknown>; url: string | undefined }> {
  const config = await effectiveConfig(globals(cmd));
  const { defaultHome } = await import('../../src/runtime/paths.js');
  return { home: config.home ?? defaultHome(), embeddings: config.embeddings, url: config.database.url };
}

/** A one-line progress bar on stderr, only on a terminal. */
function progress(done: number, total: number, label: string): void {
  if (!process.stderr.isTTY) return;
  const width = 28;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.slice(-40).padEnd(40)}`);
  if (done === total) process.stderr.write('\n');
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('ingest Markdown, text and HTML rules into a knowledge store (statute-aware chunking, idempotent)')
    .argument('<paths...>', 'files or folders (recursive)')
    .option('--store <name>', 'store name', 'policies')
    .option('--prune', 'also remove documents whose files are gone from the given folders')
    .option('--json', 'print the summary as JSON')
    .action((paths: string[], opts: { store: string; prune?: boolean; json?: boolean }, cmd: Command) =>
      run(async () => {
        const { home, embeddings, url } = await homeOf(cmd);
        const { runIngest } = await import('../../src/knowledge/ingest.js');
        const summary = await runIngest({
          home,
          url,
          store: opts.store,
          paths,
          prune: Boolean(opts.prune),
          ...(Object.keys(embeddings).length ? { embedder: embeddings as never } : {}),
          onProgress: (p) => progress(p.done, p.total, p.path),
          onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
        });
        if (opts.json) return printJson(summary);
        process.stdout.write(
          `store ${summary.store}: ${summary.documents} documents, ${summary.articles} articles ingested, ${summary.unchanged} unchanged, ${summary.replaced} replaced, ${summary.removed} removed, ${summary.skipped.length} skipped in ${summary.seconds.toFixed(2)} s\n`,
        );
        for (const s of summary.skipped) process.stdout.write(`  skipped ${s.path}: ${s.reason}\n`);
      }),
    );

  program
    .command('retrieve')
    .description('hybrid (lexical + vector, RRF) retrieval from a knowledge store')
    .argument('[query...]', 'the query')
    .option('-k <n>', 'number of hits', '10')
    .option('--store <name>', 'store name', 'policies')
    .option('--doc <title>', 'only documents whose title contains this')
    .option('--as-of <date>', 'only versions in force on YYYY-MM-DD')
    .option('--batch <file>', 'one query per line; prints one JSON object per line (JSONL)')
    .option('--json', 'machine-readable output: { hits: [{ label, doc, article, score, channels, text }] }')
    .action((words: string[], opts: { k: string; store: string; doc?: string; asOf?: string; batch?: string; json?: boolean }, cmd: Command) =>
      run(async () => {
        const k = Number(opts.k);
        if (!Number.isInteger(k) || k < 1 || k > 1000) {
          process.stderr.write(`finagent: -k must be an integer from 1 to 1000, not "${opts.k}"\n`);
          return EXIT_USAGE;
        }
        const { home, url } = await homeOf(cmd);
        const { runRetrieve, runRetrieveBatch } = await import('../../src/knowledge/retrieve.js');
        const common = { home, url, store: opts.store, k, ...(opts.doc ? { doc: opts.doc } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}), onWarning: (m: string) => process.stderr.write(`warning: ${m}\n`) };
        if (opts.batch) {
          let text: string;
          try {
            text = readFileSync(opts.batch, 'utf8');
          } catch (e) {
            process.stderr.write(`finagent: cannot read --batch file ${opts.batch}: ${(e as Error).message}\n`);
            return EXIT_USAGE;
          }
          const queries = text.split(/\r?\n/).filter((l) => l.trim());
          for (const r of await runRetrieveBatch({ ...common, queries })) process.stdout.write(`${JSON.stringify(r)}\n`);
          return 0;
        }
        const query = words.join(' ').trim();
        if (!query) {
          process.stderr.write('finagent: the query is empty — usage: finagent retrieve "<query>"\n');
          return EXIT_USAGE;
        }
        const result = await runRetrieve({ ...common, query });
        if (opts.json) return printJson(result);
        result.hits.forEach((h, i) => {
          const channels = h.channels.map((c) => c.channel).join('+');
          process.stdout.write(`${String(i + 1).padStart(2)}. ${h.label}  (${h.score.toFixed(4)}; ${channels})\n    ${h.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
        });
        return 0;
      }),
    );
}
