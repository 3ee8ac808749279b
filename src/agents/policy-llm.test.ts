import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AskResultSchema } from '../policy/schemas.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { startOpenAIServer, type ScriptedServer } from '../runtime/testing/scripted-servers.js';
import { policyAgent, verifyPolicyTurn } from './policy.js';

let home: string;
let server: ScriptedServer;
let rt: Runtime;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-policy-llm-'));
  server = await startOpenAIServer([
    { toolCalls: [{ name: 'search_policies', arguments: JSON.stringify({ query: '关系人 信用贷款' }) }] },
    { content: '不可以。《华信银行授信管理办法》第十六条规定本行不得向关系人发放信用贷款；另见《华信银行授信管理办法》第九十九条。' },
  ]);
  rt = await createRuntime({ home, agents: [policyAgent], config: { provider: 'openai', model: 'scripted', openai: { baseUrl: server.url, apiKey: 'sk-test' }, retries: 0 } });
});
afterAll(async () => {
  await rt.close();
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe('policy assistant, LLM path (scripted OpenAI-compatible server)', () => {
  it('sends the answer-only-from-retrieved-articles prompt, and the post-check flags an invented article', async () => {
    const res = await rt.runTurn({ agent: 'policy', message: '给关系人发放信用贷款可以吗？', thread: 'L1', user: 'c.li' });
    const system = JSON.stringify(server.requests[0]?.body);
    expect(system).toContain('只依据检索到的条文作答');
    expect(res.toolCalls.map((c) => c.name)).toEqual(['search_policies']);
    // The turn's state is still the extractive, cited answer built from the retrieved articles.
    expect(AskResultSchema.parse(res.state).citations[0]?.label).toBe('《华信银行授信管理办法》第十六条');

    const v = await verifyPolicyTurn(res, home);
    expect(v.ok).toBe(false);
    expect(v.citations).toEqual(['《华信银行授信管理办法》第十六条']);
    expect(v.findings[1]).toMatchObject({ label: '《华信银行授信管理办法》第九十九条', problem: 'nonexistent' });
    expect(v.reply).toContain('第九十九条〔引用未通过核验〕');
  });
});

describe('policy assistant, LLM answering without searching', () => {
  it('builds the store for the check and flags the unretrieved citation instead of failing', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'finagent-policy-llm2-'));
    const lazy = await startOpenAIServer([{ content: '可以，见《华信银行授信管理办法》第十六条。' }]);
    const rt2 = await createRuntime({ home: fresh, agents: [policyAgent], config: { provider: 'openai', model: 'scripted', openai: { baseUrl: lazy.url }, retries: 0 } });
    try {
      const res = await rt2.runTurn({ agent: 'policy', message: '给关系人发放信用贷款可以吗？', thread: 'L2', user: 's.chen' });
      expect(res.toolCalls).toEqual([]);
      expect(res.reply).toContain('〔引用未通过核验〕');
      expect((await rt2.audit.byThread('L2')).some((r) => r.kind === 'guardrail')).toBe(true);
    } finally {
      await rt2.close();
      await lazy.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
