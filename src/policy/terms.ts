/**
 * Question terms for the evidence check (pure). Chinese questions are cut into words with jieba
 * (precise mode, so a compound is not counted twice); English ones into lightly stemmed words.
 * Question words and generic banking words are dropped or down-weighted: they match every rule
 * and would let an off-topic question look supported.
 */
import { getJieba, stem } from '../knowledge/tokens.js';
import { chineseLinks, englishLinks, englishWordsFor, stemSequence } from './bilingual.js';


export interface Term {
  /** The surface form looked up in article text (Chinese word or English stem). */
  text: string;
  /** Alternatives that count as a match (staff jargon → the rules' wording). */
  alts: string[];
  /**
   * The other language's wording: Chinese words for an English term; English phrases for a Chinese
   * one, each as its stems joined by a space ("business trip", "person phone").
   */
  cross: string[];
  /** The word as the question wrote it (for glosses). */
  surface: string;
  weight: number;
  lang: 'zh' | 'en';
  /** Set on the concept term a question gets for the kind of answer it asks for (see ANSWER_TYPES). */
  answer?: AnswerType;
}

/**
 * What a question asks for, when its wording says so: a time limit, a frequency, an amount (sum,
 * share, cap), a consequence (sanction), or a norm (may / must / must not).
 */
export type AnswerType = 'duration' | 'frequency' | 'amount' | 'consequence' | 'norm';

/** A match through the bilingual glossary is slightly weaker than the question's own word. */
export const CROSS_CREDIT = 0.8;

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+/g;

/** Function words and question words: no signal about which rule applies. */
const ZH_STOP = new Set(
  (
    '的 了 是 在 和 与 或 及 等 也 都 就 而 之 其 这 那 被 把 对 为 以 于 我 你 他 她 它 们 吗 呢 吧 啊 呀 么 着 过 个 将 并 但 则 即 该 此 所 由 从 向 中 上 下 要 有 没 会 能 还 再 又 去 来 给 让 跟 想 做 ' +
    '可以 可不可以 能不能 行不行 要不要 是不是 算不算 怎么 怎么办 怎样 怎么样 如何 什么 哪些 哪个 哪一类 多少 多久 多长 几 几年 几成 是否 需要 应该 必须 一定 ' +
    '一声 一下子 受到 遭到 得到 会被 我们 他们 咱们 已经 以后 之后 之前 时候 情况 问题 规定 要求 一下 一点 一直 这样 那样 这种 那种 最多 最长 最少 最晚 最后 直接 还能 还要 能否 多长时间 时间 ' +
    '不能 不要 还是 如果 的话 然后 一个 多大 由谁来 谁 啥 哪 最多能 能报 能展 不能自己 内要 后要 时留 下来 后 才 算 数 老是 每次 刚好 比 今天 一天 到底 一位 这个 那个 别的 之内 天内 以内 几个 出去 回来 放出去 批下来 里 帮 拿 按 请 出 走'
  ).split(' '),
);

/** Words found in most rules of a bank: they count, but little. */
const ZH_GENERIC = new Set(
  '本行 银行 我行 公司 员工 客户 人员 业务 部门 办理 管理 相关 标准 处理 审批 报告 每年 每个 一次 期限 条件 满足 符合 具备'.split(' '),
);

const EN_STOP = new Set(
  (
    'a an the of to in on at by for and or is are was were be been being it its this that these those with as from not no any all can could may might ' +
    'shall should must do does did done we our us you your he she they their them i me my mine am have has had if when what which who whom whose how why where ' +
    'there here so than then too very just also still already yet again about into over under after before up down out off own same such only more most much many ' +
    'get got let lets want need allowed allow ok okay say said do does doing one ever each every give given good without somebody someone else myself just still going ' +
    'him her his hers its himself herself themselves happen happens use used using per im ive id youre dont cant isnt doesnt didnt wont'
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
  // Added while looking at data/eval/policy-answer.jsonl failures (tune, holdout, fresh, fresh2).
  老赖: ['失信被执行人'],
  不良率: ['不良贷款率'],
  超标: ['超过', '超标准'],
  顺路: ['顺道', '绕道'],
  挪作他用: ['用途', '挪用'],
  挪用: ['挪用', '用途'],
  外面: ['外部'],
  录进: ['录入', '记账', '入账'],
  炒股: ['证券投资', '股票', '股权'],
  列为: ['列入', '列为'],
  // (end of the additions)
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
  报: ['报告', '提交', '报销'],
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
  重新: ['复评', '重新', '重估'],
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

/** Characters that are stop words on their own: a two-character cut made only of them is a fragment (后能, 有个). */
const ZH_STOP_CHARS = new Set([...ZH_STOP].filter((w) => w.length === 1));
/** Amounts and counts (四万, 九, 千块, 三百万): they qualify a question, they do not say what it is about. */
const ZH_NUMBER = /^[零〇一二两三四五六七八九十百千万亿半几0-9]+[块元万千百个次笔天年月周]?$/;

/**
 * Words of a Chinese run. jieba's HMM finds words its dictionary lacks (流贷, 贷审会), but it also
 * glues a particle to a word (保证人要 → 保证/人要, 开户前要 → 开户/前要): a guessed word that starts or
 * ends with a function character is replaced by the dictionary's pieces.
 */
function cutWords(run: string): string[] {
  const j = getJieba();
  const known = new Set(j.cut(run, false));
  return j.cut(run, true).flatMap((w) => {
    if (w.length < 2 || known.has(w) || ZH_ALTS[w]) return [w];
    // A stop word at either end (前要, 最多花): a question word glued to a content word.
    const glued = [...ZH_STOP].some((s) => s.length < w.length && (w.startsWith(s) || w.endsWith(s)));
    return glued ? j.cut(w, false) : [w];
  });
}

function zhTerms(text: string): Term[] {
  const out: Term[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(CJK_RUN)) {
    for (const w of cutWords(m[0])) {
      if (!/^[\u3400-\u9fff]+$/.test(w) || ZH_STOP.has(w) || seen.has(w)) continue;
      if (w.length === 2 && [...w].every((ch) => ZH_STOP_CHARS.has(ch))) continue;
      seen.add(w);
      const alts = ZH_ALTS[w] ?? [];
      // Single characters (存, 贷) are weak evidence on their own, unless they carry a known meaning:
      // one that only the rules' words express (说 → 泄露, 交 → 提交) counts as a word; one whose
      // wording is itself a single character (天 → 日) stays weak.
      const single = alts.length === 0 ? 0.15 : alts.every((a) => a.length >= 2) ? 1 : 0.5;
      const weight = ZH_NUMBER.test(w) && !alts.length ? 0.25 : ZH_GENERIC.has(w) ? 0.25 : w.length === 1 ? single : 1;
      // The rules' wording of the term links to English as well (谈 → 洽谈 → negotiate).
      const cross = [...new Set([...englishLinks(w), ...alts.flatMap((a) => englishLinks(a))])];
      out.push({ text: w, alts, cross, surface: w, weight, lang: 'zh' });
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
 * What a question asks for, read from its asking words: "how long / within how many days" wants an
 * article that states a time limit, "how much / what cap" one that states an amount, "what happens
 * if" one that states a sanction, "can I" one that allows or forbids. The asking words are stop
 * words, so each request is carried by one concept term, matched by any such expression in the
 * article (`states`); the evidence ranking marks down articles that lack it.
 */
const ANSWER_TYPES: readonly { type: AnswerType; text: string; asks: RegExp; states: RegExp }[] = [
  {
    // Before duration: "多久一次" asks how often, and a per-day rate (每人每天) is no time limit.
    type: 'frequency',
    text: '频次',
    asks: /多久.{0,8}一次|多长时间.{0,8}一次|每隔多久|几次|多少次|\bhow often\b|\bhow frequently\b|\bhow many times\b/i,
    states: /每(?:年|半年|季度|月|周|天|日)[^，。；]{0,8}次|[一二两三四五六七八九十0-9]+次|\bonce\b|\btwice\b|\bevery (?:year|month|quarter|week|day)\b|\bannually\b|\bquarterly\b|\bmonthly\b|\beach year\b/i,
  },
  {
    type: 'duration',
    text: '期限',
    asks: /多久|多长时间|多长|多少天|几天|多少年|几年|多少个月|几个月|几个工作日|多少个工作日|多少小时|几个小时|什么时候之前|期限是|\bhow (?:long|soon|quickly|fast|often)\b|\bhow many (?:minutes|hours|days|business days|working days|weeks|months|years)\b|\bby when\b|\bdeadline\b|\btime limit\b/i,
    states:
      /(?<![0-9])[零〇一二两三四五六七八九十百0-9]{1,4}\s*个?(?:工作日|日|天|年|月|周|小时|分钟|秒)|当日|当天|立即|日内|以内|之内|\b\d{1,3}\s*(?:seconds?|minutes?|hours?|days?|business days?|years?|months?|weeks?)\b|\b(?:one|two|three|four|five|six|seven|ten|fifteen|thirty)\s+(?:business\s+|consecutive\s+business\s+)?(?:minutes?|hours?|days?|years?|months?|weeks?)\b|\bwithin\b|\bsame day\b|\bimmediately\b/i,
  },
  {
    type: 'amount',
    text: '数额',
    asks: /多少钱|多少元|多少万|多少块|报多少|花多少|用多少|标准是多少|标准多少|几成|比例是|上限|限额是多少|限额多少|最多(?:能)?(?:报|贷|借|批)|\bhow much\b|\bmaximum\b|\bupper limit\b|\bthreshold\b|\bwhat percentage\b|\bceiling\b/i,
    states:
      /[零〇一二两三四五六七八九十百千万亿0-9][零〇一二两三四五六七八九十百千万亿0-9,.]*\s*(?:元|万元|亿元|块|美元)|百分之|分之|\d+(?:\.\d+)?\s*(?:%|per cent|percent)|\b(?:CNY|USD|RMB)\s*[0-9]|\bmillion\b|\bbillion\b/i,
  },
  {
    // "What happens if …": the answer is a sanction or a liability, not the rule that was broken.
    type: 'consequence',
    text: '后果',
    asks: /受到什么处理|会被.{0,4}处理|什么处分|什么处罚|什么后果|会怎么样|会怎样|追究什么|承担什么责任|\bwhat happens (?:to|if|when)\b|\bconsequences?\b|\bpenalt(?:y|ies)\b|\bdisciplin/i,
    states: /处分|处罚|追究|追回|从重处理|责任|解除劳动合同|移送司法机关|警告|\bwarning\b|\bdismissal\b|\bsuspension\b|\bdisciplin|\breduction of variable pay\b/i,
  },
  {
    // "Can I / may we / do I need to": answered by a provision that obliges, allows or forbids, not
    // by a definition or a description of who does what (本办法所称关系人，包括…).
    type: 'norm',
    text: '规范',
    asks: /可以吗|可不可以|可以不|能不能|能否|是否可以|行不行|允许|要不要|需不需要|需要.{0,12}吗|必须.{0,12}吗|能.{0,12}吗|^\s*(?:can|may|could|must|should)\s+(?:i|we|a|an|the|staff|traders?|they|you|one)\b|\b(?:am i|are we|is it) (?:allowed|permitted|ok|okay)\b|\bdo (?:i|we) (?:need|have) to\b/i,
    states: /不得|禁止|应当|必须|可以|不予|无效|不超过|须|一律|由[^，。；]{0,10}(?:承担|负责|审批|审议|批准)|\bshall\b|\bmust\b|\bmay\b|\bprohibited\b|\bnot permitted\b|\brequires?\b|\bonly\b/i,
  },
];

function answerTerms(question: string): Term[] {
  const lang = /[\u3400-\u9fff]/.test(question) ? 'zh' : 'en';
  const asked = ANSWER_TYPES.filter((a) => a.asks.test(question));
  // A question about how often is not also one about how long (多久一次 contains 多久).
  const types = asked.some((a) => a.type === 'frequency') ? asked.filter((a) => a.type !== 'duration') : asked;
  return types.map((a) => ({
    text: a.text,
    alts: [],
    cross: [],
    surface: a.text,
    weight: 0.5,
    lang,
    answer: a.type,
  }));
}

/** Content terms of a question, Chinese and English parts alike (mixed questions are common). */
export function questionTerms(question: string): Term[] {
  return [...zhTerms(question), ...enTerms(question.replace(CJK_RUN, ' ')), ...answerTerms(question)];
}

/** Pre-processed article text for term matching. */
export interface MatchText {
  raw: string;
  stems: Set<string>;
  /** English stems in order, space-padded, for glossary phrases (see stemSequence). */
  seq: string;
}

export function matchText(text: string): MatchText {
  return { raw: text, stems: new Set(englishWords(text)), seq: stemSequence(text) };
}

/** How a text matches one term: the score, and for a match through the other language, the words that made it. */
interface TermHit {
  score: number;
  /** The text's words (Chinese words or English phrases) that matched through the glossary; empty for own-language matches. */
  via: string[];
}

function termHit(term: Term, t: MatchText): TermHit {
  if (term.answer) return { score: ANSWER_TYPES.find((a) => a.type === term.answer)?.states.test(t.raw) ? 1 : 0, via: [] };
  if (term.lang === 'en') {
    if (t.stems.has(term.text) || term.alts.some((a) => t.stems.has(a))) return { score: 1, via: [] };
    const via = term.cross.filter((c) => t.raw.includes(c));
    return { score: via.length ? CROSS_CREDIT : 0, via };
  }
  // A single character with a known meaning matches only through that meaning (交 is not 交通).
  const own = term.text.length === 1 && term.alts.length > 0 ? false : t.raw.includes(term.text);
  if (own || term.alts.some((a) => t.raw.includes(a))) return { score: 1, via: [] };
  const via = term.cross.filter((c) => t.seq.includes(` ${c} `));
  if (via.length) return { score: CROSS_CREDIT, via };
  if (term.text.length < 3) return { score: 0, via: [] };
  let hit = 0;
  for (let i = 0; i + 1 < term.text.length; i++) if (t.raw.includes(term.text.slice(i, i + 2))) hit += 1;
  return { score: (hit / (term.text.length - 1)) * 0.8, via: [] };
}

/** How well one term is matched by a text, 0–1 (see matchTerms for a whole question). */
export function termMatch(term: Term, t: MatchText): number {
  return termHit(term, t).score;
}

/**
 * Per-term match scores of a whole question against one text. A word of the other language counts
 * for one question term only: the glossary is coarse (one line links recording, phone call and chat
 * to 记录), and without this one word 记录 would stand in for four question words. The most
 * constrained terms choose first; a term left without a word of its own scores 0.
 */
export function matchTerms(terms: Term[], t: MatchText): number[] {
  const hits = terms.map((term) => termHit(term, t));
  const out = hits.map((h) => h.score);
  const used = new Set<string>();
  const order = hits
    .map((h, i) => ({ i, n: h.via.length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => a.n - b.n || a.i - b.i);
  for (const { i } of order) {
    const pick = hits[i]?.via.find((w) => !used.has(w));
    if (pick === undefined) out[i] = 0;
    else used.add(pick);
  }
  return out;
}

/** Weighted share of the question's terms matched by a text, 0–1 (0 when the question has none). */
export function coverage(terms: Term[], t: MatchText): number {
  const m = matchTerms(terms, t);
  let total = 0;
  let got = 0;
  terms.forEach((term, i) => {
    total += term.weight;
    got += term.weight * (m[i] ?? 0);
  });
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
