import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from './ingest.js';
import { retrieve } from './retrieve.js';
import { openStore, type KnowledgeStore } from './store.js';

// Three fictional rule books: the question's topic (押金) is the subject of one of them only.
const DEPOSIT = `# 示范租赁押金规则

## 第一章 押金

第一条 出租人收取押金的，应当出具收据。

第二条 租期届满，出租人应当退还押金。

第三条 承租人损坏房屋的，出租人可以从押金中扣除修理费用。
`;
const LOAN = `# 示范借款规则

## 第一章 借款

第一条 借款人应当按期还款。

第二条 借款合同应当采用书面形式，押金条款另行约定。
`;
const STAFF = `# 示范员工守则

## 第一章 考勤

第一条 员工应当按时上班。
`;

describe('law routing channel', () => {
  const home = mkdtempSync(join(tmpdir(), 'fa-law-'));
  const docs = mkdtempSync(join(tmpdir(), 'fa-law-docs-'));
  let store: KnowledgeStore;

  beforeAll(async () => {
    writeFileSync(join(docs, 'deposit.md'), DEPOSIT);
    writeFileSync(join(docs, 'loan.md'), LOAN);
    writeFileSync(join(docs, 'staff.md'), STAFF);
    await runIngest({ home, store: 'law', paths: [docs] });
    store = openStore({ home, name: 'law' });
  });

  afterAll(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(docs, { recursive: true, force: true });
  });

  it('keeps only articles of the top-ranked law, in their lexical order', async () => {
    const res = await retrieve(store, '房东不退押金怎么办', { k: 10, channels: ['grams', 'law'], laws: 1 });
    const law = res.hits.filter((h) => h.channels.some((c) => c.channel === 'law'));
    expect(law.length).toBeGreaterThan(0);
    expect(new Set(law.map((h) => h.doc))).toEqual(new Set(['示范租赁押金规则']));
    // The loan rule mentions 押金 too: the grams channel finds it, the law channel does not.
    expect(res.hits.some((h) => h.doc === '示范借款规则' && h.channels.every((c) => c.channel === 'grams'))).toBe(true);
    expect(res.hits[0]?.label).toBe('《示范租赁押金规则》第二条');
  });

  it('is a default channel and can be switched off', async () => {
    const on = await retrieve(store, '押金 退还', { k: 3 });
    expect(on.hits[0]?.channels.map((c) => c.channel)).toContain('law');
    const off = await retrieve(store, '押金 退还', { k: 3, laws: 0 });
    expect(off.hits.every((h) => h.channels.every((c) => c.channel !== 'law'))).toBe(true);
  });

  it('combines both lexical views into one ranking on request', async () => {
    const res = await retrieve(store, '押金收据', { k: 3, channels: ['lexical'] });
    expect(res.hits[0]?.label).toBe('《示范租赁押金规则》第一条');
    expect(res.hits[0]?.channels).toEqual([expect.objectContaining({ channel: 'lexical', rank: 1 })]);
  });
});
