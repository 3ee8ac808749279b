import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AskResultSchema } from '../../policy/schemas.js';
import { dataPath } from '../../runtime/paths.js';
import { answerPolicyQuestion } from './answer-policy-question.js';
import { openStore } from '../../knowledge/store.js';
import { corpusFiles } from './policy-store.js';
import { searchPolicies } from './search-policies.js';

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

  it('rejects an empty question and bad settings with clear errors', async () => {
    await expect(searchPolicies({ query: '   ' }, home, {})).rejects.toThrow(/empty question/);
    await expect(searchPolicies({ query: '报销' }, home, { k: 0 })).rejects.toThrow(/policy settings: k/);
  });
});
