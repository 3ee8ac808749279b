/**
 * `GET /tickets` end to end: tickets booked through real dealing turns (bond, repo, NCD, FX spot and
 * swap, one approved by the desk head), exported per role, resumed by cursor without duplicates, the
 * FIX read back by jspurefix and the CSV and JSON read back against the blotter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixParser, readCsv, type ParsedFix } from '../../../test/export-readers.js';
import { ExportedTicketSchema } from '../../dealing/booking/export/index.js';
import type { Ticket } from '../../dealing/booking/ticket.js';
import { startTestServer, type TestServer } from '../../integrations/test-server.js';
import { harnessIdentity } from '../../runtime/identity.js';

let srv: TestServer;
let tokens: Record<string, string>;
let parseFix: (wire: string) => ParsedFix[];
let blotter: Ticket[];

async function deal(user: string, thread: string, ...messages: string[]) {
  const who = harnessIdentity(await srv.rt.user(user));
  let last;
  for (const message of messages) last = await srv.rt.runTurn({ agent: 'dealing', message, thread, user: who });
  return last!;
}

beforeAll(async () => {
  srv = await startTestServer();
  parseFix = await fixParser();
  tokens = {};
  for (const u of ['t.zhang', 'm.zhou', 'l.wang', 'admin', 's.chen', 'c.li']) tokens[u] = await srv.token(u);
  await deal('t.zhang', 'E1', '220205 出 5kw', 'done');
  await deal('t.zhang', 'E2', 'DR007 出 5E', 'done');
  await deal('m.zhou', 'E3', 'USDCNY 即期 1000万美元 双边', '我买');
  const big = await deal('t.zhang', 'E4', '220205 收 10E for HXCB');
  expect((big.state as { rfq: { status: string } }).rfq.status).toBe('PENDING_APPROVAL');
  const approval = await srv.rt.runTool({ agent: 'dealing', tool: 'approve_quote', input: { rfqId: (big.state as { rfq: { id: string } }).rfq.id }, user: harnessIdentity(await srv.rt.user('l.wang')), thread: 'E4-approval' });
  expect(approval.error).toBeUndefined();
  await deal('t.zhang', 'E4', 'done');
  await deal('m.zhou', 'E5', 'USDCNY 3m swap in 20, I buy/sell', 'done');
  await deal('t.zhang', 'E6', '1Y国股CD 出 2E', '给');
  blotter = await srv.rt.stores.tickets.list();
  expect(blotter.map((t) => t.status)).toEqual(Array(6).fill('booked'));
}, 120_000);
afterAll(() => srv.close());

async function get(user: string, query: string) {
  const res = await fetch(`${srv.url}/tickets${query}`, { headers: { Authorization: `Bearer ${tokens[user]}` } });
  return { status: res.status, cursor: res.headers.get('x-finagent-cursor'), count: res.headers.get('x-finagent-count'), type: res.headers.get('content-type'), body: await res.text() };
}

const tradeIds = (json: string) => (JSON.parse(json) as Array<{ tradeId: string }>).map((t) => t.tradeId);

describe('GET /tickets', () => {
  it('admin exports every ticket as JSON that parses with the export schema and matches the blotter', async () => {
    const r = await get('admin', '?format=json');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.cursor).toBe('6');
    expect(r.count).toBe('6');
    const rows = (JSON.parse(r.body) as unknown[]).map((x) => ExportedTicketSchema.parse(x));
    expect(rows.map((t) => t.cursor)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const [i, t] of rows.entries()) {
      const b = blotter[i]!;
      expect({ ...t, cursor: undefined, stages: undefined }).toMatchObject({ tradeId: b.tradeId, rfqId: b.rfqId, trader: b.trader, side: b.side, notional: b.notional, level: b.level, settleDate: b.settleDate });
      expect(t.stages.booked).not.toBeNull();
    }
    const approved = rows.find((t) => t.notional === 1_000_000_000)!;
    expect(approved).toMatchObject({ approver: 'l.wang', client: 'CLI-HXBK', trader: 't.zhang' });
    expect(approved.stages.approved).not.toBeNull();
  });

  it('re-running with the returned cursor exports nothing again; pages of 2 cover all exactly once', async () => {
    const again = await get('admin', '?format=json&since=6');
    expect(again).toMatchObject({ status: 200, cursor: '6', count: '0' });
    expect(JSON.parse(again.body)).toEqual([]);
    const seen: string[] = [];
    let since = '0';
    for (let i = 0; i < 5; i++) {
      const page = await get('admin', `?format=jsonl&limit=2&since=${since}`);
      const ids = page.body.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { tradeId: string }).tradeId);
      seen.push(...ids);
      since = page.cursor!;
      if (ids.length === 0) break;
    }
    expect(seen).toEqual(blotter.map((t) => t.tradeId));
  });

  it('traders export their own tickets, desk heads their desk’s, other roles are refused', async () => {
    const mine = await get('t.zhang', '?format=json');
    expect(tradeIds(mine.body)).toEqual(blotter.filter((t) => t.trader === 't.zhang').map((t) => t.tradeId));
    // m.zhou's tickets after t.zhang's last one were read and skipped: the cursor is past them.
    expect(mine.cursor).toBe('6');
    expect(tradeIds((await get('m.zhou', '?format=json')).body)).toEqual(blotter.filter((t) => t.trader === 'm.zhou').map((t) => t.tradeId));
    expect(tradeIds((await get('l.wang', '?format=json')).body)).toEqual(blotter.filter((t) => t.trader === 't.zhang').map((t) => t.tradeId));
    for (const u of ['s.chen', 'c.li']) {
      const r = await get(u, '?format=csv');
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/may not export tickets/) } });
    }
    const refusals = (await srv.rt.audit.byThread('ticket-exports')).filter((a) => (a.payload as { allowed?: boolean }).allowed === false);
    expect(refusals.map((a) => a.user).sort()).toEqual(['c.li', 's.chen']);
  });

  it('FIX: one ExecutionReport per booked ticket, accepted by jspurefix with the configured session ids', async () => {
    const r = await get('admin', '?format=fix&start_seq=41');
    expect(r.type).toMatch(/^text\/plain/);
    const lines = r.body.split('\n').filter(Boolean);
    expect(lines).toHaveLength(6);
    const parsed = parseFix(lines.join(''));
    expect(parsed).toHaveLength(6);
    for (const [i, m] of parsed.entries()) {
      expect(m.msgType).toBe('8');
      expect(m.checksumOk).toBe(true);
      expect(m.missing).toEqual([]);
      expect(m.invalid).toEqual([]);
      expect(m.undefinedForMsg).toBeNull();
      expect([m.tag(49), m.tag(56), m.tag(34)]).toEqual(['FINAGENT', 'MIDDLEOFFICE', String(41 + i)]);
      expect([m.tag(37), m.tag(11), m.tag(150), m.tag(39)]).toEqual([blotter[i]!.tradeId, blotter[i]!.rfqId, 'F', '2']);
      expect(Number(m.tag(38))).toBe(blotter[i]!.notional);
    }
    expect((await get('admin', '?format=fix&since=6')).body).toBe('');
  });

  it('CSV reads back to the same tickets as the JSON', async () => {
    const csv = await get('admin', '?format=csv');
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = readCsv(csv.body);
    const json = (JSON.parse((await get('admin', '?format=json')).body) as unknown[]).map((x) => ExportedTicketSchema.parse(x));
    expect(rows.map((r) => r.trade_id)).toEqual(json.map((t) => t.tradeId));
    for (const [i, row] of rows.entries()) {
      const t = json[i]!;
      expect(row).toMatchObject({ rfq_id: t.rfqId, cursor: String(t.cursor), client: t.client, trader: t.trader, client_side: t.side, status: t.status, approver: t.approver ?? '', booked_at: t.stages.booked });
      expect(Number(row.notional)).toBe(t.notional);
      expect(Number(row.level)).toBe(t.level);
    }
  });

  it('bad parameters are 400 in the API error shape', async () => {
    for (const q of ['?format=xml', '?since=-1', '?since=abc', '?limit=0', '?limit=100000', '?start_seq=0']) {
      const r = await get('admin', q);
      expect(r.status, q).toBe(400);
      expect(JSON.parse(r.body).error.code).toBe('bad_input');
    }
  });
});
