import type { EvalReport } from './report-schema.js';
import { firstFailure, short } from './format.js';

/** JUnit XML for CI systems: one <testsuite> per eval suite, one <testcase> per case; gate failures in their own suite. */

function xml(s: string): string {
  // Strip characters XML 1.0 forbids, then escape.
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);
}

export function renderJunit(report: EvalReport): string {
  const parts: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const s of report.suites) {
    const cases = s.cases.map((c) => {
      const time = (c.runs.reduce((a, r) => a + r.latencyMs, 0) / 1000).toFixed(3);
      const run = firstFailure(c);
      const bad = !c.passed || c.runs.some((r) => r.violations.length);
      if (!bad) return `<testcase classname="${xml(s.name)}" name="${xml(c.id)}" time="${time}"/>`;
      const detail = [
        ...(run?.failure?.mismatches ?? []).map((m) => `${m.path}: expected ${short(m.expected, 300)}, got ${short(m.actual, 300)} (${m.reason})`),
        ...(run?.violations ?? []).map((v) => `violation ${v.kind}: ${v.detail}`),
      ].join('\n');
      const message = `${c.c}/${c.n} runs passed: ${run?.failure?.message ?? 'policy violation'}`;
      return `<testcase classname="${xml(s.name)}" name="${xml(c.id)}" time="${time}"><failure message="${xml(message)}" type="${xml(c.kind)}">${xml(detail)}</failure></testcase>`;
    });
    const nFail = s.cases.filter((c) => !c.passed || c.runs.some((r) => r.violations.length)).length;
    tests += s.cases.length;
    failures += nFail;
    parts.push(`<testsuite name="${xml(s.name)}" tests="${s.cases.length}" failures="${nFail}" errors="0" skipped="0">${cases.join('')}</testsuite>`);
  }
  if (report.gate) {
    const g = report.gate;
    const cases = g.failures.length
      ? g.failures.map((f) => `<testcase classname="gate" name="${xml(`${f.suite}.${f.metric}`)}"><failure message="${xml(`${f.kind}: actual ${f.actual ?? 'n/a'}, threshold ${f.threshold}${f.baseline !== undefined ? `, baseline ${f.baseline}` : ''}`)}" type="gate"/></testcase>`)
      : ['<testcase classname="gate" name="all thresholds"/>'];
    tests += cases.length;
    failures += g.failures.length;
    parts.push(`<testsuite name="gate" tests="${cases.length}" failures="${g.failures.length}" errors="0" skipped="0">${cases.join('')}</testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="finagent-eval" tests="${tests}" failures="${failures}">\n${parts.join('\n')}\n</testsuites>\n`;
}
