import { describe, expect, it } from 'vitest';
import { parseDealerMessage } from './parse.js';
import { ParseResultSchema } from './schema.js';
import { testCatalog } from './test-catalog.js';

const cat = testCatalog();
const p = (s: string, tradeDate?: string) => parseDealerMessage(s, cat, tradeDate ? { tradeDate } : {});

describe('parseDealerMessage', () => {
  it('returns exactly the issue shape, null where absent', () => {
    const r = p('5年国开 2.15 出 1E +0');
    expect(Object.keys(r).sort()).toEqual(
      ['action', 'client', 'currency', 'firm', 'instrument', 'level', 'levelType', 'missing', 'notional', 'relative', 'settle', 'side', 'unparsed', 'unsupported'].sort(),
    );
    expect(r).toEqual({
      action: 'request',
      side: 'sell',
      instrument: { kind: 'bond', code: null, name: null, issuer: 'CDB', tenor: '5Y' },
      notional: 100_000_000,
      currency: 'CNY',
      level: 2.15,
      levelType: 'yield',
      settle: 'T+0',
      firm: null,
      missing: [],
      unparsed: [],
      client: null,
      unsupported: null,
      relative: null,
    });
    expect(ParseResultSchema.safeParse(r).success).toBe(true);
    // Additive: a result stored before client/unsupported/relative existed still validates.
    const { client: _c, unsupported: _u, relative: _r, ...legacy } = r;
    expect(ParseResultSchema.safeParse(legacy).success).toBe(true);
  });

  it('reads every size unit into currency units', () => {
    const sizes: [string, number][] = [
      ['220205 出 1E', 1e8], ['220205 出 5kw', 5e7], ['220205 出 0.5E', 5e7], ['220205 出 3000万', 3e7],
      ['220205 出 2亿', 2e8], ['220205 出 1千万', 1e7], ['sell 220205 500mm', 5e8], ['sell 220205 1 yard', 1e9],
      ['sell 220205 2bn', 2e9], ['220205 出 两亿', 2e8], ['220205 出 3个亿', 3e8],
    ];
    for (const [text, n] of sizes) expect(p(text).notional, text).toBe(n);
    expect(p('USD/CNY spot 10 bucks')).toMatchObject({ notional: 1e7, currency: 'USD' });
  });

  it('flips 出/收 between bonds (sell/buy) and money market (lend/borrow)', () => {
    expect(p('220205 出 1E 1.89').side).toBe('sell');
    expect(p('220205 收 1E 1.89').side).toBe('buy');
    expect(p('DR007 1.52 出 5E').side).toBe('lend');
    expect(p('隔夜 1.35 收 3E').side).toBe('borrow');
    expect(p('拆借 1M 1.65 出 2E')).toMatchObject({ side: 'lend', instrument: { kind: 'lending', tenor: '1M' } });
  });

  it('maps deal verbs: 给/yours = sell, TKN/mine = buy, done = neutral accept', () => {
    expect(p('1.8400 给你 2kw')).toMatchObject({ action: 'accept', side: 'sell', level: 1.84, notional: 2e7 });
    expect(p('TKN 1.8350 5kw')).toMatchObject({ action: 'accept', side: 'buy' });
    expect(p('Mine 500 @ 1.8350')).toMatchObject({ action: 'accept', side: 'buy', notional: 5e8 });
    expect(p('Yours 300 @ 1.84')).toMatchObject({ action: 'accept', side: 'sell', notional: 3e8 });
    expect(p('done')).toMatchObject({ action: 'accept', side: null });
    // 给个双边 is a request for a two-way, not a hit.
    expect(p('220205 给个双边 5kw')).toMatchObject({ action: 'request', side: null });
  });

  it('tells counters, cancels, passes and non-trade messages apart', () => {
    expect(p('2.14能做吗')).toMatchObject({ action: 'counter', level: 2.14, missing: [] });
    expect(p('能做吗')).toMatchObject({ action: 'counter', level: null, missing: ['level'] });
    expect(p('撤')).toMatchObject({ action: 'cancel' });
    expect(p('ref')).toMatchObject({ action: 'cancel' });
    expect(p('250011 ref 1.84')).toMatchObject({ action: 'request', firm: false });
    expect(p('pass')).toMatchObject({ action: 'pass' });
    expect(p('你好')).toMatchObject({ action: 'none', instrument: null, missing: [] });
    expect(p('hello, how are you?').action).toBe('none');
  });

  it('never guesses a missing slot: it lists it', () => {
    expect(p('5年国开 2.15 出')).toMatchObject({ notional: null, missing: ['notional'] });
    expect(p('出 2.15 1E')).toMatchObject({ instrument: null, missing: ['instrument'] });
    expect(p('国股存单 收 3E').missing).toEqual(['instrument.tenor']);
    expect(p('10Y 1.84 出 1E').missing).toEqual(['instrument.issuer']);
  });

  it('keeps an unknown bond code as typed and reports it as unparsed', () => {
    const r = p('220299 2.15 出 1E');
    expect(r.instrument).toEqual({ kind: 'bond', code: '220299', name: null, issuer: null, tenor: null });
    expect(r.unparsed).toEqual(['220299']);
  });

  it('reads settlement words', () => {
    expect(p('220205 出 1E T+1').settle).toBe('T+1');
    expect(p('220205 出 1E 明天+0').settle).toBe('T+1');
    expect(p('USDCNY 即期 1000万美元').settle).toBe('T+2');
    expect(p('220205 出 1E 周一+0', '2025-12-26').settle).toBe('2025-12-29');
    expect(p('220205 出 1E 周一+1', '2025-12-26').settle).toBe('2025-12-29+1');
    const noDate = p('220205 出 1E 周一+0');
    expect(noDate.settle).toBeNull();
    expect(noDate.unparsed).toEqual(['周一+0']);
  });

  it('classifies levels by product and range', () => {
    expect(p('180019 净价 105.50 收 2kw')).toMatchObject({ level: 105.5, levelType: 'price' });
    expect(p('USD/CNY 1M 2000万美元 -78')).toMatchObject({ level: -78, levelType: 'points', instrument: { kind: 'fx_forward', tenor: '1M' } });
    expect(p('美元即期 买 500万美元 7.0085')).toMatchObject({ levelType: 'outright', side: 'buy' });
    expect(p('R001 1.32 收 20亿')).toMatchObject({ levelType: 'rate', instrument: { code: 'R001', tenor: '1D' } });
  });

  it('resolves the on-the-run bond only when asked for 活跃', () => {
    expect(p('10Y国开活跃 怎么看').instrument).toMatchObject({ code: '250210', name: '25国开10' });
    expect(p('10Y国开 怎么看').instrument).toMatchObject({ code: null, tenor: '10Y' });
  });

  it('reports words it cannot read', () => {
    expect(p('220205 出 1E 1.89 嘿嘿哈哈').unparsed).toEqual(['嘿嘿']);
    expect(p('sell 220205 1E 1.89 zorblax').unparsed).toEqual(['zorblax']);
  });

  it('reads interest-rate swaps for the English trade-entry check', () => {
    expect(p('we pay fixed 3.80% on a 7y USD swap vs 6M SOFR, 250mm')).toMatchObject({
      side: 'pay', instrument: { kind: 'irs', tenor: '7Y', code: 'SOFR' }, notional: 2.5e8, currency: 'USD', level: 3.8, levelType: 'rate',
    });
    expect(p('client pays fixed on a 3y SOFR swap, start date Mar 3, 2025')).toMatchObject({ side: 'receive', settle: '2025-03-03' });
    expect(p('receive fixed at four point two five percent on ESTR swap, maturity June 30, 2031')).toMatchObject({ side: 'receive', level: 4.25, instrument: { tenor: '2031-06-30' } });
  });

  it('does not crash or read zero on bad input', () => {
    for (const s of ['', '+++', '😀', 'T+', '1.2.3.4', '国'.repeat(5000)]) expect(() => p(s), s).not.toThrow();
    expect(p('220205 出 0E 1.89')).toMatchObject({ notional: null, missing: ['notional'], unparsed: ['0E'] });
    expect(p('9'.repeat(30)).level).toBeNull();
    expect(p('国'.repeat(5000)).unparsed[0]).toHaveLength(41);
  });
});
