/**
 * Who may export which tickets, and the cursor over tickets of every state (a legacy pending ticket
 * does not stop the feed). The formats themselves are tested in src/dealing/booking/export/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgents } from '../../agents/registry.js';
import { harnessIdentity, localIdentity } from '../../runtime/identity.js';
import { testRuntime, type TestRuntime } from '../../testing/index.js';
import { exportTickets, fixExportSettings, scopeNarrowedLocally, ticketScope } from './tickets.js';

let t: TestRuntime;
const proven = async (id: string) => harnessIdentity(await t.rt.user(id));

beforeAll(async () => {
  t = await testRuntime({ agents: await loadAgents(['dealing']), settings: { dealing: { exports: { fix: { targetCompId: 'BACKOFFICE' } } } } });
  await t.turn('dealing', 't.zhang', '220205 出 5kw', 'X1');
  await t.turn('dealing', 't.zhang', 'done', 'X1');
  // A ticket left pending by an older version (approval used to come after the deal): nothing decides it now.
  const real = (await t.rt.stores.tickets.list())[0]!;
  const rfq = await t.rt.stores.rfqs.create({ thread: 'legacy', client: real.client, trader: 't.zhang', instrument: real.instrument, side: 'buy', notional: 1e9, currency: 'CNY', settle: null }, t.rt.now(), 't.zhang');
  const { tradeId: _t, approver: _a, approvedAt: _w, createdAt: _c, tradeDate: _d, ...rest } = real;
  await t.rt.stores.tickets.insert({ ...rest, rfqId: rfq.id, notional: 1e9, status: 'pending_approval' }, t.rt.now());
  await t.turn('dealing', 'm.zhou', 'USDCNY 即期 1000万美元 双边', 'X2');
  await t.turn('dealing', 'm.zhou', '我买', 'X2');
}, 60_000);
afterAll(() => t.close());

describe('ticket export scope', () => {
  it('admin: all; desk head: the desk; trader: own; staff and credit reviewers: refused and audited', async () => {
    expect(await ticketScope(t.rt, await proven('admin'))).toBeUndefined();
    expect((await ticketScope(t.rt, await proven('l.wang')))?.sort()).toEqual(['l.wang', 't.zhang']);
    expect(await ticketScope(t.rt, await proven('m.zhou'))).toEqual(['m.zhou']);
    for (const who of ['s.chen', 'c.li']) await expect(ticketScope(t.rt, await proven(who))).rejects.toMatchObject({ code: 'forbidden' });
    expect((await t.rt.audit.byThread('ticket-exports')).filter((r) => r.kind === 'access').map((r) => r.user)).toEqual(['s.chen', 'c.li']);
  });

  it('a local (unproven) identity exports only its own tickets, and the CLI can say so', async () => {
    const local = localIdentity(await t.rt.user('admin'));
    expect(await ticketScope(t.rt, local)).toEqual(['admin']);
    expect(scopeNarrowedLocally(local)).toBe(true);
    expect(scopeNarrowedLocally(localIdentity(await t.rt.user('t.zhang')))).toBe(false);
    expect(scopeNarrowedLocally(await proven('admin'))).toBe(false);
  });
});

describe('exportTickets', () => {
  it('exports every ticket once in its state; FIX skips the pending one but the cursor passes it', async () => {
    const admin = await proven('admin');
    const json = await exportTickets(t.rt, admin, { format: 'json', since: 0, surface: 'test' });
    expect(json.cursor).toBe(3);
    expect((JSON.parse(json.body) as Array<{ status: string }>).map((x) => x.status)).toEqual(['booked', 'pending_approval', 'booked']);
    const fix = await exportTickets(t.rt, admin, { format: 'fix', since: 0, surface: 'test' });
    expect(fix.body.trim().split('\n')).toHaveLength(2);
    expect(fix.cursor).toBe(3);
    // Settings from dealing.exports.fix, defaults for the rest, flags over both.
    expect(fixExportSettings(t.rt)).toEqual({ senderCompId: 'FINAGENT', targetCompId: 'BACKOFFICE' });
    expect(fix.body).toContain('\u000156=BACKOFFICE\u0001');
    const flagged = await exportTickets(t.rt, admin, { format: 'fix', since: 0, surface: 'test', fix: { senderCompId: 'DESK7', startSeqNum: 9 } });
    expect(flagged.body).toMatch(/\u000149=DESK7\u000156=BACKOFFICE\u000134=9\u0001/);
    const again = await exportTickets(t.rt, admin, { format: 'csv', since: json.cursor, surface: 'test' });
    expect(again).toMatchObject({ count: 0, cursor: 3 });
    expect(again.body.split('\r\n')).toEqual([expect.stringMatching(/^trade_id,rfq_id,cursor,/), '']);
    // The audit names the exported trades.
    const last = (await t.rt.audit.byThread('ticket-exports')).at(-1)!;
    expect(last.payload).toMatchObject({ action: 'export_tickets', allowed: true, format: 'csv', since: 3, cursor: 3, tickets: [] });
  });

  it('a trader’s cursor moves past other traders’ tickets; limit stops at the last one exported', async () => {
    const zhang = await exportTickets(t.rt, await proven('t.zhang'), { format: 'jsonl', since: 0, limit: 1, surface: 'test' });
    expect(zhang).toMatchObject({ count: 1, cursor: 1 });
    const rest = await exportTickets(t.rt, await proven('t.zhang'), { format: 'jsonl', since: 1, surface: 'test' });
    expect(rest).toMatchObject({ count: 1, cursor: 3 });
    await expect(exportTickets(t.rt, await proven('admin'), { format: 'json', since: -1, surface: 'test' })).rejects.toMatchObject({ code: 'bad_input' });
  });
});
