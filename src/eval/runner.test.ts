import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Judge } from './judge.js';
import { DEFAULT_START, runEval } from './runner.js';
import { parseSuiteText } from './suite-loader.js';
import { createSpecRuntime } from './spec-runtime.js';
import { loadSuiteFile } from './suite-loader.js';
import { fakeAnalystAgent, fakeDealingAgent, fakePolicyAgent } from './testing/fake-agents.js';

const fixtures = join(import.meta.dirname, 'testing', 'fixtures');
const suites = ['fake-dealing', 'fake-policy', 'fake-analysis'].map((n) => loadSuiteFile(join(fixtures, `${n}.jsonl`)));

describe('runEval', () => {
  it('scores every case kind against working assistants', async () => {
    const report = await runEval({ suites, runtime: createSpecRuntime, agents: [fakeDealingAgent(), fakePolicyAgent(), fakeAnalystAgent()] });
    const failures = report.suites.flatMap((s) => s.cases.filter((c) => !c.passed).map((c) => `${c.id}: ${c.runs[0]?.failure?.message}`));
    expect(failures).toEqual([]);
    expect(report.totals).toEqual({ cases: 9, runs: 9, passed: 9, violations: 0 });
    const [dealing, policy, analysis] = report.suites;
    expect(dealing?.metrics).toMatchObject({ 'pass^1': 1, fieldAccuracy: 1, toolCallF1: 1, argAccuracy: 1, stateSuccess: 1, violations: 0 });
    expect(policy?.metrics).toMatchObject({ 'recall@1': 1, 'mrr@10': 1, citationPrecision: 1, citationRecall: 1, refusalAccuracy: 1 });
    expect(analysis?.metrics).toMatchObject({ numericAccuracy: 1, flagAccuracy: 1 });
  });

  it('advances each case its own clock: the 45 s pause expires the quote, the 10 s one does not', async () => {
    const report = await runEval({ suites: [suites[0]!], runtime: createSpecRuntime, agents: [fakeDealingAgent()], concurrency: 4, repeat: 2 });
    const byId = Object.fromEntries(report.suites[0]!.cases.map((c) => [c.id, c]));
    expect(byId['done-booked']?.c).toBe(2);
    expect(byId['expired']?.c).toBe(2);
    expect(report.suites[0]?.metrics['pass^2']).toBe(1);
    expect(report.suites[0]?.metrics.flakiness).toBe(0);
  });

  it('fails a broken assistant with expected vs actual and counts its violations', async () => {
    const report = await runEval({ suites: [suites[0]!], runtime: createSpecRuntime, agents: [fakeDealingAgent({ broken: true })] });
    const cases = Object.fromEntries(report.suites[0]!.cases.map((c) => [c.id, c]));
    expect(cases['parse-sell']?.passed).toBe(true);
    const calls = cases['quote-calls']!.runs[0]!;
    expect(calls.success).toBe(false);
    expect(calls.metrics.argAccuracy).toBeCloseTo(1 / 3, 12);
    expect(calls.violations.map((v) => v.kind)).toEqual(['firm_quote_without_limit_check']);
    const done = cases['done-booked']!.runs[0]!;
    expect(done.failure?.mismatches.map((m) => m.path)).toContain('rfq.side');
    expect(done.violations.map((v) => v.kind)).toEqual(['firm_quote_without_limit_check', 'booking_without_acceptance']);
    // The expiry dialogue books anyway (no acceptance check) and calls the forbidden tool.
    expect(cases['expired']!.runs[0]!.violations.map((v) => v.kind)).toContain('forbidden_tool');
    expect(report.totals.violations).toBeGreaterThanOrEqual(5);
  });

  it('records a crashing runtime as that case failing, not the run', async () => {
    const report = await runEval({
      suites: [suites[1]!],
      agents: [fakePolicyAgent()],
      runtime: async () => ({
        runTurn: async () => {
          throw new Error('provider down');
        },
        runTool: async () => null,
        close: () => undefined,
      }),
    });
    expect(report.suites[0]!.cases.every((c) => !c.passed)).toBe(true);
    expect(report.suites[0]!.cases[0]!.runs[0]!.failure?.message).toBe('error: provider down');
  });

  it('adds the judge score to answered policy questions when a judge is given', async () => {
    const seen: string[] = [];
    const judge: Judge = {
      grade: async (req) => {
        seen.push(req.answer);
        return { pass: true, score: 0.75, reason: 'scripted' };
      },
    };
    const report = await runEval({ suites: [suites[1]!], runtime: createSpecRuntime, agents: [fakePolicyAgent()], judge });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('五年');
    expect(report.suites[0]?.metrics.judgeScore).toBe(0.75);
  });

  it('starts each case at its own `now` (or the default) and advances it per turn', async () => {
    const seen: string[] = [];
    const cases = parseSuiteText(
      [
        '{"id":"a","agent":"dealing","kind":"tool","tags":[],"user":"t.zhang","tool":"t","input":{},"expected":{},"now":"2025-12-26T10:00:00+08:00"}',
        '{"id":"b","agent":"dealing","kind":"tool","tags":[],"user":"t.zhang","tool":"t","input":{},"expected":{}}',
        '{"id":"c","agent":"dealing","kind":"dialogue","tags":[],"user":"t.zhang","now":"2025-12-26T02:00:00Z","turns":[{"message":"x"},{"message":"y","advanceSeconds":45}],"expectedState":{}}',
      ].join('\n'),
      'clock.jsonl',
    );
    await runEval({
      suites: [{ name: 'clock', version: '1', file: 'clock.jsonl', cases }],
      concurrency: 3,
      runtime: async (o) => ({
        runTool: async () => void seen.push(o.now().toISOString()),
        runTurn: async () => {
          seen.push(o.now().toISOString());
          return { reply: '', toolCalls: [], state: {} };
        },
        close: () => undefined,
      }),
    });
    expect(seen.sort()).toEqual(
      [DEFAULT_START.toISOString(), '2025-12-26T02:00:00.000Z', '2025-12-26T02:00:00.000Z', '2025-12-26T02:00:45.000Z'].sort(),
    );
  });
});
