import { describe, expect, it } from 'vitest';
import { detectLang, type PlannerInput, type TranscriptEntry } from '../../runtime/planner.js';
import { dealingPlanner, extractClient, replyLang } from './planner.js';

const ALL = ['parse_dealer_message', 'find_instrument', 'request_quote', 'counter_quote', 'accept_quote', 'cancel_rfq', 'get_rfq_status', 'list_blotter'];

function input(history: TranscriptEntry[], turn: TranscriptEntry[], tools = ALL): PlannerInput {
  const first = turn[0];
  const userText = first?.role === 'user' ? first.text : '';
  return { transcript: [...history, ...turn], turn, userText, tools, lang: detectLang(userText) };
}
const user = (text: string): TranscriptEntry => ({ role: 'user', text });
const tool = (name: string, result: unknown, ok = true): TranscriptEntry =>
  ok ? { role: 'tool', name, toolCallId: name, ok, result } : { role: 'tool', name, toolCallId: name, ok, error: String(result) };
const parse = (p: Partial<Record<string, unknown>>) => ({
  action: 'request', side: null, instrument: null, notional: null, currency: null, level: null, levelType: null, settle: null, firm: null, missing: [], unparsed: [], ...p,
});
const bond = { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null };
const rfq = {
  id: 'RFQ-1', status: 'QUOTED', client: 'CLI-JNRC', trader: 't.zhang', side: 'sell', instrument: bond, notional: 5e7, currency: 'CNY', settle: '2025-12-29',
  quote: { bid: 1.855, offer: 1.8325, mid: 1.84, levelType: 'yield', validUntil: '2025-12-26T02:00:30.000Z', firm: true, version: 1, held: false, unit: 'bp' },
  reason: null, counters: 0, parentId: null,
};

describe('dealingPlanner', () => {
  it('parses first, then quotes a complete request and words the quote in the user language', () => {
    const t1 = [user('220205 出 5kw 客户 江南农商')];
    expect(dealingPlanner(input([], t1))).toEqual({ type: 'tools', calls: [{ name: 'parse_dealer_message', args: { text: '220205 出 5kw 客户 江南农商' } }] });
    const t2 = [...t1, tool('parse_dealer_message', parse({ side: 'sell', instrument: bond, notional: 5e7, currency: 'CNY' }))];
    const d2 = dealingPlanner(input([], t2));
    expect(d2.type === 'tools' && d2.calls[0]).toMatchObject({ name: 'request_quote', args: { side: 'sell', notional: 5e7, client: '江南农商' } });
    const d3 = dealingPlanner(input([], [...t2, tool('request_quote', { rfq, notes: [], checks: [] })]));
    expect(d3.type).toBe('reply');
    expect(d3.type === 'reply' && d3.text).toContain('1.8550 / 1.8325');
    expect(d3.type === 'reply' && d3.text).toContain('有效至 10:00:30');
  });

  it('asks for a missing size instead of guessing', () => {
    const t = [user('220205 给个双边'), tool('parse_dealer_message', parse({ instrument: bond, missing: ['notional'] }))];
    const d = dealingPlanner(input([], t));
    expect(d).toMatchObject({ type: 'reply' });
    expect(d.type === 'reply' && d.text).toContain('量（金额）');
  });

  it('routes deal verbs, counters, cancels and passes to their tools', () => {
    const route = (text: string, p: Record<string, unknown>) => {
      const d = dealingPlanner(input([], [user(text), tool('parse_dealer_message', parse(p))]));
      return d.type === 'tools' ? d.calls[0] : null;
    };
    expect(route('done', { action: 'accept' })).toEqual({ name: 'accept_quote', args: {} });
    expect(route('给', { action: 'accept', side: 'sell' })).toEqual({ name: 'accept_quote', args: { side: 'sell' } });
    expect(route('2.14能做吗', { action: 'counter', level: 2.14 })).toEqual({ name: 'counter_quote', args: { level: 2.14 } });
    expect(route('撤', { action: 'cancel' })).toEqual({ name: 'cancel_rfq', args: { mode: 'cancel' } });
    expect(route('pass', { action: 'pass' })).toEqual({ name: 'cancel_rfq', args: { mode: 'pass' } });
    expect(route('我买', { side: 'buy', missing: ['instrument', 'notional'] })).toEqual({ name: 'accept_quote', args: { side: 'buy' } });
  });

  it('turns a request carrying the client level into an immediate counter', () => {
    const t = [
      user('220205 1.85 出 5kw'),
      tool('parse_dealer_message', parse({ side: 'sell', instrument: bond, notional: 5e7, level: 1.85 })),
      tool('request_quote', { rfq, notes: [], checks: [] }),
    ];
    expect(dealingPlanner(input([], t))).toEqual({ type: 'tools', calls: [{ name: 'counter_quote', args: { level: 1.85, rfqId: 'RFQ-1' } }] });
  });

  it('answers a non-trade message politely and reports an unknown bond with closest matches', () => {
    const hi = dealingPlanner(input([], [user('你好'), tool('parse_dealer_message', parse({ action: 'none' }))]));
    expect(hi.type === 'reply' && hi.text).toContain('未创建询价');
    const unk = [user('229999 5kw'), tool('parse_dealer_message', parse({ instrument: { ...bond, code: '229999', name: null }, notional: 5e7, unparsed: ['229999'] }))];
    expect(dealingPlanner(input([], unk))).toEqual({ type: 'tools', calls: [{ name: 'find_instrument', args: { query: '229999' } }] });
    const found = dealingPlanner(input([], [...unk, tool('find_instrument', { query: '229999', found: false, matches: [{ code: '220205', name: '22国开05' }] })]));
    expect(found.type === 'reply' && found.text).toMatch(/unknown bond.*220205 22国开05/);
  });

  it('shows a refusal verbatim, and sends approvals only when the tool is permitted', () => {
    const r = dealingPlanner(input([], [user('done'), tool('parse_dealer_message', parse({ action: 'accept' })), tool('accept_quote', 'RFQ-1 is CANCELLED', false)]));
    expect(r.type === 'reply' && r.text).toBe('Cannot deal: RFQ-1 is CANCELLED');
    // "approve" alone never approves whatever is pending: it lists the requests.
    expect(dealingPlanner(input([], [user('approve')], [...ALL, 'approve_quote', 'list_approvals']))).toEqual({ type: 'tools', calls: [{ name: 'list_approvals', args: {} }] });
    expect(dealingPlanner(input([], [user('approve')]))).toEqual({ type: 'tools', calls: [{ name: 'parse_dealer_message', args: { text: 'approve' } }] });
  });

  it('is deterministic and keeps the thread language for bare deal verbs', () => {
    const i = input([user('220205 出 5kw')], [user('done')]);
    expect(replyLang(i)).toBe('zh');
    expect(replyLang(input([user('CGB 10s two-way in 500mm pls')], [user('mine')]))).toBe('en');
    expect(dealingPlanner(i)).toEqual(dealingPlanner(i));
  });

  it('extracts the client named in the message', () => {
    expect(extractClient('for HXCB 220205 bid 50mm')).toBe('HXCB');
    expect(extractClient('客户 江南农商 220205 收 5kw')).toBe('江南农商');
    expect(extractClient('220205 5kw')).toBeNull();
  });
});

describe('dealingPlanner approvals', () => {
  it('passes the approval id named in the approval message', () => {
    expect(dealingPlanner(input([], [user('approve apr-20251226-0004')], [...ALL, 'approve_quote', 'list_approvals']))).toEqual({
      type: 'tools',
      calls: [{ name: 'approve_quote', args: { decision: 'approve', approvalId: 'APR-20251226-0004' } }],
    });
  });
});
