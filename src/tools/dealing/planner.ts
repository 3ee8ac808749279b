/**
 * The dealing assistant's offline planner: parse the trader's line, then drive the RFQ tools and word
 * the reply from their results. Pure and deterministic: it reads only the transcript of this turn;
 * which RFQ a "done" or a counter applies to is found by the tools in the database.
 */
import { refusalOf } from './refusal.js';
import type { ParseResult } from '../../dealing/parser/schema.js';
import { turnResults, type Lang, type PlannerDecision, type PlannerInput, type TranscriptEntry } from '../../runtime/planner.js';
import type { Ticket } from '../../dealing/booking/ticket.js';
import type { ApprovalView } from './approve-quote.js';
import {
  replyAccept,
  replyApproval,
  replyApprovalList,
  replyQuestion,
  replyUnsupported,
  replyBlotter,
  replyCancel,
  replyCounter,
  replyMissing,
  replyNonTrade,
  replyQuote,
  replyRefusal,
  replyStatus,
  replyUnknownInstrument,
} from './replies.js';
import type { AcceptResult, CounterResult, QuoteResult, RfqView } from './views.js';

type ToolEntry = Extract<TranscriptEntry, { role: 'tool' }>;

const call = (name: string, args: Record<string, unknown>): PlannerDecision => ({ type: 'tools', calls: [{ name, args }] });
const reply = (text: string): PlannerDecision => ({ type: 'reply', text });

// `\b` only for the English verbs: it never matches after a Chinese word at the end of the line.
const APPROVE = /^\s*(?:(?:approve[d]?|ok to (?:book|quote))\b|批准|同意|审批通过)/i;
const REJECT_APPROVAL = /^\s*(reject(ed)?|decline|不批|拒绝)/i;
const LIST_APPROVALS = /^\s*((list|show|pending)\s+approvals?|approvals?\s*(queue|pending)?\??|待审批|审批列表|有什么要审批)\s*$/i;
const CONFIRM = /^\s*(confirm(ed)?|yes,? confirm(ed)?|确认(无误)?|对，?确认)\s*[.!。！]?\s*$/i;
const STATUS = /^\s*(status\??|rfq status|状态\??|询价状态|现在什么状态|where are we\??)\s*$/i;
const BLOTTER = /^\s*(blotter|show (the )?blotter|trades today|成交记录|今日成交)\s*\??\s*$/i;
const GREETING = /^\s*(hi|hello|hey|thanks|thank you|thx|你好|您好|谢谢|多谢)\b/i;

/** The parse as the planner reads it (results stored before the desk-trust fields lack them). */
type ParseView = ParseResult;

/** `for ACME`, `client ACME`, `客户 华信` — the counterparty the trader is asking for (fallback when the parse has none). */
export function extractClient(text: string): string | null {
  const en = /\b(?:for|client|cpty)\s+([A-Z][A-Za-z0-9&.-]{1,30})/.exec(text);
  if (en?.[1]) return en[1];
  const zh = /客户[:：\s]*([A-Za-z0-9\u4e00-\u9fa5]{2,20}?)(?=[\s,，。]|$)/.exec(text);
  return zh?.[1] ?? null;
}

/** A token that looks like a bond reference the parser could not place (code or short name). */
function unknownBondToken(p: ParseResult): string | null {
  if (p.instrument?.kind === 'bond' && p.instrument.code && !p.instrument.name) return p.instrument.code;
  for (const t of p.unparsed) {
    if (/^\d{6,9}(\.IB)?$/i.test(t) || /^\d{2}[\u4e00-\u9fa5]{2,8}\d{2,3}$/.test(t)) return t;
  }
  return null;
}

/** Slots we need before quoting. Side may be absent (two-way) and settlement defaults by product. */
function missingForQuote(p: ParseResult): string[] {
  const ignore = new Set(['side', 'settle', 'level', 'levelType', 'firm']);
  const out = p.missing.filter((m) => !ignore.has(m));
  if (!p.instrument && !out.includes('instrument')) out.push('instrument');
  if (p.notional === null && !out.includes('notional')) out.push('notional');
  return out;
}

function quoteArgs(p: ParseView, text: string): Record<string, unknown> {
  const args: Record<string, unknown> = {
    instrument: p.instrument,
    side: p.side,
    notional: p.notional,
    currency: p.currency,
    settle: p.settle,
    firm: p.firm,
  };
  if (p.level !== null) args.level = p.level;
  const client = p.client === undefined ? extractClient(text) : p.client;
  // The client's name is checked against the client master by the tool (closest names on a miss).
  if (client) args.client = client;
  return args;
}

function firstResult(results: ToolEntry[], name: string): ToolEntry | undefined {
  return results.find((r) => r.name === name);
}

function afterParse(p: ParseView, input: PlannerInput, lang: Lang): PlannerDecision {
  const text = input.userText;
  const bad = unknownBondToken(p);
  const action = p.action;
  if (p.unsupported && action !== 'question') return reply(replyUnsupported(p.unsupported, lang));
  switch (action) {
    case 'question':
      return reply(replyQuestion(lang));
    case 'amend':
      if (p.notional === null) return reply(replyMissing(['notional'], lang));
      return call('amend_quote', { notional: p.notional });
    case 'refresh':
      return call('refresh_quote', {});
    case 'confirm':
      return call('confirm_pending', {});
    case 'request': {
      if (p.side === 'pay' || p.side === 'receive') {
        return reply(lang === 'zh' ? '本台不做利率互换报价，未创建询价。' : 'This desk does not quote swaps (IRS) here; no RFQ created.');
      }
      if (bad && (!p.instrument || !p.instrument.name) && p.instrument?.kind !== 'ncd') return call('find_instrument', { query: bad });
      // "我买" / "收 1.84" with no instrument binds to the thread's open quote (conventions §2.4).
      if (!p.instrument && p.side) {
        return p.level !== null
          ? call('counter_quote', { level: p.level, side: p.side })
          : call('accept_quote', { side: p.side, ...(p.notional !== null ? { notional: p.notional } : {}) });
      }
      const missing = missingForQuote(p);
      if (missing.length) return reply(replyMissing(missing, lang));
      return call('request_quote', quoteArgs(p, text));
    }
    case 'counter': {
      const side = p.side === 'pay' || p.side === 'receive' || !p.side ? {} : { side: p.side };
      if (p.level !== null) return call('counter_quote', { level: p.level, ...side });
      if (p.relative) return call('counter_quote', { relative: p.relative, ...side });
      return reply(replyMissing(['level'], lang));
    }
    case 'accept':
      return call('accept_quote', { ...(p.side && p.side !== 'pay' && p.side !== 'receive' ? { side: p.side } : {}), ...(p.level !== null ? { level: p.level } : {}) });
    case 'cancel':
      return call('cancel_rfq', { mode: 'cancel' });
    case 'pass':
      return call('cancel_rfq', { mode: 'pass' });
    case 'none':
    default:
      if (bad) return call('find_instrument', { query: bad });
      if (!GREETING.test(text) && p.instrument && p.notional === null && p.missing.length) return reply(replyMissing(p.missing, lang));
      return reply(replyNonTrade(lang));
  }
}

/**
 * Reply language: the latest message's, except that a bare deal verb or level ("done", "mine",
 * "1.8375?") keeps the language the thread was speaking.
 */
export function replyLang(input: PlannerInput): Lang {
  const short = (t: string) => /^[\x00-\x7f]{1,16}$/.test(t.trim());
  if (input.lang === 'zh' || !short(input.userText)) return input.lang;
  const users = input.transcript.filter((e): e is Extract<TranscriptEntry, { role: 'user' }> => e.role === 'user');
  for (let i = users.length - 2; i >= 0; i--) {
    const text = users[i]!.text;
    if (/[\u3400-\u9fff]/.test(text)) return 'zh';
    if (!short(text)) return 'en';
  }
  return input.lang;
}

export function dealingPlanner(input: PlannerInput): PlannerDecision {
  const lang = replyLang(input);
  const text = input.userText.trim();
  const results = turnResults(input);
  const has = (t: string) => input.tools.includes(t);

  if (results.length === 0) {
    const approvalId = /\bAPR-\d{8}-\d{4}\b/i.exec(text)?.[0]?.toUpperCase();
    const rfqId = /\bRFQ-\d{8}-\d{4}\b/i.exec(text)?.[0]?.toUpperCase();
    const target = approvalId ? { approvalId } : rfqId ? { rfqId } : {};
    const reason = /(?:because|reason|原因|理由)[:：\s]+(.+)$/i.exec(text)?.[1]?.trim();
    if (has('list_approvals') && LIST_APPROVALS.test(text)) return call('list_approvals', {});
    if (has('approve_quote') && APPROVE.test(text)) {
      return approvalId || rfqId ? call('approve_quote', { decision: 'approve', ...target }) : call('list_approvals', {});
    }
    if (has('approve_quote') && REJECT_APPROVAL.test(text)) {
      return approvalId || rfqId ? call('approve_quote', { decision: 'reject', ...target, ...(reason ? { reason } : {}) }) : call('list_approvals', {});
    }
    if (has('confirm_pending') && CONFIRM.test(text)) return call('confirm_pending', {});
    if (STATUS.test(text)) return call('get_rfq_status', {});
    if (BLOTTER.test(text)) return call('list_blotter', {});
    if (!has('parse_dealer_message')) return reply(replyNonTrade(lang));
    return call('parse_dealer_message', { text });
  }

  const last = results[results.length - 1]!;
  if (!last.ok && last.name === 'counter_quote') {
    // The client's own level in the request was read back: show our quote with the question.
    const q = firstResult(results, 'request_quote');
    if (q?.ok) return reply(`${replyQuote(q.result as QuoteResult, lang)} ${replyRefusal(last.name, refusalOf(last), lang)}`);
  }
  if (!last.ok) {
    // A context-bound line with no open RFQ was really an incomplete inquiry: ask, don't guess.
    const parsed = firstResult(results, 'parse_dealer_message')?.result as ParseResult | undefined;
    if (parsed?.action === 'request' && /no RFQ in this thread/.test(last.error ?? '')) return reply(replyMissing(missingForQuote(parsed), lang));
    return reply(replyRefusal(last.name, refusalOf(last), lang));
  }

  switch (last.name) {
    case 'parse_dealer_message':
      return afterParse(last.result as ParseView, input, lang);
    case 'find_instrument': {
      const r = last.result as { query: string; matches: Array<{ code: string; name: string }> };
      return reply(replyUnknownInstrument(r.query, r.matches.map((m) => `${m.code} ${m.name}`), lang));
    }
    case 'request_quote': {
      const q = last.result as QuoteResult;
      const parsed = firstResult(results, 'parse_dealer_message')?.result as ParseResult | undefined;
      // A level in the request is the client's own level: treat it as an immediate counter.
      if (parsed && parsed.level !== null && q.rfq.status === 'QUOTED' && q.rfq.side && q.rfq.quote?.firm) {
        return call('counter_quote', { level: parsed.level, rfqId: q.rfq.id });
      }
      return reply(replyQuote(q, lang));
    }
    case 'counter_quote': {
      const c = last.result as CounterResult;
      const q = firstResult(results, 'request_quote')?.result as QuoteResult | undefined;
      return reply(replyCounter(c, lang, q?.notes ?? []));
    }
    case 'accept_quote':
      return reply(replyAccept(last.result as AcceptResult, lang));
    case 'cancel_rfq':
      return reply(replyCancel((last.result as { rfq: RfqView }).rfq, lang));
    case 'get_rfq_status': {
      const s = last.result as { rfq: RfqView | null; ticket: Ticket | null };
      return reply(replyStatus(s.rfq, s.ticket, lang));
    }
    case 'approve_quote': {
      const a = last.result as { approval: ApprovalView; rfq: RfqView };
      return reply(replyApproval(a.approval, a.rfq, lang));
    }
    case 'list_approvals':
      return reply(replyApprovalList((last.result as { approvals: ApprovalView[] }).approvals, lang));
    case 'amend_quote':
    case 'refresh_quote':
      return reply(replyQuote(last.result as QuoteResult, lang));
    case 'confirm_pending': {
      const c = last.result as { tool: string; result: unknown };
      if (c.tool === 'counter_quote') return reply(replyCounter(c.result as CounterResult, lang));
      return reply(replyQuote(c.result as QuoteResult, lang));
    }
    case 'list_blotter':
      return reply(replyBlotter((last.result as { tickets: Ticket[] }).tickets, lang));
    default:
      return reply(lang === 'zh' ? '完成。' : 'Done.');
  }
}
