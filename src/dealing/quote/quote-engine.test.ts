import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { loadMarketData, type MarketData } from '../market/market-data.js';
import { formatIsoDate } from '../pricing/dates.js';
import { priceFromYield } from '../pricing/bond-yield.js';
import { buildQuote } from './quote-engine.js';
import { QuoteSchema, type QuoteRequest } from './schemas.js';
import { resolveDealingSettings } from './settings.js';

const md = loadMarketData();
const NOW = '2025-12-26T02:00:00Z'; // 10:00 Shanghai, the data date
const base: QuoteRequest = { instrument: { kind: 'bond', code: '220205' }, notional: 5e7, now: NOW, client: 'CLI-JNRC', trader: 't.zhang' };
const onGrid = (x: number, g: number) => Math.abs(x / g - Math.round(x / g)) < 1e-9;

describe('bond quotes', () => {
  const q = buildQuote(md, base);
  it('two-way in yield: bid yield > mid > offer yield, on the 0.25bp grid, valid output schema', () => {
    expect(QuoteSchema.safeParse(q).success).toBe(true);
    expect(q.levelType).toBe('yield');
    expect(q.bid).toBeGreaterThan(q.mid);
    expect(q.offer).toBeLessThan(q.mid);
    expect(onGrid(q.bid, 0.0025) && onGrid(q.offer, 0.0025)).toBe(true);
    expect(q.settleDate).toBe('2025-12-29'); // default +1 from Friday
    expect(q.instrument.name).toBe('22国开05');
  });
  it('mid is the CDB curve at the remaining tenor', () => {
    const years = (Date.parse('2032-01-17') - Date.parse('2025-12-29')) / 86_400_000 / 365;
    expect(q.mid).toBeCloseTo(md.curves.bond.get('CDB')!.at(years), 6);
  });
  it('clean/full prices follow the yields (higher bid yield = lower price)', () => {
    const v = priceFromYield(md.bonds.require('220205'), '2025-12-29', q.bid);
    expect(q.bond!.bid.clean).toBeCloseTo(v.clean, 4);
    expect(q.bond!.bid.full).toBeCloseTo(v.full, 4);
    expect(q.bond!.bid.clean).toBeLessThan(q.bond!.offer.clean);
    expect(q.bond!.amounts).toBeNull(); // two-way: no client level yet
  });
  it('firm with a 30 s TTL by default, configurable', () => {
    expect(q.firm).toBe(true);
    expect(q.validUntil).toBe('2025-12-26T02:00:30.000Z');
    const q10 = buildQuote(md, base, resolveDealingSettings({ quoteTtlSeconds: 10 }));
    expect(q10.validUntil).toBe('2025-12-26T02:00:10.000Z');
    const ind = buildQuote(md, { ...base, firm: false });
    expect([ind.firm, ind.validUntil]).toEqual([false, null]);
  });
  it('client side: buyer lifts the offer, seller hits the bid; amounts at that level', () => {
    const buy = buildQuote(md, { ...base, side: 'buy' });
    expect([buy.clientSide, buy.clientLevel]).toEqual(['offer', buy.offer]);
    const a = buy.bond!.amounts!;
    expect(Number(a.settlementAmount)).toBeCloseTo((buy.bond!.offer.full * 5e7) / 100, 2);
    expect(buildQuote(md, { ...base, side: 'sell' }).clientSide).toBe('bid');
    expect(() => buildQuote(md, { ...base, side: 'borrow' })).toThrow(/side "borrow" does not apply to bond/);
  });
  it('spreads widen with size and client tier', () => {
    const big = buildQuote(md, { ...base, notional: 2e9, client: 'CLI-HXBK' });
    const small = buildQuote(md, { ...base, client: 'CLI-HXBK' });
    const t3 = buildQuote(md, { ...base, client: 'CLI-XSSC' });
    expect(big.spread.half).toBeGreaterThan(small.spread.half);
    expect(t3.spread.half).toBeGreaterThan(q.spread.half);
    expect(small.spread.half).toBeLessThan(q.spread.half); // T1 < T2
  });
  it('inventory skew: a long desk cheapens (raises both yields)', () => {
    const long = buildQuote(md, { ...base, inventory: 5e8 });
    expect(long.spread.skew).toBeGreaterThan(0);
    expect(long.bid).toBeGreaterThanOrEqual(q.bid);
    expect(long.offer).toBeGreaterThan(q.offer);
  });
  it('resolves issuer + tenor to the on-the-run bond', () => {
    const otr = buildQuote(md, { ...base, instrument: { kind: 'bond', issuer: '国开', tenor: '10Y' } });
    expect(otr.instrument.code).toBe('250210');
  });
});

describe('other products', () => {
  it('NCD: 1Y 国股 off its curve, discount prices', () => {
    const q = buildQuote(md, { ...base, instrument: { kind: 'ncd', bucket: '国股', tenor: '1Y' }, side: 'buy' });
    expect(q.mid).toBeCloseTo(1.63, 6);
    expect(q.bond!.offer.accrued).toBe(0);
    expect(q.bond!.offer.clean).toBe(q.bond!.offer.full);
  });
  it('repo: DR007 lend hits the bid, interest ACT/365, default +0, maturity rolled over 元旦 to the make-up Sunday', () => {
    const q = buildQuote(md, { ...base, instrument: { kind: 'repo', code: 'DR007' }, side: 'lend', notional: 5e8 });
    expect(q.levelType).toBe('rate');
    expect(q.bid).toBeLessThan(q.offer);
    expect(q.clientSide).toBe('bid');
    expect(q.settleDate).toBe('2025-12-26');
    expect(q.money!.maturityDate).toBe('2026-01-04');
    expect(q.money!.days).toBe(9);
    expect(Number(q.money!.interest)).toBeCloseTo((5e8 * q.bid) / 100 * 9 / 365, 2);
  });
  it('lending off SHIBOR, ACT/360', () => {
    const q = buildQuote(md, { ...base, instrument: { kind: 'lending', tenor: '1M' }, side: 'borrow', notional: 2e8 });
    expect(q.money!.basis).toBe('ACT/360');
    expect(q.mid).toBeCloseTo(1.559, 6);
  });
  it('FX spot, forward and swap (points); swap buyer of USD near deals on the bid', () => {
    const fx = { ...base, trader: 'm.zhou', client: 'CLI-PEAK', notional: 1e7 };
    const s = buildQuote(md, { ...fx, instrument: { kind: 'fx_spot' }, side: 'buy' });
    expect([s.mid, s.fx!.valueDate, s.levelType]).toEqual([7.0082, '2025-12-30', 'outright']);
    expect(s.bid).toBeLessThan(s.offer);
    expect(onGrid(s.bid, 1e-4)).toBe(true);
    const f = buildQuote(md, { ...fx, instrument: { kind: 'fx_forward', tenor: '3M' } });
    expect(f.mid).toBeCloseTo(6.9812, 10);
    const w = buildQuote(md, { ...fx, instrument: { kind: 'fx_swap', tenor: '1Y' }, side: 'buy', notional: 2e7 });
    expect([w.mid, w.clientSide, w.fx!.valueDate]).toEqual([-1100, 'bid', '2026-12-30']);
    expect(w.bid).toBeLessThan(-1100);
    const tn = buildQuote(md, { ...fx, instrument: { kind: 'fx_swap', tenor: 'TN' } });
    expect([tn.mid, tn.fx!.nearDate, tn.fx!.valueDate]).toEqual([-1.9, '2025-12-29', '2025-12-30']);
  });
});

describe('pre-trade checks', () => {
  const failed = (r: QuoteRequest) => {
    const q = buildQuote(md, r);
    expect(q.firm).toBe(false);
    expect(q.validUntil).toBeNull();
    return q.refusal!;
  };
  it('credit line', () => {
    const r = failed({ ...base, client: 'CLI-HYFD', notional: 2e8 });
    expect(r.check).toBe('credit_line');
    expect(r.message).toMatch(/exceeds the free line 1亿/);
  });
  it('inactive client', () => expect(failed({ ...base, client: 'CLI-BDTR' }).check).toBe('client_active'));
  it('trader per-trade and daily limits, product permission', () => {
    expect(failed({ ...base, client: 'CLI-HXBK', notional: 3e9 }).check).toBe('trader_per_trade');
    const d = failed({ ...base, usage: { traderNotionalToday: 9.98e9 } });
    expect(d.check).toBe('trader_daily');
    expect(failed({ ...base, trader: 'm.zhou' }).message).toMatch(/not permitted to trade bond/);
  });
  it('desk DV01', () => {
    const r = failed({ ...base, client: 'CLI-HXBK', notional: 1e9, side: 'sell', usage: { deskDv01: 2.9e6 } });
    expect(r.check).toBe('desk_dv01');
  });
  it('market minimum size and step', () => {
    expect(failed({ ...base, notional: 50_000 }).check).toBe('min_size');
    expect(failed({ ...base, notional: 150_000 + 5_000 }).message).toMatch(/not a multiple of the bond size step 10万/);
  });
  it('absurd levels: negative or far off the curve, with the reason', () => {
    expect(failed({ ...base, clientLevel: -1.2 }).message).toMatch(/negative/);
    const far = failed({ ...base, clientLevel: 3.2 });
    expect(far.check).toBe('level');
    expect(far.message).toMatch(/above the curve mid .* beyond the 50bp sanity band/);
    expect(buildQuote(md, { ...base, clientLevel: 1.84 }).firm).toBe(true);
  });
  it('desk-head approval above the threshold', () => {
    expect(buildQuote(md, { ...base, client: 'CLI-HXBK', notional: 1.5e9 }).requiresApproval).toBe(true);
    expect(buildQuote(md, base).requiresApproval).toBe(false);
  });
});

describe('settlement and bad input', () => {
  it('a holiday settlement date is rolled per the calendar and said so', () => {
    const q = buildQuote(md, { ...base, settle: '2026-01-01' });
    expect(q.settleDate).toBe('2026-01-04'); // 1–3 Jan holiday, Sunday 4 Jan is a make-up working day
    expect(q.settleNote).toMatch(/2026-01-01 is a holiday on CN-IB; rolled following to 2026-01-04/);
    expect(q.checks.find((c) => c.check === 'settlement')?.ok).toBe(true);
  });
  it('T+0 on a Saturday: the trade date is the next business day, settlement counts from it', () => {
    const q = buildQuote(md, { ...base, now: '2025-12-27T02:00:00Z', settle: 'T+0' });
    expect(q.tradeDate).toBe('2025-12-29');
    expect(q.settleDate).toBe('2025-12-29');
  });
  it('unknown bond lists the closest matches; bad fields are named', () => {
    expect(() => buildQuote(md, { ...base, instrument: { kind: 'bond', code: '220250' } })).toThrow(/unknown bond "220250"; closest: .*220205/);
    expect(() => buildQuote(md, { ...base, notional: -5 })).toThrow(UserInputError);
    expect(() => buildQuote(md, { ...base, notional: -5 })).toThrow(/notional/);
    expect(() => buildQuote(md, { ...base, settle: 'next week' })).toThrow(/settle: "next week"/);
    expect(() => buildQuote(md, { ...base, client: 'ghost' })).toThrow(/unknown client "ghost"/);
  });
  it('settings validation names the key', () => {
    expect(() => resolveDealingSettings({ quoteTtlSeconds: -1 })).toThrow(/dealing\.quoteTtlSeconds/);
    expect(resolveDealingSettings({ maxConcessionTotalBp: { T1: 2, T2: 1, T3: 0.5 } }).maxConcessionTotalBp.T1).toBe(2);
    expect(resolveDealingSettings(undefined).approvalThreshold).toBe(500_000_000);
  });
});

/** The same bundle with its snapshot moved and (optionally) a make-up working Saturday. */
function shifted(snapshotAt: string, workingSaturday?: string): MarketData {
  const calendars = workingSaturday
    ? { ...md.calendars, cnIb: { ...md.calendars.cnIb, name: md.calendars.cnIb.name, coveredYears: md.calendars.cnIb.coveredYears, isBusinessDay: (z: number) => formatIsoDate(z) === workingSaturday || md.calendars.cnIb.isBusinessDay(z) } }
    : md.calendars;
  return { ...md, snapshotAt: new Date(snapshotAt).toISOString(), calendars };
}

describe('firm only on an open market and a current snapshot (issue #11 §1)', () => {
  it('firm at the snapshot instant, 10:00 Shanghai on 2025-12-26', () => {
    const q = buildQuote(md, base);
    expect(md.snapshotAt).toBe('2025-12-26T02:00:00.000Z');
    expect(q).toMatchObject({ firm: true, indicativeReason: null, marketSnapshotAt: '2025-12-26T02:00:00.000Z' });
  });
  it('indicative at 10:31 (data 31 minutes old, limit 30), with the reason in one line', () => {
    const q = buildQuote(md, { ...base, now: '2025-12-26T02:31:00Z' });
    expect(q).toMatchObject({ firm: false, validUntil: null, indicativeReason: { code: 'stale_market_data', data: { ageMinutes: 31, maxAgeMinutes: 30 } } });
    expect(q.indicativeReason?.message).toBe('market data as of 2025-12-26T02:00:00.000Z is 31 minutes old (limit 30): indicative only');
    // The limit is a setting.
    expect(buildQuote(md, { ...base, now: '2025-12-26T02:31:00Z' }, resolveDealingSettings({ maxMarketDataAgeMinutes: 60 })).firm).toBe(true);
  });
  it('indicative on a Saturday and on a CN-IB holiday, naming the next business day', () => {
    const sat = buildQuote(shifted('2025-12-27T10:00:00+08:00'), { ...base, now: '2025-12-27T02:00:00Z' });
    expect(sat).toMatchObject({ firm: false, tradeDate: '2025-12-29', indicativeReason: { code: 'market_closed', data: { date: '2025-12-27', nextBusinessDay: '2025-12-29' } } });
    const newYear = buildQuote(shifted('2026-01-01T10:00:00+08:00'), { ...base, now: '2026-01-01T02:00:00Z' });
    expect(newYear.indicativeReason).toMatchObject({ code: 'market_closed', data: { date: '2026-01-01', nextBusinessDay: '2026-01-04' } });
  });
  it('firm on a make-up working Saturday (调休) when the data is fresh', () => {
    const q = buildQuote(shifted('2026-02-14T10:00:00+08:00', '2026-02-14'), { ...base, now: '2026-02-14T02:05:00Z' });
    expect(q).toMatchObject({ firm: true, tradeDate: '2026-02-14', indicativeReason: null });
  });
  it('indicative when the data is timed after the quote (a replay before the snapshot)', () => {
    const q = buildQuote(md, { ...base, now: '2025-12-26T01:00:00Z' });
    expect(q.indicativeReason).toMatchObject({ code: 'future_market_data' });
    expect(q.firm).toBe(false);
  });
  it('years without a holiday list (2028, 2030): weekends closed, weekdays open, with a warning', () => {
    const sat2028 = buildQuote(shifted('2028-03-18T10:00:00+08:00'), { ...base, now: '2028-03-18T02:00:00Z' });
    expect(sat2028.indicativeReason?.code).toBe('market_closed');
    const wed2030 = buildQuote(shifted('2030-03-13T10:00:00+08:00'), { ...base, now: '2030-03-13T02:00:00Z', instrument: { kind: 'repo', code: 'DR007' } });
    expect(wed2030.indicativeReason).toBeNull();
    expect(wed2030.warnings.join(' ')).toMatch(/2030/);
  });
  it('an indicative quote by request carries no reason (nothing to explain)', () => {
    expect(buildQuote(md, { ...base, now: '2025-12-26T02:31:00Z', firm: false }).indicativeReason).toBeNull();
  });
});
