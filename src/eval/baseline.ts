import { loadJsonFile } from '../util/json-file.js';
import { EvalReportSchema, type Delta, type EvalReport } from './report-schema.js';

export function loadReport(file: string): EvalReport {
  return loadJsonFile(file, EvalReportSchema, `baseline ${file}`);
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
