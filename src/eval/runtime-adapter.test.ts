import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEval } from './runner.js';
import { realRuntime } from './runtime-adapter.js';
import { loadSuiteFile } from './suite-loader.js';
import { fakeDealingAgent, fakePolicyAgent } from './testing/fake-agents.js';

const fixtures = join(import.meta.dirname, 'testing', 'fixtures');

describe('runEval over the real runtime (LangChain loop, offline provider)', () => {
  it('runs tool, tool-call and dialogue cases with per-case clocks under concurrency', async () => {
    const suites = ['fake-dealing', 'fake-policy'].map((n) => loadSuiteFile(join(fixtures, `${n}.jsonl`)));
    const report = await runEval({ suites, runtime: realRuntime, agents: [fakeDealingAgent(), fakePolicyAgent()], provider: 'offline', concurrency: 3 });
    const failures = report.suites.flatMap((s) => s.cases.filter((c) => !c.passed).map((c) => `${c.id}: ${c.runs[0]?.failure?.message}`));
    expect(failures).toEqual([]);
    expect(report.totals.violations).toBe(0);
  });

  it('reports a tool refused by entitlements as the case failure', async () => {
    const suite = loadSuiteFile(join(fixtures, 'fake-dealing.jsonl'));
    const onlyParse = { ...suite, cases: suite.cases.filter((c) => c.id === 'parse-sell').map((c) => ({ ...c, user: 's.chen' })) };
    const report = await runEval({ suites: [onlyParse], runtime: realRuntime, agents: [fakeDealingAgent()], provider: 'offline' });
    expect(report.suites[0]!.cases[0]!.runs[0]!.failure?.message).toMatch(/may not use the dealing assistant/);
  });
});
