import { describe, expect, it } from 'vitest';
import { computeDeltas } from './baseline.js';
import { evaluateGate, GateSchema } from './gate.js';
import type { EvalReport } from './report-schema.js';

function report(metrics: Record<string, number | null>, violations = 0): EvalReport {
  return {
    schemaVersion: 1,
    startedAt: '2025-06-16T02:00:00.000Z',
    durationMs: 1,
    provider: 'offline',
    repeat: 1,
    suites: [{ name: 's', version: '1', file: 's.jsonl', metrics: { ...metrics, violations }, cases: [] }],
    skipped: [],
    totals: { cases: 0, runs: 0, passed: 0, violations },
  };
}

describe('gate', () => {
  it('checks minimums, maximums and missing metrics', () => {
    const gate = GateSchema.parse({ suites: { s: { min: { 'pass^1': 0.9, 'recall@5': 0.5 }, max: { flakiness: 0 } } } });
    const r = evaluateGate(report({ 'pass^1': 0.85, flakiness: 0.1 }), gate);
    expect(r.passed).toBe(false);
    expect(r.failures.map((f) => [f.metric, f.kind, f.actual, f.threshold])).toEqual([
      ['pass^1', 'min', 0.85, 0.9],
      ['recall@5', 'missing', null, 0.5],
      ['flakiness', 'max', 0.1, 0],
    ]);
    expect(evaluateGate(report({ 'pass^1': 0.9, 'recall@5': 0.5, flakiness: 0 }), gate).passed).toBe(true);
  });

  it('gates policy violations at zero by default', () => {
    const r = evaluateGate(report({ 'pass^1': 1 }, 2), GateSchema.parse({ suites: {} }));
    expect(r.failures).toEqual([{ suite: 's', metric: 'violations', kind: 'violations', actual: 2, threshold: 0 }]);
  });

  it('fails a drop beyond maxRegression, including a rise in flakiness, and ignores latency', () => {
    const base = report({ 'pass^1': 0.9, flakiness: 0, latencyP95Ms: 1 });
    const gate = GateSchema.parse({ suites: {}, maxRegression: 0.05 });
    expect(evaluateGate(report({ 'pass^1': 0.86, flakiness: 0.05, latencyP95Ms: 90 }), gate, base).passed).toBe(true);
    const r = evaluateGate(report({ 'pass^1': 0.84, flakiness: 0.1, latencyP95Ms: 90 }), gate, base);
    expect(r.failures.map((f) => [f.metric, f.kind, f.baseline])).toEqual([
      ['pass^1', 'regression', 0.9],
      ['flakiness', 'regression', 0],
    ]);
  });

  it('notes gated suites that were not run unless they are required', () => {
    const gate = { suites: { other: { min: { 'pass^1': 1 } } } };
    expect(evaluateGate(report({}), GateSchema.parse(gate)).notes[0]).toContain('other was not run');
    expect(evaluateGate(report({}), GateSchema.parse({ ...gate, requireSuites: true })).passed).toBe(false);
  });

  it('computes deltas per suite and metric', () => {
    const d = computeDeltas(report({ 'pass^1': 0.8, x: null }), report({ 'pass^1': 0.9, x: 1 }));
    expect(d.s?.['pass^1']?.delta).toBeCloseTo(-0.1, 12);
    expect(d.s?.x).toEqual({ current: null, baseline: 1, delta: null });
  });
});
