/**
 * `finagent/dealing`: the pure dealing libraries — CFETS pricing (yield↔price, accrued, durations,
 * money, curves, FX, the interbank calendar), market data loaders, the dealer-chat parser, the quote
 * engine with pre-trade checks, the RFQ state machine and negotiation rules, and booking exports.
 * No LangChain, no storage: the assistant (`dealingAgent`) is exported from the root package's loaders.
 */
export * as pricing from './pricing/index.js';
export * as market from './market/index.js';
export * as parser from './parser/index.js';
export * as quote from './quote/index.js';
export * as exports from './booking/export/index.js';
export { parseDealerMessage, ParseResultSchema, type ParseResult } from './parser/index.js';
export { buildQuote, QuoteSchema, type Quote } from './quote/index.js';
export { loadMarketData, type MarketData } from './market/index.js';
export { RFQ_STATUSES, RFQ_EVENTS, TRANSITIONS, RfqStatusSchema, RfqEventSchema, nextStatus, transition, isTerminal, allowedEvents, type RfqStatus, type RfqEvent } from './rfq/state-machine.js';
export { RfqSchema, QuoteStateSchema, RfqInstrumentSchema, RfqSideSchema, rfqIdFor, shanghaiDate, type Rfq, type NewRfq, type RfqPatch, type QuoteState } from './rfq/model.js';
export { evaluateCounter, clientDirection, unitFor, type CounterDecision, type ConcessionLimits, type DealtSide } from './rfq/negotiation.js';
export { TicketSchema, TicketStatusSchema, tradeIdFor, type Ticket, type NewTicket } from './booking/ticket.js';
