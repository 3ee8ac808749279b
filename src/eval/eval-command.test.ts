import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalCommand, type EvalCommandDeps } from './eval-command.js';
import { EvalReportSchema } from './report-schema.js';
import { createSpecRuntime } from './spec-runtime.js';
import { fakeAnalystAgent, fakeDealingAgent, fakePolicyAgent } from './testing/fake-agents.js';

const fixtures = join(import.meta.dirname, 'testing', 'fixtures');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'eval-cmd-'));
  const manifest = join(dir, 'suites.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      suites: [
        { name: 'fake-dealing', file: join(fixtures, 'fake-dealing.jsonl'), version: '1', agent: 'dealing' },
        { name: 'fake-policy', file: join(fixtures, 'fake-policy.jsonl'), version: '1', agent: 'policy' },
        { name: 'fake-analysis', file: join(fixtures, 'fake-analysis.jsonl'), version: '1', agent: 'analyst' },
        { name: 'not-written', file: join(dir, 'later.jsonl'), version: '1' },
      ],
    }),
  );
  const gate = join(dir, 'gate.json');
  writeFileSync(
    gate,
    JSON.stringify({
      suites: {
        'fake-dealing': { min: { 'pass^1': 0.95, fieldAccuracy: 0.98, argAccuracy: 0.95, stateSuccess: 0.95 } },
        'fake-policy': { min: { 'recall@5': 0.9, refusalAccuracy: 0.9 } },
        'not-written': { min: { 'pass^1': 1 } },
      },
      maxRegression: 0.02,
      maxViolations: 0,
    }),
  );
  const out: string[] = [];
  const err: string[] = [];
  const deps = (broken = false): EvalCommandDeps => ({
    runtime: createSpecRuntime,
    agents: [fakeDealingAgent({ broken }), fakePolicyAgent(), fakeAnalystAgent()],
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
    isTTY: false,
  });
  return { dir, manifest, gate, out, err, deps };
}

describe('evalCommand exit codes', () => {
  it('returns 0 when every gate passes, writing JSON, HTML and JUnit', async () => {
    const t = setup();
    const json = join(t.dir, 'out.json');
    const junit = join(t.dir, 'out.xml');
    const html = join(t.dir, 'out.html');
    const code = await evalCommand({ manifest: t.manifest, gate: t.gate, json, junit, report: html, repeat: '2' }, t.deps());
    expect(t.err.join('')).toContain('suite not-written');
    expect(code).toBe(0);
    const report = EvalReportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.gate?.passed).toBe(true);
    expect(report.gate?.notes.join()).toContain('not-written was not run');
    expect(report.skipped.map((s) => s.suite)).toEqual(['not-written']);
    expect(report.suites[0]?.metrics['pass^2']).toBe(1);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuite name="fake-dealing" tests="6" failures="0"/);
    expect(readFileSync(html, 'utf8')).toContain('Gate PASS');
    expect(t.out.join('')).toMatch(/fake-dealing\s+1\s+6\s+1/);
  });

  it('returns 1 for a deliberately broken assistant, naming the failed thresholds', async () => {
    const t = setup();
    const junit = join(t.dir, 'out.xml');
    const code = await evalCommand({ manifest: t.manifest, gate: t.gate, junit }, t.deps(true));
    expect(code).toBe(1);
    const text = t.out.join('');
    expect(text).toContain('Gate: FAIL');
    expect(text).toMatch(/gate ✗ fake-dealing stateSuccess: 0(\.000)? < min 0\.95/);
    expect(text).toMatch(/gate ✗ fake-dealing violations: \d+ policy violation/);
    expect(text).toMatch(/rfq\.side: expected "sell", got "buy"/);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite name="gate"');
  });

  it('returns 1 on a regression against the baseline with no minimum set', async () => {
    const t = setup();
    const base = join(t.dir, 'base.json');
    expect(await evalCommand({ manifest: t.manifest, suites: ['fake-dealing'], json: base }, t.deps())).toBe(0);
    const regressionOnly = join(t.dir, 'regression-gate.json');
    writeFileSync(regressionOnly, JSON.stringify({ suites: {}, maxRegression: 0.05, maxViolations: 100 }));
    const code = await evalCommand({ manifest: t.manifest, suites: ['fake-dealing'], baseline: base, gate: regressionOnly }, t.deps(true));
    expect(code).toBe(1);
    expect(t.out.join('')).toMatch(/gate ✗ fake-dealing pass\^1: 0\.500 fell from 1 by more than 0\.05/);
    // The same baseline against an unchanged assistant passes.
    expect(await evalCommand({ manifest: t.manifest, suites: ['fake-dealing'], baseline: base, gate: regressionOnly }, t.deps())).toBe(0);
  });

  it('returns 2 with file and line for a malformed suite, and for bad options', async () => {
    const t = setup();
    const file = join(fixtures, 'malformed.jsonl');
    expect(await evalCommand({ suites: [file] }, t.deps())).toBe(2);
    expect(t.err.join('')).toContain(`${file}:2: field "expectedCall"`);
    expect(await evalCommand({ manifest: t.manifest, repeat: '0' }, t.deps())).toBe(2);
    expect(await evalCommand({ manifest: t.manifest, agent: 'trader' }, t.deps())).toBe(2);
    expect(await evalCommand({ manifest: t.manifest, gate: join(t.dir, 'none.json') }, t.deps())).toBe(2);
    expect(await evalCommand({ manifest: t.manifest, judge: true }, t.deps())).toBe(2);
    expect(t.err.join('')).toContain('--agent must be one of dealing, policy, analyst, got "trader"');
  });

  it('prints the JSON report to stdout with --json -', async () => {
    const t = setup();
    expect(await evalCommand({ manifest: t.manifest, agent: 'analyst', json: '-', gate: t.gate }, t.deps())).toBe(0);
    const report = EvalReportSchema.parse(JSON.parse(t.out.join('')));
    expect(report.totals.cases).toBe(1);
    // Suites without an analyst case are not run, so their thresholds are notes, not failures.
    expect(report.suites.map((s) => s.name)).toEqual(['fake-analysis']);
    expect(report.gate?.notes.join('\n')).toContain('fake-dealing was not run');
  });

  it('draws a progress bar on a TTY stderr only', async () => {
    const t = setup();
    expect(await evalCommand({ manifest: t.manifest, suites: ['fake-analysis'] }, { ...t.deps(), isTTY: true })).toBe(0);
    expect(t.err.join('')).toMatch(/\r\[#{28}\] 1\/1 fake-analysis\/liquidity/);
    const quiet = setup();
    expect(await evalCommand({ manifest: quiet.manifest, suites: ['fake-analysis'] }, quiet.deps())).toBe(0);
    expect(quiet.err.join('')).not.toContain('[#');
  });
});
