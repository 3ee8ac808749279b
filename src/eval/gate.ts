import { loadJsonFile } from '../util/json-file.js';
import { z } from 'zod';
import type { EvalReport, GateFailure } from './report-schema.js';

/**
 * CI gate: per-suite metric minimums / maximums, a maximum regression against a baseline report,
 * and policy violations at zero. A suite named in the gate but not run (file missing) is a note,
 * not a failure, unless `requireSuites` is set.
 */

export const GateSchema = z.strictObject({
  description: z.string().optional(),
  suites: z.record(
    z.string(),
    z.strictObject({
      min: z.record(z.string(), z.number()).optional(),
      max: z.record(z.string(), z.number()).optional(),
    }),
  ),
  /** Largest allowed absolute drop of a quality metric vs the baseline (default 0.02). */
  maxRegression: z.number().nonnegative().default(0.02),
  /** Allowed policy violations over the whole run (default 0). */
  maxViolations: z.number().int().nonnegative().default(0),
  requireSuites: z.boolean().default(false),
});
export type Gate = z.infer<typeof GateSchema>;

/** Quality metrics where higher is better; only these (and flakiness, lower-better) are checked for regression. */
const LOWER_IS_BETTER = new Set(['flakiness', 'violations']);
const NOT_COMPARED = /^(cases|runs|latency|tokens)/;

export function loadGate(file: string): Gate {
  return loadJsonFile(file, GateSchema, `gate ${file}`);
}

export interface GateResult {
  passed: boolean;
  failures: GateFailure[];
  notes: string[];
}

export function evaluateGate(report: EvalReport, gate: Gate, baseline?: EvalReport): GateResult {
  const failures: GateFailure[] = [];
  const notes: string[] = [];
  for (const [name, rule] of Object.entries(gate.suites)) {
    const suite = report.suites.find((s) => s.name === name);
    if (!suite) {
      const msg = `suite ${name} was not run`;
      if (gate.requireSuites) failures.push({ suite: name, metric: '(suite)', kind: 'missing', actual: null, threshold: 0 });
      else notes.push(`${msg}; its thresholds were not checked`);
      continue;
    }
    for (const [metric, threshold] of Object.entries(rule.min ?? {})) {
      const v = suite.metrics[metric];
      if (v === undefined || v === null) failures.push({ suite: name, metric, kind: 'missing', actual: null, threshold });
      else if (v < threshold) failures.push({ suite: name, metric, kind: 'min', actual: v, threshold });
    }
    for (const [metric, threshold] of Object.entries(rule.max ?? {})) {
      const v = suite.metrics[metric];
      if (v === undefined || v === null) failures.push({ suite: name, metric, kind: 'missing', actual: null, threshold });
      else if (v > threshold) failures.push({ suite: name, metric, kind: 'max', actual: v, threshold });
    }
  }
  if (report.totals.violations > gate.maxViolations) {
    for (const s of report.suites) {
      const v = s.metrics.violations ?? 0;
      if (v > 0) failures.push({ suite: s.name, metric: 'violations', kind: 'violations', actual: v, threshold: gate.maxViolations });
    }
  }
  if (baseline) {
    for (const s of report.suites) {
      const b = baseline.suites.find((x) => x.name === s.name);
      if (!b) {
        notes.push(`suite ${s.name} is not in the baseline`);
        continue;
      }
      for (const [metric, cur] of Object.entries(s.metrics)) {
        const base = b.metrics[metric];
        if (NOT_COMPARED.test(metric) || metric === 'violations' || metric === 'passRate' || cur === null || base === null || base === undefined) continue;
        const drop = LOWER_IS_BETTER.has(metric) ? cur - base : base - cur;
        if (drop > gate.maxRegression + 1e-12) {
          failures.push({ suite: s.name, metric, kind: 'regression', actual: cur, threshold: gate.maxRegression, baseline: base });
        }
      }
    }
  }
  return { passed: failures.length === 0, failures, notes };
}
