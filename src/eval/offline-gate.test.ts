import { describe, expect, it } from 'vitest';
import { EvalReportSchema } from './report-schema.js';
import { evalCommand } from './eval-command.js';

/**
 * Every checked-in suite runs offline through the real assistants with zero policy violations.
 * A quick sample (every 4th case) keeps `npm test` short; `.ci/run` runs the full suites against
 * data/eval/gate.json (`finagent eval --gate`), so the gate is judged once, on everything.
 */
describe('offline evaluation of every suite (sample)', () => {
  it('runs every suite with zero policy violations and no crashing case', async () => {
    const out: string[] = [];
    const code = await evalCommand({ sample: 4, concurrency: 2, json: true }, { out: (s) => out.push(s), err: () => {}, isTTY: false });
    expect(code).toBe(0);
    const report = EvalReportSchema.parse(JSON.parse(out.join('')));
    expect(report.suites.length).toBeGreaterThanOrEqual(5);
    expect(report.totals.violations).toBe(0);
    for (const suite of report.suites) {
      const crashed = suite.cases.flatMap((c) => c.runs).filter((r) => /^error: /.test(r.failure?.message ?? ''));
      expect(crashed.map((r) => r.failure?.message), suite.name).toEqual([]);
      expect(suite.metrics['pass^1'], suite.name).toBeGreaterThanOrEqual(0.85);
    }
  }, 120_000);
});
