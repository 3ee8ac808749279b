/**
 * The knowledge store on a real PostgreSQL server, against the SQLite store on the same corpus: the
 * lexical views give the same BM25 (ids, order and scores), and retrieval gives the same top-k.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresStorage } from '../storage/postgres/storage.js';
import { createTestDatabase, probeTestServer, skippedNotice, type TestDatabase } from '../storage/postgres/testing.js';
import { dataPath } from '../runtime/paths.js';
import type { LexicalView } from './base.js';
import { createEmbedder } from './embedders/create.js';
import { ingestInto, runIngest } from './ingest.js';
import { listFiles } from './readers.js';
import { retrieve } from './retrieve.js';
import { fts5Tokens, PgKnowledgeStore } from './pg-store.js';
import { openStore, type KnowledgeStore } from './store.js';
import { gramTokens, wordTokens } from './tokens.js';

const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL knowledge-store tests', unavailable));

/** A small extra document: decimals ("2.15" is two FTS5 tokens), English, repeated terms. */
const EXTRA = `# 华信银行债券交易定价细则

生效日期：2024-06-01

第一条 5年期国开债报价以 2.15% 为参考，偏离超过 0.05 个百分点的报价须经交易主管复核。
第二条 Bond quotes above the 2.15 reference level must be reviewed by the desk head. Quotes, quotes and quoting limits are set yearly.
第三条 报价 报价 报价：同一客户一日内询价超过十次的，交易员应当记录询价原因。
第四条 本细则由金融市场部负责解释。
`;

const QUERIES_EN = ['How long do we keep KYC records?', 'trading limit breach reporting', 'bond quote 2.15 review', 'sanctions screening hit', 'expense claim hotel'];

function questions(): string[] {
  const lines = readFileSync(dataPath('eval', 'policy.jsonl'), 'utf8').trim().split('\n');
  return lines.map((l) => (JSON.parse(l) as { question: string }).question);
}

describe('fts5Tokens', () => {
  it('splits and folds tokens as unicode61 reads the space-joined list', () => {
    expect(fts5Tokens(['2.15', '报价', 'quote', 'A股'])).toEqual(['2', '15', '报价', 'quote', 'a股']);
  });
});

describe.skipIf(unavailable !== null)('knowledge store on PostgreSQL', () => {
  let db: TestDatabase;
  let storage: PostgresStorage;
  let home: string;
  let lite: KnowledgeStore;
  let pgs: PgKnowledgeStore;
  const queries = [...questions(), ...QUERIES_EN];

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = await openPostgresStorage({ url: db.url, poolSize: 4 });
    home = mkdtempSync(join(tmpdir(), 'fa-pgkn-'));
    const extra = join(home, '2024-06-01-bond-pricing.md');
    writeFileSync(extra, EXTRA);
    const files = [...listFiles([dataPath('policies')]).filter((f) => /\d{4}-\d{2}-\d{2}-.*\.md$/.test(f)), extra];
    lite = openStore({ home, name: 'eq', create: true });
    await ingestInto(lite, files, createEmbedder());
    pgs = await PgKnowledgeStore.open({ ...storage.pg, name: 'eq', create: true });
    await ingestInto(pgs, files, createEmbedder());
  }, 120_000);

  afterAll(async () => {
    lite?.close();
    await storage?.close();
    await db?.drop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('holds the same documents, chunks and sections as the SQLite store', async () => {
    expect(await pgs.counts()).toEqual(lite.counts());
    expect(await pgs.documents()).toEqual(lite.documents());
    expect([...(await pgs.chunkDocMap())]).toEqual([...lite.chunkDocMap()]);
    expect([...(await pgs.chunkSectionMap())].sort((a, b) => a[0] - b[0])).toEqual([...lite.chunkSectionMap()].sort((a, b) => a[0] - b[0]));
    expect((await pgs.labels()).sort()).toEqual(lite.labels().sort());
    expect(await pgs.articleRows()).toEqual(lite.articleRows());
    const model = await pgs.semanticModel();
    const liteModel = lite.semanticModel();
    expect(model?.dim).toBe(liteModel?.dim);
    expect(model?.terms.size).toBe(liteModel?.terms.size);
  });

  it('scores every lexical view with FTS5 bm25(): same ids, same order, same scores', async () => {
    const views: [LexicalView, (t: string) => string[]][] = [
      ['words', wordTokens],
      ['grams', gramTokens],
      ['sections', gramTokens],
    ];
    let compared = 0;
    for (const q of queries) {
      for (const [view, tok] of views) {
        const want = lite.lexicalSearch(view, tok(q), null);
        const got = await pgs.lexicalSearch(view, tok(q), null);
        expect(got.map((r) => r.id), `${view}: ${q}`).toEqual(want.map((r) => r.id));
        got.forEach((r, i) => expect(r.score).toBeCloseTo(want[i]?.score ?? NaN, 9));
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    for (const t of ['报价', '客户', 'quot', '2', '不存在的词']) expect(await pgs.wordDocFreq(t)).toBe(lite.wordDocFreq(t));
  }, 60_000);

  it('retrieves the same top-10 for Chinese and English questions (fused ranking)', async () => {
    let n = 0;
    for (const q of queries) {
      const a = await retrieve(lite, q, { k: 10 });
      const b = await retrieve(pgs, q, { k: 10 });
      expect(b.hits.map((h) => h.chunkId), q).toEqual(a.hits.map((h) => h.chunkId));
      expect(b.hits.map((h) => h.label)).toEqual(a.hits.map((h) => h.label));
      n++;
    }
    expect(n).toBeGreaterThan(50);
    // Filters and the optional channels go through the same store calls.
    for (const opts of [{ doc: '授信' }, { asOf: '2024-03-15' }, { channels: ['words', 'grams', 'prf', 'lexical', 'vector'] }]) {
      for (const q of queries.slice(0, 20)) {
        const a = await retrieve(lite, q, { k: 10, ...opts });
        const b = await retrieve(pgs, q, { k: 10, ...opts });
        expect(b.hits.map((h) => h.chunkId), `${JSON.stringify(opts)} ${q}`).toEqual(a.hits.map((h) => h.chunkId));
      }
    }
  }, 120_000);

  it('after a document is removed and ingested again, both engines number and rank alike', async () => {
    const victim = lite.documents()[1];
    expect(victim).toBeDefined();
    if (!victim) return;
    lite.deleteDocument(victim.id);
    await pgs.deleteDocument(victim.id);
    const files = [...lite.documents(), victim].map((d) => d.source);
    await ingestInto(lite, files, createEmbedder());
    await ingestInto(pgs, files, createEmbedder());
    expect(await pgs.documents()).toEqual(lite.documents());
    expect([...(await pgs.chunkDocMap())]).toEqual([...lite.chunkDocMap()]);
    for (const q of queries.slice(0, 30)) {
      const a = await retrieve(lite, q, { k: 10 });
      const b = await retrieve(pgs, q, { k: 10 });
      expect(b.hits.map((h) => h.chunkId), q).toEqual(a.hits.map((h) => h.chunkId));
    }
  }, 120_000);

  it('two ingests of one store at the same time take turns: both succeed, the second finds the documents unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fa-pgkn-two-'));
    try {
      const files = [join(dir, '2024-06-01-bond-pricing.md'), join(dir, '2024-06-02-bond-pricing-en.md')];
      writeFileSync(files[0]!, EXTRA);
      writeFileSync(files[1]!, EXTRA.replace('华信银行债券交易定价细则', '华信银行债券交易定价细则（二）'));
      const run = () => runIngest({ home: join(dir, 'home'), store: 'twice', paths: files, storage });
      const [a, b] = await Promise.all([run(), run()]);
      expect([a.articles > 0, b.articles > 0].filter(Boolean)).toHaveLength(1);
      expect(a.unchanged + b.unchanged).toBe(2);
      const s = await PgKnowledgeStore.open({ ...storage.pg, name: 'twice' });
      expect((await s.counts()).documents).toBe(2);
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('re-ingest is idempotent, a changed document is replaced, and nothing is written under home', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fa-pgkn-re-'));
    try {
      const file = join(dir, '2024-06-01-bond-pricing.md');
      writeFileSync(file, EXTRA);
      const first = await runIngest({ home: join(dir, 'home'), store: 're', paths: [file], storage });
      expect(first.articles).toBeGreaterThan(0);
      const again = await runIngest({ home: join(dir, 'home'), store: 're', paths: [file], storage });
      expect(again.unchanged).toBe(1);
      writeFileSync(file, EXTRA.replace('第四条 本细则由金融市场部负责解释。', '第四条 本细则由风险管理部负责解释。'));
      const changed = await runIngest({ home: join(dir, 'home'), store: 're', paths: [file], storage });
      expect(changed.replaced).toBe(1);
      const s = await PgKnowledgeStore.open({ ...storage.pg, name: 're' });
      const res = await retrieve(s, '风险管理部 解释', { k: 1 });
      expect(res.hits[0]?.text).toContain('风险管理部');
      expect(await s.counts()).toEqual({ documents: 1, chunks: changed.articles });
      expect(listFiles([dir]).map((f) => f.slice(dir.length))).toEqual(['/2024-06-01-bond-pricing.md']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to open a missing store unless asked to create it', async () => {
    await expect(PgKnowledgeStore.open({ ...storage.pg, name: 'nope' })).rejects.toThrow(/not found in PostgreSQL/);
  });
});
