import type { GateResult } from './gate.js';
import type { EvalReport } from './report-schema.js';
import { firstFailure, fmtDelta, fmtMetric, headline, short } from './format.js';

/** Plain-text summary: one table row per suite, the other metrics, then failures with expected vs actual. */

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function renderTerminal(report: EvalReport, opts: { maxFailures?: number } = {}): string {
  const max = opts.maxFailures ?? 15;
  const deltas = report.baseline?.deltas ?? {};
  const lines: string[] = [];
  const rows: string[][] = [['suite', 'ver', 'cases', 'pass^1', 'pass^k', 'violations', 'flaky', 'p50', 'p95']];
  for (const s of report.suites) {
    const m = s.metrics;
    const ks = Object.keys(m).filter((k) => k.startsWith('pass^')).map((k) => Number(k.slice(5))).sort((a, b) => a - b);
    const kMax = ks[ks.length - 1] ?? 1;
    const d = fmtDelta(deltas[s.name]?.['pass^1']?.delta);
    rows.push([
      s.name,
      s.version,
      String(m.cases ?? 0),
      `${fmtMetric('pass^1', m['pass^1'])}${d ? ` (${d})` : ''}`,
      kMax > 1 ? `${fmtMetric('', m[`pass^${kMax}`])} k=${kMax}` : '—',
      String(m.violations ?? 0),
      fmtMetric('flakiness', m.flakiness),
      fmtMetric('latencyP50Ms', m.latencyP50Ms),
      fmtMetric('latencyP95Ms', m.latencyP95Ms),
    ]);
  }
  lines.push(table(rows));
  for (const s of report.suites) {
    const parts = headline(s.metrics).map((k) => {
      const d = fmtDelta(deltas[s.name]?.[k]?.delta);
      return `${k}=${fmtMetric(k, s.metrics[k])}${d ? ` (${d})` : ''}`;
    });
    if (parts.length) lines.push(`  ${s.name}: ${parts.join('  ')}`);
  }
  for (const sk of report.skipped) lines.push(`skipped ${sk.suite}: ${sk.reason}`);
  const failing = report.suites.flatMap((s) => s.cases.filter((c) => !c.passed || c.runs.some((r) => r.violations.length)).map((c) => ({ s, c })));
  if (failing.length) {
    lines.push('', `Failures (${failing.length}):`);
    for (const { s, c } of failing.slice(0, max)) {
      const run = firstFailure(c);
      lines.push(`✗ ${s.name}/${c.id} [${c.kind}] ${c.c}/${c.n} passed${c.flaky ? ' (flaky)' : ''}: ${run?.failure?.message ?? 'policy violation'}`);
      for (const mm of (run?.failure?.mismatches ?? []).slice(0, 6)) {
        lines.push(`    ${mm.path}: expected ${short(mm.expected, 80)}, got ${short(mm.actual, 80)} (${mm.reason})`);
      }
      for (const v of run?.violations ?? []) lines.push(`    violation ${v.kind}: ${v.detail}`);
    }
    if (failing.length > max) lines.push(`  … ${failing.length - max} more (see --json or --report)`);
  }
  const t = report.totals;
  lines.push('', `${t.passed}/${t.cases} cases passed, ${t.runs} runs, ${t.violations} policy violation(s), ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export function renderGate(gate: GateResult): string {
  const lines = gate.failures.map((f) => {
    const what =
      f.kind === 'regression'
        ? `${fmtMetric(f.metric, f.actual)} fell from ${fmtMetric(f.metric, f.baseline)} by more than ${f.threshold}`
        : f.kind === 'missing'
          ? `not measured (needed for threshold ${f.threshold})`
          : f.kind === 'violations'
            ? `${f.actual} policy violation(s) (allowed ${f.threshold})`
            : `${fmtMetric(f.metric, f.actual)} ${f.kind === 'min' ? '<' : '>'} ${f.kind} ${f.threshold}`;
    return `  gate ✗ ${f.suite} ${f.metric}: ${what}`;
  });
  for (const n of gate.notes) lines.push(`  gate note: ${n}`);
  lines.unshift(gate.passed ? 'Gate: PASS' : `Gate: FAIL (${gate.failures.length})`);
  return lines.join('\n');
}
