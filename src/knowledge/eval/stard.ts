/**
 * STARD evaluation: real layperson questions → gold statute articles, over the LawRefBook files
 * marked `stard`. Builds (a) a plain character-bigram BM25 baseline (SQLite FTS5, defaults) and
 * (b) the hybrid retriever, in the same run, and reports Recall@1/5/10/100, MRR@10 and timings.
 * Reads the dataset from paths given by the caller; nothing from it is stored in the project.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';
import { chunkDocument } from '../chunker.js';
import { ingestInto } from '../ingest.js';
import { createEmbedder } from '../embedders/create.js';
import { readSource } from '../readers.js';
import { retrieve, type RetrieveOptions } from '../retrieve.js';
import type { KnowledgeBase } from '../base.js';
import { openStore } from '../store.js';
import { cjkBigrams, ftsOrQuery } from '../tokens.js';
import { dedupe, mrrAt, percentile, recallAt, type RankedQuery } from './metrics.js';

const QuerySchema = z.object({ query_id: z.number(), 问题: z.string(), match_name: z.array(z.string()) });
const GoldSchema = z.object({ name: z.string() });

export interface StardOptions {
  corpus: string;
  queries: string;
  gold?: string;
  limit?: number;
  log?: (line: string) => void;
  retrieveOptions?: RetrieveOptions;
}

export interface RetrieverFigures {
  name: string;
  r1: number;
  r5: number;
  r10: number;
  r100: number;
  mrr10: number;
  buildSeconds: number;
  p50ms: number;
  p95ms: number;
}

export interface StardReport {
  queries: number;
  articles: number;
  goldCoverage: { found: number; total: number } | null;
  rows: RetrieverFigures[];
  peakRssMB: number;
}

/** Gold and hit names compared as law title (中华人民共和国 removed) + article label. */
export function articleName(title: string, articleLabel: string): string {
  return (title + articleLabel).replace(/中华人民共和国/g, '').replace(/[\s《》]/g, '');
}

function stardFiles(corpus: string): string[] {
  const manifest = join(corpus, 'manifest.csv');
  if (!existsSync(manifest)) throw new UserInputError(`no manifest.csv in ${corpus}: pass the lawrefbook folder with --corpus`);
  const lines = readFileSync(manifest, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const iPath = header.indexOf('path');
  const iSubsets = header.indexOf('subsets');
  if (iPath < 0 || iSubsets < 0) throw new UserInputError(`${manifest}: expected columns path and subsets`);
  // Titles may contain commas, but path is first and subsets third from the end.
  return lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((cols) => (cols[cols.length - 3] ?? '').split(';').includes('stard'))
    .map((cols) => join(corpus, cols[iPath] ?? ''));
}

function figures(name: string, qs: RankedQuery[], buildSeconds: number, times: number[]): RetrieverFigures {
  return {
    name,
    r1: recallAt(qs, 1),
    r5: recallAt(qs, 5),
    r10: recallAt(qs, 10),
    r100: recallAt(qs, 100),
    mrr10: mrrAt(qs, 10),
    buildSeconds,
    p50ms: percentile(times, 0.5),
    p95ms: percentile(times, 0.95),
  };
}

export function formatReport(r: StardReport): string {
  const f = (x: number) => x.toFixed(3).replace(/^0/, '');
  const out = [
    `STARD: ${r.queries} queries over ${r.articles} article chunks` +
      (r.goldCoverage ? ` (gold articles present in corpus: ${r.goldCoverage.found}/${r.goldCoverage.total})` : ''),
    '| retriever | R@1 | R@5 | R@10 | R@100 | MRR@10 | build (s) | query p50/p95 (ms) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const x of r.rows) {
    out.push(
      `| ${x.name} | ${f(x.r1)} | ${f(x.r5)} | ${f(x.r10)} | ${f(x.r100)} | ${f(x.mrr10)} | ${x.buildSeconds.toFixed(2)} | ${x.p50ms.toFixed(1)} / ${x.p95ms.toFixed(1)} |`,
    );
  }
  out.push(`peak RSS ${r.peakRssMB.toFixed(0)} MB`);
  return out.join('\n');
}

/** STARD's queries (the first `limit`) with their gold article names. */
export function loadStardQueries(path: string, limit?: number): { question: string; gold: string[] }[] {
  if (!existsSync(path)) throw new UserInputError(`queries file not found: ${path}`);
  const parsed = z.array(QuerySchema).safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new UserInputError(`${path}: not STARD queries.json (${parsed.error.issues[0]?.message ?? ''})`);
  return parsed.data.slice(0, limit ?? parsed.data.length).map((q) => ({ question: q.问题, gold: dedupe(q.match_name.map((n) => articleName(n, ''))) }));
}

/**
 * The hybrid retriever on a given (empty) store of either engine: ingest the STARD law files, run
 * the queries, report the figures (used by the bench to compare SQLite and PostgreSQL).
 */
export async function runStardOn(
  store: KnowledgeBase,
  opts: { corpus: string; queries: { question: string; gold: string[] }[]; name: string; retrieveOptions?: RetrieveOptions },
): Promise<RetrieverFigures & { rankings: string[][] }> {
  const t0 = performance.now();
  await ingestInto(store, stardFiles(opts.corpus), createEmbedder());
  const build = (performance.now() - t0) / 1000;
  const times: number[] = [];
  const runs: RankedQuery[] = [];
  for (const q of opts.queries) {
    const t = performance.now();
    const res = await retrieve(store, q.question, { k: 120, ...opts.retrieveOptions });
    times.push(performance.now() - t);
    runs.push({ gold: q.gold, ranked: dedupe(res.hits.filter((h) => h.articleLabel).map((h) => articleName(h.doc, h.articleLabel ?? ''))) });
  }
  return { ...figures(opts.name, runs, build, times), rankings: runs.map((r) => r.ranked.slice(0, 10)) };
}

export async function runStardEval(opts: StardOptions): Promise<StardReport> {
  const log = opts.log ?? (() => undefined);
  if (!existsSync(opts.corpus)) throw new UserInputError(`corpus folder not found: ${opts.corpus}`);
  if (!existsSync(opts.queries)) throw new UserInputError(`queries file not found: ${opts.queries}`);
  const files = stardFiles(opts.corpus);
  const parsed = z.array(QuerySchema).safeParse(JSON.parse(readFileSync(opts.queries, 'utf8')));
  if (!parsed.success) throw new UserInputError(`${opts.queries}: not STARD queries.json (${parsed.error.issues[0]?.message ?? ''})`);
  const queries = parsed.data.slice(0, opts.limit ?? parsed.data.length);
  const gold = queries.map((q) => dedupe(q.match_name.map((n) => articleName(n, ''))));
  const K = 100;

  // (a) Baseline: plain character-bigram BM25 in SQLite FTS5, default bm25(), body text only.
  let t0 = performance.now();
  const base = new Database(':memory:');
  base.exec("CREATE VIRTUAL TABLE f USING fts5(name UNINDEXED, body, tokenize='unicode61')");
  const ins = base.prepare('INSERT INTO f(name, body) VALUES (?, ?)');
  let articles = 0;
  const names = new Set<string>();
  base.transaction(() => {
    for (const file of files) {
      const r = readSource(file);
      if (!r.ok) continue;
      for (const c of chunkDocument({ text: r.text, source: file }).chunks) {
        if (!c.articleLabel) continue;
        const name = articleName(c.docTitle, c.articleLabel);
        names.add(name);
        ins.run(name, cjkBigrams(c.text).join(' '));
        articles++;
      }
    }
  })();
  const baseBuild = (performance.now() - t0) / 1000;
  const search = base.prepare('SELECT name FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?');
  const baseTimes: number[] = [];
  const baseRuns: RankedQuery[] = queries.map((q, i) => {
    const t = performance.now();
    const m = ftsOrQuery(cjkBigrams(q.问题));
    const ranked = m ? dedupe((search.all(m, K + 20) as { name: string }[]).map((r) => r.name)) : [];
    baseTimes.push(performance.now() - t);
    return { gold: gold[i] ?? [], ranked };
  });
  base.close();
  log(`baseline built in ${baseBuild.toFixed(2)} s`);

  let goldCoverage: StardReport['goldCoverage'] = null;
  if (opts.gold && existsSync(opts.gold)) {
    const all = readFileSync(opts.gold, 'utf8').trim().split('\n').map((l) => GoldSchema.parse(JSON.parse(l)).name);
    goldCoverage = { found: all.filter((n) => names.has(articleName(n, ''))).length, total: all.length };
  }

  // (b) The hybrid retriever, through the real ingest + store.
  const home = mkdtempSync(join(tmpdir(), 'fa-stard-'));
  try {
    t0 = performance.now();
    const store = openStore({ home, name: 'stard', create: true });
    await ingestInto(store, files, createEmbedder());
    const hybridBuild = (performance.now() - t0) / 1000;
    log(`hybrid store built in ${hybridBuild.toFixed(2)} s`);
    const times: number[] = [];
    const runs: RankedQuery[] = [];
    for (const [i, q] of queries.entries()) {
      const t = performance.now();
      const res = await retrieve(store, q.问题, { k: K + 20, ...opts.retrieveOptions });
      times.push(performance.now() - t);
      const ranked = dedupe(res.hits.filter((h) => h.articleLabel).map((h) => articleName(h.doc, h.articleLabel ?? '')));
      runs.push({ gold: gold[i] ?? [], ranked });
    }
    store.close();
    return {
      queries: queries.length,
      articles,
      goldCoverage,
      rows: [figures('baseline: FTS5 char-bigram BM25', baseRuns, baseBuild, baseTimes), figures('finagent hybrid', runs, hybridBuild, times)],
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
