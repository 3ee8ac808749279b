import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from './ingest.js';
import { retrieve } from './retrieve.js';
import { openStore, type KnowledgeStore } from './store.js';

// Article 4 shares no word with the question; only its chapter (via article 3) is about it.
const RULES = `# 示范人格规则

## 第一章 形象

第一条 未经本人同意，不得制作、使用、公开他人的肖像。

第二条 肖像作品的权利人不得以发表、复制等方式使用肖像。

## 第二章 社会评价

第三条 任何组织或者个人不得以侮辱、诽谤等方式损害他人名誉。

第四条 新闻报道不得捏造、歪曲事实。
`;
const OTHER = `# 示范合同规则

## 第一章 订立

第一条 当事人订立合同，应当采用书面形式。
`;

describe('hierarchical channel', () => {
  const home = mkdtempSync(join(tmpdir(), 'fa-hier-'));
  const docs = mkdtempSync(join(tmpdir(), 'fa-hier-docs-'));
  let store: KnowledgeStore;
  const labels = async (opts: Parameters<typeof retrieve>[2]) => (await retrieve(store, '诽谤 名誉', { k: 10, ...opts })).hits.map((h) => h.label);

  beforeAll(async () => {
    writeFileSync(join(docs, 'rules.md'), RULES);
    writeFileSync(join(docs, 'other.md'), OTHER);
    await runIngest({ home, store: 'hier', paths: [docs] });
    store = openStore({ home, name: 'hier' });
  });

  afterAll(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(docs, { recursive: true, force: true });
  });

  it('lifts an article whose chapter answers the question even when none of its words match', async () => {
    const hier = await labels({ channels: ['hierarchy'] });
    expect(hier.slice(0, 2)).toEqual(['《示范人格规则》第三条', '《示范人格规则》第四条']);
    // Plain lexical search cannot find article 4 at all.
    expect(await labels({ channels: ['words', 'grams'] })).not.toContain('《示范人格规则》第四条');
  });

  it('adds chapter members only when asked to, and keeps every channel score in the hit', async () => {
    expect(await labels({ channels: ['hierarchy'], hierarchy: { chapters: 0, chapter: 0, law: 0 } })).toEqual(['《示范人格规则》第三条']);
    const res = await retrieve(store, '诽谤 名誉', { k: 3 });
    expect(res.hits[0]?.channels.map((c) => c.channel)).toContain('hierarchy');
  });
});
