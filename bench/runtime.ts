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

const ROUNDS = 300;

/** finagent's offline step: compiled createAgent loop + governance middleware + audit + thread rows + checkpointer. */
async function finagentStep(): Promise<number[]> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-'));
  const rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'offline' }, now: () => new Date('2025-12-26T02:00:00Z') });
  const user = 't.zhang';
  for (let i = 0; i < 30; i++) await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: `w${i}`, user });
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: `t${i}`, user });
    samples.push(performance.now() - t0);
  }
  await rt.close();
  rmSync(home, { recursive: true, force: true });
  return samples;
}

/** The floor: a bare LangChain `createAgent` with the same planner-backed model, tool and a SqliteSaver on a file. */
async function bareStep(): Promise<number[]> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-bare-'));
  const db = new Database(join(home, 'bare.db'));
  db.pragma('journal_mode = WAL');
  const add = lcTool(async (args: { numbers: number[] }) => JSON.stringify(await addTool.execute(args, undefined as never)), { name: addTool.name, description: addTool.description, schema: addTool.input });
  const agent = createAgent({ model: new OfflineChatModel({ planner: calcAgent.planner, agent: 'calc' }), tools: [add], checkpointer: new SqliteSaver(db) });
  for (let i = 0; i < 30; i++) await agent.invoke({ messages: [{ role: 'user', content: 'add 1 2' }] }, { configurable: { thread_id: `w${i}` } });
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await agent.invoke({ messages: [{ role: 'user', content: 'add 1 2' }] }, { configurable: { thread_id: `t${i}` } });
    samples.push(performance.now() - t0);
  }
  db.close();
  rmSync(home, { recursive: true, force: true });
  return samples;
}

/** Offline per-step overhead against a bare createAgent + checkpointer, measured side by side (interleaved halves). */
async function stepOverhead(): Promise<BenchResult[]> {
  const ours = [...(await finagentStep())];
  const bare = [...(await bareStep())];
  // A second pass in the other order, so drift on a busy machine hits both alike.
  bare.push(...(await bareStep()));
  ours.push(...(await finagentStep()));
  const o = summarize(ours);
  const b = summarize(bare);
  const ratio = o.median / b.median;
  return [
    { name: 'runtime: offline tool-calling step (2 model calls + 1 tool; governance, audit, thread, checkpointer)', median: o.median, p95: o.p95, unit: 'ms', samples: ours.length },
    { name: 'baseline: bare createAgent + SqliteSaver, same model and tool', median: b.median, p95: b.p95, unit: 'ms', samples: bare.length },
    { name: 'runtime overhead per step (ours / bare)', median: ratio, unit: 'ratio', target: '≤ 1.1×', pass: ratio <= 1.1 },
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
