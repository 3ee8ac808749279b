import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AskResultSchema } from '../../policy/schemas.js';
import { dataPath } from '../../runtime/paths.js';
import { answerPolicyQuestion } from './answer-policy-question.js';
import { openStore } from '../../knowledge/store.js';
import { corpusFiles } from './policy-store.js';
import { mergePasses, searchPolicies } from './search-policies.js';
import { runRetrieve } from '../../knowledge/retrieve.js';

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'finagent-policy-tools-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('policy tools', () => {
  it('lists only the dated rule files of the bundled corpus (not the README)', () => {
    const files = corpusFiles(dataPath('policies'));
    expect(files).toHaveLength(6);
    expect(files.every((f) => /\/\d{4}-\d{2}-\d{2}-[a-z-]+\.md$/.test(f))).toBe(true);
  });

  it('search_policies ingests into the configured store and filters by document', async () => {
    const out = await searchPolicies({ query: '住宿标准', k: 3, doc: '费用报销' }, home, { store: 'pol-a' });
    expect(existsSync(join(home, 'stores', 'pol-a.sqlite'))).toBe(true);
    expect(out.hits).toHaveLength(3);
    expect(out.hits.every((h) => h.doc === '华信银行费用报销管理办法')).toBe(true);
    expect(out.hits[0]?.label).toBe('《华信银行费用报销管理办法》第十条');
    expect(out.threshold).toBeNull();
  });

  it('quotes the article `retrieve` ranks first for a lodging-standard question (issue #16)', async () => {
    const question = '出差住宿标准是多少？';
    await searchPolicies({ query: question, k: 1 }, home, { store: 'pol-a' });
    const top = (await runRetrieve({ home, store: 'pol-a', query: question, k: 1 })).hits[0]?.label;
    expect(top).toBe('《华信银行费用报销管理办法》第十条');
    const r = await answerPolicyQuestion({ question }, home, { store: 'pol-a' });
    expect(r.citations[0]?.label).toBe(top);
    expect(r.answer).toContain('一线城市每人每晚不超过八百元');
  });

  it('refuses a question no bundled rule covers, naming the missing subject and the nearest articles', async () => {
    const r = await answerPolicyQuestion({ question: '信用卡透支利率是多少？' }, home, { store: 'pol-a' });
    expect(r.supported).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toMatch(/^未找到支持该问题的规定.*检索到的条文均未提及“信用卡”.*最接近的条文（不构成依据）：《/);
  });

  it('answer_policy_question returns a valid AskResult with cited English articles', async () => {
    const r = await answerPolicyQuestion({ question: 'How long is a firm quote valid if no validity is stated?' }, home, { store: 'pol-a' });
    expect(AskResultSchema.parse(r).supported).toBe(true);
    expect(r.citations.map((c) => c.label)).toContain('Huaxin Bank Trading Desk Conduct Rules, Article 14');
    expect(r.answer).toContain('expires after 30 seconds');
  });

  it('applies a configured evidence threshold', async () => {
    const question = '我们行一位董事的弟弟开的公司来借款，利率能不能给他们优惠一点？';
    expect((await answerPolicyQuestion({ question }, home, { store: 'pol-a' })).supported).toBe(true);
    const strict = await answerPolicyQuestion({ question }, home, { store: 'pol-a', threshold: 0.9 });
    expect(strict.supported).toBe(false);
    expect(strict.answer).toContain('最接近的条文');
  });

  it('re-ingests when a first ingest left the store empty', async () => {
    openStore({ home, name: 'pol-empty', create: true }).close();
    const out = await searchPolicies({ query: '关系人 信用贷款', k: 1 }, home, { store: 'pol-empty' });
    expect(out.hits[0]?.label).toBe('《华信银行授信管理办法》第十六条');
  });

  it('merges the two retrieval passes by reciprocal rank, keeping each pass\'s rank', () => {
    const h = (label: string) => ({ chunkId: 1, label, doc: 'D', article: 1, articleLabel: null, path: [], effective: null, score: 0.5, channels: [], text: label });
    const merged = mergePasses([h('A'), h('B'), h('C')], [h('C'), h('D')]);
    // C: ranks 3 and 1 beat A's single rank 1; D (second pass only) follows the first pass's B.
    expect(merged.map((x) => x.label)).toEqual(['C', 'A', 'B', 'D']);
    expect(merged[0]?.channels).toEqual([
      { channel: 'policy-question', rank: 3, score: 0.5 },
      { channel: 'policy-expanded', rank: 1, score: 0.5 },
    ]);
    expect(mergePasses([h('A'), h('B')], []).map((x) => x.label)).toEqual(['A', 'B']);
  });

  it('rejects an empty question and bad settings with clear errors', async () => {
    await expect(searchPolicies({ query: '   ' }, home, {})).rejects.toThrow(/empty question/);
    await expect(searchPolicies({ query: '报销' }, home, { k: 0 })).rejects.toThrow(/policy settings: k/);
  });
});
