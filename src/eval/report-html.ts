import type { EvalReport, SuiteResult } from './report-schema.js';
import { firstFailure, fmtDelta, fmtMetric, isRatioMetric, short } from './format.js';

/**
 * One self-contained HTML file: inline CSS and inline SVG, no scripts, no external resources, so it
 * opens offline and can be attached to a CI run. Every string from the run is HTML-escaped.
 */

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;margin:24px;color:#1d2433;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dde6;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d8dde6;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f8}.pass{color:#137333}.fail{color:#b3261e}.muted{color:#667085}.banner{padding:8px 12px;border-radius:6px;display:inline-block;font-weight:600}
.banner.pass{background:#e6f4ea}.banner.fail{background:#fce8e6}pre{background:#f6f8fa;padding:6px;white-space:pre-wrap;word-break:break-all;margin:0}
details{margin:6px 0}summary{cursor:pointer}.pos{color:#137333}.neg{color:#b3261e}`;

function barChart(s: SuiteResult, deltas: Record<string, { baseline: number | null }> | undefined): string {
  const bars = Object.entries(s.metrics).filter(([k, v]) => isRatioMetric(k, v)) as Array<[string, number]>;
  if (!bars.length) return '';
  const rowH = 22;
  const labelW = 150;
  const barW = 360;
  const h = bars.length * rowH + 10;
  const rows = bars.map(([k, v], i) => {
    const y = 5 + i * rowH;
    const base = deltas?.[k]?.baseline;
    const marker =
      typeof base === 'number' && base >= 0 && base <= 1
        ? `<line x1="${labelW + base * barW}" x2="${labelW + base * barW}" y1="${y}" y2="${y + rowH - 6}" stroke="#1d2433" stroke-width="2"><title>baseline ${base.toFixed(3)}</title></line>`
        : '';
    const color = v >= 0.95 ? '#34a853' : v >= 0.8 ? '#fbbc04' : '#ea4335';
    return `<g class="bar" data-metric="${esc(k)}"><text x="${labelW - 6}" y="${y + 12}" text-anchor="end" font-size="12">${esc(k)}</text>` +
      `<rect x="${labelW}" y="${y}" width="${barW}" height="${rowH - 6}" fill="#eef1f5"/>` +
      `<rect x="${labelW}" y="${y}" width="${(v * barW).toFixed(1)}" height="${rowH - 6}" fill="${color}"><title>${esc(k)} ${v.toFixed(3)}</title></rect>` +
      `${marker}<text x="${labelW + barW + 6}" y="${y + 12}" font-size="12">${v.toFixed(3)}</text></g>`;
  });
  return `<svg class="chart" role="img" aria-label="${esc(s.name)} metrics" xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}">${rows.join('')}</svg>`;
}

function metricTable(s: SuiteResult, deltas: EvalReport['baseline']): string {
  const d = deltas?.deltas[s.name];
  const head = `<tr><th>metric</th><th>value</th>${d ? '<th>baseline</th><th>Δ</th>' : ''}</tr>`;
  const rows = Object.entries(s.metrics).map(([k, v]) => {
    const delta = d?.[k]?.delta;
    const cls = delta ? (delta > 0 ? 'pos' : 'neg') : '';
    return `<tr><td>${esc(k)}</td><td>${esc(fmtMetric(k, v))}</td>${d ? `<td>${esc(fmtMetric(k, d[k]?.baseline))}</td><td class="${cls}">${esc(fmtDelta(delta))}</td>` : ''}</tr>`;
  });
  return `<table class="metrics">${head}${rows.join('')}</table>`;
}

function failures(s: SuiteResult): string {
  const failing = s.cases.filter((c) => !c.passed || c.runs.some((r) => r.violations.length));
  if (!failing.length) return '<p class="pass">All cases passed.</p>';
  const items = failing.map((c) => {
    const run = firstFailure(c);
    const diff = (run?.failure?.mismatches ?? [])
      .map((m) => `<tr><td>${esc(m.path)}</td><td><pre>${esc(short(m.expected, 400))}</pre></td><td><pre>${esc(short(m.actual, 400))}</pre></td><td>${esc(m.reason)}</td></tr>`)
      .join('');
    const viol = (run?.violations ?? []).map((v) => `<li class="fail">${esc(v.kind)}: ${esc(v.detail)}</li>`).join('');
    return `<details class="failure" data-case="${esc(c.id)}"><summary class="fail">✗ ${esc(c.id)} <span class="muted">[${esc(c.kind)}] ${c.c}/${c.n}${c.flaky ? ' flaky' : ''}</span> — ${esc(run?.failure?.message ?? 'policy violation')}</summary>` +
      (diff ? `<table class="diff"><tr><th>field</th><th>expected</th><th>actual</th><th>why</th></tr>${diff}</table>` : '') +
      (viol ? `<ul>${viol}</ul>` : '') +
      (run?.failure?.actual !== undefined ? `<p class="muted">actual</p><pre>${esc(JSON.stringify(run.failure.actual, null, 2) ?? '')}</pre>` : '') +
      '</details>';
  });
  return `<p class="fail">${failing.length} failing case(s)</p>${items.join('')}`;
}

export function renderHtml(report: EvalReport): string {
  const gate = report.gate;
  const banner = gate
    ? `<p id="gate" class="banner ${gate.passed ? 'pass' : 'fail'}">Gate ${gate.passed ? 'PASS' : 'FAIL'}${gate.failures.length ? ` — ${gate.failures.length} failure(s)` : ''}</p>` +
      (gate.failures.length ? `<ul>${gate.failures.map((f) => `<li class="fail">${esc(`${f.suite} ${f.metric}: ${f.kind} (actual ${fmtMetric(f.metric, f.actual)}, threshold ${f.threshold}${f.baseline !== undefined ? `, baseline ${fmtMetric(f.metric, f.baseline)}` : ''})`)}</li>`).join('')}</ul>` : '')
    : '';
  const t = report.totals;
  const suites = report.suites
    .map(
      (s) => `<section class="suite" id="suite-${esc(s.name)}"><h2>${esc(s.name)} <span class="muted">v${esc(s.version)} · ${s.cases.length} cases</span></h2>` +
        barChart(s, report.baseline?.deltas[s.name]) + metricTable(s, report.baseline) + failures(s) + '</section>',
    )
    .join('');
  const skipped = report.skipped.length ? `<p class="muted">Skipped: ${report.skipped.map((x) => esc(`${x.suite} (${x.reason})`)).join('; ')}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>finagent eval report</title><style>${CSS}</style></head><body>` +
    `<h1>finagent eval</h1><p class="muted">${esc(report.startedAt)} · provider ${esc(report.provider)} · repeat ${report.repeat}${report.baseline ? ` · baseline ${esc(report.baseline.file)}` : ''}</p>` +
    `<p id="totals">${t.passed}/${t.cases} cases passed · ${t.runs} runs · ${t.violations} policy violation(s)</p>${banner}${skipped}${suites}</body></html>\n`;
}
