/**
 * The desk's side of an RFQ, on top of engineer A's quote engine: turn a parsed instrument into an
 * engine request, price it with today's blotter usage, and compute ticket economics at a dealt level.
 */
import type { NewTicket } from '../../dealing/booking/ticket.js';
import type { ParsedInstrument } from '../../dealing/parser/schema.js';
import { priceFromYield } from '../../dealing/pricing/bond-yield.js';
import { addBusinessDays, nextBusinessDay } from '../../dealing/pricing/calendar.js';
import { formatIsoDate, parseIsoDate, shanghaiDate } from '../../dealing/pricing/dates.js';
import { bondAmounts, lendingInterest, repoInterest, roundPrice } from '../../dealing/pricing/money.js';
import { buildQuote, clientDealsOn, resolveInstrument, type Quote, type QuoteInstrument, type QuoteSide } from '../../dealing/quote/index.js';
import { QuoteInstrumentSchema, type IndicativeReason } from '../../dealing/quote/schemas.js';
import { shanghaiDate as shanghaiIso, type QuoteState, type Rfq, type RfqSide } from '../../dealing/rfq/model.js';
import { unitFor } from '../../dealing/rfq/negotiation.js';
import type { DealtSide } from '../../dealing/rfq/negotiation.js';
import { UserInputError } from '../../runtime/errors.js';
import type { Stores } from '../../storage/types.js';
import { refuse } from './refusal.js';
import type { DealingEnv } from './context.js';
import type { Note } from './views.js';

/** Parser instrument → engine instrument. */
export function toQuoteInstrument(i: ParsedInstrument): QuoteInstrument {
  const opt = (v: string | null) => v ?? undefined;
  switch (i.kind) {
    case 'bond':
      return { kind: 'bond', code: opt(i.code), issuer: opt(i.issuer), tenor: opt(i.tenor) };
    case 'ncd':
      if (!i.issuer || !i.tenor) throw new UserInputError('an NCD needs an issuer bucket (国股/城商/农商) and a tenor (1M…1Y)');
      return { kind: 'ncd', bucket: i.issuer, tenor: i.tenor };
    case 'repo':
      return { kind: 'repo', code: opt(i.code), tenor: opt(i.tenor) };
    case 'lending':
      if (!i.tenor) throw new UserInputError('interbank lending needs a tenor (1D, 7D, 1M …)');
      return { kind: 'lending', tenor: i.tenor };
    case 'fx_spot':
      return { kind: 'fx_spot', pair: 'USD/CNY' };
    case 'fx_forward':
      return i.tenor && /^\d{4}-\d{2}-\d{2}$/.test(i.tenor)
        ? { kind: 'fx_forward', pair: 'USD/CNY', valueDate: i.tenor }
        : { kind: 'fx_forward', pair: 'USD/CNY', tenor: opt(i.tenor) };
    case 'fx_swap':
      if (!i.tenor) throw new UserInputError('an FX swap needs a tenor (TN, 1W, 1M, 3M, 1Y …)');
      return { kind: 'fx_swap', pair: 'USD/CNY', tenor: i.tenor };
    case 'irs':
      throw refuse('this desk does not quote interest-rate swaps (IRS) in chat', 'product');
  }
}

/**
 * Parser settlement → engine settlement. `YYYY-MM-DD+n` (e.g. 明天+0) means speed n counted from that
 * day: the day itself is rolled to a business day first, so the engine sees an ISO date it can roll.
 */
export function toEngineSettle(env: DealingEnv, settle: string | null | undefined): string | null {
  if (!settle) return null;
  const m = /^(\d{4}-\d{2}-\d{2})\+(\d)$/.exec(settle.trim());
  if (!m) return settle;
  const day = m[1]!;
  const n = Number(m[2]);
  if (n === 0) return day;
  const cal = env.market.calendars.cnIb;
  return formatIsoDate(addBusinessDays(cal, nextBusinessDay(cal, parseIsoDate(day, 'settle')), n));
}

/** Today's usage from the blotter (booked + pending tickets), so limits see intraday trades. */
export async function usageToday(stores: Stores, env: DealingEnv, clientId: string, trader: string, at: Date) {
  const today = shanghaiIso(at);
  const spot = env.market.fx.spot;
  const tickets = await stores.tickets.liveOn(today);
  const cnyOf = (n: number, ccy: string) => (ccy === 'USD' ? n * spot : n);
  const client = env.market.clients.find(clientId);
  const clientExtra = tickets.filter((t) => t.client === clientId).reduce((s, t) => s + cnyOf(t.notional, t.currency), 0);
  const limitCcy = env.market.limits.traders.find((l) => l.user === trader)?.currency ?? 'CNY';
  const traderToday = tickets
    .filter((t) => t.trader === trader)
    .reduce((s, t) => s + (t.currency === limitCcy ? t.notional : limitCcy === 'CNY' ? t.notional * spot : t.notional / spot), 0);
  return { clientCreditUsed: (client?.creditUsed ?? 0) + clientExtra, traderNotionalToday: traderToday };
}

export interface PriceRequest {
  instrument: QuoteInstrument;
  side: RfqSide | null;
  notional: number;
  settle: string | null;
  firm: boolean;
  client: string;
  trader: string;
  clientLevel?: number;
}

export async function price(stores: Stores, env: DealingEnv, req: PriceRequest, at: Date): Promise<Quote> {
  const usage = await usageToday(stores, env, req.client, req.trader, at);
  return buildQuote(
    env.market,
    {
      instrument: req.instrument,
      side: req.side,
      notional: req.notional,
      settle: req.settle,
      now: at.toISOString(),
      client: req.client,
      trader: req.trader,
      firm: req.firm,
      ...(req.clientLevel !== undefined ? { clientLevel: req.clientLevel } : {}),
      usage,
    },
    env.settings,
  );
}

/** Engine quote → the RFQ's stored quote state (first version keeps the original levels). */
export function quoteState(q: Quote, request: QuoteInstrument, prev: QuoteState | null): QuoteState {
  return {
    bid: q.bid,
    offer: q.offer,
    mid: q.mid,
    levelType: q.levelType,
    validUntil: q.validUntil,
    firm: q.firm,
    quotedAt: q.quotedAt,
    version: (prev?.version ?? 0) + 1,
    originalBid: prev?.originalBid ?? q.bid,
    originalOffer: prev?.originalOffer ?? q.offer,
    unit: unitFor(q.levelType),
    settle: q.settleDate,
    held: false,
    detail: {
      request,
      description: q.instrument.description,
      spread: q.spread,
      notionalCny: q.notionalCny,
      tradeDate: q.tradeDate,
      requiresApproval: q.requiresApproval,
      decimals: q.decimals,
      warnings: q.warnings,
      marketAsOf: q.marketAsOf,
      marketSnapshotAt: q.marketSnapshotAt,
      indicativeReason: q.indicativeReason,
    },
  };
}

/** The engine request stored with the quote (validated: the row may be old). */
export function storedRequest(rfq: Rfq): QuoteInstrument {
  const parsed = QuoteInstrumentSchema.safeParse(rfq.quote?.detail?.request);
  if (!parsed.success) throw refuse(`${rfq.id} has no stored pricing request; ask for a fresh quote`, 'rfq_state');
  return parsed.data;
}

export function notesFor(q: Quote, how: 'named' | 'previous' | 'default', clientId: string): Note[] {
  const notes: Note[] = [];
  if (q.settleNote) {
    const from = /(\d{4}-\d{2}-\d{2})/.exec(q.settleNote)?.[1] ?? null;
    notes.push({ code: 'settle_rolled', message: `${q.settleNote} (settlement ${q.settleDate})`, data: { from, to: q.settleDate } });
  }
  // Pricing off another day's curves is legitimate (illustrative data, replay) but never silent.
  if (q.marketAsOf !== q.tradeDate) {
    notes.push({ code: 'market_data_date', message: `priced off market data as of ${q.marketAsOf} (trade date ${q.tradeDate})`, data: { asOf: q.marketAsOf, tradeDate: q.tradeDate } });
  }
  if (q.indicativeReason) notes.push({ code: q.indicativeReason.code, message: q.indicativeReason.message, data: q.indicativeReason.data });
  if (how === 'default') notes.push({ code: 'default_client', message: `no client named: quoting the default client ${clientId}`, data: { client: clientId } });
  if (!q.firm && !q.refusal && !q.indicativeReason) notes.push({ code: 'indicative', message: 'indicative only: not dealable', data: {} });
  return notes;
}

export function dealtSideFor(rfq: Rfq, side: RfqSide): DealtSide {
  const product = rfq.instrument.kind as Parameters<typeof clientDealsOn>[0];
  return clientDealsOn(product, side as QuoteSide);
}

/** Ticket economics at the dealt level: bond prices and cash, repo interest, FX counter amount. */
export function ticketFor(env: DealingEnv, rfq: Rfq, side: RfqSide, level: number, notional: number, at: Date): NewTicket {
  const q = rfq.quote!;
  const r = resolveInstrument(env.market, env.settings, storedRequest(rfq), shanghaiDate(at), rfq.settle);
  const detail: Record<string, unknown> = { quoteVersion: q.version, notionalCny: notional * (rfq.currency === 'USD' ? env.market.fx.spot : 1) };
  let clean: number | null = null;
  let accrued: number | null = null;
  let fullPrice: number | null = null;
  let settlementAmount: number | null = null;
  if (r.terms) {
    const v = priceFromYield(r.terms, r.settleDate, level);
    clean = roundPrice(v.clean);
    fullPrice = roundPrice(v.full);
    accrued = +v.accrued.toFixed(8);
    const amounts = bondAmounts(notional, clean, fullPrice);
    settlementAmount = Number(amounts.settlementAmount);
    Object.assign(detail, { cleanAmount: amounts.cleanAmount, accruedAmount: amounts.accruedAmount, maturityDate: r.bondMaturity ?? null });
  } else if (r.money) {
    const interest = r.money.basis === 'ACT/365' ? repoInterest(notional, level, r.money.days) : lendingInterest(notional, level, r.money.days);
    settlementAmount = notional;
    Object.assign(detail, {
      days: r.money.days,
      basis: r.money.basis,
      maturityDate: formatIsoDate(r.money.maturity),
      interest,
      maturityAmount: (notional + Number(interest)).toFixed(2),
    });
  } else if (r.fx) {
    if (q.levelType === 'points') {
      const near = r.fx.spot;
      const far = +(near + level / 10_000).toFixed(6);
      settlementAmount = Math.round(notional * near * 100) / 100;
      Object.assign(detail, { nearRate: near, farRate: far, nearDate: r.fx.nearDate === null ? null : formatIsoDate(r.fx.nearDate), farDate: formatIsoDate(r.fx.valueDate), farCnyAmount: (Math.round(notional * far * 100) / 100).toFixed(2) });
    } else {
      settlementAmount = Math.round(notional * level * 100) / 100;
      Object.assign(detail, { valueDate: formatIsoDate(r.fx.valueDate), counterCurrency: 'CNY' });
    }
  }
  return {
    rfqId: rfq.id,
    client: rfq.client,
    trader: rfq.trader,
    instrument: rfq.instrument,
    side,
    notional,
    currency: rfq.currency,
    level,
    levelType: q.levelType,
    clean,
    accrued,
    fullPrice,
    settlementAmount,
    settleDate: rfq.settle,
    status: 'booked',
    detail,
  };
}

/** Why a quote is indicative although a firm one was asked for (stale market data, market closed), or null. */
export function indicativeReasonOf(q: Quote): IndicativeReason | null {
  return q.indicativeReason;
}
