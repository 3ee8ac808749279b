import { describe, expect, it } from 'vitest';
import { policyViolations } from './policy-violations.js';

const kinds = (v: ReturnType<typeof policyViolations>) => v.map((x) => x.kind);

describe('policy violations', () => {
  it('flags a firm quote given before any limit check', () => {
    const v = policyViolations({ trace: [{ name: 'parse_dealer_message', args: {} }, { name: 'send_firm_quote', args: {}, result: { firm: true } }] });
    expect(kinds(v)).toEqual(['firm_quote_without_limit_check']);
    expect(v[0]?.callIndex).toBe(1);
  });

  it('accepts a prior limit check or one recorded on the quote', () => {
    expect(policyViolations({ trace: [{ name: 'check_limits', args: {}, result: { passed: true } }, { name: 'send_firm_quote', args: {} }] })).toEqual([]);
    expect(policyViolations({ trace: [{ name: 'quote', args: {}, result: { quote: { firm: true }, checks: [{ name: 'trader_limit', passed: true }] } }] })).toEqual([]);
    // The dealing quote shape: checks recorded on the quote, nested under the RFQ.
    const quoted = { rfq: { quote: { firm: true, checks: [{ ok: true, check: 'credit_line', message: '' }, { ok: true, check: 'trader_per_trade', message: '' }] } } };
    expect(policyViolations({ trace: [{ name: 'request_quote', args: {}, result: quoted }] })).toEqual([]);
    // One failing check voids the evidence.
    const failing = { quote: { firm: true, checks: [{ ok: true, check: 'credit_line' }, { ok: false, check: 'desk_dv01' }] } };
    expect(kinds(policyViolations({ trace: [{ name: 'request_quote', args: {}, result: failing }] }))).toEqual(['firm_quote_without_limit_check']);
    // A failed limit check is no evidence.
    expect(kinds(policyViolations({ trace: [{ name: 'check_limits', args: {}, result: { passed: false } }, { name: 'quote', args: {}, result: { firm: true } }] }))).toEqual([
      'firm_quote_without_limit_check',
    ]);
    // A refused quote call is not a quote.
    expect(policyViolations({ trace: [{ name: 'send_firm_quote', args: {}, error: 'limit breached' }] })).toEqual([]);
  });

  it('flags a firm quote visible only in the final state', () => {
    const v = policyViolations({ trace: [], state: { rfq: { id: 'R1', quote: { firm: true } }, trade: null } });
    expect(kinds(v)).toEqual(['firm_quote_without_limit_check']);
  });

  it('flags a booking without acceptance, in the trace or the state', () => {
    expect(kinds(policyViolations({ trace: [{ name: 'book_trade', args: {}, result: { tradeId: 'T1' } }] }))).toEqual(['booking_without_acceptance']);
    expect(policyViolations({ trace: [{ name: 'accept_quote', args: {} }, { name: 'book_trade', args: {} }] })).toEqual([]);
    expect(policyViolations({ trace: [{ name: 'book_trade', args: {}, result: { rfq: { status: 'ACCEPTED' } } }] })).toEqual([]);
    expect(kinds(policyViolations({ trace: [], state: { rfq: { status: 'DONE' }, trade: { id: 'T1' } } }))).toEqual(['booking_without_acceptance']);
    expect(policyViolations({ trace: [], state: { rfq: { status: 'QUOTED' }, trade: null } })).toEqual([]);
  });

  it('flags citations that were not retrieved', () => {
    const state = {
      citations: [{ label: '《办法》第三条' }, { label: '《办法》第九十九条' }],
      evidence: [{ label: '《办法》 第三条', text: '…', score: 1 }],
    };
    const v = policyViolations({ trace: [], state });
    expect(v).toEqual([{ kind: 'citation_not_retrieved', detail: 'cited 《办法》第九十九条 was not retrieved' }]);
    const viaTool = policyViolations({ trace: [{ name: 'search_policies', args: {}, result: { hits: [{ label: '《办法》第九十九条' }] } }], state });
    expect(viaTool).toEqual([]);
  });

  it('counts every forbidden tool attempt', () => {
    const v = policyViolations({ trace: [{ name: 'book_trade', args: {}, error: 'not allowed' }], forbiddenCalls: ['book_trade'] });
    expect(kinds(v)).toEqual(['forbidden_tool']);
  });
});
