/**
 * Refusals worded per language from their check code and figures (see refusal.ts). Every number is
 * one the tool reported; this module only formats it. Unknown codes fall back to a generic sentence
 * naming the code, so a Chinese reply never carries an English sentence.
 */
import type { Lang } from '../../runtime/planner.js';
import type { RefusalData } from './refusal.js';
import { fmtNotional, shanghaiTime } from './format.js';

const PRODUCT: Record<string, [string, string]> = {
  bond: ['债券', 'bonds'],
  ncd: ['同业存单', 'NCDs'],
  repo: ['质押式回购', 'repo'],
  lending: ['拆借', 'interbank lending'],
  fx_spot: ['外汇即期', 'FX spot'],
  fx_forward: ['外汇远期', 'FX forwards'],
  fx_swap: ['外汇掉期', 'FX swaps'],
};
const DESK_ZH: Record<string, string> = { rates: '利率交易台', fx: '外汇交易台' };
const SIDE: Record<string, [string, string]> = {
  buy: ['买入', 'buy'],
  sell: ['卖出', 'sell'],
  borrow: ['融入', 'borrow'],
  lend: ['融出', 'lend'],
};
const LEVEL_TYPE: Record<string, [string, string]> = {
  yield: ['收益率', 'yield'],
  rate: ['利率', 'rate'],
  outright: ['汇率', 'outright'],
  points: ['掉期点', 'points'],
  price: ['净价', 'price'],
};

const str = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const pick = (table: Record<string, [string, string]>, key: unknown, lang: Lang): string => {
  const row = table[str(key)];
  return row ? row[lang === 'zh' ? 0 : 1] : str(key);
};

function amount(v: unknown, ccy: unknown, lang: Lang): string {
  const n = num(v);
  return n === null ? '—' : fmtNotional(n, typeof ccy === 'string' ? ccy : 'CNY', lang);
}

/** One sentence for a refusal, or null when the code has no wording here (the caller falls back). */
function sentence(check: string, d: RefusalData, lang: Lang): string | null {
  const zh = lang === 'zh';
  const ccy = d.currency;
  switch (check) {
    case 'client_active':
      return zh ? `客户 ${str(d.client)} 未启用交易` : `client ${str(d.client)} is not active for trading`;
    case 'credit_line': {
      const [e, f, l, u] = [d.exposure, d.free, d.line, d.used].map((x) => amount(x, ccy, lang));
      return zh
        ? `客户 ${str(d.client)} 授信额度不足：本笔占用 ${e}，可用额度 ${f}（总额度 ${l}，已用 ${u}）`
        : `credit line ${str(d.client)}: ${e} exceeds the free line ${f} (line ${l}, used ${u})`;
    }
    case 'trader_product':
      if (d.desk === null || d.desk === undefined) {
        return zh ? `交易员 ${str(d.trader)} 未配置交易限额` : `trader ${str(d.trader)} has no dealing limits configured`;
      }
      return zh
        ? `交易员 ${str(d.trader)}（${DESK_ZH[str(d.desk)] ?? str(d.desk)}）无权交易${pick(PRODUCT, d.product, lang)}`
        : `trader ${str(d.trader)} (desk ${str(d.desk)}) is not permitted to trade ${pick(PRODUCT, d.product, lang)}`;
    case 'trader_per_trade': {
      const [n, l] = [d.notional, d.limit].map((x) => amount(x, ccy, lang));
      return zh ? `${n} 超过交易员 ${str(d.trader)} 的单笔限额 ${l}` : `${n} exceeds trader ${str(d.trader)}'s per-trade limit ${l}`;
    }
    case 'trader_daily': {
      const [a, u, l] = [d.after, d.used, d.limit].map((x) => amount(x, ccy, lang));
      return zh
        ? `当日累计将达 ${a}（已用 ${u}），超过交易员 ${str(d.trader)} 的日限额 ${l}`
        : `daily notional would reach ${a} (used ${u}), over trader ${str(d.trader)}'s daily limit ${l}`;
    }
    case 'desk_dv01': {
      const f = (x: unknown) => `${num(x)?.toLocaleString('en-US') ?? '—'} CNY/bp`;
      return zh
        ? `${DESK_ZH[str(d.desk)] ?? str(d.desk)} 交易后 DV01 将达 ${f(d.after)}（当前 ${f(d.current)}），超过上限 ${f(d.limit)}`
        : `desk ${str(d.desk)} DV01 would reach ${f(d.after)} (now ${f(d.current)}), over the limit ${f(d.limit)}`;
    }
    case 'desk_net_open': {
      const [a, l] = [d.after, d.limit].map((x) => amount(x, 'USD', lang));
      return zh
        ? `${DESK_ZH[str(d.desk)] ?? str(d.desk)} 美元净敞口将达 ${a}，超过上限 ${l}`
        : `desk ${str(d.desk)} net open USD would reach ${a}, over the limit ${l}`;
    }
    case 'min_size': {
      const [n, m] = [d.notional, d.min].map((x) => amount(x, ccy, lang));
      return zh
        ? `${n} 低于${pick(PRODUCT, d.product, lang)}市场最小交易量 ${m}`
        : `${n} is below the ${pick(PRODUCT, d.product, lang)} market minimum of ${m}`;
    }
    case 'size_step': {
      const [n, s] = [d.notional, d.step].map((x) => amount(x, ccy, lang));
      return zh
        ? `${n} 不是${pick(PRODUCT, d.product, lang)}交易单位 ${s} 的整数倍`
        : `${n} is not a multiple of the ${pick(PRODUCT, d.product, lang)} size step ${s}`;
    }
    case 'level': {
      const lt = pick(LEVEL_TYPE, d.levelType, lang);
      if (d.kind === 'nan') return zh ? '价位不是有效数字' : 'the level is not a number';
      if (d.kind === 'negative' || d.kind === 'zero') {
        const what = d.kind === 'negative' ? (zh ? '为负数' : 'negative') : zh ? '为零' : 'zero';
        return zh ? `价位 ${str(d.level)} ${what}，不是有效的${lt}` : `level ${str(d.level)} is ${what}: not a valid ${lt}`;
      }
      if (d.kind === 'band') {
        const unit = str(d.unit);
        return zh
          ? `价位 ${str(d.level)} ${d.direction === 'above' ? '高于' : '低于'}曲线中值 ${str(d.mid)} 达 ${str(d.deviation)}${unit}，超出 ${str(d.band)}${unit} 的合理区间`
          : `level ${str(d.level)} is ${str(d.deviation)}${unit} ${str(d.direction)} the curve mid ${str(d.mid)}, beyond the ${str(d.band)}${unit} sanity band`;
      }
      return null;
    }
    case 'quote_expired': {
      const at = typeof d.validUntil === 'string' ? shanghaiTime(d.validUntil) : '—';
      return zh ? `${str(d.rfqId)} 报价已于 ${at} 过期，请重新询价` : `${str(d.rfqId)}: the quote expired at ${at} (Shanghai) — ask for a fresh quote`;
    }
    case 'rfq_state':
      if (d.rfqId === undefined) return zh ? '该询价没有保存的定价请求，请重新询价' : 'this RFQ has no stored pricing request; ask for a fresh quote';
      return zh
        ? `${str(d.rfqId)} 当前状态 ${str(d.status)}，没有可操作的有效报价`
        : `${str(d.rfqId)} is ${str(d.status)}: there is no live quote to act on`;
    case 'no_active_rfq':
      return zh ? '本会话没有询价，请先询价（例如“220205 给个双边 5kw”）' : 'no RFQ in this thread: ask for a quote first (e.g. "220205 two-way 50mm")';
    case 'rfq_thread':
      return zh ? `${str(d.rfqId)} 属于其他会话` : `${str(d.rfqId)} belongs to another thread`;
    case 'rfq_not_found':
      return zh ? `找不到询价 ${str(d.rfqId)}` : `no RFQ with id ${str(d.rfqId)}`;
    case 'side':
      if (d.quoted !== undefined) {
        return zh
          ? `${str(d.rfqId)} 的报价方向是客户${pick(SIDE, d.quoted, lang)}，不是${pick(SIDE, d.asked, lang)}，请重新询价`
          : `${str(d.rfqId)} is for the client to ${pick(SIDE, d.quoted, lang)}, not ${pick(SIDE, d.asked, lang)}: ask for a new quote`;
      }
      if (d.dealt !== undefined) {
        return zh
          ? `${str(d.rfqId)} 没有${d.dealt === 'bid' ? '买价（bid）' : '卖价（ofr）'}可成交`
          : `${str(d.rfqId)} has no ${str(d.dealt)} to deal on`;
      }
      return zh
        ? `${str(d.rfqId)} 是双边报价，请说明客户方向（mine/TKN = 买入，yours/给 = 卖出；回购：融入/融出）`
        : `${str(d.rfqId)} is a two-way quote: which side does the client deal on? (mine/TKN = buy, yours = sell; repo: borrow/lend)`;
    case 'size': {
      const [n, q] = [d.notional, d.quoted].map((x) => amount(x, ccy, lang));
      return zh ? `成交量 ${n} 超过报价量 ${q}，请按新的量重新询价` : `size ${n} exceeds the quoted ${q}: ask for a new quote for the larger size`;
    }
    case 'level_mismatch': {
      const ours = num(d.ours);
      const o = ours === null ? '—' : String(ours);
      return zh
        ? `价位 ${str(d.level)} 不是我方${d.dealt === 'bid' ? '买价（bid）' : '卖价（ofr）'} ${o}（${str(d.rfqId)}），可以还价，或按 ${o} 成交`
        : `level ${str(d.level)} is not our ${str(d.dealt)} ${o} on ${str(d.rfqId)}: counter it, or deal at ${o}`;
    }
    case 'ticket_not_found':
      if (d.status !== undefined) {
        return zh ? `${str(d.rfqId)} 状态 ${str(d.status)}，没有待审批的成交单` : `${str(d.rfqId)} is ${str(d.status)}: it has no ticket to approve`;
      }
      return zh ? `找不到成交单 ${str(d.rfqId ?? d.tradeId)}` : `no ticket ${str(d.rfqId ?? d.tradeId)}`;
    case 'ticket_state':
      return zh ? `成交单 ${str(d.tradeId)} 不在待审批状态` : `ticket ${str(d.tradeId)} is not pending approval`;
    case 'four_eyes':
      return zh
        ? `四眼原则：${str(d.trader)} 是 ${str(d.approvalId ?? d.tradeId)} 的申请人，不能自己审批，需同一交易台的另一位交易主管审批`
        : `four-eyes check failed: ${str(d.trader)} asked for ${str(d.approvalId ?? d.tradeId)} and cannot approve it; another desk head must`;
    case 'identity':
      return zh
        ? `审批须凭本人令牌证明身份（FINAGENT_TOKEN 或服务登录），仅报用户名 ${str(d.user)} 不够`
        : `approval needs a proven identity: sign in with your own token (FINAGENT_TOKEN, or the service); the name ${str(d.user)} is not enough`;
    case 'desk':
      return zh
        ? `${str(d.approvalId)} 只能由 ${DESK_ZH[str(d.desk)] ?? str(d.desk)} 的交易主管审批`
        : `only a desk head of desk ${str(d.desk)} may approve ${str(d.approvalId)}`;
    case 'approval_not_found':
      return zh ? `找不到审批请求 ${str(d.approvalId)}` : `no approval request ${str(d.approvalId)}`;
    case 'approval_state':
      return zh ? `${str(d.approvalId)} 已是 ${str(d.status)} 状态，无需再审批` : `${str(d.approvalId)} is ${str(d.status)}: nothing to decide`;
    case 'approval_expired':
      return zh ? `${str(d.approvalId)} 已于 ${shanghaiTime(str(d.expiresAt))} 过期，请交易员重新询价` : `${str(d.approvalId)} lapsed at ${shanghaiTime(str(d.expiresAt))} (Shanghai): the trader must ask for a fresh quote`;
    case 'approval_stale':
      return zh ? `${str(d.approvalId)} 与 ${str(d.rfqId)} 当前报价不符（报价已变），未批准` : `${str(d.approvalId)} no longer matches ${str(d.rfqId)} (the quote changed): nothing approved`;
    case 'approval_id':
      return zh ? '请指明审批编号（如“批准 APR-20251226-0001”）；发“待审批”可查看列表' : 'name the approval to decide (e.g. "approve APR-20251226-0001"); "list approvals" shows the pending ones';
    case 'approval_required':
      return zh ? `${str(d.rfqId)} 的交易主管审批不覆盖本次成交（报价或数量已变），请重新询价` : `${str(d.rfqId)}: the desk head's approval does not cover this deal (quote or size changed): ask for a fresh quote`;
    case 'confirm_required':
      if (d.kind === 'size') {
        return zh
          ? `请确认数量：${amount(d.notional, d.currency, lang)}（折合人民币 ${amount(d.notionalCny, 'CNY', lang)}）超过复核阈值 ${amount(d.threshold, 'CNY', lang)}。回复“确认”继续，或更正数量`
          : `please confirm the size: ${amount(d.notional, d.currency, lang)} (CNY ${amount(d.notionalCny, 'CNY', lang)}) is above the read-back threshold ${amount(d.threshold, 'CNY', lang)}. Reply "confirm" to go ahead, or correct it`;
      }
      return zh
        ? `请确认还价：${str(d.level)} 距我方 ${str(d.current)} 达 ${str(d.away)}${str(d.unit)}，超过 ${str(d.threshold)}${str(d.unit)}。回复“确认”继续，或更正价位`
        : `please confirm the counter: ${str(d.level)} is ${str(d.away)}${str(d.unit)} from our ${str(d.current)}, more than ${str(d.threshold)}${str(d.unit)}. Reply "confirm" to go ahead, or correct it`;
    case 'nothing_to_confirm':
      return zh ? '当前没有待确认的数量或还价（复核两分钟内有效）' : 'nothing is waiting for confirmation (a read-back lapses after 2 minutes)';
    case 'unsupported_instrument':
      return zh ? `本台不做 ${str(d.instrument)} 报价；可报价：${str(d.supported)}` : `${str(d.instrument)} is not quoted by this desk; supported: ${str(d.supported)}`;
    case 'unknown_client':
      return zh ? `客户 ${str(d.client)} 不在客户主数据中；最接近的：${str(d.closest)}` : `unknown client "${str(d.client)}": not in the client master; closest: ${str(d.closest)}`;
    case 'product':
      return zh ? '本台不在对话中报利率互换（IRS）' : 'this desk does not quote interest-rate swaps (IRS) in chat';
    default:
      return null;
  }
}

/** Bad-input messages from the pricing code have no check code: the common ones, reworded. */
const INPUT_ZH: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^unknown bond "([^"]+)"/, (m) => `未知债券 ${m[1]}`],
  [/^unknown client "([^"]+)"/, (m) => `未知客户 ${m[1]}`],
  [/^settle: T\+(\d+) is not offered/, (m) => `不提供 T+${m[1]} 清算（仅 T+0…T+3）`],
  [/^settle: (\S+) is before the trade date (\S+)/, (m) => `结算日 ${m[1]} 早于交易日 ${m[2]}`],
  [/^settle: "([^"]+)" is neither/, (m) => `清算速度 ${m[1]} 无法识别（应为 T+0…T+3 或 YYYY-MM-DD 日期）`],
  [/^NCD tenor (\S+) is longer than 1Y/, (m) => `同业存单期限 ${m[1]} 超过 1Y`],
  [/^(repo|lending) tenor (\S+) is longer than 1Y/, (m) => `${m[1] === 'repo' ? '回购' : '拆借'}期限 ${m[2]} 超过 1Y`],
  [/^an NCD needs an issuer bucket/, () => '同业存单需要发行人类别（国股/城商/农商）和期限（1M…1Y）'],
  [/^interbank lending needs a tenor/, () => '拆借需要期限（1D、7D、1M …）'],
  [/^an FX swap needs a tenor/, () => '外汇掉期需要期限（TN、1W、1M、3M、1Y …）'],
  [/^bond (\S+) \S+ matures (\S+), on or before settlement (\S+)/, (m) => `债券 ${m[1]} 于 ${m[2]} 到期，不晚于结算日 ${m[3]}`],
  [/^bond (\S+) \S+ is only issued on (\S+), after settlement (\S+)/, (m) => `债券 ${m[1]} 于 ${m[2]} 才发行，晚于结算日 ${m[3]}`],
  [/^side "(\w+)" does not apply to (\w+)/, (m) => `方向 ${m[1]} 不适用于${PRODUCT[m[2]!]?.[0] ?? m[2]}`],
  [/^no (\S+) bond near (\S+) in the bond master/, (m) => `债券主数据中没有 ${m[1]} 期限接近 ${m[2]} 的券`],
  [/^tenor: "([^"]+)" is not a tenor/, (m) => `期限 ${m[1]} 无法识别（例如 1D、7D、2W、3M、1Y）`],
];

export interface RefusalParts {
  message: string;
  check: string | null;
  data: RefusalData;
}

/**
 * The refusal sentence in `lang`. A check code other than bad input is kept in parentheses so
 * traders (and the suite) can search for it; English falls back to the tool's own message.
 */
export function refusalText(r: RefusalParts, lang: Lang): string {
  const zh = lang === 'zh';
  // Bad input that names its rule (unknown client…) is worded like a check, without the code in parentheses.
  if (r.check === 'input' && typeof r.data.check === 'string') {
    const s = sentence(r.data.check, r.data, lang);
    if (s) return s;
  }
  if (r.check && r.check !== 'input' && r.check !== 'refused') {
    const s = sentence(r.check, r.data, lang);
    if (s) return zh ? `${s}（${r.check}）` : `${s} (${r.check})`;
    return zh ? `未通过检查（${r.check}）` : `${r.message} (${r.check})`;
  }
  if (!zh) return r.message;
  for (const [re, f] of INPUT_ZH) {
    const m = re.exec(r.message);
    if (m) return f(m);
  }
  return '输入有误，请检查后重发';
}

/** Wording of the reason stored on a closed RFQ (`check: message`, expiry, supersede, desk-head reject). */
export function reasonText(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  const expired = /^quote expired at (\S+)/.exec(reason);
  if (expired) return `报价已于 ${shanghaiTime(expired[1]!)} 过期`;
  if (/^superseded by a new request/.test(reason)) return '已被本会话的新询价取代';
  const desk = /^rejected by desk head (\S+?)(?::\s*(.*))?$/.exec(reason);
  if (desk) return `交易主管 ${desk[1]} 已拒绝${desk[2] ? `：${desk[2]}` : ''}`;
  const code = /^([a-z_0-9]+):/.exec(reason);
  if (code) return `未通过检查（${code[1]}）`;
  return '见询价记录';
}
