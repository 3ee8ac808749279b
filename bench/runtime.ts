import { tool as lcTool } from '@langchain/core/tools';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import Database from 'better-sqlite3';
import { createAgent } from 'langchain';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OfflineChatModel } from '../src/runtime/offline-model.js';
import { packageRoot } from '../src/runtime/paths.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { addTool, calcAgent } from '../src/runtime/testing/calc-agent.js';
import { summarize, type BenchResult } from './types.js';

const ROUNDS = 600;

type Step = (i: number) => Promise<unknown>;

/** finagent's offline step: compiled createAgent loop + governance middleware + audit + thread rows + checkpointer. */
async function finagentSteps(home: string): Promise<{ step: Step; close: () => Promise<void> }> {
  const rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'offline' }, now: () => new Date('2025-12-26T02:00:00Z') });
  return { step: (i) => rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: `t${i}`, user: 't.zhang' }), close: () => rt.close() };
}

/** The floor: a bare LangChain `createAgent` with the same planner-backed model, tool and a SqliteSaver on a file. */
function bareSteps(home: string): { step: Step; close: () => Promise<void> } {
  const db = new Database(join(home, 'bare.db'));
  db.pragma('journal_mode = WAL');
  const add = lcTool(async (args: { numbers: number[] }) => JSON.stringify(await addTool.execute(args, undefined as never)), { name: addTool.name, description: addTool.description, schema: addTool.input });
  const agent = createAgent({ model: new OfflineChatModel({ planner: calcAgent.planner, agent: 'calc' }), tools: [add], checkpointer: new SqliteSaver(db) });
  return { step: (i) => agent.invoke({ messages: [{ role: 'user', content: 'add 1 2' }] }, { configurable: { thread_id: `t${i}` } }), close: async () => void db.close() };
}

const BLOCK = 25;

/**
 * Offline per-step overhead against a bare createAgent + checkpointer, measured side by side: both
 * set up and warmed first, then short blocks taken in alternation (ours, bare, bare, ours, …) so that
 * drift on a busy machine falls on both alike. Each step is a new thread in both.
 */
async function stepOverhead(): Promise<BenchResult[]> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-'));
  const ours = await finagentSteps(home);
  const bare = bareSteps(home);
  const samples = { ours: [] as number[], bare: [] as number[] };
  const pairRatios: number[] = [];
  let n = 0;
  const block = async (which: 'ours' | 'bare', keep: boolean): Promise<number> => {
    const run = which === 'ours' ? ours : bare;
    const times: number[] = [];
    for (let i = 0; i < BLOCK; i++) {
      const t0 = performance.now();
      await run.step(n++);
      times.push(performance.now() - t0);
    }
    if (keep) samples[which].push(...times);
    return summarize(times).median;
  };
  try {
    for (let w = 0; w < 2; w++) {
      await block('ours', false);
      await block('bare', false);
    }
    for (let r = 0; r < ROUNDS / BLOCK; r++) {
      const [first, second] = r % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      const a = await block(first, true);
      const b = await block(second, true);
      pairRatios.push(first === 'ours' ? a / b : b / a);
    }
  } finally {
    await ours.close();
    await bare.close();
    rmSync(home, { recursive: true, force: true });
  }
  const o = summarize(samples.ours);
  const b = summarize(samples.bare);
  // Paired: each adjacent (ours, bare) pair of blocks gives a ratio of medians; the median of those
  // is robust to drift that a ratio of the two overall medians is not.
  const ratio = summarize(pairRatios).median;
  return [
    { name: 'runtime: offline tool-calling step (2 model calls + 1 tool; governance, audit, thread, checkpointer)', median: o.median, p95: o.p95, unit: 'ms', samples: samples.ours.length },
    { name: 'baseline: bare createAgent + SqliteSaver, same model and tool', median: b.median, p95: b.p95, unit: 'ms', samples: samples.bare.length },
    { name: 'runtime overhead per step (ours / bare)', median: ratio, unit: 'ratio', target: '≤ 1.1×', pass: ratio <= 1.1, note: `median of ${pairRatios.length} paired block ratios; overall medians ${(o.median / b.median).toFixed(3)}; our checkpointer is SqliteSaver with its write statements prepared once` },
  ];
}

function timeProcess(argv: string[] | ((run: number) => string[]), n: number, env: NodeJS.ProcessEnv = process.env): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const args = typeof argv === 'function' ? argv(i) : argv;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    samples.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return samples.slice(2);
}

/** Cold starts as fresh processes: `--help`, and one-shot turns, each against its floor in the same run. */
function coldStarts(): BenchResult[] {
  const bin = join(packageRoot, 'bin', 'finagent.js');
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-cold-'));
  const env = { ...process.env, FINAGENT_HOME: home, FINAGENT_NOW: '2025-12-26T10:00:00+08:00', FINAGENT_PROVIDER: 'offline', FINAGENT_USER: '' };
  try {
    const node = summarize(timeProcess(['-e', '0'], 10)).median;
    const help = summarize(timeProcess([bin, '--help'], 12));
    const langchain = summarize(timeProcess(['--input-type=module', '-e', "await import('langchain')"], 8)).median;
    // Warm the policy store once (first use ingests the bundled rules), then time one-shot turns.
    spawnSync(process.execPath, [bin, 'ask', '授信审批需要谁签字？'], { env });
    const ask = summarize(timeProcess([bin, 'ask', '授信审批需要谁签字？'], 8, env));
    // A thread of its own per run: continuing one thread would load a longer history each time.
    const chat = summarize(timeProcess((i) => [bin, 'chat', 'dealing', '-m', '220205 出 5kw', '--thread', `bench-cold-${i}`], 8, env));
    return [
      { name: 'cli: `finagent --help` cold start', median: help.median, p95: help.p95, unit: 'ms', target: '< 120 ms', pass: help.median < 120, note: `node -e 0: ${node.toFixed(0)} ms, ratio ${(help.median / node).toFixed(2)}×` },
      { name: 'cli: one-shot `ask`', median: ask.median, p95: ask.p95, unit: 'ms', target: '< 700 ms', pass: ask.median < 700, note: `import('langchain') alone: ${langchain.toFixed(0)} ms` },
      { name: 'cli: one-shot `chat dealing -m`', median: chat.median, p95: chat.p95, unit: 'ms', target: '< 700 ms', pass: chat.median < 700, note: `import('langchain') alone: ${langchain.toFixed(0)} ms` },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...(await stepOverhead()), ...coldStarts()];
}
