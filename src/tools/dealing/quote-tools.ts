/**
 * The RFQ tools that price and deal: request_quote, counter_quote, accept_quote, amend_quote,
 * refresh_quote. Each side effect runs in one unit of work keyed by the call's idempotency key
 * (storage/once.ts), on SQLite or PostgreSQL alike.
 */
import { z } from 'zod';
import { ParsedInstrumentSchema, SideSchema } from '../../dealing/parser/schema.js';
import { checkLevel, type QuoteInstrument } from '../../dealing/quote/index.js';
import { RfqSideSchema, type NegotiationStep, type QuoteState, type Rfq, type RfqSide } from '../../dealing/rfq/model.js';
import { clientDirection, evaluateCounter, fromUnits, roundToGrid, toUnits } from '../../dealing/rfq/negotiation.js';
import { once } from '../../storage/once.js';
import type { Stores } from '../../storage/types.js';
import { defineTool, type ToolContext } from '../../runtime/tool.js';
import { approvalHolds, requestApproval, supersedePending } from './approval.js';
import { askConfirmation } from './confirmation.js';
import { chooseClient, dealingEnv, supportedInstrumentsText, type DealingEnv } from './context.js';
import { dealtSideFor, indicativeReasonOf, notesFor, price, quoteState, storedRequest, ticketFor, toEngineSettle, toQuoteInstrument } from './desk.js';
import { isStale, targetRfq } from './lifecycle.js';
import { refuse } from './refusal.js';
import { AcceptResultSchema, CounterResultSchema, QuoteResultSchema, rfqView, type AcceptResult, type CounterResult, type QuoteResult } from './views.js';

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
async function supersedeOpen(tx: Stores, thread: string, at: Date, actor: string, reason = 'superseded by a new request in the thread'): Promise<void> {
  const prev = await tx.rfqs.latestForThread(thread);
  if (prev && (prev.status === 'QUOTED' || prev.status === 'REQUESTED' || prev.status === 'PENDING_APPROVAL')) {
    await tx.rfqs.applyEvent(prev, 'cancel', at, actor, { reason });
    await supersedePending(tx, prev.id, at, reason);
  }
}

/**
 * REQUESTED → QUOTED (checks passed), → PENDING_APPROVAL (firm quote above the trader's authority:
 * indicative levels until a desk head approves), or → REJECTED (the first failed check is named).
 */
async function createAndQuote(ctx: ToolContext, tx: Stores, env: DealingEnv, p: QuoteParams, at: Date): Promise<QuoteResult> {
  // Price first: an unknown bond or a bad settlement date must not leave an RFQ behind.
  const q = await price(
    tx,
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
  await supersedeOpen(tx, ctx.thread, at, ctx.user.id);
  const { description: _d, ...inst } = q.instrument;
  const rfq = await tx.rfqs.create(
    { thread: ctx.thread, client: p.clientId, trader: ctx.user.id, instrument: inst, side: p.side, notional: p.notional, currency: q.currency, settle: q.settleDate, parentId: p.parentId },
    at,
    ctx.user.id,
  );
  const checks = q.checks;
  if (q.refusal) {
    const reason = `${q.refusal.check}: ${q.refusal.message}`;
    const rejected = await tx.rfqs.applyEvent(rfq, 'reject', at, ctx.user.id, { reason }, { check: q.refusal.check });
    return { rfq: rfqView(rejected), notes: [], checks };
  }
  const notes = notesFor(q, p.how, p.clientId);
  if (q.firm && q.requiresApproval) {
    // Levels are shown, but not firm: the desk head approves these exact economics first.
    const held = { ...quoteState(q, p.instrument, null), firm: false, validUntil: null };
    const approvalExpiresAt = new Date(at.getTime() + env.approvalTtlSeconds * 1000).toISOString();
    const pending = await tx.rfqs.applyEvent(rfq, 'request_approval', at, ctx.user.id, { quote: { ...held, detail: { ...held.detail, requiresApproval: true, approvalExpiresAt } } }, {
      bid: q.bid,
      offer: q.offer,
      notionalCny: q.notionalCny,
      threshold: env.settings.approvalThreshold,
    });
    const approval = await requestApproval(tx, pending, ctx.identity, at, env.approvalTtlSeconds);
    notes.push({
      code: 'approval_required',
      message: `CNY ${q.notionalCny} is above the approval threshold ${env.settings.approvalThreshold}: desk-head approval ${approval.id} requested; indicative until approved`,
      data: { approvalId: approval.id, threshold: env.settings.approvalThreshold, notionalCny: q.notionalCny, expiresAt: approval.expiresAt },
    });
    return { rfq: rfqView(pending), notes, checks };
  }
  const quoted = await tx.rfqs.applyEvent(rfq, 'quote', at, ctx.user.id, { quote: quoteState(q, p.instrument, null) }, {
    bid: q.bid,
    offer: q.offer,
    mid: q.mid,
    firm: q.firm,
    validUntil: q.validUntil,
    spread: q.spread,
  });
  return { rfq: rfqView(quoted), notes, checks };
}

function refuseIfRejected(r: QuoteResult): QuoteResult {
  if (r.rfq.status === 'REJECTED') {
    const failed = r.checks.find((c) => !c.ok);
    throw refuse(`no firm quote for ${r.rfq.id}: check ${r.rfq.reason ?? 'failed'}`, failed?.check ?? r.rfq.reason?.split(':')[0] ?? 'check', {
      ...(failed?.data ?? {}),
      rfqId: r.rfq.id,
    });
  }
  return r;
}

/** CNY notional of a request (USD at spot), for the fat-finger read-back. */
function notionalCny(env: DealingEnv, notional: number, currency: string | null | undefined, instrument: QuoteInstrument): number {
  const usd = currency === 'USD' || instrument.kind.startsWith('fx_');
  return usd ? notional * env.market.fx.spot : notional;
}

export const RequestQuoteInputSchema = z.object({
  instrument: ParsedInstrumentSchema,
  side: SideSchema.nullable().default(null),
  notional: z.number().positive(),
  currency: z.string().nullable().optional(),
  settle: z.string().nullable().optional(),
  firm: z.boolean().nullable().optional(),
  client: z.string().min(1).optional(),
  /** The client's level if the request carried one (e.g. "2.15 出"): refused when absurd. */
  level: z.number().nullable().optional(),
  /** The trader confirmed a size above the read-back threshold. */
  confirmed: z.boolean().optional(),
});

export async function requestQuote(input: z.infer<typeof RequestQuoteInputSchema>, ctx: ToolContext): Promise<QuoteResult> {
  const env = dealingEnv(ctx);
  const now = ctx.now();
  if (input.side === 'pay' || input.side === 'receive') {
    throw refuse('this desk does not quote interest-rate swaps (pay/receive) in chat', 'product');
  }
  const side = input.side;
  const pair = input.instrument.kind.startsWith('fx_') ? input.instrument.code : null;
  if (pair && !env.catalog.fxPairs.includes(pair)) {
    throw refuse(`${pair} is not quoted by this desk: supported ${supportedInstrumentsText(env)}`, 'unsupported_instrument', { instrument: pair, supported: supportedInstrumentsText(env) });
  }
  const instrument = toQuoteInstrument(input.instrument);
  const { client, how } = chooseClient(env, input.client, await ctx.stores.rfqs.lastClientForThread(ctx.thread));
  const cny = notionalCny(env, input.notional, input.currency, instrument);
  // A size that the checks refuse anyway is refused straight away; one they accept is read back first.
  const refusedAnyway = async () => {
    const q = await price(ctx.stores, env, { instrument, side, notional: input.notional, settle: toEngineSettle(env, input.settle), firm: true, client: client.id, trader: ctx.user.id }, now);
    return q.refusal !== null;
  };
  if (!input.confirmed && cny > env.confirmAboveNotional && !(await refusedAnyway())) {
    throw await askConfirmation(ctx, 'size', { tool: 'request_quote', args: { ...input, client: client.id } }, {
      notional: input.notional,
      currency: input.currency ?? (instrument.kind.startsWith('fx_') ? 'USD' : 'CNY'),
      notionalCny: cny,
      threshold: env.confirmAboveNotional,
    });
  }
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
  return refuseIfRejected(await once(ctx.storage, ctx.idempotencyKey, 'request_quote', now, (tx) => createAndQuote(ctx, tx, env, params, now)));
}

export const requestQuoteTool = defineTool({
  name: 'request_quote',
  description:
    "Opens an RFQ for the client and quotes it: prices a two-way from the curves (spread by size and client tier), runs the pre-trade checks (client, credit line, trader and desk limits, size) and persists the quote with validUntil. Above the approval threshold the levels stay indicative until a desk head approves. The client is the one named (for X / 客户 X), else the thread's previous client, else the configured default. A failed check rejects the RFQ and names the check.",
  input: RequestQuoteInputSchema,
  output: QuoteResultSchema,
  sideEffects: true,
  execute: requestQuote,
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
  if ((rfq.status !== 'QUOTED' && rfq.status !== 'PENDING_APPROVAL') || !rfq.quote) {
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

export const RelativeCounterSchema = z.object({
  /** Amount in the quote's unit (bp for yields/rates, pips for FX); null = "a little" (the desk's per-step concession). */
  amount: z.number().positive().nullable(),
  unit: z.enum(['bp', 'pips']),
});

export const CounterQuoteInputSchema = z
  .object({
    /** The client's level ("1.935 能给吗"). */
    level: z.number().optional(),
    /** Or a move from our current level in the client's favour ("2bp better", "再让0.25bp", "好一点"). */
    relative: RelativeCounterSchema.optional(),
    side: RfqSideSchema.optional(),
    rfqId: z.string().optional(),
    /** The trader confirmed a counter far from our quote. */
    confirmed: z.boolean().optional(),
  })
  .refine((v) => v.level !== undefined || v.relative !== undefined, { message: 'give a level or a relative move', path: ['level'] });

export async function counterQuote(input: z.infer<typeof CounterQuoteInputSchema>, ctx: ToolContext): Promise<CounterResult> {
  const env = dealingEnv(ctx);
  const now = ctx.now();
  // Expire a stale quote outside the transaction, so the refusal below does not roll it back.
  const target = await targetRfq(ctx, input.rfqId);
  const live = requireQuoted(target, 'counter');
  const side = sideFor(live, input.side);
  const dealt = dealtSideFor(live, side);
  const limits = limitsFor(env, live);
  const current = (dealt === 'bid' ? live.quote.bid : live.quote.offer) ?? live.quote.mid ?? 0;
  const dir = clientDirection(dealt, live.quote.levelType);
  const level =
    input.level ??
    roundToGrid(current + dir * fromUnits(input.relative?.amount ?? limits.maxStep, live.quote.levelType), live.quote.levelType);
  const away = Math.abs(toUnits(level - current, live.quote.levelType));
  const awayLimit = live.quote.unit === 'pips' ? env.confirmAwayPips : env.confirmAwayBp;
  if (!input.confirmed && away > awayLimit) {
    throw await askConfirmation(ctx, 'counter', { tool: 'counter_quote', args: { ...input, level, rfqId: live.id } }, {
      rfqId: live.id,
      level,
      current,
      away: Math.round(away * 100) / 100,
      unit: live.quote.unit,
      threshold: awayLimit,
    });
  }
  return once(ctx.storage, ctx.idempotencyKey, 'counter_quote', now, async (tx) => {
    const rfq = requireQuoted(await tx.rfqs.get(live.id), 'counter');
    const quote = rfq.quote;
    const maxDev = quote.unit === 'pips' ? env.settings.maxDeviationPips : env.settings.maxDeviationBp;
    const lt = quote.levelType === 'points' || quote.levelType === 'outright' || quote.levelType === 'rate' ? quote.levelType : 'yield';
    const sane = checkLevel(lt, level, quote.mid ?? level, maxDev);
    if (!sane.ok) throw refuse(`counter refused (level): ${sane.message}`, 'level', { ...sane.data, level });
    const d = evaluateCounter(quote, dealt, level, limits, rfq.negotiation.length);
    // The limit that stopped the desk, so the reply can state it without re-deriving it.
    const max = d.limit === 'step' ? limits.maxStep : d.limit === 'total' ? limits.maxTotal : d.limit === 'rounds' ? rfq.negotiation.length : null;
    const awaitingApproval = rfq.status === 'PENDING_APPROVAL';
    const needsApproval = awaitingApproval || quote.detail?.requiresApproval === true;
    const countered = await tx.rfqs.applyEvent(rfq, 'counter', now, ctx.user.id, { side }, { clientLevel: level, side, ...(input.relative ? { relative: input.relative } : {}) });
    const from = (dealt === 'bid' ? quote.bid : quote.offer) ?? d.level;
    const step: NegotiationStep = { at: now.toISOString(), side, clientLevel: level, from, to: d.level, outcome: d.outcome, step: d.step, total: d.total, unit: d.unit, reason: d.reason };
    const negotiation = [...rfq.negotiation, step];
    const decision = { outcome: d.outcome, clientLevel: level, level: d.level, step: d.step, total: d.total, unit: d.unit, limit: d.limit, max, dealt, reason: d.reason };
    const improved = d.outcome === 'improved';
    if (needsApproval && (improved || awaitingApproval)) {
      // New levels above the trader's authority: indicative again until a desk head approves them.
      const next: QuoteState = {
        ...quote,
        bid: dealt === 'bid' ? d.level : quote.bid,
        offer: dealt === 'offer' ? d.level : quote.offer,
        version: improved ? quote.version + 1 : quote.version,
        quotedAt: now.toISOString(),
        firm: false,
        validUntil: null,
        held: d.outcome === 'held' || quote.held,
        detail: {
          ...quote.detail,
          requiresApproval: true,
          approvalExpiresAt: improved || !awaitingApproval ? new Date(now.getTime() + env.approvalTtlSeconds * 1000).toISOString() : quote.detail?.approvalExpiresAt,
        },
      };
      const pending = await tx.rfqs.applyEvent(countered, 'request_approval', now, ctx.user.id, { quote: next, negotiation }, { ...step });
      const approval = improved || !awaitingApproval ? await requestApproval(tx, pending, ctx.identity, now, env.approvalTtlSeconds) : await tx.approvals.latestForRfq(pending.id);
      const notes = approval
        ? [{ code: 'approval_required', message: `desk-head approval ${approval.id} is needed before this level is firm`, data: { approvalId: approval.id, threshold: env.settings.approvalThreshold, expiresAt: approval.expiresAt } }]
        : [];
      return { rfq: rfqView(pending), decision, notes };
    }
    const ttl = env.settings.quoteTtlSeconds;
    // A held level on an approved quote stands as approved (same version, same validity).
    const keep = !improved && quote.detail?.requiresApproval === true;
    const next: QuoteState = keep
      ? { ...quote, held: true }
      : {
          ...quote,
          bid: dealt === 'bid' ? d.level : quote.bid,
          offer: dealt === 'offer' ? d.level : quote.offer,
          version: quote.version + 1,
          quotedAt: now.toISOString(),
          validUntil: quote.firm ? new Date(now.getTime() + ttl * 1000).toISOString() : null,
          held: d.outcome === 'held' || quote.held,
        };
    const moved = await tx.rfqs.applyEvent(countered, improved ? 'improve' : 'hold', now, ctx.user.id, { quote: next, negotiation }, { ...step });
    return { rfq: rfqView(moved), decision, notes: [] };
  });
}

export const counterQuoteTool = defineTool({
  name: 'counter_quote',
  description:
    "The client counters the thread's live quote, with a level (\"1.935 能给吗\") or a move in the client's favour (relative: { amount, unit }, \"2bp better\", amount null = a little). The desk improves only within the configured maximum concession per step and in total (by client tier); beyond that it holds its level and says why. A counter far from our quote is read back first (confirmed: true after the trader confirms).",
  input: CounterQuoteInputSchema,
  output: CounterResultSchema,
  sideEffects: true,
  execute: counterQuote,
});

async function alreadyBooked(stores: Stores, rfq: Rfq): Promise<AcceptResult> {
  const ticket = await stores.tickets.byRfq(rfq.id);
  return {
    outcome: 'already_booked',
    rfq: rfqView(rfq),
    ticket,
    fresh: null,
    message: `${rfq.id} is already ${rfq.status}${ticket ? ` as ${ticket.tradeId}` : ''}: nothing new booked`,
  };
}

/** A fresh quote for an RFQ that can no longer be dealt (expired, indicative, amended): a new RFQ linked to the old. */
async function freshQuote(ctx: ToolContext, tx: Stores, env: DealingEnv, rfq: Rfq, at: Date, over: { notional?: number; side?: RfqSide | null } = {}): Promise<QuoteResult> {
  return createAndQuote(ctx, tx, env, {
    instrument: storedRequest(rfq),
    side: over.side === undefined ? rfq.side : over.side,
    notional: over.notional ?? rfq.notional,
    settle: null,
    firm: true,
    clientId: rfq.client,
    how: 'previous',
    parentId: rfq.id,
  }, at);
}

interface AcceptInput {
  side?: RfqSide;
  level?: number;
  notional?: number;
  rfqId?: string;
}

async function accept(ctx: ToolContext, tx: Stores, env: DealingEnv, input: AcceptInput, now: Date): Promise<AcceptResult> {
  const found = input.rfqId ? await tx.rfqs.get(input.rfqId) : await tx.rfqs.latestForThread(ctx.thread);
  if (!found) throw refuse('no RFQ in this thread: ask for a quote first', 'no_active_rfq');
  let rfq = found;
  if (rfq.status === 'DONE') return alreadyBooked(tx, rfq);
  if (rfq.status === 'PENDING_APPROVAL') {
    const approval = await tx.approvals.latestForRfq(rfq.id);
    return {
      outcome: 'awaiting_approval',
      rfq: rfqView(rfq),
      ticket: null,
      fresh: null,
      message: `${rfq.id} is waiting for desk-head approval${approval ? ` ${approval.id}` : ''}: nothing booked; the firm price follows approval`,
      ...(approval ? { approvalId: approval.id } : {}),
    };
  }

  // Too late: refuse the stale price and offer a fresh one (a new RFQ linked to the old).
  if (isStale(rfq, now) || rfq.status === 'EXPIRED') {
    if (rfq.status !== 'EXPIRED') {
      rfq = await tx.rfqs.applyEvent(rfq, 'expire', now, ctx.user.id, { reason: `quote expired at ${rfq.quote?.validUntil}` });
    }
    const fresh = await freshQuote(ctx, tx, env, rfq, now, { side: rfq.side ?? input.side ?? null });
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

  // An indicative quote is never dealable. Market closed or stale data: say why, book nothing.
  // Indicative by request ("ind"): give a firm one (checks first) and ask to confirm.
  if (!live.quote.firm) {
    const q = await price(tx, env, { ...common, side: live.side ?? asked ?? null, firm: true }, now);
    const why = indicativeReasonOf(q);
    if (why) {
      return { outcome: 'indicative', rfq: rfqView(live), ticket: null, fresh: null, message: `nothing booked: ${live.id} is indicative only (${why.message})`, indicative: why };
    }
    if (q.refusal) throw refuse(`cannot firm up ${live.id} (${q.refusal.check}): ${q.refusal.message}`, q.refusal.check, { ...q.refusal.data, rfqId: live.id });
    const firmed = await tx.rfqs.applyEvent(live, 'requote', now, ctx.user.id, { quote: quoteState(q, request, live.quote), side: live.side ?? asked ?? null }, { firm: true });
    return { outcome: 'firmed_up', rfq: rfqView(firmed), ticket: null, fresh: null, message: `firm quote given on ${live.id}; confirm to deal` };
  }

  const side = sideFor(live, asked);
  if (live.side && asked && asked !== live.side) {
    throw refuse(`${live.id} is for the client to ${live.side}, not ${asked}: ask for a new quote`, 'side', { rfqId: live.id, quoted: live.side, asked });
  }
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
  // Above the trader's authority the firm quote exists only with an approval of exactly these economics.
  const approval = live.quote.detail?.requiresApproval === true ? await approvalHolds(tx, live) : null;
  if (live.quote.detail?.requiresApproval === true && (!approval || notional !== live.notional)) {
    throw refuse(`${live.id}: the desk head's approval does not cover this deal (quote or size changed): ask for a fresh quote`, 'approval_required', { rfqId: live.id });
  }
  // Final pre-deal checks (credit and limits may have moved since the quote).
  const final = await price(tx, env, { ...common, side, firm: true }, now);
  if (final.refusal) {
    const reason = `${final.refusal.check}: ${final.refusal.message}`;
    const rejected = await tx.rfqs.applyEvent(live, 'reject', now, ctx.user.id, { reason }, { check: final.refusal.check });
    return { outcome: 'rejected', rfq: rfqView(rejected), ticket: null, fresh: null, message: reason, refusal: { check: final.refusal.check, data: final.refusal.data ?? {} } };
  }
  const finalWhy = indicativeReasonOf(final);
  if (finalWhy) {
    return { outcome: 'indicative', rfq: rfqView(live), ticket: null, fresh: null, message: `nothing booked: the market is not dealable now (${finalWhy.message})`, indicative: finalWhy };
  }
  const accepted = await tx.rfqs.applyEvent(live, 'accept', now, ctx.user.id, { side }, { side, level, notional });
  const draft = ticketFor(env, accepted, side, level, notional, now);
  const ticket = await tx.tickets.insert({ ...draft, ...(approval ? { approver: approval.decidedBy, approvedAt: approval.decidedAt } : {}) }, now);
  const done = await tx.rfqs.applyEvent(accepted, 'book', now, ctx.user.id, {}, { tradeId: ticket.tradeId, ...(approval ? { approvalId: approval.id } : {}) });
  return { outcome: 'booked', rfq: rfqView(done), ticket, fresh: null, message: `booked ${ticket.tradeId}` };
}

export const acceptQuoteTool = defineTool({
  name: 'accept_quote',
  description:
    "The client deals on the thread's live quote (done / mine / yours / 给 / TKN / lift / hit). Within validity: final checks, then the ticket is booked (DONE). A repeated done books nothing new; an expired quote is refused and a fresh quote offered; an indicative quote books nothing (market closed or stale data) or is firmed up first; a quote waiting for desk-head approval books nothing.",
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
    return once(ctx.storage, ctx.idempotencyKey, 'accept_quote', now, (tx) => accept(ctx, tx, env, input, now));
  },
});

export const AmendQuoteInputSchema = z.object({
  notional: z.number().positive(),
  rfqId: z.string().optional(),
  confirmed: z.boolean().optional(),
});

export async function amendQuote(input: z.infer<typeof AmendQuoteInputSchema>, ctx: ToolContext): Promise<QuoteResult> {
  const env = dealingEnv(ctx);
  const now = ctx.now();
  const rfq = await targetRfq(ctx, input.rfqId);
  if (rfq.status !== 'QUOTED' && rfq.status !== 'PENDING_APPROVAL' && rfq.status !== 'EXPIRED') {
    throw refuse(`${rfq.id} is ${rfq.status}: there is no open quote to resize`, 'rfq_state', { rfqId: rfq.id, status: rfq.status });
  }
  const cny = notionalCny(env, input.notional, rfq.currency, storedRequest(rfq));
  if (!input.confirmed && cny > env.confirmAboveNotional) {
    throw await askConfirmation(ctx, 'size', { tool: 'amend_quote', args: { ...input, rfqId: rfq.id } }, {
      notional: input.notional,
      currency: rfq.currency,
      notionalCny: cny,
      threshold: env.confirmAboveNotional,
    });
  }
  // A new size is a new price and new checks: the old quote is closed and a fresh RFQ replaces it.
  const r = await once(ctx.storage, ctx.idempotencyKey, 'amend_quote', now, (tx) => freshQuote(ctx, tx, env, rfq, now, { notional: input.notional }));
  return refuseIfRejected(r);
}

export const amendQuoteTool = defineTool({
  name: 'amend_quote',
  description: "The client changes the size of the thread's open quote (\"make it 500mm\", \"改成3E\"): re-priced and re-checked as a fresh quote (limits, credit, approval threshold); a size above the read-back threshold needs confirmation.",
  input: AmendQuoteInputSchema,
  output: QuoteResultSchema,
  sideEffects: true,
  execute: amendQuote,
});

export const refreshQuoteTool = defineTool({
  name: 'refresh_quote',
  description: "Re-prices the thread's RFQ at the current market (\"refresh\", \"再报一下\"): a fresh quote linked to the old one, with new checks and a new validity.",
  input: z.object({ rfqId: z.string().optional() }),
  output: QuoteResultSchema,
  sideEffects: true,
  async execute(input, ctx) {
    const env = dealingEnv(ctx);
    const now = ctx.now();
    const rfq = await targetRfq(ctx, input.rfqId);
    if (rfq.status === 'DONE' || rfq.status === 'ACCEPTED') {
      throw refuse(`${rfq.id} is ${rfq.status}: it was dealt; ask for a new quote instead`, 'rfq_state', { rfqId: rfq.id, status: rfq.status });
    }
    return refuseIfRejected(await once(ctx.storage, ctx.idempotencyKey, 'refresh_quote', now, (tx) => freshQuote(ctx, tx, env, rfq, now)));
  },
});

export type { AcceptResult, QuoteResult };
