/**
 * One offline dealing turn through the domain path — parse + price + pre-trade checks + quote
 * persisted in SQLite (RFQ row + audit events) — and the same turn through the full runtime
 * (LangChain agent loop, offline planner, audit, threads). Target: domain p50 < 2 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dealingAgent } from '../src/agents/dealing.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { parseDealerMessageTool } from '../src/tools/dealing/parse-tool.js';
import { requestQuoteTool } from '../src/tools/dealing/quote-tools.js';
import { testDesk } from '../src/tools/dealing/test-context.js';
import { summarize, type BenchResult } from './types.js';

const MESSAGES = ['220205 出 5kw', '5年国开 收 1E', 'DR007 出 5E', '1Y国股CD 出 2E', 'CGB 10s two-way in 500mm pls'];

async function domainTurns(n: number): Promise<number[]> {
  const desk = await testDesk();
  const samples: number[] = [];
  for (let i = 0; i < n + 50; i++) {
    const text = MESSAGES[i % MESSAGES.length]!;
    const t0 = performance.now();
    const ctx = desk.ctx(undefined, `bench:${i}`, `B${i % 20}`);
    const p = await parseDealerMessageTool.execute({ text }, ctx);
    if (!p.instrument || p.notional === null) throw new Error(`bench message did not parse: ${text}`);
    await requestQuoteTool.execute({ instrument: p.instrument, side: p.side, notional: p.notional, settle: p.settle, firm: p.firm }, ctx);
    const dt = performance.now() - t0;
    if (i >= 50) samples.push(dt); // first iterations warm caches and the JIT
  }
  await desk.close();
  return samples;
}

async function runtimeTurns(n: number): Promise<number[]> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-'));
  const rt = await createRuntime({ home, config: {}, agents: [dealingAgent], now: () => new Date('2025-12-26T02:00:00Z') });
  const samples: number[] = [];
  try {
    for (let i = 0; i < n + 10; i++) {
      const t0 = performance.now();
      await rt.runTurn({ agent: 'dealing', message: MESSAGES[i % MESSAGES.length]!, thread: `bench-${i}`, user: 't.zhang' });
      const dt = performance.now() - t0;
      if (i >= 10) samples.push(dt);
    }
  } finally {
    await rt.close();
    rmSync(home, { recursive: true, force: true });
  }
  return samples;
}

/**
 * Per-turn cost by position in a thread: `threads` threads of `turns` turns each (the first 5
 * threads warm up), sample i = the i-th turn's times. A checkpoint holds the whole conversation, so
 * a late turn reads and writes every earlier message.
 */
async function threadTurns(threads: number, turns: number): Promise<number[][]> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-'));
  const rt = await createRuntime({ home, config: {}, agents: [dealingAgent], now: () => new Date('2025-12-26T02:00:00Z') });
  const byIndex: number[][] = Array.from({ length: turns }, () => []);
  try {
    for (let t = 0; t < threads + 5; t++) {
      for (let i = 0; i < turns; i++) {
        const t0 = performance.now();
        await rt.runTurn({ agent: 'dealing', message: MESSAGES[i % MESSAGES.length]!, thread: `long-${t}`, user: 't.zhang' });
        if (t >= 5) byIndex[i]!.push(performance.now() - t0);
      }
    }
  } finally {
    await rt.close();
    rmSync(home, { recursive: true, force: true });
  }
  return byIndex;
}

export async function run(): Promise<BenchResult[]> {
  const domain = await domainTurns(2000);
  const d = summarize(domain);
  const full = await runtimeTurns(200);
  const f = summarize(full);
  const TURNS = 12;
  const byIndex = await threadTurns(40, TURNS);
  const first = summarize(byIndex[0]!);
  const last = summarize(byIndex[TURNS - 1]!);
  return [
    {
      name: 'dealing turn (domain: parse + price + checks + quote persisted)',
      median: d.median,
      p95: d.p95,
      unit: 'ms',
      target: '< 2 ms',
      pass: d.median < 2,
      samples: domain.length,
    },
    {
      name: 'dealing turn (full runtime, offline planner)',
      median: f.median,
      p95: f.p95,
      unit: 'ms',
      samples: full.length,
      note: 'LangChain createAgent loop + audit + thread persistence; 3 model steps, 2 tool calls',
    },
    {
      name: `dealing turn ${TURNS} of a thread (full runtime; 40 threads)`,
      median: last.median,
      p95: last.p95,
      unit: 'ms',
      samples: byIndex[TURNS - 1]!.length,
      note: `turn 1 of the same threads: ${first.median.toFixed(2)} ms; growth ${((last.median - first.median) / (TURNS - 1)).toFixed(2)} ms per earlier turn`,
    },
  ];
}
