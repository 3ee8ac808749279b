/**
 * Citation post-check for LLM answers (pure). Every citation in the reply must name an article that
 * exists in the store and was among the articles retrieved for this question; anything else is
 * flagged (or removed) and reported, so an invented "第九十九条" never reaches staff unmarked.
 */
import { cnToInt, intToCn } from '../knowledge/cn-numerals.js';

/** What the check needs to know about the store: which citation labels exist. */
export interface ArticleIndex {
  has(label: string): boolean;
  /** Document titles, for recognising English citations ("<Title>, Article 12"). */
  titles(): string[];
}

/** An index over a list of labels (all chunks of a store). */
export function articleIndexFromLabels(labels: Iterable<string>): ArticleIndex {
  const set = new Set(labels);
  const titles = new Set<string>();
  for (const l of set) {
    const zh = /^《(.+)》/.exec(l);
    if (zh?.[1]) titles.add(zh[1]);
    const en = /^(.+), (?:Article|Section) \d+$/.exec(l);
    if (en?.[1]) titles.add(en[1]);
  }
  return { has: (label) => set.has(label), titles: () => [...titles] };
}

export type CitationProblem = 'not_retrieved' | 'nonexistent' | 'unresolved';

export interface CitationFinding {
  /** The text as written in the reply. */
  cited: string;
  /** Canonical label, when the citation names a document. */
  label: string | null;
  ok: boolean;
  problem?: CitationProblem;
}

export interface VerifiedReply {
  /** The reply with bad citations flagged (or removed) and a note appended when any were. */
  reply: string;
  ok: boolean;
  /** Canonical labels of the citations that passed, in order of first appearance. */
  citations: string[];
  findings: CitationFinding[];
}

interface Span {
  start: number;
  end: number;
  cited: string;
  label: string | null;
}

const ZH_NUM = '[零〇一二两三四五六七八九十百千万0-9０-９]+';
const ZH_CITE = new RegExp(`(?:《([^》]{1,80})》\\s*)?第(${ZH_NUM})条(?:之(${ZH_NUM}))?`, 'g');
const EN_CITE = /\b(Article|Section)\s+(\d+)\b/g;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findSpans(reply: string, titles: string[]): Span[] {
  const spans: Span[] = [];
  for (const m of reply.matchAll(ZH_CITE)) {
    const n = cnToInt(m[2] ?? '');
    const sub = m[3] ? cnToInt(m[3]) : null;
    if (n === null) continue;
    const art = `第${intToCn(n)}条${sub !== null ? `之${intToCn(sub)}` : ''}`;
    spans.push({ start: m.index, end: m.index + m[0].length, cited: m[0], label: m[1] ? `《${m[1].trim()}》${art}` : art });
  }
  // Longest titles first, so "X Rules" does not shadow "X Rules Annex".
  const sorted = [...titles].sort((a, b) => b.length - a.length);
  for (const m of reply.matchAll(EN_CITE)) {
    const kind = m[1] ?? 'Article';
    const n = Number(m[2]);
    const before = reply.slice(Math.max(0, m.index - 160), m.index);
    const after = reply.slice(m.index + m[0].length, m.index + m[0].length + 160);
    let start = m.index;
    let end = m.index + m[0].length;
    let title: string | null = null;
    for (const t of sorted) {
      const pre = new RegExp(`(?:the\\s+)?${escapeRe(t)}\\s*,?\\s*$`, 'i').exec(before);
      if (pre) {
        title = t;
        start = m.index - pre[0].length;
        break;
      }
      const post = new RegExp(`^\\s+of\\s+(?:the\\s+)?${escapeRe(t)}`, 'i').exec(after);
      if (post) {
        title = t;
        end += post[0].length;
        break;
      }
    }
    const art = `${kind} ${n}`;
    spans.push({ start, end, cited: reply.slice(start, end), label: title ? `${title}, ${art}` : art });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Bare "第十条" / "Article 10" refers to the document cited last before it. */
function resolveBare(spans: Span[]): void {
  let lastZh: string | null = null;
  let lastEn: string | null = null;
  for (const s of spans) {
    if (!s.label) continue;
    const zh = /^《(.+)》/.exec(s.label);
    const en = /^(.+), (?:Article|Section) \d+$/.exec(s.label);
    if (zh?.[1]) lastZh = zh[1];
    else if (en?.[1]) lastEn = en[1];
    else if (s.label.startsWith('第')) s.label = lastZh ? `《${lastZh}》${s.label}` : null;
    else s.label = lastEn ? `${lastEn}, ${s.label}` : null;
  }
}

export interface VerifyOptions {
  /** 'flag' keeps the citation and marks it; 'remove' deletes it. Default 'flag'. */
  mode?: 'flag' | 'remove';
}

/**
 * Check the citations of an LLM reply against the articles retrieved for the question and the
 * articles that exist in the store.
 */
export function verifyPolicyReply(
  reply: string,
  retrievedLabels: readonly string[],
  store: ArticleIndex,
  opts: VerifyOptions = {},
): VerifiedReply {
  const zh = /[\u3400-\u9fff]/.test(reply);
  const retrieved = new Set(retrievedLabels);
  const titles = new Set(store.titles());
  for (const l of retrievedLabels) {
    const en = /^(.+), (?:Article|Section) \d+$/.exec(l);
    if (en?.[1]) titles.add(en[1]);
  }
  const spans = findSpans(reply, [...titles]);
  resolveBare(spans);

  const findings: CitationFinding[] = spans.map((s) => {
    if (!s.label) return { cited: s.cited, label: null, ok: false, problem: 'unresolved' };
    if (!store.has(s.label) && !retrieved.has(s.label)) return { cited: s.cited, label: s.label, ok: false, problem: 'nonexistent' };
    if (!retrieved.has(s.label)) return { cited: s.cited, label: s.label, ok: false, problem: 'not_retrieved' };
    return { cited: s.cited, label: s.label, ok: true };
  });

  const mode = opts.mode ?? 'flag';
  let out = '';
  let pos = 0;
  spans.forEach((s, i) => {
    const f = findings[i];
    out += reply.slice(pos, s.start);
    if (f?.ok) out += s.cited;
    else if (mode === 'flag') out += `${s.cited}${zh ? '〔引用未通过核验〕' : ' [unverified citation]'}`;
    else out += zh ? '〔已删除未核实的引用〕' : '[unverified citation removed]';
    pos = s.end;
  });
  out += reply.slice(pos);

  const bad = findings.filter((f) => !f.ok);
  if (bad.length) {
    const list = bad.map((f) => (zh ? `${f.label ?? f.cited}（${reasonText(f.problem, zh)}）` : `${f.label ?? f.cited} (${reasonText(f.problem, zh)})`)).join(zh ? '；' : '; ');
    out += zh ? `\n\n注：以下引用未通过核验，不构成依据：${list}` : `\n\nNote: these citations failed verification and are not a basis for the answer: ${list}`;
  }
  const citations = [...new Set(findings.filter((f) => f.ok && f.label).map((f) => f.label as string))];
  return { reply: out, ok: bad.length === 0, citations, findings };
}

function reasonText(p: CitationProblem | undefined, zh: boolean): string {
  switch (p) {
    case 'nonexistent':
      return zh ? '制度库中不存在该条' : 'no such article in the store';
    case 'not_retrieved':
      return zh ? '不在本次检索结果中' : 'not among the retrieved articles';
    default:
      return zh ? '无法确定所指制度' : 'document not identified';
  }
}
