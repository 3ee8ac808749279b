/**
 * Staff questions on real finance laws (staff-questions.ts) against the LawRefBook `finance` subset:
 * hit@5 / hit@10 and MRR@10 per split (tune, holdout), through the real ingest + hybrid retriever, the
 * laws in force on STAFF_AS_OF. Reads the laws from the path given by the caller; nothing from them is
 * stored in the project.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserInputError } from '../../runtime/errors.js';
import { packageRoot } from '../../runtime/paths.js';
import { createEmbedder } from '../embedders/create.js';
import { ingestInto } from '../ingest.js';
import { retrieve, type RetrieveOptions } from '../retrieve.js';
import { openStore } from '../store.js';
import { dedupe, mrrAt } from './metrics.js';
import { articleName } from './stard.js';
import { STAFF_AS_OF, STAFF_QUESTIONS, type StaffQuestion } from './staff-questions.js';

/** Where the shared datasets may sit: beside the package, or beside its parent (git worktrees). */
export function lawrefbookCandidates(): string[] {
  return [join(packageRoot, '..', 'shared', 'datasets', 'lawrefbook'), join(packageRoot, '..', '..', 'shared', 'datasets', 'lawrefbook')];
}

export function defaultLawrefbook(): string | null {
  return lawrefbookCandidates().find((p) => existsSync(join(p, 'manifest.csv'))) ?? null;
}

/** Files of the manifest's `finance` subset (path first, subsets third from the end; titles may hold commas). */
export function financeFiles(corpus: string): string[] {
  const manifest = join(corpus, 'manifest.csv');
  if (!existsSync(manifest)) throw new UserInputError(`no manifest.csv in ${corpus}: pass the lawrefbook folder with --corpus`);
  return readFileSync(manifest, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((cols) => (cols[cols.length - 3] ?? '').split(';').includes('finance'))
    .map((cols) => join(corpus, cols[0] ?? ''));
}

export interface SplitFigures {
  split: string;
  questions: number;
  hit1: number;
  hit5: number;
  hit10: number;
  mrr10: number;
}

export interface StaffMiss {
  id: string;
  split: string;
  question: string;
  gold: string[];
  /** Rank of the first gold article (1-based) within the top 100, or null. */
  rank: number | null;
  top: string[];
}

export interface StaffReport {
  articles: number;
  asOf: string;
  /** Gold articles not found in the corpus (a wrong id or a missing law). */
  missingGold: string[];
  rows: SplitFigures[];
  misses: StaffMiss[];
}

/** Share of questions with any gold article in the top k (gold lists alternatives: any one answers). */
function hitAt(runs: { gold: string[]; ranked: string[] }[], k: number): number {
  if (runs.length === 0) return 0;
  return runs.filter((r) => r.ranked.slice(0, k).some((x) => r.gold.includes(x))).length / runs.length;
}

export interface StaffOptions {
  corpus: string;
  questions?: readonly StaffQuestion[];
  retrieveOptions?: RetrieveOptions;
  log?: (line: string) => void;
}

export async function runStaffEval(opts: StaffOptions): Promise<StaffReport> {
  const questions = opts.questions ?? STAFF_QUESTIONS;
  const files = financeFiles(opts.corpus);
  const home = mkdtempSync(join(tmpdir(), 'fa-staff-'));
  try {
    const store = openStore({ home, name: 'staff', create: true });
    const summary = await ingestInto(store, files, createEmbedder());
    opts.log?.(`ingested ${summary.articles} articles from ${files.length} files`);
    // Gold ids are checked against the versions in force on the date, as retrieval sees them.
    const inForce = new Set<string>();
    const docs = store.documents();
    const latest = new Map<string, string>();
    for (const d of docs) if (d.effective && d.effective <= STAFF_AS_OF && (latest.get(d.title) ?? '') < d.effective) latest.set(d.title, d.effective);
    const current = new Set(docs.filter((d) => !d.effective || (d.effective <= STAFF_AS_OF && latest.get(d.title) === d.effective)).map((d) => d.id));
    const rows = store.db.prepare('SELECT doc_id, article_label FROM chunks WHERE article_label IS NOT NULL').all() as { doc_id: number; article_label: string }[];
    const titleOf = new Map(docs.map((d) => [d.id, d.title]));
    for (const r of rows) if (current.has(r.doc_id)) inForce.add(articleName(titleOf.get(r.doc_id) ?? '', r.article_label));
    const missingGold = [...new Set(questions.flatMap((q) => q.gold))].filter((g) => !inForce.has(g));

    const runs: (StaffQuestion & { ranked: string[] })[] = [];
    for (const q of questions) {
      const res = await retrieve(store, q.question, { k: 100, asOf: STAFF_AS_OF, ...opts.retrieveOptions });
      runs.push({ ...q, ranked: dedupe(res.hits.filter((h) => h.articleLabel).map((h) => articleName(h.doc, h.articleLabel ?? ''))) });
    }
    store.close();
    const figures = (split: string, list: typeof runs): SplitFigures => ({
      split,
      questions: list.length,
      hit1: hitAt(list, 1),
      hit5: hitAt(list, 5),
      hit10: hitAt(list, 10),
      mrr10: mrrAt(list, 10),
    });
    const misses: StaffMiss[] = runs
      .filter((r) => !r.ranked.slice(0, 5).some((x) => r.gold.includes(x)))
      .map((r) => {
        const i = r.ranked.findIndex((x) => r.gold.includes(x));
        return { id: r.id, split: r.split, question: r.question, gold: r.gold, rank: i >= 0 ? i + 1 : null, top: r.ranked.slice(0, 5) };
      });
    return {
      articles: summary.articles,
      asOf: STAFF_AS_OF,
      missingGold,
      rows: [
        figures('tune', runs.filter((r) => r.split === 'tune')),
        figures('holdout', runs.filter((r) => r.split === 'holdout')),
        ...(['plain', 'jargon'] as const).flatMap((b) =>
          (['tune', 'holdout'] as const).map((sp) => figures(`${b} ${sp}`, runs.filter((r) => r.batch === b && r.split === sp))),
        ),
        figures('all', runs),
      ],
      misses,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The report as a table; misses are listed for the tune split only unless `showHoldout`. */
export function formatStaffReport(r: StaffReport, showHoldout = false): string {
  const f = (x: number) => x.toFixed(3).replace(/^0/, '');
  const out = [
    `Staff questions on finance laws (${r.articles} article chunks, laws in force on ${r.asOf})`,
    '| split | questions | hit@1 | hit@5 (recall@5) | hit@10 | MRR@10 |',
    '|---|---|---|---|---|---|',
    ...r.rows.map((x) => `| ${x.split} | ${x.questions} | ${f(x.hit1)} | ${f(x.hit5)} | ${f(x.hit10)} | ${f(x.mrr10)} |`),
  ];
  if (r.missingGold.length) out.push(`gold articles not in the corpus: ${r.missingGold.join(', ')}`);
  const shown = r.misses.filter((m) => showHoldout || m.split === 'tune');
  if (shown.length) {
    out.push('', `Misses at 5 (${showHoldout ? 'all splits' : 'tune split only; holdout misses are not shown'}):`);
    for (const m of shown) out.push(`- ${m.id} ${m.question} → gold ${m.gold.join(' | ')} at ${m.rank ?? '>100'}; top: ${m.top.join(', ')}`);
  }
  return out.join('\n');
}
