/**
 * The MCP server in-process (the SDK's own Client over its in-memory transport): what each role sees,
 * that every call goes through runTool (audit, refusals, thread), resources and prompts. The stdio and
 * Streamable HTTP transports are tested end to end in cli/mcp.test.ts and src/server/routes/mcp.test.ts.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgents } from '../../agents/registry.js';
import { harnessIdentity } from '../../runtime/identity.js';
import { testRuntime, type TestRuntime } from '../../testing/index.js';
import { createMcpServer, mcpThread, mcpToolName, parseMcpToolName } from './server.js';

let t: TestRuntime;
beforeAll(async () => {
  t = await testRuntime({ agents: await loadAgents() });
});
afterAll(() => t.close());

async function connect(userId: string, session: string): Promise<Client> {
  const server = createMcpServer({ rt: t.rt, identity: harnessIdentity(await t.rt.user(userId)), session, transport: 'stdio' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: 'finagent-test', version: '1.0.0' });
  await client.connect(b);
  return client;
}

const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

export const BOND_REQUEST = { instrument: { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null }, side: 'sell', notional: 50_000_000 };

describe('MCP tool names', () => {
  it('<assistant>__<tool> splits at the first separator, and nothing else parses', () => {
    expect(mcpToolName('dealing', 'request_quote')).toBe('dealing__request_quote');
    expect(parseMcpToolName('dealing__request_quote')).toEqual({ agent: 'dealing', tool: 'request_quote' });
    expect(parseMcpToolName('kyc-check__screen__name')).toEqual({ agent: 'kyc-check', tool: 'screen__name' });
    for (const bad of ['request_quote', '__x', 'dealing__', 'dealing_request_quote']) expect(parseMcpToolName(bad)).toBeNull();
    expect(mcpThread('0f4c2a9e-1', 'dealing')).toBe('mcp-0f4c2a9e-1-dealing');
  });

  it('refuses a session id that could not name a thread', () => {
    expect(() => createMcpServer({ rt: t.rt, identity: harnessIdentity({ id: 'x', name: 'x', role: 'staff' }), session: 'a/b', transport: 'http' })).toThrow(/session id/);
  });
});

describe('MCP server, per role', () => {
  it('staff see the policy tools (with JSON Schemas) and no dealing or analyst tool', async () => {
    const c = await connect('s.chen', 'sess-staff-1');
    const { tools } = await c.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(['policy__answer_policy_question', 'policy__search_policies']);
    const search = tools.find((x) => x.name === 'policy__search_policies')!;
    expect(search.inputSchema).toMatchObject({ type: 'object', required: ['query'], properties: { query: { type: 'string' } } });
    expect(search.outputSchema).toMatchObject({ type: 'object', properties: { hits: { type: 'array' } } });
    expect(search.annotations?.readOnlyHint).toBe(true);
    await c.close();
  });

  it('a trader sees the dealing tools except the desk head’s, and the desk head sees approve_quote', async () => {
    const trader = await connect('t.zhang', 'sess-trader-1');
    const names = (await trader.listTools()).tools.map((x) => x.name);
    expect(names).toContain('dealing__request_quote');
    expect(names).toContain('dealing__accept_quote');
    expect(names).not.toContain('dealing__approve_quote');
    expect(names.some((n) => n.startsWith('analyst__'))).toBe(false);
    expect((await trader.listTools()).tools.find((x) => x.name === 'dealing__request_quote')?.annotations?.readOnlyHint).toBe(false);
    await trader.close();
    const head = await connect('l.wang', 'sess-head-1');
    expect((await head.listTools()).tools.map((x) => x.name)).toContain('dealing__approve_quote');
    await head.close();
  });

  it('a quote and its accept in one session share the session’s thread, audited like a chat turn', async () => {
    const c = await connect('t.zhang', 'sess-deal-1');
    const quote = (await c.callTool({ name: 'dealing__request_quote', arguments: BOND_REQUEST })) as CallToolResult;
    expect(quote.isError, text(quote)).toBeFalsy();
    const thread = 'mcp-sess-deal-1-dealing';
    expect(quote._meta?.['finagent/thread']).toBe(thread);
    const q = quote.structuredContent as { rfq: { id: string; status: string } };
    expect(q.rfq.status).toBe('QUOTED');
    // Text content carries the same JSON for clients that ignore structuredContent.
    expect(JSON.parse(text(quote))).toEqual(quote.structuredContent);
    const accept = (await c.callTool({ name: 'dealing__accept_quote', arguments: {} })) as CallToolResult;
    expect(accept.isError, text(accept)).toBeFalsy();
    const a = accept.structuredContent as { rfq: { id: string; status: string }; ticket: { tradeId: string; trader: string } };
    expect(a.rfq).toMatchObject({ id: q.rfq.id, status: 'DONE' });
    expect(a.ticket.trader).toBe('t.zhang');
    expect(await t.rt.thread(thread)).toMatchObject({ agent: 'dealing', owner: 't.zhang', metadata: { surface: 'mcp', session: 'sess-deal-1' } });
    const audit = await t.rt.audit.byThread(thread);
    expect(audit.filter((r) => r.kind === 'tool_call').map((r) => (r.payload as { tool: string }).tool)).toEqual(['request_quote', 'accept_quote']);
    expect(audit.every((r) => r.user === 't.zhang')).toBe(true);
    // Another session of the same user is another thread: nothing to accept there.
    const other = await connect('t.zhang', 'sess-deal-2');
    const none = (await other.callTool({ name: 'dealing__accept_quote', arguments: {} })) as CallToolResult;
    expect(none.isError).toBe(true);
    await other.close();
    await c.close();
  });

  it('a tool outside the role, bad arguments and unknown names are isError results; refusals are audited', async () => {
    const c = await connect('s.chen', 'sess-staff-2');
    const refused = (await c.callTool({ name: 'dealing__request_quote', arguments: BOND_REQUEST })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/may not use the dealing assistant/);
    const refusal = (await t.rt.audit.byThread('mcp-sess-staff-2-dealing')).find((r) => r.kind === 'refusal');
    expect(refusal).toMatchObject({ user: 's.chen' });
    // No thread row for an assistant the role may not use.
    expect(await t.rt.thread('mcp-sess-staff-2-dealing')).toBeNull();
    const bad = (await c.callTool({ name: 'policy__search_policies', arguments: { k: 'many' } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/invalid arguments for search_policies: query/);
    expect((await t.rt.audit.byThread('mcp-sess-staff-2-policy')).map((r) => r.kind)).toContain('tool_error');
    const unknown = (await c.callTool({ name: 'nosuch__tool', arguments: {} })) as CallToolResult;
    expect(text(unknown)).toMatch(/no assistant "nosuch"/);
    const unnamed = (await c.callTool({ name: 'search_policies', arguments: {} })) as CallToolResult;
    expect(text(unnamed)).toMatch(/named <assistant>__<tool>/);
    await c.close();
  });
});

describe('MCP resources and prompts', () => {
  it('lists the policy articles and reads one by URI; an unknown article is an error', async () => {
    const c = await connect('s.chen', 'sess-res-1');
    const { resourceTemplates } = await c.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toEqual(['finagent://policy/{doc}/{article}']);
    const { resources } = await c.listResources();
    expect(resources.length).toBeGreaterThan(150);
    const uri = 'finagent://policy/2024-01-01-huaxin-credit-granting/16';
    expect(resources.find((r) => r.uri === uri)).toMatchObject({ name: '《华信银行授信管理办法》第十六条', mimeType: 'text/markdown' });
    expect(resources.some((r) => r.name === 'Huaxin Bank Trading Desk Conduct Rules, Article 23')).toBe(true);
    const read = await c.readResource({ uri });
    const body = read.contents[0] as { text: string; uri: string };
    expect(body.uri).toBe(uri);
    expect(body.text).toMatch(/^# 《华信银行授信管理办法》第十六条\n/);
    expect(body.text).toContain('本行不得向关系人发放信用贷款');
    await expect(c.readResource({ uri: 'finagent://policy/2024-01-01-huaxin-credit-granting/999' })).rejects.toThrow(/no policy article/);
    await c.close();
  });

  it('prompts are the caller’s assistants: system prompt, then the question', async () => {
    const staff = await connect('s.chen', 'sess-prompt-1');
    expect((await staff.listPrompts()).prompts.map((p) => p.name)).toEqual(['policy']);
    const p = await staff.getPrompt({ name: 'policy', arguments: { question: '给关系人发放信用贷款可以吗？' } });
    expect(p.messages).toHaveLength(2);
    const [system, question] = p.messages.map((m) => (m.content.type === 'text' ? m.content.text : ''));
    expect(system).toMatch(/^你是华信银行的制度查询助手/);
    expect(system).toContain('policy__search_policies');
    expect(question).toBe('给关系人发放信用贷款可以吗？');
    const en = await staff.getPrompt({ name: 'policy', arguments: { question: 'KYC records?', lang: 'en' } });
    expect(en.messages[0]?.content).toMatchObject({ text: expect.stringMatching(/^You are Huaxin Bank's policy-lookup assistant/) });
    await expect(staff.getPrompt({ name: 'dealing', arguments: { question: 'x' } })).rejects.toThrow(/not found/i);
    await staff.close();
    const reviewer = await connect('c.li', 'sess-prompt-2');
    expect((await reviewer.listPrompts()).prompts.map((x) => x.name).sort()).toEqual(['analyst', 'policy']);
    await reviewer.close();
  });
});
