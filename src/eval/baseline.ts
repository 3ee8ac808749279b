import { readFileSync } from 'node:fs';
import { UserInputError } from '../runtime/errors.js';
import { EvalReportSchema, type Delta, type EvalReport } from './report-schema.js';

export function loadReport(file: string): EvalReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserInputError(`cannot read baseline ${file}: ${(e as Error).message}`, { file });
  }
  const parsed = EvalReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(`baseline ${file}: field "${issue?.path.join('.')}": ${issue?.message}`, { file, field: issue?.path.join('.') });
  }
  return parsed.data;
}

/** suite → metric → { current, baseline, delta } over the suites and metrics present in either report. */
export function computeDeltas(current: EvalReport, baseline: EvalReport): Record<string, Record<string, Delta>> {
  const out: Record<string, Record<string, Delta>> = {};
  for (const s of current.suites) {
    const b = baseline.suites.find((x) => x.name === s.name);
    if (!b) continue;
    const row: Record<string, Delta> = {};
    for (const metric of new Set([...Object.keys(s.metrics), ...Object.keys(b.metrics)])) {
      const cur = s.metrics[metric] ?? null;
      const base = b.metrics[metric] ?? null;
      row[metric] = { current: cur, baseline: base, delta: cur !== null && base !== null ? cur - base : null };
    }
    out[s.name] = row;
  }
  return out;
}
