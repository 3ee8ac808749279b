import type { ParseResult } from './schema.js';

export type Lang = 'zh' | 'en';

const ACTION: Record<ParseResult['action'], [string, string]> = {
  request: ['询价', 'request'],
  question: ['行情问题', 'market question'],
  counter: ['还价', 'counter'],
  amend: ['改量', 'amend size'],
  accept: ['成交', 'accept'],
  confirm: ['确认', 'confirm'],
  refresh: ['重新报价', 'refresh'],
  cancel: ['撤销', 'cancel'],
  pass: ['不做', 'pass'],
  none: ['非交易消息', 'not a trade message'],
};
const SIDE: Record<string, [string, string]> = {
  buy: ['买入', 'buy'],
  sell: ['卖出', 'sell'],
  borrow: ['融入', 'borrow'],
  lend: ['融出', 'lend'],
  pay: ['支付固定', 'pay fixed'],
  receive: ['收取固定', 'receive fixed'],
};
const LEVEL: Record<string, [string, string]> = {
  yield: ['收益率', 'yield'],
  price: ['净价', 'price'],
  rate: ['利率', 'rate'],
  outright: ['汇率', 'outright'],
  points: ['点', 'points'],
  spread: ['利差', 'spread'],
};
const SLOT: Record<string, [string, string]> = {
  notional: ['金额', 'size'],
  instrument: ['品种', 'instrument'],
  'instrument.tenor': ['期限', 'tenor'],
  'instrument.issuer': ['发行人', 'issuer'],
  level: ['价格', 'level'],
};

function amount(n: number, lang: Lang): string {
  if (lang === 'zh') {
    if (n >= 1e8 && n % 1e6 === 0) return `${n / 1e8}亿`;
    if (n >= 1e4 && n % 100 === 0) return `${n / 1e4}万`;
    return String(n);
  }
  if (n >= 1e9 && n % 1e7 === 0) return `${n / 1e9}bn`;
  if (n >= 1e6 && n % 1e4 === 0) return `${n / 1e6}mm`;
  return n.toLocaleString('en-US');
}

/** One-line human summary of a parse, e.g. `询价 · 卖出 · 国开 5Y · 1亿 CNY · 收益率 2.15 · T+0`. */
export function formatParse(r: ParseResult, lang: Lang = 'en'): string {
  const L = lang === 'zh' ? 0 : 1;
  const parts: string[] = [ACTION[r.action][L]];
  if (r.client) parts.push(L ? `client ${r.client}` : `客户 ${r.client}`);
  if (r.side) parts.push(SIDE[r.side]?.[L] ?? r.side);
  if (r.unsupported) parts.push(L ? `${r.unsupported} (not quoted by this desk)` : `${r.unsupported}（本台不报价）`);
  if (r.instrument) {
    const i = r.instrument;
    const label = i.name ? (i.code ? `${i.name} (${i.code})` : i.name) : [i.code, i.issuer, i.tenor].filter(Boolean).join(' ');
    parts.push(label || i.kind);
  }
  if (r.notional !== null) parts.push(`${amount(r.notional, lang)}${r.currency ? ` ${r.currency}` : ''}`);
  if (r.level !== null) parts.push(r.levelType ? `${LEVEL[r.levelType]?.[L] ?? r.levelType} ${r.level}` : String(r.level));
  if (r.relative) {
    const unit = r.relative.unit === 'bp' ? 'bp' : L ? 'pips' : '点';
    parts.push(r.relative.amount === null ? (L ? 'a little better' : '再好一点') : L ? `${r.relative.amount}${unit} better` : `再让${r.relative.amount}${unit}`);
  }
  if (r.settle) parts.push(r.settle);
  if (r.firm !== null) parts.push(r.firm ? (L ? 'firm' : '实盘') : L ? 'indicative' : '参考');
  let line = parts.join(' · ');
  if (r.missing.length) {
    const names = r.missing.map((m) => SLOT[m]?.[L] ?? m).join(L ? ', ' : '、');
    line += L ? ` — missing: ${names}` : `；缺少：${names}`;
  }
  if (r.unparsed.length) line += L ? ` — not understood: ${r.unparsed.join(', ')}` : `；未识别：${r.unparsed.join('、')}`;
  return line;
}
