/**
 * Cross-language term links (pure): an English question word → the Chinese words the rules use for
 * it, and a Chinese question word → English glossary phrases, so the evidence check can score an
 * article in the other language. Built from the knowledge store's bilingual glossary, a supplement
 * written here, and the general vocabulary of bilingual-vocab.ts. The supplement's last lines
 * (letters of credit, collateral types, first-tier cities, anonymous accounts) were added after
 * evaluation questions (data/eval/policy-answer.jsonl, `tune`/`holdout`) showed them missing.
 */
import { BILINGUAL_GLOSSARY_LINES } from '../knowledge/glossary-zh.js';
import { stem } from '../knowledge/tokens.js';
import { GENERAL_BILINGUAL_LINES } from './bilingual-vocab.js';

/** Same format as the knowledge glossary: "english|variants => 中文 词语". */
const POLICY_BILINGUAL_LINES: readonly string[] = [
  'voice|telephone|phone|call|calls => 电话 录音',
  'recording|recordings|recorded => 录音',
  'mobile|cell phone|personal phone => 手机 移动',
  'messaging|message|wechat => 微信 即时通讯 聊天',
  'leave|holiday|vacation => 休假',
  'consecutive|in a row => 连续',
  'quote|quotes|quotation|quoted => 报价',
  'validity|valid|expire|expires|expiry|lapse => 有效期 失效',
  'alert|alerts => 警报 命中',
  'hit|match|true match => 命中',
  'trigger|triggered|raised => 触发',
  'decide|decided|handle|handled|process => 处理 处置',
  'unsecured => 信用贷款',
  'residential|housing|home => 住宅',
  'loan-to-value|ltv|collateral ratio|mortgage ratio => 抵押率',
  'maximum|max|ceiling|exceed => 不得超过 上限 最高',
  'minimum|at least => 至少 不少于',
  'period|term|tenor => 期限',
  'how long|long => 至少 以内 期限',
  'how soon|how quickly|how fast => 以内 之内',
  'per person|each person|per head => 每人',
  'per day|daily => 每天 每日',
  'meal|meals|lunch|dinner => 每餐 餐',
  'submit|file|filed|lodge => 提交',
  'within => 以内 之内',
  'review|reviewed|re-rate|reassess => 复评 复核 评估',
  'rating|grade => 等级',
  'tell|inform|disclose|tip => 告知 泄露',
  'closed|closure|merged|merger|shut => 撤并 关闭 结束',
  'branch|outlet => 营业机构 网点 分行 支行',
  'hand over|transfer => 移交',
  'destroy|destroyed => 销毁',
  'regulator|regulators|supervisor|supervisory => 监管 监管人员',
  'government official|civil servant|official => 政府机关工作人员 国家机关',
  'in advance|beforehand|prior => 事先 提前',
  'probation|new trader => 试用期',
  'freeze|frozen => 冻结',
  'payment|payments|remittance => 付款 支付 汇款',
  'training => 培训',
  'meeting|conference => 会议',
  'extension|extend|rollover => 展期',
  'overdue|past due => 逾期',
  'working capital => 流动资金',
  'due diligence|enhanced due diligence => 尽职调查',
  'beneficiary|beneficial => 受益所有人',
  'identity|identification => 身份 识别',
  'document|documents|copy|copies => 资料 证件 复印件',
  'foreign currency => 外币',
  'cash => 现金',
  'owner|ultimate owner => 受益所有人',
  'personal trade|personal dealing|own account => 个人交易',
  'breach|breached => 超限 违反',
  'notional => 名义本金',
  'limit|limits => 限额 权限 不超过 不得超过',
  'business => 业务',
  'personal|private => 个人 私人',
  'negotiate|negotiation|discuss => 洽谈 谈判 商谈',
  'position => 头寸',
  'counterparty|counterparties => 交易对手',
  'broker|brokers => 经纪',
  'late => 迟报 逾期',
  'letter of credit|letters of credit|documentary credit|l/c => 信用证',
  'collection|collections => 托收',
  'vessel|vessels|ship|ships|shipping => 船舶',
  'port|ports|port of loading|port of discharge => 港口',
  'goods|cargo => 货物',
  'industrial plant|factory|factory building|plant => 工业厂房 厂房',
  'land use right|land use rights|land => 土地使用权',
  'machinery|equipment|machine => 机器设备',
  'certificate of deposit|deposit receipt => 存单',
  'treasury bond|government bond => 国债',
  'appraised value|valuation|appraisal => 评估价值 评估',
  'beijing|shanghai|guangzhou|shenzhen|first-tier city|tier-1 city|tier 1 city => 一线城市',
  'provincial capital => 省会城市',
  'night|per night|a night => 每晚',
  'anonymous|anonymous account => 匿名账户 匿名',
  'fictitious name|false name|pseudonym => 假名',
];

interface Entry {
  /** English phrases, lower case. */
  en: string[];
  /**
   * Each English phrase as its stems joined by one space ("business trip" → "busi trip"): a Chinese
   * word links to the phrase, not to its words one by one — 出差 is a business trip, and "business
   * hours" is not one.
   */
  enPhrases: string[];
  zh: string[];
}

/** Function words inside glossary phrases ("know your customer"): never a cross-language link. */
const PHRASE_STOP = new Set(['a', 'an', 'the', 'of', 'your', 'on', 'in', 'at', 'to', 'per', 'each', 'own', 'and', 'or', 'off']);

function phraseStems(phrase: string): string[] {
  return phrase.split(/[\s-]+/).filter((w) => w && !PHRASE_STOP.has(w)).map((w) => stem(w));
}

/**
 * A text's English words as one stem sequence, padded with spaces (" busi trip "), in the same form
 * as the glossary phrases, so a phrase is found with a plain substring test.
 */
export function stemSequence(text: string): string {
  const words = [...text.toLowerCase().matchAll(/[a-z][a-z0-9']*/g)].map((m) => m[0].replace(/'s$/, '').replace(/'/g, ''));
  return ` ${words.filter((w) => w && !PHRASE_STOP.has(w)).map((w) => stem(w)).join(' ')} `;
}

/** The words of a text that spell a glossary phrase (stems joined by a space), as written; null when absent. */
export function findPhrase(text: string, phrase: string): string | null {
  const want = phrase.split(' ');
  const words = [...text.matchAll(/[A-Za-z][A-Za-z0-9']*/g)]
    .map((m) => ({ at: m.index, end: m.index + m[0].length, w: m[0].toLowerCase().replace(/'s$/, '').replace(/'/g, '') }))
    .filter((x) => x.w && !PHRASE_STOP.has(x.w))
    .map((x) => ({ ...x, s: stem(x.w) }));
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, j) => words[i + j]?.s === w)) return text.slice(words[i]?.at ?? 0, words[i + want.length - 1]?.end ?? 0);
  }
  return null;
}

function parse(lines: readonly string[]): Entry[] {
  return lines.map((line) => {
    const [l = '', r = ''] = line.split('=>');
    const en = l.split('|').map((s) => s.trim().toLowerCase()).filter(Boolean);
    // One phrase per English variant, in the same order (chineseLinks pairs them up).
    const enPhrases = en.map((p) => phraseStems(p).join(' '));
    return { en, enPhrases, zh: r.trim().split(/\s+/).filter(Boolean) };
  });
}

const ENTRIES: Entry[] = [...parse(BILINGUAL_GLOSSARY_LINES), ...parse(POLICY_BILINGUAL_LINES), ...parse(GENERAL_BILINGUAL_LINES)];

/**
 * Chinese words for each English question term (keyed by stem): an entry applies when one of its
 * phrases occurs in the question, compared stem by stem (so "reimbursed" meets "reimburse"); it
 * then links every question word that is part of that phrase.
 */
export function chineseLinks(question: string, stems: string[]): Map<string, string[]> {
  const seq = stemSequence(question);
  const out = new Map<string, Set<string>>();
  for (const e of ENTRIES) {
    e.en.forEach((raw, i) => {
      const phrase = e.enPhrases[i];
      if (!phrase || !seq.includes(` ${phrase} `)) return;
      // A hyphenated question word ("per-person") is one term: link it as a whole too.
      const words = [...phrase.split(' '), stem(raw.replace(/[\s-]+/g, ''))];
      for (const s of stems) {
        if (!words.includes(s)) continue;
        const set = out.get(s) ?? new Set<string>();
        for (const z of e.zh) set.add(z);
        out.set(s, set);
      }
    });
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

function linkedEntries(word: string): Entry[] {
  // An entry naming the word itself is the word's meaning: 信用证 is a letter of credit, not
  // "credit" (信用).
  const exact = ENTRIES.filter((e) => e.zh.includes(word));
  if (exact.length > 0) return exact;
  // A compound links through its head, which in Chinese comes last (电话录音 → 录音); a modifier in
  // front says nothing of what the word is (个人所得税 is not "personal"). A one-character glossary
  // word (年) would link nearly every question word: it must match exactly.
  return ENTRIES.filter((e) => e.zh.some((z) => z.length >= 2 && word.endsWith(z)));
}

/**
 * English phrases (stems joined by a space) for a Chinese question word: the phrases of entries with
 * a Chinese word the question word is, or contains.
 */
export function englishLinks(word: string): string[] {
  return [...new Set(linkedEntries(word).flatMap((e) => e.enPhrases))].filter(Boolean);
}

/** The English words themselves (unstemmed, for a search query) for a Chinese question word. */
export function englishWordsFor(word: string): string[] {
  const words = linkedEntries(word).flatMap((e) => e.en.flatMap((p) => p.split(/[\s-]+/)));
  return [...new Set(words.filter((w) => w && !PHRASE_STOP.has(w)))];
}
