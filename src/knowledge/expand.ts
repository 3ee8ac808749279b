/**
 * Query rewriting before lexical search (pure): strip question boilerplate that matches statute
 * text everywhere ("有什么规定", "可以吗"), and expand with hand-written glossaries — colloquial →
 * statutory Chinese, and English ↔ Chinese banking terms, so each language can reach the other.
 */
import { BILINGUAL_GLOSSARY_LINES } from './glossary-zh.js';
import { ZH_ALL_GLOSSARY_LINES } from './glossary/index.js';

interface Entry {
  from: string[];
  to: string[];
}

function parse(lines: readonly string[]): Entry[] {
  return lines.map((line) => {
    const [l = '', r = ''] = line.split('=>');
    return { from: l.split('|').map((s) => s.trim().toLowerCase()).filter(Boolean), to: r.trim().split(/\s+/).filter(Boolean) };
  });
}

const ZH = parse(ZH_ALL_GLOSSARY_LINES);
const BI = parse(BILINGUAL_GLOSSARY_LINES);
/** The bilingual table read right-to-left: Chinese wording → English words. */
const BI_REVERSE: Entry[] = BI.map((e) => ({ from: e.to, to: e.from.flatMap((f) => f.split(/[\s-]+/)) }));

/** Question boilerplate: says "this is a question", nothing about which rule applies. Longest first. */
const BOILERPLATE = [
  '请问一下', '请问', '请教一下', '请教', '想咨询一下', '咨询一下', '想咨询', '咨询', '我想问一下', '想问一下', '我想问', '想问', '问一下',
  '律师您好', '律师你好', '您好', '你好', '谢谢律师', '谢谢您', '谢谢', '麻烦了', '在线等', '急急急', '急求', '求助', '求解答',
  '应该怎么办', '该怎么办', '怎么办呢', '怎么办', '怎么处理', '如何处理', '怎么解决', '如何解决', '该如何', '应该怎么', '怎么做',
  '有什么规定', '法律有什么规定', '法律上怎么规定', '法律规定', '依法', '合法吗', '违法吗', '可以吗', '可不可以', '能不能', '有没有', '是不是',
  '有什么后果', '有什么影响', '有用吗', '行不行', '好不好', '吗', '呢', '吧', '啊',
].sort((a, b) => b.length - a.length);

/** Remove Chinese boilerplate; English text is left as is (its stop words are dropped at tokenising). */
export function cleanQuery(q: string): string {
  let s = q;
  for (const b of BOILERPLATE) if (s.includes(b)) s = s.split(b).join(' ');
  return s.replace(/\s+/g, ' ').trim() || q.trim();
}

const ASCII_WORD = /^[a-z0-9 -]+$/;

function matches(text: string, lower: string, from: string): boolean {
  if (!ASCII_WORD.test(from)) return lower.includes(from);
  // English keys match whole words (and a trailing plural/verb s), not inside other words.
  const re = new RegExp(`(^|[^a-z])${from.replace(/[-]/g, '[- ]?')}s?($|[^a-z])`);
  return re.test(lower);
}

/**
 * Expansion terms for a query (not including words already in it). `zh` enables the colloquial
 * glossary, `bilingual` the English↔Chinese one.
 */
export function expansionTerms(q: string, opts: { zh?: boolean; bilingual?: boolean } = {}): string[] {
  const lower = q.toLowerCase();
  const tables = [...(opts.zh === false ? [] : [ZH]), ...(opts.bilingual === false ? [] : [BI, BI_REVERSE])];
  const out = new Set<string>();
  for (const table of tables) {
    for (const e of table) {
      if (e.from.some((f) => matches(q, lower, f))) for (const t of e.to) if (!lower.includes(t.toLowerCase())) out.add(t);
    }
  }
  return [...out];
}
