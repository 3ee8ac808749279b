import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/runtime/paths.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { calcAgent } from '../src/runtime/testing/calc-agent.js';
import { summarize, type BenchResult } from './types.js';

/** Offline runtime overhead of one tool-calling step (2 model calls + 1 tool call, audit and thread writes included). */
async function stepOverhead(): Promise<BenchResult> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-'));
  const rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'offline' } });
  for (let i = 0; i < 30; i++) await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: `w${i}`, user: 't.zhang' });
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: `t${i}`, user: 't.zhang' });
    samples.push(performance.now() - t0);
  }
  await rt.close();
  rmSync(home, { recursive: true, force: true });
  const { median, p95 } = summarize(samples);
  return { name: 'runtime: offline tool-calling step (compiled createAgent loop + entitlements + audit + SQLite thread)', median, p95, unit: 'ms', target: '< 5 ms', pass: median < 5, samples: samples.length };
}

/** `finagent --help` wall time as a fresh process. */
function coldStart(): BenchResult {
  const bin = join(packageRoot, 'bin', 'finagent.js');
  const samples: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    samples.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`finagent --help exited ${r.status}: ${r.stderr}`);
  }
  const node: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(performance.now() - t0);
  }
  const { median, p95 } = summarize(samples.slice(2));
  return { name: 'cli: cold start `finagent --help`', median, p95, unit: 'ms', target: '< 400 ms', pass: median < 400, samples: samples.length - 2, note: `node -e 0 median ${summarize(node).median.toFixed(1)} ms` };
}

export async function run(): Promise<BenchResult[]> {
  return [await stepOverhead(), coldStart()];
}
