/**
 * The offline planner's wording, zh and en. Every number shown comes from a tool result passed in:
 * nothing here prices or guesses.
 */
import type { Lang } from '../../runtime/planner.js';
import type { Ticket } from '../../dealing/booking/ticket.js';
import { fmtLevel, fmtMoney, fmtNotional, shanghaiTime } from './format.js';
import type { ParsedRefusal } from './refusal.js';
import { reasonText, refusalText } from './refusal-text.js';
import type { ApprovalView } from './approve-quote.js';
import type { AcceptResult, CounterResult, Note, QuoteResult, RfqView } from './views.js';

type Inst = RfqView['instrument'];

export { fmtLevel, fmtMoney, fmtNotional, shanghaiTime } from './format.js';

const BUCKET_ZH: Record<string, string> = { state_joint: '国股', state: '大行', joint_stock: '股份制', city: '城商', rural: '农商' };

export function instrumentLabel(i: Inst, lang: Lang): string {
  const zh = lang === 'zh';
  switch (i.kind) {
    case 'bond':
      if (i.name && i.code) return `${i.name} (${i.code})`;
      return [i.tenor, i.issuer, i.code].filter(Boolean).join(' ') || 'bond';
    case 'ncd': {
      const bucket = (zh ? BUCKET_ZH[i.issuer ?? ''] : undefined) ?? i.issuer ?? '';
      return zh ? `${i.tenor ?? ''} ${bucket} 同业存单`.trim() : `${i.tenor ?? ''} ${bucket} NCD`.trim();
    }
    case 'repo':
      return zh ? `${i.code ?? i.tenor ?? ''} 质押式回购`.trim() : `${i.code ?? i.tenor ?? ''} repo`.trim();
    case 'lending':
      return zh ? `${i.tenor ?? ''} 拆借`.trim() : `${i.tenor ?? ''} lending`.trim();
    case 'fx_spot':
      return zh ? 'USD/CNY 即期' : 'USD/CNY spot';
    case 'fx_forward':
      return zh ? `USD/CNY ${i.tenor ?? ''} 远期` : `USD/CNY ${i.tenor ?? ''} forward`;
    case 'fx_swap':
      return zh ? `USD/CNY ${i.tenor ?? ''} 掉期` : `USD/CNY ${i.tenor ?? ''} swap`;
    default:
      return i.name ?? i.code ?? i.kind;
  }
}

const LEVEL_ZH: Record<string, string> = { yield: '收益率', price: '净价', rate: '利率', outright: '汇率', points: '掉期点', spread: '利差' };

function sideText(side: RfqView['side'], lang: Lang): string {
  if (!side) return lang === 'zh' ? '双边' : 'two-way';
  const zh: Record<string, string> = { buy: '客户买入', sell: '客户卖出', borrow: '客户融入', lend: '客户融出' };
  const en: Record<string, string> = { buy: 'client buys', sell: 'client sells', borrow: 'client borrows', lend: 'client lends' };
  return (lang === 'zh' ? zh : en)[side] ?? side;
}

export function noteText(n: Note, lang: Lang): string {
  if (lang === 'en') return n.message;
  const d = n.data;
  switch (n.code) {
    case 'settle_rolled':
      return `结算日 ${String(d.from)} 非银行间营业日，已顺延至 ${String(d.to)}`;
    case 'default_client':
      return `未指明客户，按默认客户 ${String(d.client)} 报价`;
    case 'market_data_date':
      return `按 ${String(d.asOf)} 行情数据定价（交易日 ${String(d.tradeDate)}）`;
    case 'previous_client':
      return `沿用本会话客户 ${String(d.client)}`;
    case 'indicative':
      return '意向价，仅供参考，不可成交';
    case 'settle_default':
      return `未指明清算速度，默认 ${String(d.settle)}`;
    case 'approval_required':
      return `金额超过审批阈值，已提交交易主管审批 ${String(d.approvalId)}，审批通过前仅为参考价`;
    case 'stale_market_data':
      return `行情数据截至 ${String(d.asOf)}，已超过 ${String(d.maxAgeMinutes ?? '')} 分钟，仅给参考价`;
    case 'market_closed':
      return `${String(d.date ?? '')} 非银行间营业日（休市），仅给参考价${d.nextBusinessDay ? `，下一营业日 ${String(d.nextBusinessDay)}` : ''}`;
    case 'future_market_data':
      return `行情数据时间 ${String(d.asOf)} 晚于当前时间，仅给参考价`;
    default:
      return `提示（${n.code}）`;
  }
}

const UNIT_ZH: Record<string, string> = { cents: '分' };
const unitText = (u: string, lang: Lang) => (lang === 'zh' ? (UNIT_ZH[u] ?? u) : u);

const TICKET_STATUS_ZH: Record<string, string> = { booked: '已记账', pending_approval: '待审批', rejected: '已拒绝' };
const ticketStatus = (s: string, lang: Lang) => (lang === 'zh' ? (TICKET_STATUS_ZH[s] ?? s) : s);

/** Why the desk held: from the limit that stopped it and its value, as the counter tool reported. */
function heldReason(d: CounterResult['decision'], lang: Lang): string {
  const u = unitText(d.unit, lang);
  const zh = lang === 'zh';
  if (d.max === null || d.max === undefined) return zh ? '已达让价上限' : d.reason;
  switch (d.limit) {
    case 'step':
      return zh ? `还价需让 ${d.step}${u}，超过单次最大让价 ${d.max}${u}` : `counter asks ${d.step}${u}, above the max concession of ${d.max}${u} per step`;
    case 'total':
      return zh
        ? `较首次报价累计需让 ${d.total}${u}，超过累计最大让价 ${d.max}${u}`
        : `counter asks ${d.total}${u} off our first quote, above the max total concession of ${d.max}${u}`;
    case 'rounds':
      return zh ? `已还价 ${d.max} 次，我方价位为最终价` : `${d.max} counters already: our level is final`;
    default:
      return zh ? '已达让价上限' : d.reason;
  }
}

function quoteLine(v: RfqView, lang: Lang): string {
  const q = v.quote;
  const label = instrumentLabel(v.instrument, lang);
  const size = fmtNotional(v.notional, v.currency, lang);
  const settle = v.settle ?? '';
  if (!q) return `${label} ${size}`;
  const lt = q.levelType;
  const levels = `${fmtLevel(q.bid, lt)} / ${fmtLevel(q.offer, lt)}`;
  const pending = v.status === 'PENDING_APPROVAL';
  if (lang === 'zh') {
    const firm = q.firm ? `实盘，有效至 ${q.validUntil ? shanghaiTime(q.validUntil) : '—'}` : pending ? '参考价，待交易主管审批后给实盘' : '意向价（仅供参考）';
    return `${label} ${size}，结算 ${settle}，${sideText(v.side, lang)}：我方报价 ${levels}（${LEVEL_ZH[lt] ?? lt}，bid/ofr），${firm}。`;
  }
  const firm = q.firm ? `firm until ${q.validUntil ? shanghaiTime(q.validUntil) : '—'} (Shanghai)` : pending ? 'indicative, firm after desk-head approval' : 'indicative only';
  return `${label} ${size}, settle ${settle}, ${sideText(v.side, lang)}: we quote ${levels} (${lt}, bid/offer), ${firm}.`;
}

function notesLine(notes: Note[], lang: Lang): string {
  if (!notes.length) return '';
  return ' ' + notes.map((n) => noteText(n, lang)).join(lang === 'zh' ? '；' : '; ') + (lang === 'zh' ? '。' : '.');
}

export function replyQuote(r: QuoteResult, lang: Lang): string {
  if (r.rfq.status === 'PENDING_APPROVAL') {
    const head = lang === 'zh' ? `${r.rfq.id} 待审批（PENDING_APPROVAL）：` : `${r.rfq.id} PENDING_APPROVAL: `;
    const tail = lang === 'zh' ? ' 审批通过后给出实盘（有效期自审批起算）；此前回 done 不会成交。' : ' The firm quote follows approval (validity runs from then); a done before that books nothing.';
    return `${head}${quoteLine(r.rfq, lang)}${notesLine(r.notes, lang)}${tail}`.trim();
  }
  const indicative = r.notes.find((n) => n.code === 'stale_market_data' || n.code === 'market_closed' || n.code === 'future_market_data');
  if (indicative && !r.rfq.quote?.firm) {
    const tail = lang === 'zh' ? ' 参考价不可成交。' : ' Indicative prices cannot be dealt.';
    return `${quoteLine(r.rfq, lang)}${notesLine(r.notes, lang)}${tail}`.trim();
  }
  const tail = r.rfq.quote?.firm
    ? lang === 'zh'
      ? ' 成交请回 done / 给 / TKN，还价请报价位。'
      : ' Reply done / mine / yours to deal, or counter with a level.'
    : lang === 'zh'
      ? ' 如需实盘请回 done 以确认实盘。'
      : ' Say done to get a firm quote.';
  return `${quoteLine(r.rfq, lang)}${notesLine(r.notes, lang)}${tail}`.trim();
}

export function replyCounter(r: CounterResult, lang: Lang, notes: Note[] = []): string {
  const d = r.decision;
  const lt = r.rfq.quote?.levelType ?? 'yield';
  const lvl = fmtLevel(d.level, lt);
  const cl = fmtLevel(d.clientLevel, lt);
  let head: string;
  if (d.outcome === 'improved') {
    head = lang === 'zh' ? `可以，${cl} 能做（让 ${d.step}${unitText(d.unit, lang)}）。` : `OK, we can work ${cl} (improved ${d.step}${d.unit}).`;
  } else if (d.outcome === 'held') {
    head =
      lang === 'zh'
        ? `${cl} 做不了，我方坚持 ${lvl}（最后一口价；${heldReason(d, lang)}）。`
        : `We hold ${lvl} — cannot go to ${cl} (final; ${heldReason(d, lang)}).`;
  } else {
    head = lang === 'zh' ? `我方 ${lvl} 已优于 ${cl}，可按 ${lvl} 成交。` : `Our ${lvl} is already better than ${cl} for you — dealable at ${lvl}.`;
  }
  return `${head} ${quoteLine(r.rfq, lang)}${notesLine([...notes, ...r.notes], lang)}`.trim();
}

function ticketLine(t: Ticket, lang: Lang): string {
  const label = instrumentLabel(t.instrument, lang);
  const size = fmtNotional(t.notional, t.currency, lang);
  const lvl = fmtLevel(t.level, t.levelType);
  const prices =
    t.clean !== null
      ? lang === 'zh'
        ? `，净价 ${t.clean.toFixed(4)}，应计利息 ${t.accrued?.toFixed(4) ?? '—'}，全价 ${t.fullPrice?.toFixed(4) ?? '—'}`
        : `, clean ${t.clean.toFixed(4)}, accrued ${t.accrued?.toFixed(4) ?? '—'}, full ${t.fullPrice?.toFixed(4) ?? '—'}`
      : '';
  if (lang === 'zh') {
    return `${t.tradeId}：${t.client} ${sideText(t.side, lang).replace('客户', '')} ${label} ${size} @ ${lvl}${prices}，结算金额 ${fmtMoney(t.settlementAmount)}，结算日 ${t.settleDate ?? '—'}`;
  }
  return `${t.tradeId}: ${t.client} ${sideText(t.side, lang).replace('client ', '')} ${label} ${size} @ ${lvl}${prices}, settlement amount ${fmtMoney(t.settlementAmount)}, settle ${t.settleDate ?? '—'}`;
}

export function replyAccept(r: AcceptResult, lang: Lang): string {
  switch (r.outcome) {
    case 'booked': {
      const t = r.ticket!;
      const approved = t.approver ? (lang === 'zh' ? `（交易主管 ${t.approver} 已审批）` : ` (approved by desk head ${t.approver})`) : '';
      return lang === 'zh' ? `成交 DONE，已记账${approved}。${ticketLine(t, lang)}。` : `Done, booked${approved}. ${ticketLine(t, lang)}.`;
    }
    case 'awaiting_approval':
      return lang === 'zh'
        ? `未成交：${r.rfq.id} 正等待交易主管审批${r.approvalId ? `（${r.approvalId}）` : ''}（PENDING_APPROVAL），审批前仅为参考价，不记账。审批通过后给出实盘，再回 done 成交。`
        : `Nothing booked: ${r.rfq.id} is waiting for desk-head approval${r.approvalId ? ` (${r.approvalId})` : ''} (PENDING_APPROVAL); until then the levels are indicative. Once approved the quote is firm — say done again to deal.`;
    case 'indicative': {
      const why = r.indicative ? noteText({ code: r.indicative.code, message: r.indicative.message, data: r.indicative.data }, lang) : r.message;
      return lang === 'zh' ? `未成交，未记账：${r.rfq.id} 仅为参考价（${why}）。` : `Nothing booked: ${r.rfq.id} is indicative only (${why}).`;
    }
    case 'already_booked':
      return lang === 'zh'
        ? `该笔已成交（${r.rfq.status}），不重复记账：${r.ticket ? r.ticket.tradeId : r.rfq.id}。`
        : `Already done (${r.rfq.status}) — booked once as ${r.ticket ? r.ticket.tradeId : r.rfq.id}, nothing new booked.`;
    case 'expired': {
      const fresh = r.fresh ? replyQuote(r.fresh, lang) : lang === 'zh' ? '暂无法重新报价。' : 'No fresh quote available.';
      return lang === 'zh'
        ? `报价已过期（风险自担），不能按原价成交。新报价：${fresh}`
        : `Quote expired — your risk, cannot deal on it. Fresh quote: ${fresh}`;
    }
    case 'rejected': {
      const why = r.refusal ? refusalText({ message: r.message, check: r.refusal.check, data: r.refusal.data }, lang) : reasonText(r.message, lang);
      return lang === 'zh' ? `无法成交（REJECTED）：${why}` : `Cannot deal (REJECTED): ${why}`;
    }
    case 'firmed_up':
      return lang === 'zh'
        ? `原报价为意向价，现给出实盘：${quoteLine(r.rfq, lang)} 确认请回 done。`
        : `That was indicative; firm now: ${quoteLine(r.rfq, lang)} Say done to deal.`;
  }
}

export function replyStatus(rfq: RfqView | null, ticket: Ticket | null, lang: Lang): string {
  if (!rfq) return lang === 'zh' ? '本会话没有询价。' : 'No RFQ in this thread.';
  const head = lang === 'zh' ? `${rfq.id} 状态 ${rfq.status}。` : `${rfq.id} is ${rfq.status}.`;
  const body = rfq.quote ? ' ' + quoteLine(rfq, lang) : '';
  const t = ticket ? ' ' + ticketLine(ticket, lang) + (lang === 'zh' ? `（${ticketStatus(ticket.status, lang)}）` : ` (${ticket.status})`) : '';
  const why = rfq.reason ? (lang === 'zh' ? ` 原因：${reasonText(rfq.reason, lang)}` : ` Reason: ${rfq.reason}`) : '';
  return `${head}${body}${t}${why}`.trim();
}

export function replyCancel(rfq: RfqView, lang: Lang): string {
  if (rfq.status === 'NOTHING_DONE') return lang === 'zh' ? `好的，本次不做（NOTHING_DONE），${rfq.id}。` : `Understood, nothing done (NOTHING_DONE) on ${rfq.id}.`;
  return lang === 'zh' ? `已撤价（CANCELLED），${rfq.id}。` : `Quote withdrawn (CANCELLED) on ${rfq.id}.`;
}

export function replyApproval(approval: ApprovalView, rfq: RfqView, lang: Lang): string {
  if (approval.status === 'approved') {
    return lang === 'zh'
      ? `已批准 ${approval.id}（${approval.decidedBy}）：${rfq.id} 现为实盘报价，交易员可回复客户。${quoteLine(rfq, lang)}`
      : `Approved ${approval.id} (${approval.decidedBy}): ${rfq.id} is now a firm quote the trader may show. ${quoteLine(rfq, lang)}`;
  }
  return lang === 'zh' ? `已拒绝 ${approval.id}，${rfq.id} 状态 ${rfq.status}。` : `Rejected ${approval.id}; ${rfq.id} is ${rfq.status}.`;
}

function approvalLine(a: ApprovalView, lang: Lang): string {
  const e = a.economics as { instrument?: RfqView['instrument']; notional?: number; currency?: string; client?: string; bid?: number | null; offer?: number | null; levelType?: string };
  const label = e.instrument ? instrumentLabel(e.instrument, lang) : a.rfqId;
  const size = typeof e.notional === 'number' ? fmtNotional(e.notional, e.currency ?? 'CNY', lang) : '';
  const lt = e.levelType ?? 'yield';
  const levels = `${fmtLevel(e.bid ?? null, lt)} / ${fmtLevel(e.offer ?? null, lt)}`;
  return lang === 'zh'
    ? `${a.id}：${a.requestedBy} 为 ${e.client ?? '—'} 报 ${label} ${size} ${levels}（${a.rfqId}，${shanghaiTime(a.expiresAt)} 前有效）`
    : `${a.id}: ${a.requestedBy} quoting ${e.client ?? '—'} ${label} ${size} ${levels} (${a.rfqId}, decide by ${shanghaiTime(a.expiresAt)})`;
}

export function replyApprovalList(approvals: ApprovalView[], lang: Lang): string {
  if (!approvals.length) return lang === 'zh' ? '没有待您审批的请求。' : 'Nothing is waiting for your approval.';
  const head = lang === 'zh' ? `待审批（${approvals.length}）——请按编号批准，如“批准 ${approvals[0]!.id}”：` : `Waiting for approval (${approvals.length}) — approve by id, e.g. "approve ${approvals[0]!.id}":`;
  return [head, ...approvals.map((a) => `- ${approvalLine(a, lang)}`)].join('\n');
}

export function replyQuestion(lang: Lang): string {
  return lang === 'zh'
    ? '这是行情问题，不是询价：本助手不提供历史收盘价，也未创建询价。如需报价，请发送券、量和方向，例如“5年国开 1E 出”。'
    : 'That is a market question, not an inquiry: I do not give closing levels, and no RFQ was created. For a quote send instrument, size and side, e.g. "bid 5y CDB 1bn".';
}

export function replyUnsupported(what: string, lang: Lang): string {
  const list = lang === 'zh'
    ? '国债、政策性金融债、地方债、同业存单、质押式回购、拆借，以及 USD/CNY 即期、远期、掉期'
    : 'CGB / policy-bank / local-government bonds, NCDs, pledged repo, interbank lending, and USD/CNY spot, forwards and swaps';
  return lang === 'zh' ? `本台不做 ${what} 报价，未创建询价。可报价品种：${list}。` : `This desk does not quote ${what}; no RFQ created. Supported: ${list}.`;
}

export function replyBlotter(tickets: Ticket[], lang: Lang): string {
  if (!tickets.length) return lang === 'zh' ? '成交记录为空。' : 'The blotter is empty.';
  const lines = tickets.map((t) => `- ${ticketLine(t, lang)} [${ticketStatus(t.status, lang)}]`);
  return (lang === 'zh' ? `成交记录（${tickets.length} 笔）：\n` : `Blotter (${tickets.length}):\n`) + lines.join('\n');
}

const SLOT_ZH: Record<string, string> = {
  notional: '量（金额）',
  instrument: '券 / 品种',
  'instrument.tenor': '期限',
  'instrument.issuer': '发行人',
  side: '方向',
  level: '价位',
  settle: '清算速度',
  currency: '币种',
  levelType: '价位类型',
  firm: '实盘 / 意向',
  'instrument.code': '券码',
};
const SLOT_EN: Record<string, string> = {
  notional: 'size (notional)',
  instrument: 'instrument',
  'instrument.tenor': 'tenor',
  'instrument.issuer': 'issuer',
  side: 'side',
  level: 'level',
  settle: 'settlement',
};

export function replyMissing(slots: string[], lang: Lang): string {
  const names = slots.map((s) => (lang === 'zh' ? (SLOT_ZH[s] ?? '其他要素') : (SLOT_EN[s] ?? s)));
  return lang === 'zh'
    ? `请补充：${names.join('、')}。信息不全，暂不报价（未创建询价）。`
    : `Please give the ${names.join(', ')} — I will not guess, so no quote yet (no RFQ created).`;
}

export function replyUnknownInstrument(ref: string, closest: string[], lang: Lang): string {
  const list = closest.length ? closest.join(', ') : lang === 'zh' ? '无' : 'none';
  return lang === 'zh'
    ? `未知债券：找不到债券 ${ref}。最接近的：${list}。未创建询价。`
    : `unknown bond ${ref}. Closest matches: ${list}. No RFQ created.`;
}

export function replyNonTrade(lang: Lang): string {
  return lang === 'zh'
    ? '您好，我是交易助手，负责询价、报价和成交记账。请发送询价，例如“220205 给个双边 5kw”或“DR007 1.52 出 5E”。本条消息未创建询价。'
    : 'Hello, I am the dealing assistant: I quote, negotiate and book RFQs. Send an inquiry such as "CGB 10s two-way in 500mm pls". No RFQ was created for this message.';
}

export function replyRefusal(tool: string, refusal: ParsedRefusal, lang: Lang): string {
  const what: Record<string, [string, string]> = {
    request_quote: ['无法报价', 'Cannot quote'],
    counter_quote: ['无法还价', 'Cannot take the counter'],
    accept_quote: ['无法成交', 'Cannot deal'],
    cancel_rfq: ['无法撤价', 'Cannot cancel'],
    approve_quote: ['无法审批', 'Cannot approve'],
    list_approvals: ['无法查询审批', 'Cannot list approvals'],
    amend_quote: ['无法改量', 'Cannot change the size'],
    refresh_quote: ['无法刷新报价', 'Cannot refresh the quote'],
    confirm_pending: ['无法确认', 'Cannot confirm'],
    get_rfq_status: ['无法查询', 'Cannot get the status'],
    list_blotter: ['无法查询成交记录', 'Cannot list the blotter'],
    parse_dealer_message: ['无法解析', 'Cannot read the message'],
    find_instrument: ['无法查找券', 'Cannot look up the instrument'],
  };
  const [zh, en] = what[tool] ?? ['失败', 'Failed'];
  const text = refusalText(refusal, lang);
  // A read-back is a question, not a failure.
  if (refusal.check === 'confirm_required') return text;
  return lang === 'zh' ? `${zh}：${text}` : `${en}: ${text}`;
}
