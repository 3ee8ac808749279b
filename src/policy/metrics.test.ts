import { describe, expect, it } from 'vitest';
import { parseSuite, scoreCase, summarize, type PolicyCase } from './metrics.js';
import type { AskResult } from './schemas.js';

const base = { agent: 'policy' as const, kind: 'policy' as const, tags: [] };
const cases: PolicyCase[] = [
  { ...base, id: 'a', question: 'q1', gold: ['L1'], shouldRefuse: false },
  { ...base, id: 'b', question: 'q2', gold: ['L2'], shouldRefuse: false, requiredPhrases: ['五年'] },
  { ...base, id: 'c', question: 'q3', gold: [], shouldRefuse: true },
];
const ev = (...labels: string[]) => labels.map((label) => ({ label, text: '', score: 0 }));
const results: AskResult[] = [
  { answer: 'x', supported: true, citations: [{ label: 'L1', doc: 'D', article: 1 }, { label: 'L9', doc: 'D', article: 9 }], evidence: ev('L1', 'L9') },
  { answer: '保存三年', supported: true, citations: [{ label: 'L5', doc: 'D', article: 5 }], evidence: ev('L5', 'L6', 'L2') },
  { answer: '未找到', supported: true, citations: [{ label: 'L3', doc: 'D', article: 3 }], evidence: ev('L3') },
];

describe('policy metrics', () => {
  it('scores ranks, citations, refusals and phrases per case', () => {
    const s = cases.map((c, i) => scoreCase(c, results[i] as AskResult));
    expect(s[0]).toMatchObject({ firstGoldRank: 1, citationPrecision: 0.5, citationRecall: 1, pass: true });
    expect(s[1]).toMatchObject({ firstGoldRank: 3, recallAt: { 1: 0, 5: 1, 10: 1 }, phrasesOk: false, pass: false });
    expect(s[2]).toMatchObject({ refusalCorrect: false, pass: false });
  });

  it('summarises Recall@k, MRR, micro citation precision/recall and refusal accuracy', () => {
    const s = cases.map((c, i) => scoreCase(c, results[i] as AskResult));
    const sum = summarize(cases, s, results);
    expect(sum).toMatchObject({ cases: 3, answerable: 2, refusals: 1, recallAt1: 0.5, recallAt5: 1 });
    expect(sum.mrrAt10).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(sum.citationPrecision).toBeCloseTo(1 / 3, 12);
    expect(sum.citationRecall).toBe(0.5);
    expect(sum.refusalAccuracy).toBeCloseTo(2 / 3, 12);
  });

  it('parses JSONL, skipping comments, and names the bad line', () => {
    const line = JSON.stringify(cases[0]);
    expect(parseSuite(`// header\n\n${line}\n`)).toHaveLength(1);
    expect(() => parseSuite(`${line}\n{"id":"x"}`, 'suite.jsonl')).toThrow(/suite\.jsonl:2: agent/);
    expect(() => parseSuite('{oops', 'suite.jsonl')).toThrow(/suite\.jsonl:1: invalid JSON/);
  });
});
