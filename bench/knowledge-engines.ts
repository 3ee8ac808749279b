/**
 * The knowledge store on both engines, side by side: retrieval quality (Recall@k, MRR@10) and
 * latency on the policy suites (data/eval/policy*.jsonl, through the policy tool and the eval's own
 * scoring) and on a STARD sample (the LawRefBook law files, when ../shared/datasets is present), for
 * SQLite and PostgreSQL — plus how many rankings are identical. PostgreSQL is the local test server
 * (FINAGENT_TEST_DATABASE_URL); without one the PostgreSQL rows say SKIPPED and the bench still passes.
 * FINAGENT_BENCH_STARD_LIMIT sets the STARD sample size (default 300 queries; 0 skips STARD).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scorePolicy } from '../src/eval/score-case.js';
import { PolicyCaseSchema } from '../src/eval/suite-schema.js';
import type { KnowledgeBase } from '../src/knowledge/base.js';
import { runStardOn, loadStardQueries } from '../src/knowledge/eval/stard.js';
import { PgKnowledgeStore } from '../src/knowledge/pg-store.js';
import { openStore } from '../src/knowledge/store.js';
import { dataPath, packageRoot } from '../src/runtime/paths.js';
import { openPostgresStorage, type PostgresStorage } from '../src/storage/postgres/storage.js';
import { createTestDatabase, probeTestServer, testAdminUrl, type TestDatabase } from '../src/storage/postgres/testing.js';
import { answerPolicyQuestion } from '../src/tools/policy/answer-policy-question.js';
import { summarize, type BenchResult } from './types.js';

type Engine = 'sqlite' | 'postgres';

interface PolicyFigures {
  cases: number;
  recall5: number;
  recall10: number;
  mrr10: number;
  success: number;
  times: number[];
  rankings: string[][];
}

function policyCases() {
  const files = ['policy.jsonl', 'policy-answer.jsonl'].map((f) => dataPath('eval', f)).filter((f) => existsSync(f));
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => PolicyCaseSchema.parse(JSON.parse(l))),
  );
}

async function policySuite(storage: PostgresStorage | undefined): Promise<PolicyFigures> {
  const home = mkdtempSync(join(tmpdir(), 'fa-bench-eng-'));
  try {
    const cases = policyCases();
    const out: PolicyFigures = { cases: cases.length, recall5: 0, recall10: 0, mrr10: 0, success: 0, times: [], rankings: [] };
    // First call ingests the bundled corpus (into SQLite under home, or into PostgreSQL): not timed.
    await answerPolicyQuestion({ question: '报销' }, home, {}, storage);
    for (const c of cases) {
      const t = performance.now();
      const r = await answerPolicyQuestion({ question: c.question }, home, {}, storage);
      out.times.push(performance.now() - t);
      const s = scorePolicy(c, r, r.answer, []);
      out.recall5 += s.metrics['recall@5'] ?? 0;
      out.recall10 += s.metrics['recall@10'] ?? 0;
      out.mrr10 += s.metrics['mrr@10'] ?? 0;
      out.success += s.success ? 1 : 0;
      out.rankings.push(r.evidence.map((e) => e.label));
    }
    for (const k of ['recall5', 'recall10', 'mrr10', 'success'] as const) out[k] /= Math.max(1, cases.length);
    return out;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function datasets(): string | null {
  const candidates = [process.env.FINAGENT_DATASETS, resolve(packageRoot, '..', 'shared', 'datasets'), resolve(packageRoot, '..', '..', 'shared', 'datasets')];
  return candidates.find((d): d is string => d !== undefined && existsSync(join(d, 'stard', 'queries.json')) && existsSync(join(d, 'lawrefbook'))) ?? null;
}

function same(a: string[][], b: string[][]): number {
  return a.filter((x, i) => JSON.stringify(x) === JSON.stringify(b[i])).length;
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const unavailable = await probeTestServer();
  let db: TestDatabase | null = null;
  let storage: PostgresStorage | undefined;
  if (unavailable) {
    out.push({ name: 'knowledge engines: PostgreSQL SKIPPED', median: 0, unit: 'ratio', note: `no server at ${testAdminUrl().replace(/:[^:@/]*@/, '@')}: ${unavailable}` });
  } else {
    db = await createTestDatabase();
    storage = await openPostgresStorage({ url: db.url, poolSize: 4 });
  }
  try {
    const engines: [Engine, PostgresStorage | undefined][] = [['sqlite', undefined], ...(storage ? [['postgres', storage] as [Engine, PostgresStorage]] : [])];

    // Policy suites, through the policy tool (both retrieval passes, the answer's evidence ranking).
    const policy = new Map<Engine, PolicyFigures>();
    for (const [engine, st] of engines) {
      const f = await policySuite(st);
      policy.set(engine, f);
      const lat = summarize(f.times);
      const tag = `knowledge engines: policy suite on ${engine} (${f.cases} cases)`;
      out.push({ name: `${tag} Recall@5`, median: f.recall5, unit: 'ratio', note: `Recall@10 ${f.recall10.toFixed(3)}, pass ${f.success.toFixed(3)}` });
      out.push({ name: `${tag} MRR@10`, median: f.mrr10, unit: 'ratio' });
      out.push({ name: `${tag} answer latency`, median: lat.median, p95: lat.p95, unit: 'ms', samples: f.times.length });
    }
    const lp = policy.get('sqlite');
    const pp = policy.get('postgres');
    if (lp && pp) {
      const n = same(lp.rankings, pp.rankings);
      out.push({ name: 'knowledge engines: policy evidence rankings identical (PostgreSQL = SQLite)', median: n / lp.rankings.length, unit: 'ratio', target: '= 1', pass: n === lp.rankings.length, note: `${n}/${lp.rankings.length}` });
    }

    // STARD sample: the same law files and queries into a fresh store of each engine.
    const limit = Number(process.env.FINAGENT_BENCH_STARD_LIMIT ?? 300);
    const dir = datasets();
    if (!dir || limit === 0) {
      out.push({ name: 'knowledge engines: STARD SKIPPED', median: 0, unit: 'ratio', note: limit === 0 ? 'FINAGENT_BENCH_STARD_LIMIT=0' : 'no ../shared/datasets/{stard,lawrefbook} (set FINAGENT_DATASETS)' });
      return out;
    }
    const queries = loadStardQueries(join(dir, 'stard', 'queries.json'), limit);
    const rankings = new Map<Engine, string[][]>();
    for (const [engine, st] of engines) {
      const home = mkdtempSync(join(tmpdir(), 'fa-bench-stard-'));
      let store: KnowledgeBase | null = null;
      try {
        store = st?.pg ? await PgKnowledgeStore.open({ ...st.pg, name: 'stard', create: true }) : openStore({ home, name: 'stard', create: true });
        const f = await runStardOn(store, { corpus: join(dir, 'lawrefbook'), queries, name: engine });
        rankings.set(engine, f.rankings);
        const tag = `knowledge engines: STARD on ${engine} (${queries.length} queries)`;
        out.push({ name: `${tag} Recall@10`, median: f.r10, unit: 'ratio', note: `R@1 ${f.r1.toFixed(3)}, R@5 ${f.r5.toFixed(3)}, R@100 ${f.r100.toFixed(3)}; ingest ${f.buildSeconds.toFixed(1)} s` });
        out.push({ name: `${tag} MRR@10`, median: f.mrr10, unit: 'ratio' });
        out.push({ name: `${tag} retrieve latency (k=120)`, median: f.p50ms, p95: f.p95ms, unit: 'ms', samples: queries.length });
      } finally {
        await store?.close();
        rmSync(home, { recursive: true, force: true });
      }
    }
    const ls = rankings.get('sqlite');
    const ps = rankings.get('postgres');
    if (ls && ps) {
      const n = same(ls, ps);
      out.push({ name: 'knowledge engines: STARD top-10 identical (PostgreSQL = SQLite)', median: n / ls.length, unit: 'ratio', target: '= 1', pass: n === ls.length, note: `${n}/${ls.length}` });
    }
    return out;
  } finally {
    await storage?.close();
    await db?.drop();
  }
}
