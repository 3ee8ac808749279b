import { describe, expect, it } from 'vitest';
import { strayAsciiWords, strayCjk } from './lang-check.js';
import { refuse, refusalOf, type RefusalData } from './refusal.js';
import { reasonText, refusalText } from './refusal-text.js';

/** Every check code the dealing tools refuse with, with the figures its tool reports. */
const CODES: Array<[string, RefusalData, string[]]> = [
  ['client_active', { client: 'CLI-OLD', name: '旧客户' }, ['CLI-OLD']],
  ['credit_line', { client: 'CLI-JNRC', exposure: 14016400000, free: 3500000000, line: 5000000000, used: 1500000000, currency: 'CNY' }, ['CLI-JNRC']],
  ['trader_product', { trader: 'TRD-ZHANG', desk: 'rates', product: 'fx_spot' }, ['TRD-ZHANG']],
  ['trader_product', { trader: 'TRD-NEW', desk: null, product: 'bond' }, ['TRD-NEW']],
  ['trader_per_trade', { trader: 'TRD-ZHOU', notional: 200000000, limit: 100000000, currency: 'USD' }, ['TRD-ZHOU']],
  ['trader_daily', { trader: 'TRD-ZHOU', after: 600000000, used: 400000000, limit: 500000000, currency: 'USD' }, ['TRD-ZHOU']],
  ['desk_dv01', { desk: 'rates', after: 2500000, current: 1900000, limit: 2000000 }, ['2,500,000']],
  ['desk_net_open', { desk: 'fx', after: 600000000, limit: 500000000, currency: 'USD' }, []],
  ['min_size', { product: 'bond', notional: 50000, min: 1000000, currency: 'CNY' }, []],
  ['size_step', { product: 'bond', notional: 10500000, step: 1000000, currency: 'CNY' }, []],
  ['level', { kind: 'band', level: 9.5, levelType: 'yield', deviation: '776.32', unit: 'bp', direction: 'above', mid: 1.7368, band: 50 }, ['9.5', '776.32', '1.7368']],
  ['level', { kind: 'negative', level: -1, levelType: 'yield' }, ['-1']],
  ['quote_expired', { rfqId: 'RFQ-20251226-0001', validUntil: '2025-12-26T02:00:30.000Z' }, ['RFQ-20251226-0001', '10:00:30']],
  ['rfq_state', { rfqId: 'RFQ-20251226-0001', status: 'CANCELLED' }, ['CANCELLED']],
  ['no_active_rfq', {}, []],
  ['rfq_thread', { rfqId: 'RFQ-1' }, ['RFQ-1']],
  ['rfq_not_found', { rfqId: 'RFQ-9' }, ['RFQ-9']],
  ['side', { rfqId: 'RFQ-1' }, ['RFQ-1']],
  ['side', { rfqId: 'RFQ-1', quoted: 'buy', asked: 'sell' }, ['RFQ-1']],
  ['size', { rfqId: 'RFQ-1', notional: 100000000, quoted: 50000000, currency: 'CNY' }, []],
  ['level_mismatch', { rfqId: 'RFQ-1', level: 1.5, dealt: 'offer', ours: 1.8275 }, ['1.5', '1.8275']],
  ['ticket_not_found', { rfqId: 'RFQ-1', status: 'REJECTED' }, ['REJECTED']],
  ['ticket_state', { tradeId: 'T-20251226-0001' }, ['T-20251226-0001']],
  ['four_eyes', { tradeId: 'T-20251226-0001', trader: 'l.wang' }, ['l.wang']],
  ['product', {}, ['IRS']],
  ['some_new_rule', {}, []],
];

describe('refusalText', () => {
  for (const [check, data, facts] of CODES) {
    it(`${check} ${JSON.stringify(data).slice(0, 40)}`, () => {
      const zh = refusalText({ message: 'English tool message', check, data }, 'zh');
      const en = refusalText({ message: 'English tool message', check, data }, 'en');
      expect(strayAsciiWords(zh), zh).toEqual([]);
      expect(strayCjk(en), en).toEqual([]);
      for (const s of [zh, en]) {
        expect(s).toContain(check);
        for (const f of facts) expect(s).toContain(f);
      }
    });
  }

  it('words the same amounts in both languages', () => {
    const d = { client: 'CLI-JNRC', exposure: 14016400000, free: 3500000000, line: 5000000000, used: 1500000000, currency: 'CNY' };
    expect(refusalText({ message: '', check: 'credit_line', data: d }, 'zh')).toContain('本笔占用 140.164亿，可用额度 35亿');
    expect(refusalText({ message: '', check: 'credit_line', data: d }, 'en')).toContain('CNY 14.0164bn exceeds the free line CNY 3.5bn');
  });

  it('rewords known bad-input messages and never leaks English into zh', () => {
    expect(refusalText({ message: 'settle: T+5 is not offered (T+0…T+3)', check: 'input', data: {} }, 'zh')).toBe('不提供 T+5 清算（仅 T+0…T+3）');
    expect(refusalText({ message: 'unknown bond "229999"; closest: 220205', check: 'input', data: {} }, 'zh')).toBe('未知债券 229999');
    expect(strayAsciiWords(refusalText({ message: 'something new went wrong', check: null, data: {} }, 'zh'))).toEqual([]);
    expect(refusalText({ message: 'something new went wrong', check: null, data: {} }, 'en')).toBe('something new went wrong');
  });

  it('words stored RFQ reasons in Chinese', () => {
    expect(reasonText('credit_line: credit line CLI-JNRC: 140亿 exceeds', 'zh')).toBe('未通过检查（credit_line）');
    expect(reasonText('quote expired at 2025-12-26T02:00:30.000Z', 'zh')).toBe('报价已于 10:00:30 过期');
    expect(reasonText('rejected by desk head l.wang: too large', 'zh')).toBe('交易主管 l.wang 已拒绝：too large');
  });
});

describe('structured refusals', () => {
  it('reads the check code and data the runtime carried beside the error text', () => {
    const e = refuse('credit line CLI-JNRC: too much', 'credit_line', { client: 'CLI-JNRC', free: 3.5e9 });
    expect([e.message, e.check, e.data]).toEqual(['credit line CLI-JNRC: too much', 'credit_line', { client: 'CLI-JNRC', free: 3.5e9 }]);
    const entry = { role: 'tool' as const, name: 'request_quote', toolCallId: 'c1', ok: false, error: e.message, refusal: { check: 'credit_line', data: { client: 'CLI-JNRC', free: 3.5e9, ids: ['a', 'b'] } } };
    expect(refusalOf(entry)).toEqual({ message: 'credit line CLI-JNRC: too much', check: 'credit_line', data: { client: 'CLI-JNRC', free: 3.5e9, ids: 'a, b' } });
  });

  it('a plain tool error has no check', () => {
    expect(refusalOf({ role: 'tool', name: 'x', toolCallId: 'c', ok: false, error: 'disk full' })).toEqual({ message: 'disk full', check: null, data: {} });
  });
});
