/**
 * `/mcp` over Streamable HTTP with the MCP SDK's own client, against the app on a real socket: the
 * bearer token decides what a session lists; a trader's quote and accept in one session book a ticket
 * the blotter export shows; sessions belong to their user and end with DELETE.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../integrations/test-server.js';

let srv: TestServer;
const requests: Array<{ method: unknown; path: unknown; status: unknown; user: unknown }> = [];
beforeAll(async () => {
  srv = await startTestServer({ log: (e) => void (e.msg === 'request' && requests.push({ method: e.method, path: e.path, status: e.status, user: e.user })) });
});
afterAll(() => srv.close());

async function connect(token: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(`${srv.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'finagent-http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

describe('/mcp (Streamable HTTP)', () => {
  it('without a token: 401 in the API error shape', async () => {
    const res = await fetch(`${srv.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/valid token/) } });
  });

  it('the staff token lists policy tools only, reads an article and gets the policy prompt', async () => {
    const { client, transport } = await connect(await srv.token('s.chen'));
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.sort()).toEqual(['policy__answer_policy_question', 'policy__search_policies']);
    const hit = (await client.callTool({ name: 'policy__search_policies', arguments: { query: '给关系人发放信用贷款可以吗？', k: 5 } })) as CallToolResult;
    expect(hit.isError, text(hit)).toBeFalsy();
    expect((hit.structuredContent as { hits: Array<{ label: string }> }).hits[0]?.label).toBe('《华信银行授信管理办法》第十六条');
    const article = await client.readResource({ uri: 'finagent://policy/2024-01-01-huaxin-credit-granting/16' });
    expect((article.contents[0] as { text: string }).text).toContain('本行不得向关系人发放信用贷款');
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['policy']);
    await transport.terminateSession();
    await client.close();
    // The client opened the server's event stream (GET) and ended with DELETE, both in the session.
    const mine = requests.filter((r) => r.path === '/mcp' && r.user === 's.chen');
    expect(mine.some((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(mine.some((r) => r.method === 'DELETE' && r.status === 200)).toBe(true);
  });

  it('a trader parses, quotes and accepts in one session: the ticket is booked under the session’s thread', async () => {
    const token = await srv.token('t.zhang');
    const { client, transport } = await connect(token);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('dealing__request_quote');
    expect((await client.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(['dealing', 'policy']);

    const parsed = (await client.callTool({ name: 'dealing__parse_dealer_message', arguments: { text: '220205 收 5000万' } })) as CallToolResult;
    const p = parsed.structuredContent as { instrument: Record<string, unknown>; side: string; notional: number };
    expect(p).toMatchObject({ side: 'buy', notional: 50_000_000, instrument: { code: '220205' } });
    const quote = (await client.callTool({ name: 'dealing__request_quote', arguments: { instrument: p.instrument, side: p.side, notional: p.notional } })) as CallToolResult;
    expect(quote.isError, text(quote)).toBeFalsy();
    const rfq = (quote.structuredContent as { rfq: { id: string; status: string } }).rfq;
    expect(rfq.status).toBe('QUOTED');
    const accept = (await client.callTool({ name: 'dealing__accept_quote', arguments: {} })) as CallToolResult;
    expect(accept.isError, text(accept)).toBeFalsy();
    const ticket = (accept.structuredContent as { ticket: { tradeId: string; rfqId: string } }).ticket;
    expect(ticket.rfqId).toBe(rfq.id);

    const thread = `mcp-${transport.sessionId}-dealing`;
    expect(quote._meta?.['finagent/thread']).toBe(thread);
    expect(await srv.rt.thread(thread)).toMatchObject({ owner: 't.zhang', agent: 'dealing', metadata: { transport: 'http' } });
    const kinds = (await srv.rt.audit.byThread(thread)).map((r) => `${r.kind}:${(r.payload as { tool?: string }).tool}`);
    expect(kinds).toEqual(['tool_call:parse_dealer_message', 'tool_result:parse_dealer_message', 'tool_call:request_quote', 'tool_result:request_quote', 'tool_call:accept_quote', 'tool_result:accept_quote']);

    // The export of the trader's own tickets shows it.
    const res = await fetch(`${srv.url}/tickets?format=json`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const exported = (await res.json()) as Array<{ tradeId: string; stages: { quoted: string | null; booked: string | null } }>;
    expect(exported.map((t) => t.tradeId)).toContain(ticket.tradeId);

    // Someone else presenting this session's id is refused; the owner ends the session with DELETE.
    const other = await srv.token('s.chen');
    const hijack = await fetch(`${srv.url}/mcp`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${other}`, 'mcp-session-id': transport.sessionId!, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(hijack.status).toBe(403);
    const sid = transport.sessionId!;
    await transport.terminateSession();
    await client.close();
    const after = await fetch(`${srv.url}/mcp`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'mcp-session-id': sid, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
  });

  it('a request without a session must be initialize', async () => {
    const token = await srv.token('s.chen');
    const res = await fetch(`${srv.url}/mcp`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/must be initialize/);
    const get = await fetch(`${srv.url}/mcp`, { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(400);
    // A CORS preflight carries no token and touches no session.
    expect((await fetch(`${srv.url}/mcp`, { method: 'OPTIONS' })).status).toBe(204);
  });
});
