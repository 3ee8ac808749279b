/**
 * Cross-language term links (pure): an English question word → the Chinese words the rules use for
 * it, and a Chinese question word → English stems, so the evidence check can score an article in
 * the other language. Built from the knowledge store's bilingual glossary plus a supplement of
 * general banking vocabulary written here (not derived from any evaluation case).
 */
import { BILINGUAL_GLOSSARY_LINES } from '../knowledge/glossary-zh.js';
import { stem } from '../knowledge/tokens.js';

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
];

interface Entry {
  /** English phrases, lower case. */
  en: string[];
  /** Stems of the English phrases' words. */
  enStems: string[];
  zh: string[];
}

/** Function words inside glossary phrases ("know your customer"): never a cross-language link. */
const PHRASE_STOP = new Set(['a', 'an', 'the', 'of', 'your', 'on', 'in', 'at', 'to', 'per', 'each', 'own', 'and', 'or', 'off']);

function parse(lines: readonly string[]): Entry[] {
  return lines.map((line) => {
    const [l = '', r = ''] = line.split('=>');
    const en = l.split('|').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const enStems = [
      ...new Set(en.flatMap((p) => p.split(/[\s-]+/)).filter((w) => w && !PHRASE_STOP.has(w)).map((w) => stem(w))),
    ];
    return { en, enStems, zh: r.trim().split(/\s+/).filter(Boolean) };
  });
}

const ENTRIES: Entry[] = [...parse(BILINGUAL_GLOSSARY_LINES), ...parse(POLICY_BILINGUAL_LINES)];

function phraseIn(lowerQuestion: string, phrase: string): boolean {
  const re = new RegExp(`(^|[^a-z])${phrase.replace(/[-\s]+/g, '[- ]?')}(e?s)?($|[^a-z])`);
  return re.test(lowerQuestion);
}

/**
 * Chinese words for each English question term (keyed by stem): an entry applies when one of its
 * phrases occurs in the question; it then links every question word that is part of that phrase.
 */
export function chineseLinks(question: string, stems: string[]): Map<string, string[]> {
  const lower = question.toLowerCase();
  const out = new Map<string, Set<string>>();
  for (const e of ENTRIES) {
    for (const phrase of e.en) {
      if (!phraseIn(lower, phrase)) continue;
      const words = phrase.split(/[\s-]+/).filter((w) => !PHRASE_STOP.has(w)).map((w) => stem(w));
      // A hyphenated question word ("per-person") is one term: link it as a whole too.
      words.push(stem(phrase.replace(/[\s-]+/g, '')));
      for (const s of stems) {
        if (!words.includes(s)) continue;
        const set = out.get(s) ?? new Set<string>();
        for (const z of e.zh) set.add(z);
        out.set(s, set);
      }
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

function linkedEntries(word: string): Entry[] {
  // A one-character glossary word (年) would link nearly every question word: require an exact match.
  return ENTRIES.filter((e) => e.zh.some((z) => (z.length >= 2 ? word.includes(z) : word === z)));
}

/** English stems for a Chinese question word: entries with a Chinese word the question word contains. */
export function englishLinks(word: string): string[] {
  return [...new Set(linkedEntries(word).flatMap((e) => e.enStems))];
}

/** The English words themselves (unstemmed, for a search query) for a Chinese question word. */
export function englishWordsFor(word: string): string[] {
  const words = linkedEntries(word).flatMap((e) => e.en.flatMap((p) => p.split(/[\s-]+/)));
  return [...new Set(words.filter((w) => w && !PHRASE_STOP.has(w)))];
}
