/**
 * `finagent mcp` over stdio with the MCP SDK's own client (spawning the built CLI, as an IDE does),
 * then the booking exports of what it booked: `finagent blotter --format …`, resumed by cursor, the
 * FIX read back by jspurefix. `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixParser, readCsv } from '../test/export-readers.js';

const bin = join(import.meta.dirname, '..', 'bin', 'finagent.js');
const home = mkdtempSync(join(tmpdir(), 'finagent-mcp-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const baseEnv = { FINAGENT_HOME: home, FINAGENT_PROVIDER: '', FINAGENT_USER: '', FINAGENT_TOKEN: '' };

function finagent(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: home, env: { ...process.env, ...baseEnv, ...env }, timeout: 60_000, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tokens: Record<string, string> = {};
/** The ticket booked over stdio (the blotter tests export it). */
let tradeId = '';
beforeAll(() => {
  for (const user of ['s.chen', 't.zhang']) {
    const r = finagent(['token', 'create', '--user', user, '--json']);
    expect(r.code, r.stderr).toBe(0);
    tokens[user] = (JSON.parse(r.stdout) as { token: string }).token;
  }
}, 60_000);

async function stdioClient(token: string): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, 'mcp'],
    cwd: home,
    env: { ...(process.env as Record<string, string>), ...baseEnv, FINAGENT_TOKEN: token },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const client = new Client({ name: 'finagent-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err };
}

const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

describe('finagent mcp (stdio)', () => {
  it('without FINAGENT_TOKEN (or with a bad one) it says so on stderr and exits 2', () => {
    const none = finagent(['mcp']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^finagent: finagent mcp needs FINAGENT_TOKEN/);
    const bad = finagent(['mcp'], { FINAGENT_TOKEN: 'fa_not-a-token' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/a valid token is required/);
  }, 60_000);

  it('the staff token sees policy tools, articles and the policy prompt, and no dealing tool', async () => {
    const { client, stderr } = await stdioClient(tokens['s.chen']!);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.sort()).toEqual(['policy__answer_policy_question', 'policy__search_policies']);
    const article = await client.readResource({ uri: 'finagent://policy/2024-01-01-huaxin-credit-granting/16' });
    expect((article.contents[0] as { text: string }).text).toContain('《华信银行授信管理办法》第十六条');
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['policy']);
    const refused = (await client.callTool({ name: 'dealing__request_quote', arguments: { instrument: { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null }, side: 'sell', notional: 50_000_000 } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    await client.close();
    expect(stderr()).toMatch(/serving s\.chen \(staff\) on stdio/);
  }, 60_000);

  it('a trader quotes and accepts over stdio: the RFQ is audited on the session’s thread and the ticket booked', async () => {
    const { client } = await stdioClient(tokens['t.zhang']!);
    const args = { instrument: { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null }, side: 'sell', notional: 50_000_000 };
    const quote = (await client.callTool({ name: 'dealing__request_quote', arguments: args })) as CallToolResult;
    expect(quote.isError, text(quote)).toBeFalsy();
    expect((quote.structuredContent as { rfq: { status: string } }).rfq.status).toBe('QUOTED');
    const thread = String(quote._meta?.['finagent/thread']);
    expect(thread).toMatch(/^mcp-[0-9a-f-]{36}-dealing$/);
    const accept = (await client.callTool({ name: 'dealing__accept_quote', arguments: {} })) as CallToolResult;
    expect(accept.isError, text(accept)).toBeFalsy();
    tradeId = (accept.structuredContent as { ticket: { tradeId: string } }).ticket.tradeId;
    await client.close();

    const audit = finagent(['audit', 'export', '--thread', thread], { FINAGENT_TOKEN: tokens['t.zhang']! });
    expect(audit.code, audit.stderr).toBe(0);
    const records = audit.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; user: string; payload: { tool?: string } });
    expect(records.filter((r) => r.kind === 'tool_call').map((r) => r.payload.tool)).toEqual(['request_quote', 'accept_quote']);
    expect(records.every((r) => r.user === 't.zhang')).toBe(true);
    const listing = JSON.parse(finagent(['blotter', '--json']).stdout) as { tickets: Array<{ tradeId: string }> };
    expect(listing.tickets.map((t) => t.tradeId)).toEqual([tradeId]);
  }, 60_000);
});

describe('finagent blotter --format', () => {
  it('json exports the ticket with its stages; the returned cursor exports nothing again', () => {
    const first = finagent(['blotter', '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    const rows = JSON.parse(first.stdout) as Array<{ cursor: number; tradeId: string; stages: { requested: string; quoted: string; accepted: string; booked: string } }>;
    expect(rows.map((r) => [r.cursor, r.tradeId])).toEqual([[1, tradeId]]);
    expect(rows[0]!.stages.booked).toBeTruthy();
    expect(first.stderr).toBe('next cursor: 1\n');
    const again = finagent(['blotter', '--format', 'json', '--since', '1']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([]);
    expect(again.stderr).toBe('next cursor: 1\n');
  }, 60_000);

  it('a second ticket from a chat turn: csv after the cursor has only it; fix to a file parses in jspurefix', async () => {
    expect(finagent(['chat', 'dealing', '-m', 'DR007 出 5E', '--thread', 'R1', '--json']).code).toBe(0);
    expect(finagent(['chat', 'dealing', '-m', 'done', '--thread', 'R1', '--json']).code).toBe(0);
    const csv = finagent(['blotter', '--format', 'csv', '--since', '1']);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = readCsv(csv.stdout);
    expect(rows.map((r) => [r.cursor, r.product_kind, r.instrument_code])).toEqual([['2', 'repo', 'DR007']]);
    expect(csv.stderr).toBe('next cursor: 2\n');

    const out = join(home, 'fills.fix');
    const fix = finagent(['blotter', '--format', 'fix', '--out', out, '--sender', 'DESK1', '--start-seq', '7']);
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.stdout).toBe('');
    expect(fix.stderr).toBe(`next cursor: 2\n2 tickets written to ${out}\n`);
    const parse = await fixParser();
    const messages = parse(readFileSync(out, 'utf8').replaceAll('\n', ''));
    expect(messages.map((m) => [m.msgType, m.tag(49), m.tag(56), m.tag(34), m.tag(37), m.checksumOk])).toEqual([
      ['8', 'DESK1', 'MIDDLEOFFICE', '7', tradeId, true],
      ['8', 'DESK1', 'MIDDLEOFFICE', '8', rows[0]!.trade_id, true],
    ]);
    for (const m of messages) expect([m.missing, m.invalid, m.undefinedForMsg]).toEqual([[], [], null]);
  }, 120_000);

  it('bad usage exits 2; a role without blotter access is refused', () => {
    for (const args of [['--format', 'xml'], ['--format', 'csv', '--json'], ['--since', '3'], ['--format', 'json', '--since', 'x']]) {
      const r = finagent(['blotter', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^finagent: /);
    }
    const staff = finagent(['blotter', '--format', 'csv'], { FINAGENT_TOKEN: tokens['s.chen']! });
    expect(staff.code).toBe(2);
    expect(staff.stderr).toMatch(/s\.chen \(staff\) may not export tickets/);
    const local = finagent(['blotter', '--format', 'json', '--user', 'admin']);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.stdout)).toEqual([]);
    expect(local.stderr).toMatch(/note: admin acts locally, so only their own tickets are exported/);
  }, 120_000);
});
