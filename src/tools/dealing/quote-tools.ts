/**
 * The RFQ tools that price and deal: request_quote, counter_quote, accept_quote. Each side effect
 * runs in one SQLite transaction keyed by the call's idempotency key (see booking/idempotency.ts).
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { blotter } from '../../dealing/booking/blotter.js';
import { once } from '../../dealing/booking/idempotency.js';
import { ParsedInstrumentSchema, SideSchema } from '../../dealing/parser/schema.js';
import { checkLevel, type QuoteInstrument } from '../../dealing/quote/index.js';
import { RfqSideSchema, type NegotiationStep, type QuoteState, type Rfq, type RfqSide } from '../../dealing/rfq/model.js';
import { evaluateCounter } from '../../dealing/rfq/negotiation.js';
import { rfqStore } from '../../dealing/rfq/store.js';
import { defineTool, type ToolContext } from '../../runtime/tool.js';
import { chooseClient, dealingEnv, type DealingEnv } from './context.js';
import { dealtSideFor, notesFor, price, quoteState, storedRequest, ticketFor, toEngineSettle, toQuoteInstrument } from './desk.js';
import { isStale } from './lifecycle.js';
import { refuse } from './refusal.js';
import { targetRfq } from './lifecycle.js';
import {
  AcceptResultSchema,
  CounterResultSchema,
  QuoteResultSchema,
  rfqView,
  type AcceptResult,
  type QuoteResult,
} from './views.js';

interface QuoteParams {
  instrument: QuoteInstrument;
  side: RfqSide | null;
  notional: number;
  settle: string | null;
  firm: boolean;
  clientId: string;
  how: 'named' | 'previous' | 'default';
  parentId: string | null;
  /** The client's own level, if the request named one: checked for absurdity before quoting. */
  clientLevel?: number;
}

/** Closes an older open quote in the thread when a new request arrives (one live RFQ per thread). */
function supersedeOpen(db: Database.Database, thread: string, at: Date, actor: string): void {
  const store = rfqStore(db);
  const prev = store.latestForThread(thread);
  if (prev && (prev.status === 'QUOTED' || prev.status === 'REQUESTED')) {
    store.applyEvent(prev, 'cancel', at, actor, { reason: 'superseded by a new request in the thread' });
  }
}

/** REQUESTED → QUOTED (checks passed) or → REJECTED (the first failed check is named). Runs inside a transaction. */
function createAndQuote(ctx: ToolContext, env: DealingEnv, p: QuoteParams, at: Date): QuoteResult {
  const store = rfqStore(ctx.db);
  // Price first: an unknown bond or a bad settlement date must not leave an RFQ behind.
  const q = price(
    ctx.db,
    env,
    {
      instrument: p.instrument,
      side: p.side,
      notional: p.notional,
      settle: p.settle,
      firm: p.firm,
      client: p.clientId,
      trader: ctx.user.id,
      ...(p.clientLevel !== undefined ? { clientLevel: p.clientLevel } : {}),
    },
    at,
  );
  supersedeOpen(ctx.db, ctx.thread, at, ctx.user.id);
  const { description: _d, ...inst } = q.instrument;
  const rfq = store.create(
    { thread: ctx.thread, client: p.clientId, trader: ctx.user.id, instrument: inst, side: p.side, notional: p.notional, currency: q.currency, settle: q.settleDate, parentId: p.parentId },
    at,
    ctx.user.id,
  );
  const checks = q.checks.map((c) => ({ name: c.check, ok: c.ok, message: c.message, ...(c.data ? { data: c.data } : {}) }));
  if (q.refusal) {
    const reason = `${q.refusal.check}: ${q.refusal.message}`;
    const rejected = store.applyEvent(rfq, 'reject', at, ctx.user.id, { reason }, { check: q.refusal.check });
    return { rfq: rfqView(rejected), notes: [], checks };
  }
  const quoted = store.applyEvent(rfq, 'quote', at, ctx.user.id, { quote: quoteState(q, p.instrument, null) }, {
    bid: q.bid,
    offer: q.offer,
    mid: q.mid,
    firm: q.firm,
    validUntil: q.validUntil,
    spread: q.spread,
  });
  return { rfq: rfqView(quoted), notes: notesFor(q, p.how, p.clientId), checks };
}

function refuseIfRejected(r: QuoteResult): QuoteResult {
  if (r.rfq.status === 'REJECTED') {
    const failed = r.checks.find((c) => !c.ok);
    throw refuse(`no firm quote for ${r.rfq.id}: check ${r.rfq.reason ?? 'failed'}`, failed?.name ?? r.rfq.reason?.split(':')[0] ?? 'check', {
      ...(failed?.data ?? {}),
      rfqId: r.rfq.id,
    });
  }
  return r;
}

export const requestQuoteTool = defineTool({
  name: 'request_quote',
  description:
    "Opens an RFQ for the client and quotes it: prices a two-way from the curves (spread by size and client tier), runs the pre-trade checks (client, credit line, trader and desk limits, size) and persists the quote with validUntil. The client is the one named (for X / 客户 X), else the thread's previous client, else the configured default. A failed check rejects the RFQ and names the check.",
  input: z.object({
    instrument: ParsedInstrumentSchema,
    side: SideSchema.nullable().default(null),
    notional: z.number().positive(),
    currency: z.string().nullable().optional(),
    settle: z.string().nullable().optional(),
    firm: z.boolean().nullable().optional(),
    client: z.string().min(1).optional(),
    /** The client's level if the request carried one (e.g. "2.15 出"): refused when absurd. */
    level: z.number().nullable().optional(),
  }),
  output: QuoteResultSchema,
  sideEffects: true,
  execute(input, ctx) {
    const env = dealingEnv(ctx);
    const now = ctx.now();
    if (input.side === 'pay' || input.side === 'receive') {
      throw refuse('this desk does not quote interest-rate swaps (pay/receive) in chat', 'product');
    }
    const instrument = toQuoteInstrument(input.instrument);
    const { client, how } = chooseClient(env, input.client, rfqStore(ctx.db).lastClientForThread(ctx.thread));
    const params: QuoteParams = {
      instrument,
      side: input.side,
      notional: input.notional,
      settle: toEngineSettle(env, input.settle),
      firm: input.firm !== false,
      clientId: client.id,
      how,
      parentId: null,
      ...(input.level !== null && input.level !== undefined ? { clientLevel: input.level } : {}),
    };
    return refuseIfRejected(once(ctx.db, ctx.idempotencyKey, 'request_quote', now, () => createAndQuote(ctx, env, params, now)));
  },
});

function limitsFor(env: DealingEnv, rfq: Rfq) {
  const tier = env.market.clients.find(rfq.client)?.tier ?? 'T3';
  const s = env.settings;
  return rfq.quote?.unit === 'pips'
    ? { maxStep: s.maxConcessionPerStepPips[tier], maxTotal: s.maxConcessionTotalPips[tier] }
    : { maxStep: s.maxConcessionPerStepBp[tier], maxTotal: s.maxConcessionTotalBp[tier] };
}

function requireQuoted(rfq: Rfq, what: string): Rfq & { quote: QuoteState } {
  if (rfq.status === 'EXPIRED') {
    throw refuse(`${rfq.id}: the quote expired at ${rfq.quote?.validUntil ?? '?'} — ask for a fresh quote`, 'quote_expired', {
      rfqId: rfq.id,
      validUntil: rfq.quote?.validUntil ?? null,
    });
  }
  if (rfq.status !== 'QUOTED' || !rfq.quote) {
    throw refuse(`${rfq.id} is ${rfq.status}: there is no live quote to ${what}`, 'rfq_state', { rfqId: rfq.id, status: rfq.status });
  }
  return rfq as Rfq & { quote: QuoteState };
}

/** Deal verbs are generic (给 = sell, mine = buy): in money markets selling means lending cash. */
export function normalizeSide(rfq: Rfq, side: RfqSide | undefined): RfqSide | undefined {
  if (!side) return undefined;
  const money = rfq.instrument.kind === 'repo' || rfq.instrument.kind === 'lending';
  if (money && side === 'buy') return 'borrow';
  if (money && side === 'sell') return 'lend';
  if (!money && side === 'borrow') return 'buy';
  if (!money && side === 'lend') return 'sell';
  return side;
}

function sideFor(rfq: Rfq, asked: RfqSide | undefined): RfqSide {
  const side = rfq.side ?? normalizeSide(rfq, asked);
  if (!side) {
    throw refuse(
      `${rfq.id} is a two-way quote: which side does the client deal on? (mine/TKN = buy, yours/给 = sell; repo: borrow/lend)`,
      'side',
      { rfqId: rfq.id },
    );
  }
  return side;
}

export const counterQuoteTool = defineTool({
  name: 'counter_quote',
  description:
    "The client counters the thread's live quote with a level. The desk improves toward it only within the configured maximum concession per step and in total (by client tier); beyond that it holds its level and says why.",
  input: z.object({ level: z.number(), side: RfqSideSchema.optional(), rfqId: z.string().optional() }),
  output: CounterResultSchema,
  sideEffects: true,
  execute(input, ctx) {
    const env = dealingEnv(ctx);
    const now = ctx.now();
    // Expire a stale quote outside the transaction, so the refusal below does not roll it back.
    const target = targetRfq(ctx, input.rfqId);
    return once(ctx.db, ctx.idempotencyKey, 'counter_quote', now, () => {
      const rfq = requireQuoted(rfqStore(ctx.db).get(target.id), 'counter');
      const quote = rfq.quote;
      const side = sideFor(rfq, input.side);
      const dealt = dealtSideFor(rfq, side);
      const maxDev = quote.unit === 'pips' ? env.settings.maxDeviationPips : env.settings.maxDeviationBp;
      const lt = quote.levelType === 'points' || quote.levelType === 'outright' || quote.levelType === 'rate' ? quote.levelType : 'yield';
      const sane = checkLevel(lt, input.level, quote.mid ?? input.level, maxDev);
      if (!sane.ok) throw refuse(`counter refused (level): ${sane.message}`, 'level', { ...sane.data, level: input.level });
      const limits = limitsFor(env, rfq);
      const d = evaluateCounter(quote, dealt, input.level, limits, rfq.negotiation.length);
      // The limit that stopped the desk, so the reply can state it without re-deriving it.
      const max = d.limit === 'step' ? limits.maxStep : d.limit === 'total' ? limits.maxTotal : d.limit === 'rounds' ? rfq.negotiation.length : null;
      const store = rfqStore(ctx.db);
      const countered = store.applyEvent(rfq, 'counter', now, ctx.user.id, { side }, { clientLevel: input.level, side });
      const from = (dealt === 'bid' ? quote.bid : quote.offer) ?? d.level;
      const ttl = env.settings.quoteTtlSeconds;
      const next: QuoteState = {
        ...quote,
        bid: dealt === 'bid' ? d.level : quote.bid,
        offer: dealt === 'offer' ? d.level : quote.offer,
        version: quote.version + 1,
        quotedAt: now.toISOString(),
        validUntil: quote.firm ? new Date(now.getTime() + ttl * 1000).toISOString() : null,
        held: d.outcome === 'held' || quote.held,
      };
      const step: NegotiationStep = {
        at: now.toISOString(),
        side,
        clientLevel: input.level,
        from,
        to: d.level,
        outcome: d.outcome,
        step: d.step,
        total: d.total,
        unit: d.unit,
        reason: d.reason,
      };
      const moved = store.applyEvent(countered, d.outcome === 'improved' ? 'improve' : 'hold', now, ctx.user.id, {
        quote: next,
        negotiation: [...rfq.negotiation, step],
      }, { ...step });
      return {
        rfq: rfqView(moved),
        decision: {
          outcome: d.outcome,
          clientLevel: input.level,
          level: d.level,
          step: d.step,
          total: d.total,
          unit: d.unit,
          limit: d.limit,
          max,
          dealt,
          reason: d.reason,
        },
        notes: [],
      };
    });
  },
});

function alreadyBooked(db: Database.Database, rfq: Rfq): AcceptResult {
  const ticket = blotter(db).byRfq(rfq.id);
  return {
    outcome: 'already_booked',
    rfq: rfqView(rfq),
    ticket,
    fresh: null,
    message: `${rfq.id} is already ${rfq.status}${ticket ? ` as ${ticket.tradeId}` : ''}: nothing new booked`,
  };
}

function accept(ctx: ToolContext, env: DealingEnv, input: { side?: RfqSide; level?: number; notional?: number; rfqId?: string }, now: Date): AcceptResult {
  const store = rfqStore(ctx.db);
  const found = input.rfqId ? store.get(input.rfqId) : store.latestForThread(ctx.thread);
  if (!found) throw refuse('no RFQ in this thread: ask for a quote first', 'no_active_rfq');
  let rfq = found;
  if (rfq.status === 'DONE' || rfq.status === 'PENDING_APPROVAL') return alreadyBooked(ctx.db, rfq);

  // Too late: refuse the stale price and offer a fresh one (a new RFQ linked to the old).
  if (isStale(rfq, now) || rfq.status === 'EXPIRED') {
    if (rfq.status !== 'EXPIRED') {
      rfq = store.applyEvent(rfq, 'expire', now, ctx.user.id, { reason: `quote expired at ${rfq.quote?.validUntil}` });
    }
    const fresh = createAndQuote(ctx, env, {
      instrument: storedRequest(rfq),
      side: rfq.side ?? input.side ?? null,
      notional: rfq.notional,
      settle: null,
      firm: true,
      clientId: rfq.client,
      how: 'previous',
      parentId: rfq.id,
    }, now);
    return {
      outcome: 'expired',
      rfq: rfqView(rfq),
      ticket: null,
      fresh,
      message: `quote_expired: ${rfq.id} was valid until ${rfq.quote?.validUntil}; fresh quote ${fresh.rfq.id} is ${fresh.rfq.status}`,
    };
  }
  const live = requireQuoted(rfq, 'accept');
  const asked = normalizeSide(live, input.side);
  const request = storedRequest(live);
  const notional = input.notional ?? live.notional;
  if (notional > live.notional + 1e-6) {
    throw refuse(`size ${notional} exceeds the quoted ${live.notional}: ask for a new quote for the larger size`, 'size', {
      rfqId: live.id,
      notional,
      quoted: live.notional,
      currency: live.currency,
    });
  }
  const common = { instrument: request, notional, settle: live.settle, client: live.client, trader: live.trader };

  // An indicative quote is never dealable: give a firm one (checks first) and ask to confirm.
  if (!live.quote.firm) {
    const q = price(ctx.db, env, { ...common, side: live.side ?? asked ?? null, firm: true }, now);
    if (q.refusal) throw refuse(`cannot firm up ${live.id} (${q.refusal.check}): ${q.refusal.message}`, q.refusal.check, { ...q.refusal.data, rfqId: live.id });
    const firmed = store.applyEvent(live, 'requote', now, ctx.user.id, { quote: quoteState(q, request, live.quote), side: live.side ?? asked ?? null }, { firm: true });
    return { outcome: 'firmed_up', rfq: rfqView(firmed), ticket: null, fresh: null, message: `firm quote given on ${live.id}; confirm to deal` };
  }

  const side = sideFor(live, asked);
  if (live.side && asked && asked !== live.side) {
    throw refuse(`${live.id} is for the client to ${live.side}, not ${asked}: ask for a new quote`, 'side', { rfqId: live.id, quoted: live.side, asked });
  }
  const base = { ...common, side };

  const dealt = dealtSideFor(live, side);
  const level = dealt === 'bid' ? live.quote.bid : live.quote.offer;
  if (level === null) throw refuse(`${live.id} has no ${dealt} to deal on`, 'side', { rfqId: live.id, dealt });
  if (input.level !== undefined && Math.abs(input.level - level) > 1e-9) {
    throw refuse(`level ${input.level} is not our ${dealt} ${level} on ${live.id}: counter it, or deal at ${level}`, 'level_mismatch', {
      rfqId: live.id,
      level: input.level,
      dealt,
      ours: level,
    });
  }
  // Final pre-deal checks (credit and limits may have moved since the quote).
  const final = price(ctx.db, env, { ...base, firm: true }, now);
  if (final.refusal) {
    const reason = `${final.refusal.check}: ${final.refusal.message}`;
    const rejected = store.applyEvent(live, 'reject', now, ctx.user.id, { reason }, { check: final.refusal.check });
    return {
      outcome: 'rejected',
      rfq: rfqView(rejected),
      ticket: null,
      fresh: null,
      message: reason,
      refusal: { check: final.refusal.check, data: final.refusal.data ?? {} },
    };
  }
  const accepted = store.applyEvent(live, 'accept', now, ctx.user.id, { side }, { side, level, notional });
  const draft = ticketFor(env, accepted, side, level, notional, now);
  const cny = notional * (accepted.currency === 'USD' ? env.market.fx.spot : 1);
  if (cny > env.settings.approvalThreshold) {
    const ticket = blotter(ctx.db).insert({ ...draft, status: 'pending_approval' }, now);
    const pending = store.applyEvent(accepted, 'request_approval', now, ctx.user.id, {}, { tradeId: ticket.tradeId, threshold: env.settings.approvalThreshold });
    return {
      outcome: 'pending_approval',
      rfq: rfqView(pending),
      ticket,
      fresh: null,
      message: `CNY ${cny.toFixed(2)} is above the approval threshold ${env.settings.approvalThreshold}: a desk head must approve ${ticket.tradeId}`,
    };
  }
  const ticket = blotter(ctx.db).insert(draft, now);
  const done = store.applyEvent(accepted, 'book', now, ctx.user.id, {}, { tradeId: ticket.tradeId });
  return { outcome: 'booked', rfq: rfqView(done), ticket, fresh: null, message: `booked ${ticket.tradeId}` };
}

export const acceptQuoteTool = defineTool({
  name: 'accept_quote',
  description:
    "The client deals on the thread's live quote (done / mine / yours / 给 / TKN). Within validity: final checks, then the ticket is booked (DONE) or waits for desk-head approval above the threshold. A repeated done books nothing new; an expired quote is refused and a fresh quote offered; an indicative quote is firmed up first.",
  input: z.object({
    side: RfqSideSchema.optional(),
    level: z.number().optional(),
    notional: z.number().positive().optional(),
    rfqId: z.string().optional(),
  }),
  output: AcceptResultSchema,
  sideEffects: true,
  execute(input, ctx) {
    const env = dealingEnv(ctx);
    const now = ctx.now();
    return once(ctx.db, ctx.idempotencyKey, 'accept_quote', now, () => accept(ctx, env, input, now));
  },
});
