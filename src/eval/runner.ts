import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AgentSpec } from '../runtime/agent-spec.js';
import { packageRoot } from '../runtime/paths.js';
import { caseResult, suiteMetrics } from './aggregate.js';
import type { Judge } from './judge.js';
import { DEFAULT_VIOLATION_RULES, type ViolationRules } from './metrics/policy-violations.js';
import type { CaseRun, EvalReport, SuiteResult } from './report-schema.js';
import { runCase } from './run-case.js';
import type { RuntimeFactory } from './runtime-port.js';
import type { EvalCase, Suite } from './suite-schema.js';

export interface EvalProgress {
  done: number;
  total: number;
  suite: string;
  caseId: string;
  success: boolean;
}

export interface RunEvalOptions {
  suites: Suite[];
  /** Only cases targeting this assistant. */
  agent?: string;
  provider?: string;
  repeat?: number;
  concurrency?: number;
  /** Parent folder for the run's fresh FINAGENT_HOME (default: the OS temp dir). */
  home?: string;
  /** Keep the run's home afterwards (for debugging). */
  keepHome?: boolean;
  runtime: RuntimeFactory;
  agents?: AgentSpec[];
  settings?: Record<string, unknown>;
  /** Start of every case's injected clock (default 2025-06-16T02:00:00Z, a CNY business morning). */
  startTime?: Date;
  rules?: ViolationRules;
  judge?: Judge;
  skipped?: EvalReport['skipped'];
  onProgress?: (p: EvalProgress) => void;
}

// The bundled market data's snapshot (2025-12-26 10:00 Shanghai): quotes are firm at this instant.
export const DEFAULT_START = new Date('2025-12-26T10:00:00+08:00');

/** Suite files inside the package are reported relative to it, so reports compare across machines. */
function displayPath(file: string): string {
  const rel = relative(packageRoot, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

interface Job {
  suite: Suite;
  c: EvalCase;
  repeat: number;
}

/**
 * Runs every selected case `repeat` times against one runtime over a fresh temporary home. Each
 * case and repeat gets its own thread and its own clock: the clock lives in AsyncLocalStorage, so
 * concurrent cases advance their own time only.
 */
export async function runEval(opts: RunEvalOptions): Promise<EvalReport> {
  const repeat = Math.max(1, Math.floor(opts.repeat ?? 1));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const start = (opts.startTime ?? DEFAULT_START).getTime();
  const startedAt = new Date();
  const t0 = performance.now();
  const parent = opts.home ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const home = mkdtempSync(join(parent, 'finagent-eval-'));
  const clock = new AsyncLocalStorage<{ ms: number }>();
  const openRuntime = (at: string) =>
    opts.runtime({
      home: at,
      ...(opts.agents ? { agents: opts.agents } : {}),
      now: () => new Date(clock.getStore()?.ms ?? start),
      ...(opts.provider ? { provider: opts.provider } : {}),
      ...(opts.settings ? { settings: opts.settings } : {}),
    });
  const rt = await openRuntime(home);
  const jobs: Job[] = [];
  for (const suite of opts.suites) {
    for (const c of suite.cases) {
      if (opts.agent && c.agent !== opts.agent) continue;
      for (let r = 0; r < repeat; r++) jobs.push({ suite, c, repeat: r });
    }
  }
  const runs = new Map<Job, CaseRun>();
  let done = 0;
  const runJob = async (job: Job): Promise<void> => {
    const thread = `eval-${job.suite.name}-${job.c.id}-r${job.repeat}`;
    const state = { ms: job.c.now ? Date.parse(job.c.now) : start };
    const t = performance.now();
    const run = await clock.run(state, async (): Promise<CaseRun> => {
      // State-based cases start from a clean environment (τ-bench): bookings, credit usage and
      // limits from other cases must not leak in. Read-only cases share the run's runtime and stores.
      const isolated = job.c.kind === 'dialogue' || job.c.kind === 'tool_calls';
      const caseRt = isolated ? await openRuntime(mkdtempSync(join(home, 'case-'))) : rt;
      try {
        const obs = await runCase(job.c, {
          rt: caseRt,
          thread,
          advance: (s) => void (state.ms += s * 1000),
          ...(opts.agents ? { agents: opts.agents } : {}),
          rules: opts.rules ?? DEFAULT_VIOLATION_RULES,
          ...(opts.judge ? { judge: opts.judge } : {}),
        });
        return { repeat: job.repeat, latencyMs: performance.now() - t, ...obs };
      } catch (e) {
        // A crash in one case is that case's failure, not the run's.
        const msg = e instanceof Error ? e.message : String(e);
        return { repeat: job.repeat, success: false, latencyMs: performance.now() - t, metrics: {}, violations: [], failure: { message: `error: ${msg}`, mismatches: [] } };
      } finally {
        if (isolated) await caseRt.close();
      }
    });
    runs.set(job, run);
    done++;
    opts.onProgress?.({ done, total: jobs.length, suite: job.suite.name, caseId: job.c.id, success: run.success });
  };
  try {
    // The first job of each assistant runs alone: it may build stores on first use (policy ingest).
    const seen = new Set<string>();
    const warm = jobs.filter((j) => !seen.has(j.c.agent) && seen.add(j.c.agent));
    for (const j of warm) await runJob(j);
    const rest = jobs.filter((j) => !runs.has(j));
    let next = 0;
    const worker = async () => {
      while (next < rest.length) await runJob(rest[next++] as Job);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rest.length) }, worker));
  } finally {
    await rt.close();
    if (!opts.keepHome) rmSync(home, { recursive: true, force: true });
  }
  // A suite with no case for the selected assistant is not part of this run (the gate notes it as not run).
  const ran = opts.suites.filter((suite) => suite.cases.some((c) => !opts.agent || c.agent === opts.agent));
  const suites: SuiteResult[] = ran.map((suite) => {
    const cases = suite.cases
      .filter((c) => !opts.agent || c.agent === opts.agent)
      .map((c) => caseResult(c, jobs.filter((j) => j.suite === suite && j.c === c).map((j) => runs.get(j) as CaseRun)));
    return { name: suite.name, version: suite.version, file: displayPath(suite.file), metrics: suiteMetrics(cases, repeat), cases };
  });
  const all = suites.flatMap((s) => s.cases);
  return {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    provider: opts.provider ?? 'offline',
    repeat,
    suites,
    skipped: opts.skipped ?? [],
    totals: {
      cases: all.length,
      runs: all.reduce((s, c) => s + c.n, 0),
      passed: all.filter((c) => c.passed).length,
      violations: all.reduce((s, c) => s + c.runs.reduce((v, r) => v + r.violations.length, 0), 0),
    },
  };
}
