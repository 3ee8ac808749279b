import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../runtime/errors.js';
import { createHashedEmbedder } from './embedders/hashed.js';
import { runIngest } from './ingest.js';
import { RetrieveResultSchema } from './schemas.js';
import { openStore } from './store.js';
import { retrieve, retrieveBatch, runRetrieve } from './retrieve.js';

// A tiny hand-written corpus (fictional rules), two versions of one policy for the as-of filter.
const CREDIT_V1 = `# 示范银行授信规则

## 第一章 总则

第一条 本规则适用于本行全部授信业务。

第二条 本行不得向关系人发放信用贷款。
关系人包括董事、监事及其近亲属。

## 第二章 审查

第三条 审查人员应当核实借款人的还款能力。
`;
const CREDIT_V2 = CREDIT_V1.replace('第三条 审查人员应当核实借款人的还款能力。', '第三条 审查人员应当实地核实借款人的经营和还款能力。');
const KYC = `---
title: KYC Operations Manual
effective: 2024-03-01
---

## Article 1 Scope

This manual covers customer due diligence.

## Article 7 Record keeping

Customer identification records are kept for at least five years after the relationship ends.
`;

describe('ingest + store + retrieve', () => {
  const home = mkdtempSync(join(tmpdir(), 'fa-kn-'));
  const docs = mkdtempSync(join(tmpdir(), 'fa-docs-'));
  const v1 = join(docs, '授信规则(2022-01-01).md');
  const v2 = join(docs, '授信规则(2024-01-01).md');

  beforeAll(() => {
    writeFileSync(v1, CREDIT_V1);
    writeFileSync(v2, CREDIT_V2);
    writeFileSync(join(docs, 'kyc.md'), KYC);
    writeFileSync(join(docs, 'scan.pdf'), '%PDF-1.7 binary');
  });

  it('ingests, skips with reasons, and is idempotent', async () => {
    const first = await runIngest({ home, store: 't', paths: [docs] });
    expect(first).toMatchObject({ documents: 3, articles: 8, unchanged: 0, replaced: 0 });
    expect(first.skipped).toEqual([{ path: join(docs, 'scan.pdf'), reason: 'PDF not supported (no PDF text extractor installed)' }]);

    const again = await runIngest({ home, store: 't', paths: [docs] });
    expect(again).toMatchObject({ documents: 0, unchanged: 3, replaced: 0 });

    writeFileSync(join(docs, 'kyc.md'), KYC.replace('five years', 'seven years'));
    const changed = await runIngest({ home, store: 't', paths: [docs] });
    expect(changed).toMatchObject({ documents: 1, unchanged: 2, replaced: 1, articles: 2 });

    const store = openStore({ home, name: 't' });
    expect(store.counts()).toEqual({ documents: 3, chunks: 8 });
    expect(store.vectorIndex()?.getCurrentCount()).toBeGreaterThanOrEqual(8);
    store.close();
  });

  it('finds the article for a layperson question, with 2-character words and channel provenance', async () => {
    const res = await runRetrieve({ home, store: 't', query: '可以给关系人发信用贷款吗', k: 3 });
    expect(RetrieveResultSchema.safeParse(res).success).toBe(true);
    const top = res.hits[0];
    expect(top?.label).toBe('《示范银行授信规则》第二条');
    expect(top?.article).toBe(2);
    expect(top?.path).toEqual(['第一章 总则']);
    // Offline store: the corpus-trained LSA channel stands in for the hashed vectors.
    expect(top?.channels.map((c) => c.channel)).toEqual(expect.arrayContaining(['grams', 'semantic', 'words']));
    expect(top?.channels.some((c) => c.channel === 'vector')).toBe(false);
    expect(top?.channels.every((c) => c.rank >= 1)).toBe(true);
  });

  it('matches English with stemming and filters by document and as-of date', async () => {
    const store = openStore({ home, name: 't' });
    const en = await retrieve(store, 'how long are customer records kept?', { k: 1 });
    expect(en.hits[0]?.label).toBe('KYC Operations Manual, Article 7');
    expect(en.hits[0]?.text).toContain('seven years');

    const old = await retrieve(store, '核实还款能力', { k: 5, doc: '授信规则', asOf: '2023-06-30' });
    expect(old.hits.every((h) => h.effective === '2022-01-01')).toBe(true);
    expect(old.hits[0]?.text).toContain('审查人员应当核实');
    const now = await retrieve(store, '核实还款能力', { k: 5, asOf: '2024-06-30' });
    expect(now.hits.filter((h) => h.doc === '示范银行授信规则').every((h) => h.effective === '2024-01-01')).toBe(true);
    expect(now.hits[0]?.text).toContain('实地核实');

    const batch = await retrieveBatch(store, ['关系人', 'record keeping']);
    expect(batch.map((b) => b.hits[0]?.article)).toEqual([2, 7]);
    store.close();
  });

  it('trains the corpus model after ingest and crosses languages through the glossary', async () => {
    const store = openStore({ home, name: 't' });
    expect(store.corpusModelStale()).toBe(false);
    expect(store.semanticModel()?.docIds.length).toBe(8);
    // English question → the Chinese rule (关系人 via "related party"), and back.
    const en = await retrieve(store, 'Can we lend to a related party without collateral?', { k: 3, doc: '授信规则' });
    expect(en.hits[0]?.text).toContain('关系人');
    expect(en.hits[0]?.channels.some((c) => c.channel === 'translated')).toBe(true);
    const zh = await retrieve(store, '客户身份资料要保存多久', { k: 1, doc: 'KYC' });
    expect(zh.hits[0]?.label).toBe('KYC Operations Manual, Article 7');
    store.close();
  });

  it('detects a corrupted vector index and rebuilds it from SQLite', async () => {
    const warnings: string[] = [];
    writeFileSync(join(home, 'stores', 't.hnsw'), 'garbage');
    const store = openStore({ home, name: 't', onWarning: (m) => warnings.push(m) });
    const res = await retrieve(store, '关系人 信用贷款', { k: 1, channels: ['words', 'vector'] });
    expect(warnings.join()).toMatch(/does not match its checksum.*rebuilding/);
    expect(res.hits[0]?.channels.some((c) => c.channel === 'vector')).toBe(true);
    store.close();
    rmSync(join(home, 'stores', 't.hnsw'));
    const again = openStore({ home, name: 't', onWarning: (m) => warnings.push(m) });
    await retrieve(again, '关系人', { k: 1, channels: ['vector'] });
    expect(warnings.at(-1)).toMatch(/file missing/);
    again.close();
  });

  it('refuses to mix embedders and explains a missing store or empty query', async () => {
    await expect(runIngest({ home, store: 't', paths: [v1], embedder: createHashedEmbedder(64) })).rejects.toThrow(
      /built with embedder hashed-ngram-v1 \(dim 256\); refusing to mix/,
    );
    await expect(runRetrieve({ home, store: 'nope', query: 'x' })).rejects.toThrow(/not found.*finagent ingest <files or folders> --store nope/);
    await expect(runRetrieve({ home, store: 't', query: '  ' })).rejects.toBeInstanceOf(UserInputError);
  });
});
