/**
 * The offline answer (pure): pick the supporting articles, quote their most relevant sentences
 * with the citation label, in the question's language — or say plainly that no rule was found and
 * list the nearest articles. Never writes a rule of its own.
 */
import { DEFAULT_EVIDENCE_OPTIONS, scoreHits, type EvidenceOptions } from './evidence.js';
import type { AskResult, PolicyHit } from './schemas.js';
import { quoteFor } from './sentences.js';
import { findPhrase } from './bilingual.js';
import type { Term } from './terms.js';

export type AnswerLang = 'zh' | 'en';

export function questionLang(question: string): AnswerLang {
  return /[\u3400-\u9fff]/.test(question) ? 'zh' : 'en';
}

export interface AnswerOptions extends Partial<EvidenceOptions> {
  /** How many evidence entries to report (ranked). */
  evidenceLimit?: number;
  /** How many nearest articles a refusal lists. */
  nearestLimit?: number;
}

export function buildAnswer(question: string, hits: PolicyHit[], opts: AnswerOptions = {}): AskResult {
  const evidenceOpts: EvidenceOptions = { ...DEFAULT_EVIDENCE_OPTIONS, ...stripUndefined(opts) };
  const lang = questionLang(question);
  const decision = scoreHits(question, hits, evidenceOpts);
  const evidence = decision.ranked.slice(0, opts.evidenceLimit ?? 10).map((r) => ({
    label: r.hit.label,
    text: r.hit.text,
    score: round(r.score),
  }));

  if (!decision.supported) {
    const nearest = decision.ranked
      .filter((r) => r.hit.article !== null)
      .slice(0, opts.nearestLimit ?? 3)
      .map((r) => r.hit.label);
    return { answer: refusalText(lang, nearest, decision.unnamed), supported: false, citations: [], evidence };
  }

  const lines = decision.supporting.map((r) => {
    const quote = quoteFor(r.hit.text, decision.terms);
    // The quote is always the article's own words; across languages it is marked as such and, when
    // the question's words were linked to the quote's through the glossary, those pairs are listed
    // (term level only: no translation of the rule is made up).
    if (lang === 'zh') {
      if (questionLang(r.hit.text) === 'zh') return `根据${r.hit.label}：“${quote}”`;
      const pairs = glossPairs(decision.terms, quote, 'zh');
      return `根据${r.hit.label}（英文原文）：“${quote}”${pairs.length ? `\n术语对照：${pairs.join('；')}` : ''}`;
    }
    if (questionLang(r.hit.text) === 'en') return `Under ${r.hit.label}: "${quote}"`;
    const pairs = glossPairs(decision.terms, quote, 'en');
    return `Under ${r.hit.label} (quoted in Chinese): "${quote}"${pairs.length ? `\nKey terms: ${pairs.join('; ')}` : ''}`;
  });
  return {
    answer: lines.join('\n'),
    supported: true,
    citations: decision.supporting.map((r) => ({ label: r.hit.label, doc: r.hit.doc, article: r.hit.article })),
    evidence,
  };
}

/**
 * "question word = quote word" pairs for question terms that matched the quote only through the
 * bilingual glossary (KYC = 身份资料; 录音 = Recordings).
 */
function glossPairs(terms: Term[], quote: string, questionLanguage: AnswerLang): string[] {
  // Candidates per content term; weak terms (多久, long) are not glossed.
  const candidates = terms
    .filter((t) => t.weight >= 1 && t.lang === questionLanguage)
    .map((t) => ({
      t,
      options:
        questionLanguage === 'en'
          ? t.cross.filter((c) => quote.includes(c)).sort((a, b) => b.length - a.length)
          : [...new Set(t.cross.map((c) => findPhrase(quote, c)).filter((w): w is string => w !== null))],
    }))
    .filter((c) => c.options.length > 0);
  // The glossary is coarse (one line links record, retain and keep): give each quote word to one
  // question word, the most constrained first, so a pair never names a merely related word.
  candidates.sort((a, b) => a.options.length - b.options.length);
  const used = new Set<string>();
  const pairs = new Map<Term, string>();
  for (const c of candidates) {
    const pick = c.options.find((o) => !used.has(o));
    if (!pick) continue;
    used.add(pick);
    pairs.set(c.t, pick);
  }
  return terms.filter((t) => pairs.has(t)).map((t) => `${t.surface} = ${pairs.get(t)}`).slice(0, 4);
}

/**
 * The refusal: no rule found, the subjects the question names that no retrieved article mentions
 * (信用卡: so the reader sees why), and the nearest articles, marked as no basis for an answer.
 */
export function refusalText(lang: AnswerLang, nearest: string[], unnamed: string[] = []): string {
  if (lang === 'zh') {
    const why = unnamed.length ? `检索到的条文均未提及${unnamed.map((u) => `“${u}”`).join('、')}。` : '';
    const tail = nearest.length ? `最接近的条文（不构成依据）：${nearest.join('；')}。` : '知识库中没有检索到相关条文。';
    return `未找到支持该问题的规定，无法依据行内制度作答。${why}${tail}`;
  }
  const why = unnamed.length ? `None of the retrieved articles mentions ${unnamed.map((u) => `"${u}"`).join(' or ')}. ` : '';
  const tail = nearest.length
    ? `Nearest articles (not a basis for an answer): ${nearest.join('; ')}.`
    : 'Nothing relevant was retrieved from the policy store.';
  return `No supporting rule was found in the bank's policies, so I cannot answer from them. ${why}${tail}`;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function stripUndefined(o: AnswerOptions): Partial<EvidenceOptions> {
  const out: Partial<EvidenceOptions> = {};
  if (o.threshold !== undefined) out.threshold = o.threshold;
  if (o.citeRatio !== undefined) out.citeRatio = o.citeRatio;
  if (o.maxCitations !== undefined) out.maxCitations = o.maxCitations;
  if (o.coverageWeight !== undefined) out.coverageWeight = o.coverageWeight;
  if (o.priorRanks !== undefined) out.priorRanks = o.priorRanks;
  if (o.minGain !== undefined) out.minGain = o.minGain;
  if (o.keyTermPenalty !== undefined) out.keyTermPenalty = o.keyTermPenalty;
  if (o.keyTermMaxShare !== undefined) out.keyTermMaxShare = o.keyTermMaxShare;
  if (o.answerTypePenalty !== undefined) out.answerTypePenalty = o.answerTypePenalty;
  if (o.referenceRatio !== undefined) out.referenceRatio = o.referenceRatio;
  return out;
}
