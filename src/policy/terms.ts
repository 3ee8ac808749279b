/**
 * Question terms for the evidence check (pure). Chinese questions are cut into words with jieba
 * (precise mode, so a compound is not counted twice); English ones into lightly stemmed words.
 * Question words and generic banking words are dropped or down-weighted: they match every rule
 * and would let an off-topic question look supported.
 */
import { getJieba, stem } from '../knowledge/tokens.js';
import { chineseLinks, englishLinks, englishWordsFor } from './bilingual.js';


export interface Term {
  /** The surface form looked up in article text (Chinese word or English stem). */
  text: string;
  /** Alternatives that count as a match (staff jargon → the rules' wording). */
  alts: string[];
  /** The other language's wording (Chinese words for an English term, English stems for a Chinese one). */
  cross: string[];
  /** The word as the question wrote it (for glosses). */
  surface: string;
  weight: number;
  lang: 'zh' | 'en';
}

/** A match through the bilingual glossary is slightly weaker than the question's own word. */
export const CROSS_CREDIT = 0.8;

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+/g;

/** Function words and question words: no signal about which rule applies. */
const ZH_STOP = new Set(
  (
    '的 了 是 在 和 与 或 及 等 也 都 就 而 之 其 这 那 被 把 对 为 以 于 我 你 他 她 它 们 吗 呢 吧 啊 呀 么 着 过 个 将 并 但 则 即 该 此 所 由 从 向 中 上 下 要 有 没 会 能 还 再 又 去 来 给 让 跟 想 做 ' +
    '可以 可不可以 能不能 行不行 要不要 是不是 算不算 怎么 怎么办 怎样 怎么样 如何 什么 哪些 哪个 哪一类 多少 多久 多长 几 几年 几成 是否 需要 应该 必须 一定 ' +
    '我们 他们 咱们 已经 以后 之后 之前 时候 情况 问题 规定 要求 一下 一点 一直 这样 那样 这种 那种 最多 最长 最少 最晚 最后 直接 还能 还要 能否 多长时间 时间 ' +
    '不能 不要 还是 如果 的话 然后 一个 多大 由谁来 谁 啥 哪 最多能 能报 能展 不能自己 内要 后要 时留 下来 后 才 算 数 老是 每次 刚好 比 今天 一天 到底 一位 这个 那个 别的 之内 天内 以内 几个 出去 回来 放出去 批下来 里 帮 拿 按 请 出 走'
  ).split(' '),
);

/** Words found in most rules of a bank: they count, but little. */
const ZH_GENERIC = new Set(
  '本行 银行 我行 公司 员工 客户 人员 业务 部门 办理 管理 相关 标准 处理 审批 报告 每年 每个 一次 期限'.split(' '),
);

const EN_STOP = new Set(
  (
    'a an the of to in on at by for and or is are was were be been being it its this that these those with as from not no any all can could may might ' +
    'shall should must do does did done we our us you your he she they their them i me my mine am have has had if when what which who whom whose how why where ' +
    'there here so than then too very just also still already yet again about into over under after before up down out off own same such only more most much many ' +
    'get got let lets want need allowed allow ok okay say said do does doing one ever each every give given good without somebody someone else myself just still going ' +
    'him her his hers its himself herself themselves happen happens'
  ).split(' '),
);

const EN_GENERIC = new Set(['bank', 'huaxin', 'staff', 'rule', 'client', 'customer', 'day', 'year', 'time', 'trad', 'trader']);
/** Question words about time limits and duties: they point at the right kind of article, weakly. */
const EN_WEAK = new Set(['long', 'soon', 'quickly', 'fast']);

/**
 * Staff jargon → the rules' wording. Small and written from our own corpus's vocabulary;
 * a question term matches an article when the term or any alternative occurs in it.
 */
const ZH_ALTS: Record<string, string[]> = {
  流贷: ['流动资金贷款'],
  大额: ['大额交易'],
  销户: ['业务关系结束'],
  餐标: ['每人每餐'],
  吃饭: ['招待', '每餐'],
  请客: ['招待'],
  报销单: ['报销'],
  辞职: ['离职'],
  作废: ['失效'],
  误报: ['排除命中'],
  贷审会: ['授信审批委员会'],
  赞成票: ['同意票'],
  住宿: ['住宿费'],
  一线城市: ['一线城市'],
  北京: ['一线城市'],
  上海: ['一线城市'],
  上限: ['不得超过'],
  弟弟: ['兄弟姐妹', '近亲属'],
  哥哥: ['兄弟姐妹', '近亲属'],
  老婆: ['配偶'],
  优惠: ['优于'],
  放款: ['发放', '放款'],
  拆成: ['拆分'],
  报批: ['审批'],
  担责: ['承担责任', '责任'],
  签合同: ['签订合同'],
  身份证: ['身份证件'],
  复印件: ['复印件', '身份资料'],
  柜台: ['现金'],
  对公: ['非自然人'],
  三百万: ['二百万元以上'],
  六万块: ['五万元以上'],
  过期: ['过有效期', '过期'],
  口头: ['口头'],
  餐: ['每餐'],
  自己: ['本人', '自行'],
  层级: ['权限', '贷审会'],
  贷款: ['贷款', '授信'],
  交: ['提交'],
  天: ['日', '天'],
  单: ['申请'],
  // General staff wording → the rules' wording.
  说: ['泄露', '告知', '透露'],
  告诉: ['泄露', '告知', '透露'],
  报: ['报告', '提交'],
  留: ['保存', '留存'],
  留存: ['保存', '留存'],
  开会: ['会议', '召开'],
  酒店: ['外部场所', '住宿'],
  报备: ['事先报', '备案', '审核'],
  提前: ['事先', '提前'],
  事先: ['事先', '提前'],
  监管部门: ['监管人员', '监管机构', '监管'],
  客户资料: ['客户身份资料', '身份资料'],
  网点: ['营业机构', '网点', '支行'],
  第一次: ['首次', '第一次'],
  头一次: ['首次'],
  重新: ['复评', '重新'],
  评定: ['评定', '复评', '评估'],
  贷后: ['贷后', '贷款发放后'],
  一次性: ['一次性'],
  多久: ['至少', '以内', '之内'],
  保留: ['保存', '留存'],
  关门: ['撤并', '关闭'],
  撤销: ['撤并', '撤销'],
  告知: ['告知', '泄露'],
  抵押率: ['抵押率'],
  谈: ['洽谈', '谈判', '商谈'],
  房子: ['住宅', '商业用房'],
};

const EN_ALTS: Record<string, string[]> = {
  whatsapp: ['messag', 'unrecord', 'personal'],
  phone: ['telephon', 'mobil'],
  call: ['voice', 'record'],
  chat: ['chat', 'electronic'],
  gift: ['gift'],
  yuan: ['cny'],
  expire: ['expir', 'valid'],
  overnight: ['overnight'],
  check: ['verifi', 'check'],
  cancel: ['cancel'],
  block: ['consecutiv'],
  leave: ['leave'],
  ship: ['vessel'],
  clear: ['decid', 'clos'],
  notional: ['notional'],
  book: ['book'],
  price: ['quot', 'pric'],
  tell: ['report', 'notic'],
  notic: ['discovery', 'breach'],
  notice: ['discovery', 'breach'],
  long: ['within', 'least', 'minut', 'hour', 'day', 'year'],
  soon: ['within', 'minut', 'hour', 'day'],
  quickly: ['within', 'minut', 'hour', 'day'],
  fast: ['within', 'minut', 'hour', 'day'],
  recording: ['record'],
  keep: ['retain', 'kept'],
  biggest: ['limit'],
  trader: ['trad', 'dealer'],
};

/** Stemmed English words of a text (stop words kept: callers decide). */
export function englishWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9'-]*|[0-9][0-9,]*(?:\.[0-9]+)?/g)) {
    const w = m[0].toLowerCase().replace(/'s$/, '').replace(/[-',]/g, '');
    if (w) out.push(stem(w));
  }
  return out;
}

function zhTerms(text: string): Term[] {
  const out: Term[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(CJK_RUN)) {
    for (const w of getJieba().cut(m[0], true)) {
      if (!/^[\u3400-\u9fff]+$/.test(w) || ZH_STOP.has(w) || seen.has(w)) continue;
      seen.add(w);
      // Single characters (存, 贷) are weak evidence on their own, unless they carry a known meaning.
      const alts = ZH_ALTS[w] ?? [];
      const weight = ZH_GENERIC.has(w) ? 0.25 : w.length === 1 ? (alts.length ? 0.5 : 0.15) : 1;
      out.push({ text: w, alts, cross: englishLinks(w), surface: w, weight, lang: 'zh' });
    }
  }
  return out;
}

function enTerms(text: string): Term[] {
  const out: Term[] = [];
  const surfaces = new Map<string, string>();
  const seen = new Set<string>();
  for (const raw of text.matchAll(/[A-Za-z][A-Za-z0-9'-]*|[0-9][0-9,]*(?:\.[0-9]+)?/g)) {
    const lower = raw[0].toLowerCase().replace(/'s$/, '').replace(/[-',]/g, '');
    if (!lower || EN_STOP.has(lower)) continue;
    const s = stem(lower);
    if (seen.has(s)) continue;
    seen.add(s);
    const weight = EN_GENERIC.has(s) ? 0.25 : EN_WEAK.has(lower) ? 0.5 : /^[0-9]/.test(s) ? 0.5 : s.length <= 2 ? 0.3 : 1;
    surfaces.set(s, raw[0]);
    out.push({ text: s, alts: EN_ALTS[s] ?? EN_ALTS[lower] ?? [], cross: [], surface: raw[0], weight, lang: 'en' });
  }
  const links = chineseLinks(text, out.map((t) => t.text));
  for (const t of out) t.cross = links.get(t.text) ?? [];
  return out;
}

/**
 * A Chinese question asking "how long / within how many days" wants an article that states a time
 * limit; its question words are stop words, so the request is carried by one weak concept term.
 */
const ZH_DURATION = /多久|多长时间|多少天|几天|几个工作日|多少个工作日|多少小时|几个小时|什么时候之前|期限是/;
const DURATION_TERM: Term = {
  text: '期限',
  alts: ['日内', '以内', '之内', '至少', '期限', '小时', '工作日'],
  cross: ['within', 'least', 'hour', 'minut', 'day', 'year', 'period'],
  surface: '多久',
  weight: 0.5,
  lang: 'zh',
};

/** Content terms of a question, Chinese and English parts alike (mixed questions are common). */
export function questionTerms(question: string): Term[] {
  const zh = zhTerms(question);
  if (ZH_DURATION.test(question) && !zh.some((t) => t.text === DURATION_TERM.text)) zh.push({ ...DURATION_TERM });
  return [...zh, ...enTerms(question.replace(CJK_RUN, ' '))];
}

/** Pre-processed article text for term matching. */
export interface MatchText {
  raw: string;
  stems: Set<string>;
}

export function matchText(text: string): MatchText {
  return { raw: text, stems: new Set(englishWords(text)) };
}

/**
 * How well one term is matched by a text, 0–1. A Chinese term not found whole gets partial
 * credit for the share of its character bigrams found (受托支付 vs 受托…支付).
 */
export function termMatch(term: Term, t: MatchText): number {
  if (term.lang === 'en') {
    if (t.stems.has(term.text) || term.alts.some((a) => t.stems.has(a))) return 1;
    return term.cross.some((c) => t.raw.includes(c)) ? CROSS_CREDIT : 0;
  }
  // A single character with a known meaning matches only through that meaning (交 is not 交通).
  const own = term.text.length === 1 && term.alts.length > 0 ? false : t.raw.includes(term.text);
  if (own || term.alts.some((a) => t.raw.includes(a))) return 1;
  if (term.cross.some((c) => t.stems.has(c))) return CROSS_CREDIT;
  if (term.text.length < 3) return 0;
  let hit = 0;
  for (let i = 0; i + 1 < term.text.length; i++) if (t.raw.includes(term.text.slice(i, i + 2))) hit += 1;
  return (hit / (term.text.length - 1)) * 0.8;
}

/** Weighted share of the question's terms matched by a text, 0–1 (0 when the question has none). */
export function coverage(terms: Term[], t: MatchText): number {
  let total = 0;
  let got = 0;
  for (const term of terms) {
    total += term.weight;
    got += term.weight * termMatch(term, t);
  }
  return total === 0 ? 0 : got / total;
}

/**
 * The question re-worded in the rules' vocabulary (alternatives and the other language's words),
 * for a second retrieval pass that can reach articles the staff wording misses.
 */
export function expandedQuery(question: string): string {
  const extra = new Set<string>();
  for (const t of questionTerms(question)) {
    if (t.weight < 0.5) continue;
    for (const a of t.lang === 'zh' ? t.alts : []) extra.add(a);
    for (const c of t.lang === 'en' ? t.cross : englishWordsFor(t.text)) extra.add(c);
  }
  return extra.size ? `${question} ${[...extra].join(' ')}` : question;
}
