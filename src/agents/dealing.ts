/**
 * The dealing assistant (ChatDealing): chat RFQ → price → quote with TTL → negotiate → done → ticket.
 * Tools do all pricing, checks and persistence; the offline planner (or an LLM) only orchestrates.
 */
import { z } from 'zod';
import { TicketSchema } from '../dealing/booking/ticket.js';
import { RfqInstrumentSchema, RfqSideSchema } from '../dealing/rfq/model.js';
import { RfqStatusSchema } from '../dealing/rfq/state-machine.js';
import { defineAgent, type StateContext } from '../runtime/agent-spec.js';
import type { AnyTool } from '../runtime/tool.js';
import { approveQuoteTool, listApprovalsTool } from '../tools/dealing/approve-quote.js';
import { cancelRfqTool } from '../tools/dealing/cancel-rfq.js';
import { confirmTool } from '../tools/dealing/confirmation.js';
import {
  acceptQuoteTool,
  amendQuote,
  AmendQuoteInputSchema,
  amendQuoteTool,
  counterQuote,
  CounterQuoteInputSchema,
  counterQuoteTool,
  refreshQuoteTool,
  requestQuote,
  RequestQuoteInputSchema,
  requestQuoteTool,
} from '../tools/dealing/quote-tools.js';
import { expireIfStale } from '../tools/dealing/lifecycle.js';
import { findInstrumentTool, parseDealerMessageTool } from '../tools/dealing/parse-tool.js';
import { dealingPlanner } from '../tools/dealing/planner.js';
import { getRfqStatusTool, listBlotterTool } from '../tools/dealing/status-tools.js';

export const DEALING_SYSTEM_PROMPT = {
  zh: [
    '你是银行间市场交易台的交易助手（ChatDealing）。用户是本行交易员，转述对手方（客户）的询价。',
    '规则：',
    '1. 每条消息先调用 parse_dealer_message 解析；缺少必要信息（券、量）时向用户追问，绝不猜测。',
    '2. 报价只能来自 request_quote / counter_quote / accept_quote 的返回结果。绝不报出工具没有返回的价格、收益率、金额或日期。',
    '3. 询价用 request_quote；客户还价用 counter_quote（绝对价位 level，或相对移动 relative，如“再让0.25bp”）；改量用 amend_quote；刷新用 refresh_quote；done / mine / yours / 给 / TKN 用 accept_quote；撤 / ref 用 cancel_rfq(mode=cancel)；pass / 不做了 用 cancel_rfq(mode=pass)；“确认”用 confirm_pending。',
    '4. 当前询价由工具从数据库中查找，不要凭记忆指定。实盘报价有有效期（validUntil），过期后不能成交。',
    '5. 工具拒绝时，原样说明被拒原因（哪项检查未通过）。超过审批阈值的实盘报价须先由同一交易台的交易主管（另一位用户，凭本人令牌）调用 approve_quote 审批，审批前只能给参考价。',
    '6. 非交易消息礼貌回复，不创建询价。用中文回复，报价写明 bid/ofr、报价类型（收益率/利率/汇率/点）、实盘或意向、有效期。',
  ].join('\n'),
  en: [
    "You are the bank's dealing assistant (ChatDealing). The user is one of our traders relaying a counterparty's (client's) request.",
    'Rules:',
    '1. Parse every message with parse_dealer_message first; when a required slot (instrument, size) is missing, ask for it: never guess.',
    '2. Every price, yield, amount or date you state must come from a tool result (request_quote, counter_quote, accept_quote, get_rfq_status). Never state a price a tool did not return.',
    '3. Use request_quote for inquiries, counter_quote for client counters (an absolute level, or relative: { amount, unit } for "2bp better"), amend_quote for a new size, refresh_quote for "refresh", accept_quote for done / mine / yours / 给 / TKN / lift / hit, cancel_rfq(mode=cancel) for ref / 撤, cancel_rfq(mode=pass) for pass / nothing done, confirm_pending for "confirm".',
    "4. The thread's open RFQ is found by the tools in the database; do not invent ids. Firm quotes carry validUntil and cannot be dealt after it.",
    '5. When a tool refuses, say which check failed, verbatim. A firm quote above the approval threshold needs approve_quote by a desk head of the same desk (a different user, signed in with their own token) before it is shown; until then only indicative levels.',
    '6. Answer non-trade messages politely without creating an RFQ. Reply in English; quotes show bid/offer, level type, firm or indicative, and validity.',
  ].join('\n'),
} as const;

export const dealingTools: readonly AnyTool[] = [
  parseDealerMessageTool,
  findInstrumentTool,
  requestQuoteTool,
  counterQuoteTool,
  acceptQuoteTool,
  amendQuoteTool,
  refreshQuoteTool,
  cancelRfqTool,
  confirmTool({
    request_quote: (args, ctx) => requestQuote(RequestQuoteInputSchema.parse(args), ctx),
    counter_quote: (args, ctx) => counterQuote(CounterQuoteInputSchema.parse(args), ctx),
    amend_quote: (args, ctx) => amendQuote(AmendQuoteInputSchema.parse(args), ctx),
  }),
  getRfqStatusTool,
  approveQuoteTool,
  listApprovalsTool,
  listBlotterTool,
];

export const DealingQuoteStateSchema = z.object({
  bid: z.number().nullable(),
  offer: z.number().nullable(),
  levelType: z.string(),
  validUntil: z.string().nullable(),
  firm: z.boolean(),
});

export const DealingStateSchema = z.object({
  rfq: z
    .object({
      id: z.string(),
      status: RfqStatusSchema,
      client: z.string(),
      side: RfqSideSchema.nullable(),
      instrument: RfqInstrumentSchema,
      notional: z.number(),
      currency: z.string(),
      settle: z.string().nullable(),
      quote: DealingQuoteStateSchema.nullable(),
      reason: z.string().nullable(),
      /** The desk-head approval this RFQ's firm quote needs or rests on (above the threshold). */
      approval: z.object({ id: z.string(), status: z.string(), expiresAt: z.string(), decidedBy: z.string().nullable() }).nullable(),
    })
    .nullable(),
  trade: TicketSchema.nullable(),
});
export type DealingState = z.infer<typeof DealingStateSchema>;

/** The thread's RFQ and ticket, read from the database (a stale firm quote is expired first). */
export async function dealingState(ctx: Pick<StateContext, 'stores' | 'thread' | 'now' | 'user'>): Promise<DealingState> {
  const latest = await ctx.stores.rfqs.latestForThread(ctx.thread);
  if (!latest) return { rfq: null, trade: null };
  const rfq = await expireIfStale(ctx.stores, latest, ctx.now(), ctx.user.id);
  const approval = rfq.quote?.detail?.requiresApproval === true ? await ctx.stores.approvals.latestForRfq(rfq.id) : null;
  const q = rfq.quote;
  return {
    rfq: {
      id: rfq.id,
      status: rfq.status,
      client: rfq.client,
      side: rfq.side,
      instrument: rfq.instrument,
      notional: rfq.notional,
      currency: rfq.currency,
      settle: rfq.settle,
      quote: q ? { bid: q.bid, offer: q.offer, levelType: q.levelType, validUntil: q.validUntil, firm: q.firm } : null,
      reason: rfq.reason,
      approval: approval ? { id: approval.id, status: approval.status, expiresAt: approval.expiresAt, decidedBy: approval.decidedBy } : null,
    },
    trade: await ctx.stores.tickets.byRfq(rfq.id),
  };
}


export const dealingAgent = defineAgent({
  name: 'dealing',
  title: 'Dealing assistant (ChatDealing)',
  description: 'Chat RFQ for CNY rates, NCD, repo and USD/CNY: parse, price from curves, firm quote with TTL, negotiate within limits, book tickets.',
  roles: ['trader', 'desk_head'],
  defaultUser: 't.zhang',
  systemPrompt: DEALING_SYSTEM_PROMPT,
  tools: dealingTools,
  planner: dealingPlanner,
  state: dealingState,
  stateSchema: DealingStateSchema,
  settingsKey: 'dealing',
});
