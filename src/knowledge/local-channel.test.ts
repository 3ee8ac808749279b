import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from './ingest.js';
import { retrieve } from './retrieve.js';
import { openStore, type KnowledgeStore } from './store.js';

// Fictional rules. 投资 is everywhere in the investment rules (common corpus-wide) but in a single
// article of the fund rules; 保障基金 is in every article of the fund rules.
const FUND = `# 示范存款保障条例

## 第一章 保障基金

第一条 保障基金用于保障存款人，保障基金由投保机构交纳的保费形成。

第二条 保障基金的保费按年核算，保障基金管理机构按季公布保障基金余额。

第三条 保障基金的运用，限于存放中央银行和投资国债。

第四条 保障基金管理机构每年公布保障基金年度报告，保障基金接受审计。
`;
const INVEST = `# 示范投资顾问规则

## 第一章 投资顾问

第一条 投资顾问应当提示投资风险，不得承诺投资收益。

第二条 投资者应当谨慎投资，自行承担投资风险。

第三条 投资顾问机构应当公布投资顾问名单。

第四条 投资顾问不得代客投资。

第五条 投资顾问机构的投资顾问应当具备投资分析能力。
`;

describe('within-law (local) channel', () => {
  const home = mkdtempSync(join(tmpdir(), 'fa-local-'));
  const docs = mkdtempSync(join(tmpdir(), 'fa-local-docs-'));
  let store: KnowledgeStore;
  const question = '保障基金可以拿去投资什么';

  beforeAll(async () => {
    writeFileSync(join(docs, 'fund.md'), FUND);
    writeFileSync(join(docs, 'invest.md'), INVEST);
    await runIngest({ home, store: 'local', paths: [docs] });
    store = openStore({ home, name: 'local' });
  });

  afterAll(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(docs, { recursive: true, force: true });
  });

  it('ranks the routed law\'s articles by the law\'s own word statistics', async () => {
    const res = await retrieve(store, question, { k: 10, channels: ['words', 'grams', 'law', 'local'], laws: 1 });
    const rankIn = (channel: string, label: string) =>
      res.hits.find((h) => h.label === label)?.channels.find((c) => c.channel === channel)?.rank ?? null;
    // Inside the fund rules 投资 is rare, so the article that invests ranks first there …
    expect(rankIn('local', '《示范存款保障条例》第三条')).toBe(1);
    // … while corpus-wide BM25 prefers the articles that repeat 保障基金.
    expect(rankIn('words', '《示范存款保障条例》第三条')).not.toBe(1);
    // Only the routed law's articles are in the channel.
    expect(res.hits.filter((h) => h.channels.some((c) => c.channel === 'local')).every((h) => h.doc === '示范存款保障条例')).toBe(true);
  });

  it('re-ranks articles other channels found and adds none', async () => {
    const res = await retrieve(store, question, { k: 20, channels: ['grams', 'local'], laws: 1 });
    const local = res.hits.filter((h) => h.channels.some((c) => c.channel === 'local'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((h) => h.channels.some((c) => c.channel === 'grams'))).toBe(true);
    expect((await retrieve(store, question, { k: 20, channels: ['local'] })).hits).toEqual([]);
  });

  it('filters by document over the whole ranking, not just its head', async () => {
    // The investment rules hold the five best 投资 matches; the filter must still find the fund article.
    const res = await retrieve(store, '投资', { k: 1, doc: '存款保障', channels: ['words'], candidates: 1 });
    expect(res.hits.map((h) => h.label)).toEqual(['《示范存款保障条例》第三条']);
  });

  it('is a default channel', async () => {
    const res = await retrieve(store, question, { k: 3 });
    expect(res.hits.some((h) => h.channels.some((c) => c.channel === 'local'))).toBe(true);
  });
});
