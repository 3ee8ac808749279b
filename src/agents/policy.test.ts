import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePolicySuite } from '../policy/evaluate.js';
import { parseSuite } from '../policy/metrics.js';
import { AskResultSchema } from '../policy/schemas.js';
import { dataPath } from '../runtime/paths.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { loadArticleIndex, policyAgent, retrievedLabels, verifyPolicyReply, verifyPolicyTurn } from './policy.js';

let home: string;
let rt: Runtime;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-policy-agent-'));
  rt = await createRuntime({ home, agents: [policyAgent], config: { provider: 'offline' }, now: () => new Date('2025-06-16T02:00:00Z') });
});
afterAll(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

describe('policy assistant (offline, through the runtime)', () => {
  it('ingests the bundled corpus on first use and answers with the cited article', async () => {
    const res = await rt.runTurn({ agent: 'policy', message: '给关系人发放信用贷款可以吗？', thread: 'P1', user: 's.chen' });
    expect(existsSync(join(home, 'stores', 'policies.sqlite'))).toBe(true);
    expect(res.toolCalls.map((c) => c.name)).toEqual(['search_policies']);
    const state = AskResultSchema.parse(res.state);
    expect(state.supported).toBe(true);
    expect(state.citations[0]?.label).toBe('《华信银行授信管理办法》第十六条');
    expect(res.reply).toBe(state.answer);
    expect(res.reply).toContain('本行不得向关系人发放信用贷款');
  });

  it('answers an English KYC question from the Chinese AML rule, not the voice-recording rule', async () => {
    const res = await rt.runTurn({ agent: 'policy', message: 'How long do we keep KYC records?', thread: 'PX1', user: 's.chen' });
    const state = AskResultSchema.parse(res.state);
    expect(state.supported).toBe(true);
    expect(state.citations.map((c) => c.label)).toEqual(['《华信银行客户身份识别与反洗钱操作规程》第十五条']);
    expect(res.reply).toContain('(quoted in Chinese): "客户身份资料自业务关系结束之日起至少保存五年');
    expect(res.reply).not.toContain('Article 24');
  });

  it('answers a Chinese question from the English trading-desk rule', async () => {
    const res = await rt.runTurn({ agent: 'policy', message: '交易员的电话录音要保存多久？', thread: 'PX2', user: 't.zhang' });
    const state = AskResultSchema.parse(res.state);
    expect(state.citations[0]?.label).toBe('Huaxin Bank Trading Desk Conduct Rules, Article 24');
    expect(res.reply).toContain('（英文原文）：“Recordings of voice and electronic communications');
  });

  it('says plainly when no rule covers the question, for any role', async () => {
    const res = await rt.runTurn({ agent: 'policy', message: 'How do I reset my VPN password?', thread: 'P2', user: 't.zhang' });
    const state = AskResultSchema.parse(res.state);
    expect(state.supported).toBe(false);
    expect(state.citations).toEqual([]);
    expect(res.reply).toMatch(/^No supporting rule was found/);
  });

  it('post-checks an LLM-style reply against the turn\'s retrieved articles and the store', async () => {
    const res = await rt.runTurn({ agent: 'policy', message: 'Can I agree a trade on WhatsApp?', thread: 'P3', user: 'm.zhou' });
    const labels = retrievedLabels(res.toolCalls);
    expect(labels).toContain('Huaxin Bank Trading Desk Conduct Rules, Article 23');
    const index = await loadArticleIndex(home, 'policies');
    const v = verifyPolicyReply(
      'No (Huaxin Bank Trading Desk Conduct Rules, Article 23). See also Huaxin Bank Trading Desk Conduct Rules, Article 77.',
      labels,
      index,
    );
    expect(v.citations).toEqual(['Huaxin Bank Trading Desk Conduct Rules, Article 23']);
    expect(v.findings[1]).toMatchObject({ ok: false, problem: 'nonexistent' });
    const t = await verifyPolicyTurn({ reply: 'See 《华信银行授信管理办法》第十六条.', toolCalls: res.toolCalls }, home);
    expect(t.findings).toEqual([{ cited: '《华信银行授信管理办法》第十六条', label: '《华信银行授信管理办法》第十六条', ok: false, problem: 'not_retrieved' }]);
  });

  it('reports a missing corpus as a tool error, not a crash', async () => {
    const rt2 = await createRuntime({
      home,
      agents: [policyAgent],
      config: { provider: 'offline' },
      settings: { policy: { store: 'other', corpus: join(home, 'no-such-folder') } },
    });
    try {
      const res = await rt2.runTurn({ agent: 'policy', message: '报销期限是多久？', thread: 'P4', user: 's.chen' });
      expect(res.toolCalls[0]?.error).toMatch(/policy corpus not found/);
      expect(res.reply).toMatch(/^制度检索失败：.*policy corpus not found/);
      expect(res.state).toBeNull();
    } finally {
      await rt2.close();
    }
  });

  it('meets the policy-suite targets (data/eval/policy.jsonl)', async () => {
    const cases = parseSuite(readFileSync(dataPath('eval', 'policy.jsonl'), 'utf8'));
    const report = await evaluatePolicySuite(cases, async (c) => {
      const res = await rt.runTurn({ agent: 'policy', message: c.question, thread: `suite-${c.id}`, user: c.user ?? 's.chen' });
      return AskResultSchema.parse(res.state);
    });
    const { summary } = report;
    console.log(`policy suite: ${JSON.stringify(summary)}`);
    console.log(`policy suite (holdout): ${JSON.stringify(report.byTag['holdout'])}`);
    console.log(`policy suite (cross-language): ${JSON.stringify(report.byTag['cross-language'])}`);
    console.log(`policy suite failures: ${JSON.stringify(report.failures)}`);
    expect(summary.cases).toBeGreaterThanOrEqual(65);
    expect(summary.refusals).toBeGreaterThanOrEqual(12);
    expect(summary.recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(summary.mrrAt10).toBeGreaterThanOrEqual(0.85);
    expect(summary.citationPrecision).toBeGreaterThanOrEqual(0.75);
    expect(summary.citationRecall).toBeGreaterThanOrEqual(0.8);
    expect(summary.refusalAccuracy).toBeGreaterThanOrEqual(0.9);
    // Never an answer where no rule applies: every should-refuse case is refused.
    expect(report.byTag['refusal']?.refusalAccuracy).toBe(1);
    // English questions answered from Chinese rules and vice versa (policy-110…122).
    expect(report.byTag['cross-language']?.cases).toBeGreaterThanOrEqual(8);
    expect(report.byTag['cross-language']?.passRate).toBeGreaterThanOrEqual(0.75);
  });

  it('meets the staff-question targets (data/eval/policy-answer.jsonl): quotes the gold article or refuses', async () => {
    const cases = parseSuite(readFileSync(dataPath('eval', 'policy-answer.jsonl'), 'utf8'));
    const report = await evaluatePolicySuite(cases, async (c) => {
      const res = await rt.runTurn({ agent: 'policy', message: c.question, thread: `answer-${c.id}`, user: c.user ?? 's.chen' });
      return AskResultSchema.parse(res.state);
    });
    for (const tag of ['tune', 'holdout', 'fresh', 'fresh2', 'fresh3']) console.log(`policy-answer (${tag}): ${JSON.stringify(report.byTag[tag])}`);
    expect(report.summary.cases).toBeGreaterThanOrEqual(40);
    expect(report.summary.refusals).toBeGreaterThanOrEqual(10);
    expect(report.summary.passRate).toBeGreaterThanOrEqual(0.9);
    expect(report.summary.refusalAccuracy).toBeGreaterThanOrEqual(0.96);
    // Gold article in retrieve's top 5: the answer must pick it out of the top articles.
    expect(report.byTag['answer-selection']?.cases).toBeGreaterThanOrEqual(20);
    expect(report.byTag['answer-selection']?.passRate).toBeGreaterThanOrEqual(0.7);
    expect(report.byTag['cross-language']?.passRate).toBeGreaterThanOrEqual(0.8);
    expect(report.byTag['colloquial']?.passRate).toBeGreaterThanOrEqual(0.9);
  });
});
