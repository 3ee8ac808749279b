/**
 * Test fixtures for the export tests: one blotter day (2025-12-26) with a ticket of every product the
 * desk deals, shaped as `ticketFor` (tools/dealing/desk.ts) books them. Prices, cash amounts and
 * interest were computed with the project's own pricing (priceFromYield, bondAmounts, repoInterest,
 * lendingInterest) so the tickets are internally consistent. The ISIN is made up (valid check digit).
 */
import type { Ticket } from '../ticket.js';
import type { ExportRecord, ExportStages } from './schema.js';

const DAY = '2025-12-26';
const at = (hms: string) => `${DAY}T${hms}.000Z`;

function stages(s: Partial<ExportStages> & { requested: string }): ExportStages {
  return { quoted: null, accepted: null, approved: null, booked: null, ...s };
}

type TicketFields = Omit<Ticket, 'tradeId' | 'rfqId' | 'tradeDate' | 'approver' | 'approvedAt' | 'createdAt' | 'currency'> & Partial<Ticket>;

/** Trade ids follow the blotter's T-YYYYMMDD-seq; the ticket is created when the client accepts. */
function record(cursor: number, t: TicketFields, s: Partial<ExportStages> & { requested: string }): ExportRecord {
  const st = stages(s);
  const ticket: Ticket = {
    tradeId: `T-20251226-${String(cursor).padStart(4, '0')}`,
    rfqId: `RFQ-20251226-${String(cursor + 100).padStart(4, '0')}`,
    tradeDate: DAY,
    approver: null,
    approvedAt: null,
    createdAt: st.accepted ?? st.requested,
    currency: 'CNY',
    ...t,
  };
  return { cursor, ticket, stages: st };
}

/** A CDB bond the client sells, booked straight through. */
export const bondCdb = record(
  1,
  {
    client: 'CLI-HXBK',
    trader: 't.zhang',
    instrument: { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null },
    side: 'sell',
    notional: 50_000_000,
    level: 1.84,
    levelType: 'yield',
    clean: 106.5851,
    accrued: 2.84383562,
    fullPrice: 109.429,
    settlementAmount: 54_714_500,
    settleDate: '2025-12-29',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 50_000_000, cleanAmount: '53292550.00', accruedAmount: '1421950.00', maturityDate: '2032-01-17' },
  },
  { requested: at('02:01:00'), quoted: at('02:01:01'), accepted: at('02:01:30'), booked: at('02:01:30') },
);

/** A CGB the client buys above the approval threshold: approved by a desk head, with an ISIN. */
export const bondCgbApproved = record(
  2,
  {
    client: 'CLI-DFAM',
    trader: 't.zhang',
    instrument: { kind: 'bond', code: '180019', name: '18附息国债19', issuer: 'CGB', tenor: null },
    side: 'buy',
    notional: 100_000_000,
    level: 1.45,
    levelType: 'yield',
    clean: 105.3792,
    accrued: 1.2986413,
    fullPrice: 106.6778,
    settlementAmount: 106_677_800,
    settleDate: '2025-12-29',
    status: 'booked',
    approver: 'm.zhou',
    approvedAt: at('02:05:00'),
    detail: { quoteVersion: 2, notionalCny: 100_000_000, cleanAmount: '105379200.00', accruedAmount: '1298600.00', maturityDate: '2028-08-16', isin: 'CN0000180017' },
  },
  { requested: at('02:02:00'), quoted: at('02:02:01'), accepted: at('02:02:40'), approved: at('02:05:00'), booked: at('02:05:00') },
);

/** A 1Y big-bank NCD bucket (no code: the parser names a bucket and a tenor, not an issue). */
export const ncd = record(
  3,
  {
    client: 'CLI-HXBK',
    trader: 'm.zhou',
    instrument: { kind: 'ncd', code: null, name: null, issuer: '国股', tenor: '1Y' },
    side: 'buy',
    notional: 200_000_000,
    level: 1.63,
    levelType: 'yield',
    clean: 98.3961,
    accrued: 0,
    fullPrice: 98.3961,
    settlementAmount: 196_792_200,
    settleDate: '2025-12-29',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 200_000_000, cleanAmount: '196792200.00', accruedAmount: '0.00', maturityDate: '2026-12-29' },
  },
  { requested: at('02:03:00'), quoted: at('02:03:01'), accepted: at('02:03:20'), booked: at('02:03:20') },
);

/** DR007 pledged repo: the client lends cash (逆回购) for 7 days, ACT/365 (5E × 1.52% × 7/365). */
export const repo = record(
  4,
  {
    client: 'CLI-DFAM',
    trader: 't.zhang',
    instrument: { kind: 'repo', code: 'DR007', name: null, issuer: null, tenor: '7D' },
    side: 'lend',
    notional: 500_000_000,
    level: 1.52,
    levelType: 'rate',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: 500_000_000,
    settleDate: '2025-12-26',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 500_000_000, days: 7, basis: 'ACT/365', maturityDate: '2026-01-02', interest: '145753.42', maturityAmount: '500145753.42' },
  },
  { requested: at('02:04:00'), quoted: at('02:04:01'), accepted: at('02:04:10'), booked: at('02:04:10') },
);

/** USD/CNY spot: the client buys USD 10m at 7.0085, value T+2. */
export const fxSpot = record(
  5,
  {
    client: 'CLI-HXBK',
    trader: 'm.zhou',
    instrument: { kind: 'fx_spot', code: 'USD/CNY', name: null, issuer: null, tenor: 'SPOT' },
    side: 'buy',
    currency: 'USD',
    notional: 10_000_000,
    level: 7.0085,
    levelType: 'outright',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: 70_085_000,
    settleDate: '2025-12-30',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 70_082_000, valueDate: '2025-12-30', counterCurrency: 'CNY' },
  },
  { requested: at('02:05:10'), quoted: at('02:05:11'), accepted: at('02:05:15'), booked: at('02:05:15') },
);

/** A 10E CGB trade still waiting for a desk head. */
export const bondPending = record(
  6,
  {
    client: 'CLI-DFAM',
    trader: 't.zhang',
    instrument: { kind: 'bond', code: '180019', name: '18附息国债19', issuer: 'CGB', tenor: null },
    side: 'sell',
    notional: 1_000_000_000,
    level: 1.45,
    levelType: 'yield',
    clean: 105.3792,
    accrued: 1.2986413,
    fullPrice: 106.6778,
    settlementAmount: 1_066_778_000,
    settleDate: '2025-12-29',
    status: 'pending_approval',
    detail: { quoteVersion: 1, notionalCny: 1_000_000_000, cleanAmount: '1053792000.00', accruedAmount: '12986000.00', maturityDate: '2028-08-16' },
  },
  { requested: at('02:06:00'), quoted: at('02:06:01'), accepted: at('02:06:30') },
);

/** 1Y USD/CNY swap: the client buys USD near / sells far, dealt at −1103 pips (far = 7.0082 − 0.1103). */
export const fxSwap = record(
  7,
  {
    client: 'CLI-HXBK',
    trader: 'm.zhou',
    instrument: { kind: 'fx_swap', code: 'USD/CNY', name: null, issuer: null, tenor: '1Y' },
    side: 'buy',
    currency: 'USD',
    notional: 20_000_000,
    level: -1103,
    levelType: 'points',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: 140_164_000,
    settleDate: '2025-12-30',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 140_164_000, nearRate: 7.0082, farRate: 6.8979, nearDate: '2025-12-30', farDate: '2026-12-30', farCnyAmount: '137958000.00' },
  },
  { requested: at('02:07:00'), quoted: at('02:07:01'), accepted: at('02:07:20'), booked: at('02:07:20') },
);

/** Interbank lending the desk head turned down (above threshold, rejected). */
export const lendingRejected = record(
  8,
  {
    client: 'CLI-DFAM',
    trader: 't.zhang',
    instrument: { kind: 'lending', code: null, name: null, issuer: null, tenor: '1M' },
    side: 'borrow',
    notional: 2_000_000_000,
    level: 1.65,
    levelType: 'rate',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: 2_000_000_000,
    settleDate: '2025-12-26',
    status: 'rejected',
    approver: 'm.zhou',
    approvedAt: at('02:09:00'),
    detail: { quoteVersion: 1, notionalCny: 2_000_000_000, days: 31, basis: 'ACT/360', maturityDate: '2026-01-26', interest: '2841666.67', maturityAmount: '2002841666.67' },
  },
  { requested: at('02:08:00'), quoted: at('02:08:01'), accepted: at('02:08:30') },
);

/** 3M USD/CNY outright forward: the client sells USD 5m at 6.9812. */
export const fxForward = record(
  9,
  {
    client: 'CLI-HXBK',
    trader: 'm.zhou',
    instrument: { kind: 'fx_forward', code: 'USD/CNY', name: null, issuer: null, tenor: '3M' },
    side: 'sell',
    currency: 'USD',
    notional: 5_000_000,
    level: 6.9812,
    levelType: 'outright',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: 34_906_000,
    settleDate: '2026-03-30',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 35_041_000, valueDate: '2026-03-30', counterCurrency: 'CNY' },
  },
  { requested: at('02:09:10'), quoted: at('02:09:11'), accepted: at('02:09:20'), booked: at('02:09:20') },
);

/** 1M interbank lending (拆借): the client borrows 1E, ACT/360 (1E × 1.65% × 31/360). */
export const lending = record(
  10,
  {
    client: 'CLI-HXBK',
    trader: 't.zhang',
    instrument: { kind: 'lending', code: null, name: '1M interbank lending', issuer: null, tenor: '1M' },
    side: 'borrow',
    notional: 100_000_000,
    level: 1.65,
    levelType: 'rate',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: 100_000_000,
    settleDate: '2025-12-26',
    status: 'booked',
    detail: { quoteVersion: 1, notionalCny: 100_000_000, days: 31, basis: 'ACT/360', maturityDate: '2026-01-26', interest: '142083.33', maturityAmount: '100142083.33' },
  },
  { requested: at('02:10:00'), quoted: at('02:10:01'), accepted: at('02:10:20'), booked: at('02:10:20') },
);

/** The whole day, in cursor order. */
export const blotterDay: readonly ExportRecord[] = [bondCdb, bondCgbApproved, ncd, repo, fxSpot, bondPending, fxSwap, lendingRejected, fxForward, lending];
