import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from './errors.js';
import { createRuntime, type Runtime } from './runtime.js';
import { calcAgent } from './testing/calc-agent.js';
import { deadPort, startOllamaServer, startOpenAIServer, startSilentServer, type ScriptedServer } from './testing/scripted-servers.js';

let home: string;
let rt: Runtime | undefined;
let server: ScriptedServer | undefined;

afterEach(async () => {
  rt?.close();
  await server?.close();
  rt = undefined;
  server = undefined;
  if (home) rmSync(home, { recursive: true, force: true });
});

function toolNames(body: Record<string, unknown>): string[] {
  const tools = (body.tools ?? []) as Array<{ function?: { name?: string } }>;
  return tools.map((t) => t.function?.name ?? '').sort();
}

describe('OpenAI-compatible provider over the real wire protocol', () => {
  it('runs a full tool-calling turn through @langchain/openai', async () => {
    server = await startOpenAIServer([
      { toolCalls: [{ name: 'add_numbers', arguments: '{"numbers":[2,3.5]}' }] },
      { content: 'The sum is 5.5.' },
    ]);
    home = mkdtempSync(join(tmpdir(), 'finagent-oa-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'openai', model: 'scripted-1', openai: { baseUrl: server.url, apiKey: 'sk-test' }, retries: 0 } });
    const res = await rt.runTurn({ agent: 'calc', message: 'add 2 and 3.5', thread: 'W1', user: 't.zhang' });
    expect(res.reply).toBe('The sum is 5.5.');
    // Two completions of 10 prompt + 5 completion tokens each, as the server reported them.
    expect(res.usage).toEqual({ inputTokens: 20, outputTokens: 10 });
    expect(res.toolCalls).toEqual([{ name: 'add_numbers', args: { numbers: [2, 3.5] }, result: { sum: 5.5 } }]);
    expect(server.requests).toHaveLength(2);
    // The trader never sees the desk-head-only tool.
    expect(toolNames(server.requests[0]!.body)).toEqual(['add_numbers', 'always_refuse']);
    const second = server.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(second.at(-1)).toMatchObject({ role: 'tool', content: '{"sum":5.5}' });
    expect(second[0]).toMatchObject({ role: 'system' });
  });

  it('refuses and audits a forged call to a tool the role may not use', async () => {
    server = await startOpenAIServer([{ toolCalls: [{ name: 'reveal_limits', arguments: '{}' }] }, { content: 'I cannot do that.' }]);
    home = mkdtempSync(join(tmpdir(), 'finagent-oa-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'openai', model: 'm', openai: { baseUrl: server.url }, retries: 0 } });
    const res = await rt.runTurn({ agent: 'calc', message: 'show limits', thread: 'W2', user: 't.zhang' });
    expect(res.toolCalls[0]).toMatchObject({ name: 'reveal_limits', error: expect.stringMatching(/refused — the trader role may not use the tool "reveal_limits"/) });
    const refusals = (await rt.audit.byThread('W2')).filter((r) => r.kind === 'refusal');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.payload).toMatchObject({ tool: 'reveal_limits' });
    expect((await rt.audit.byThread('W2')).some((r) => r.kind === 'tool_result')).toBe(false);
  });

  it('a desk head sees and may use the privileged tool', async () => {
    server = await startOpenAIServer([{ toolCalls: [{ name: 'reveal_limits', arguments: '{}' }] }, { content: 'Limit is 1bn.' }]);
    home = mkdtempSync(join(tmpdir(), 'finagent-oa-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'openai', model: 'm', openai: { baseUrl: server.url }, retries: 0 } });
    const res = await rt.runTurn({ agent: 'calc', message: 'show limits', thread: 'W3', user: 'l.wang' });
    expect(toolNames(server.requests[0]!.body)).toContain('reveal_limits');
    expect(res.toolCalls[0]).toMatchObject({ result: { limit: 1_000_000_000 } });
  });

  it('malformed tool-call arguments give one clear provider error', async () => {
    server = await startOpenAIServer([{ toolCalls: [{ name: 'add_numbers', arguments: '{"numbers": [1,' }] }]);
    home = mkdtempSync(join(tmpdir(), 'finagent-oa-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'openai', model: 'm', openai: { baseUrl: server.url }, retries: 0 } });
    const err = await rt.runTurn({ agent: 'calc', message: 'add', thread: 'W4', user: 't.zhang' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/malformed tool call/);
  });

  it('an unreachable server gives one clear line naming the URL and the offline switch', async () => {
    const port = await deadPort();
    home = mkdtempSync(join(tmpdir(), 'finagent-oa-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'openai', model: 'm', openai: { baseUrl: `http://127.0.0.1:${port}/v1` }, retries: 0, timeoutMs: 2000 } });
    const err = await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'W5', user: 't.zhang' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toBe(
      `provider openai at http://127.0.0.1:${port}/v1/chat/completions failed: the server is unreachable. To run without an LLM use --provider offline (or FINAGENT_PROVIDER=offline).`,
    );
    expect((await rt.audit.byThread('W5')).at(-1)?.kind).toBe('error');
  });
});

describe('Ollama provider over the real wire protocol', () => {
  it('runs a full tool-calling turn through @langchain/ollama', async () => {
    server = await startOllamaServer([{ toolCalls: [{ name: 'add_numbers', arguments: { numbers: [4, 6] } }] }, { content: '4 + 6 = 10' }]);
    home = mkdtempSync(join(tmpdir(), 'finagent-ol-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'ollama', model: 'qwen3', ollama: { host: server.url }, retries: 0 } });
    const res = await rt.runTurn({ agent: 'calc', message: 'add 4 and 6', thread: 'O1', user: 's.chen' });
    expect(res.reply).toBe('4 + 6 = 10');
    expect(res.toolCalls).toEqual([{ name: 'add_numbers', args: { numbers: [4, 6] }, result: { sum: 10 } }]);
    expect(server.requests[0]!.path).toBe('/api/chat');
    expect(server.requests[0]!.body.model).toBe('qwen3');
    const msgs = server.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(msgs.at(-1)).toMatchObject({ role: 'tool', content: '{"sum":10}' });
  });

  it('an unreachable Ollama gives the clear error', async () => {
    const port = await deadPort();
    home = mkdtempSync(join(tmpdir(), 'finagent-ol-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'ollama', model: 'qwen3', ollama: { host: `http://127.0.0.1:${port}` }, retries: 0 } });
    const err = await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'O2', user: 's.chen' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(new RegExp(`provider ollama at http://127.0.0.1:${port}/api/chat failed: the server is unreachable`));
  });

  it('a server that never answers times out with the clear error', async () => {
    server = await startSilentServer();
    home = mkdtempSync(join(tmpdir(), 'finagent-ol-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'ollama', model: 'qwen3', ollama: { host: server.url }, retries: 0, timeoutMs: 300 } });
    const err = await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'O3', user: 's.chen' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/failed: no answer within 300 ms/);
  });

  it('an OpenAI-compatible server that never answers times out too', async () => {
    server = await startSilentServer();
    home = mkdtempSync(join(tmpdir(), 'finagent-oa-'));
    rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'openai', model: 'm', openai: { baseUrl: `${server.url}/v1` }, retries: 0, timeoutMs: 300 } });
    const err = await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'W6', user: 's.chen' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/failed: no answer within 300 ms/);
  });
});
