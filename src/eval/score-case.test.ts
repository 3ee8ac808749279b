import { describe, expect, it } from 'vitest';
import { scoreAnalysis, scorePolicy, scoreToolCallsCase } from './score-case.js';
import { EvalCaseSchema, type AnalysisCase, type PolicyCase, type ToolCallsCase } from './suite-schema.js';

const output = {
  ratios: { currentRatio: [{ period: 'FY2023', value: 1.1 }, { period: 'FY2024', value: 0.8673 }] },
  scores: { altmanZ: { selected: 'zPrime', periods: [{ period: 'FY2024', zPrime: { value: 1.1, zone: 'distress' } }] } },
  flags: [{ code: 'NEG_OCF' }],
};

describe('scoreAnalysis', () => {
  it('counts figures, zones and flags, and explains each miss', () => {
    const c = EvalCaseSchema.parse({
      id: 'a', agent: 'analyst', kind: 'analysis', tags: [], input: { path: 'x.csv' },
      expected: {
        ratios: [{ name: 'currentRatio', period: 'FY2024', value: 0.87, tolerance: 0.001 }, { name: 'currentRatio', period: 'FY2023', value: 1.1 }],
        scores: [{ name: 'altmanZ', period: 'FY2024', value: 1.1, zone: 'grey' }],
        flags: ['NEG_OCF', 'HIGH_LEVERAGE'],
        absentFlags: ['GOING_CONCERN'],
      },
    }) as AnalysisCase;
    const r = scoreAnalysis(c, { ok: true, output });
    // Figures: 0.8673 vs 0.87 ± 0.001 ✗, 1.1 ✓, Z′ value ✓, zone ✗ → 2/4. Flags: 2 of 3 expectations met.
    expect(r.metrics.numericAccuracy).toBe(0.5);
    expect(r.metrics.flagAccuracy).toBeCloseTo(2 / 3, 12);
    expect(r.success).toBe(false);
    expect(r.failure?.mismatches.map((m) => m.path)).toEqual(['ratios.currentRatio.FY2024', 'scores.altmanZ.FY2024.zone', 'flags.HIGH_LEVERAGE']);
  });

  it('fails with the tool error when the analysis refuses', () => {
    const c = EvalCaseSchema.parse({ id: 'a', agent: 'analyst', kind: 'analysis', tags: [], input: { path: 'x.csv' }, expected: {} }) as AnalysisCase;
    expect(scoreAnalysis(c, { ok: false, error: 'file not found' }).failure?.message).toBe('analysis failed: file not found');
  });
});

describe('scorePolicy', () => {
  const c = EvalCaseSchema.parse({
    id: 'p', agent: 'policy', kind: 'policy', tags: [], question: 'q', gold: ['《办法》第三条', '《办法》第四条'], shouldRefuse: false,
    requiredPhrases: ['五年'], forbiddenPhrases: ['可以随意'],
  }) as PolicyCase;
  const state = {
    answer: '至少保存五年（《办法》第三条）',
    supported: true,
    citations: [{ label: '《办法》第三条' }, { label: '《办法》第九条' }],
    evidence: [{ label: '《办法》第九条' }, { label: '《办法》第三条' }, { label: '《办法》第七条' }],
  };
  it('computes retrieval and citation metrics from the state', () => {
    const r = scorePolicy(c, state, '', []);
    expect(r.success).toBe(true);
    expect(r.metrics).toMatchObject({ 'recall@1': 0, 'recall@5': 0.5, 'mrr@10': 0.5, citationPrecision: 0.5, citationRecall: 0.5, refusalAccuracy: 1 });
  });
  it('fails a wrong refusal and a forbidden phrase', () => {
    const r = scorePolicy(c, { ...state, supported: false, answer: '可以随意' }, '', []);
    expect(r.failure?.mismatches.map((m) => m.reason)).toEqual(['refused wrongly', 'required phrase missing', 'forbidden phrase present']);
    expect(r.metrics.refusalAccuracy).toBe(0);
  });
});

describe('scoreToolCallsCase', () => {
  it('requires no call at all when none is expected', () => {
    const c = EvalCaseSchema.parse({ id: 't', agent: 'dealing', kind: 'tool_calls', tags: [], message: 'hello', expectedCalls: [] }) as ToolCallsCase;
    expect(scoreToolCallsCase(c, []).success).toBe(true);
    const r = scoreToolCallsCase(c, [{ name: 'request_quote', args: {} }]);
    expect(r.success).toBe(false);
    expect(r.metrics.toolCallF1).toBe(0);
    expect(r.failure?.message).toBe('expected no tool call');
  });
});
