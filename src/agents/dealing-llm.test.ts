import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { startOpenAIServer, type ScriptedServer } from '../runtime/testing/scripted-servers.js';
import { dealingAgent, DealingStateSchema } from './dealing.js';

/**
 * The dealing assistant driven by a (scripted) LLM over the real OpenAI wire protocol: the same
 * tools persist the RFQ and the ticket, so the state comes from the database, not from the model.
 */
let home: string;
let server: ScriptedServer;
let rt: Runtime;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-dealing-llm-'));
  const instrument = { kind: 'bond', code: null, name: null, issuer: 'CDB', tenor: '5Y' };
  server = await startOpenAIServer([
    { toolCalls: [{ name: 'request_quote', arguments: JSON.stringify({ instrument, side: 'sell', notional: 100_000_000, currency: 'CNY', settle: 'T+1' }) }] },
    { content: 'Quoted: see the levels above.' },
    { toolCalls: [{ name: 'accept_quote', arguments: '{}' }] },
    { content: 'Done.' },
  ]);
  rt = await createRuntime({
    home,
    agents: [dealingAgent],
    config: { provider: 'openai', model: 'scripted', openai: { baseUrl: server.url }, retries: 0 },
    now: () => new Date('2025-12-26T02:00:00Z'),
  });
});
afterAll(async () => {
  await rt.close();
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe('dealing assistant, LLM path', () => {
  it('quotes and books through the tools; the state is read from the database', async () => {
    const first = await rt.runTurn({ agent: 'dealing', message: 'CDB 5y, client sells 1E T+1', thread: 'L1', user: 't.zhang' });
    const quoted = DealingStateSchema.parse(first.state);
    expect(quoted.rfq).toMatchObject({ status: 'QUOTED', side: 'sell', notional: 100_000_000, quote: { firm: true } });
    const tools = (server.requests[0]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    // A trader never sees the desk head's approval tool.
    expect(tools).toContain('request_quote');
    expect(tools).not.toContain('approve_ticket');

    const second = await rt.runTurn({ agent: 'dealing', message: 'done', thread: 'L1', user: 't.zhang' });
    const booked = DealingStateSchema.parse(second.state);
    expect(booked.rfq?.status).toBe('DONE');
    expect(booked.trade).toMatchObject({ side: 'sell', notional: 100_000_000 });
    // The model saw the quote only as tool output it had to relay.
    const toolMsg = (server.requests[1]!.body.messages as Array<{ role: string; content: string }>).find((m) => m.role === 'tool');
    expect(toolMsg?.content).toContain('"status":"QUOTED"');
  });
});
