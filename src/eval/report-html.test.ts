import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeDeltas } from './baseline.js';
import { evaluateGate, GateSchema } from './gate.js';
import { esc, renderHtml } from './report-html.js';
import { renderJunit } from './report-junit.js';
import type { EvalReport } from './report-schema.js';
import { runEval } from './runner.js';
import { createSpecRuntime } from './spec-runtime.js';
import { loadSuiteFile } from './suite-loader.js';
import { fakeDealingAgent } from './testing/fake-agents.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const suite = loadSuiteFile(join(import.meta.dirname, 'testing', 'fixtures', 'fake-dealing.jsonl'));

let html = '';
let report: EvalReport;

beforeAll(async () => {
  const baseline = await runEval({ suites: [suite], runtime: createSpecRuntime, agents: [fakeDealingAgent()] });
  report = await runEval({ suites: [suite], runtime: createSpecRuntime, agents: [fakeDealingAgent({ broken: true })] });
  report.baseline = { file: 'prev.json', deltas: computeDeltas(report, baseline) };
  report.gate = { file: 'gate.json', ...evaluateGate(report, GateSchema.parse({ suites: { 'fake-dealing': { min: { 'pass^1': 0.9 } } } }), baseline) };
  html = renderHtml(report);
});

describe('HTML report', () => {
  it('is self-contained: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script|<link|\ssrc=|\shref=|url\(/i);
    expect(html).toContain('<svg class="chart"');
  });

  it('escapes every string from the run', () => {
    expect(esc('<b a="1">&\'')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&#39;');
  });

  it('renders in headless Chromium with a chart, the failures with diffs and the deltas', () => {
    if (!CHROMIUM) {
      console.warn('skipped: chromium is not installed (CI installs it with apt-get install chromium)');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'eval-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const dom = execFileSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--dump-dom', pathToFileURL(file).href],
      { encoding: 'utf8', timeout: 25_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    // The DOM Chromium built: parsed elements, not our source text.
    expect(dom).toMatch(/<svg[^>]*class="chart"/);
    const bars = dom.match(/<g class="bar" data-metric="[^"]+"/g) ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(5);
    expect(dom).toContain('data-metric="stateSuccess"');
    expect(dom).toMatch(/<p id="gate" class="banner fail">Gate FAIL/);
    expect(dom).toMatch(/<details class="failure" data-case="done-booked">/);
    expect(dom).toContain('rfq.side');
    // Baseline column and a negative delta for pass^1 (1 → 0.5).
    expect(dom).toMatch(/<td>pass\^1<\/td><td>0\.500<\/td><td>1<\/td><td class="neg">-0\.500<\/td>/);
  });
});

describe('JUnit report', () => {
  it('lists every case and the gate failures as XML', () => {
    const xml = renderJunit(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toMatch(/<testsuite name="fake-dealing" tests="6" failures="3"/);
    expect(xml).toMatch(/<testcase classname="fake-dealing" name="done-booked" time="[\d.]+"><failure message="0\/1 runs passed/);
    expect(xml).toContain('<testsuite name="gate"');
    expect(xml).toContain('expected &quot;sell&quot;, got &quot;buy&quot;');
  });
});
