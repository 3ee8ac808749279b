/**
 * `npm run bench server`: the HTTP service under 50 concurrent streaming clients (issue #13).
 *
 * One process serves: `startServer` on a free port (offline engine, temp FINAGENT_HOME, SQLite, the
 * access log serialized as `finagent serve` does, rate limit off), one API token per client. The
 * clients run in a worker thread of the same process (their own event loop and HTTP stack, so they
 * do not queue behind the server's work; on this 2-core machine they still share the CPU). Each
 * client owns one thread and sends several turns one after another, each as
 * `POST /threads/{id}/runs/stream` (SSE, stream mode `values`) read to its `end` event.
 *
 * Two workloads: the dealing quote turn (parse + price + checks + quote: 3 offline model steps, 2
 * tool calls, RFQ rows, audit) and a cheap turn (the test `calc` assistant: 2 model steps, 1 tool),
 * which shows the server's own overhead more plainly. For each, measured in the same run on the same
 * runtime: the in-process cost (`rt.runTurn` called directly, one at a time, same message sequence),
 * one HTTP client alone, then 50 concurrent clients back to back: turns/s over that phase and p50/p99
 * latency (request sent → stream ended); then the same 50 clients offering the target rate together
 * on a fixed schedule (open loop), with latency counted from each turn's scheduled start. Back to
 * back, latency is clients ÷ throughput whatever the server does (Little's law); the latency target
 * is read at the target load. Last, back to back again with the clients split over this server and a
 * second one in a worker thread of the process (same home): the most two threads could serve.
 *
 * Targets (issue #13): ≥ 100 turns/s per process; p99 < 100 ms over the in-process cost (p99) at that load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { dealingAgent } from '../src/agents/dealing.js';
import { issueToken } from '../src/auth/tokens.js';
import { createRuntime, type Runtime } from '../src/runtime/runtime.js';
import { calcAgent } from '../src/runtime/testing/calc-agent.js';
import { startServer } from '../src/server/serve.js';
import type { BenchResult } from './types.js';

const CLIENTS = 50;
const TRADERS = ['t.zhang', 'm.zhou'];

interface Workload {
  assistant: string;
  label: string;
  /** Turn i of a thread sends messages[i % length]. */
  messages: string[];
  turnsPerClient: number;
}

const WORKLOADS: Workload[] = [
  {
    assistant: 'dealing',
    label: 'dealing quote turn',
    messages: ['220205 出 5kw', '5年国开 收 1E', 'DR007 出 5E', '1Y国股CD 出 2E', 'CGB 10s two-way in 500mm pls', '220205 收 3kw'],
    turnsPerClient: 4,
  },
  { assistant: 'calc', label: 'cheap turn (test calc assistant)', messages: ['add 1 2', 'add 3 4 5', 'add 10 20', 'add 7 8'], turnsPerClient: 6 },
];

/** What the client worker is asked to do, and what it answers. */
interface ClientJob {
  url: string;
  tokens: string[];
  workload: Workload;
  prefix: string;
  /** A second server of the same process (a worker thread, same home): the split phase's other half. */
  second?: SecondServer;
}
interface SecondServer {
  url: string;
  tokens: string[];
}
interface ClientResult {
  single: number[];
  loaded: number[];
  wallSeconds: number;
  /** Open loop at TARGET_RATE: latency from each turn's scheduled start; achieved completion rate. */
  paced: number[];
  pacedRate: number;
  /** Open loop at half the back-to-back throughput: the latency of a server with headroom. */
  half: number[];
  halfRate: number;
  /** Back to back again, half the clients on each of the two servers: turns and wall time. */
  split?: { turns: number; wallSeconds: number };
}

/** The throughput target, and the offered load of the open-loop latency phase. */
const TARGET_RATE = 100;

function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

/** One streamed turn over HTTP; resolves with its latency, throws unless the run ended in success. */
async function streamTurn(url: string, token: string, assistant: string, thread: string, message: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/threads/${thread}/runs/stream`, {
    method: 'POST',
    headers: { 'x-api-key': token, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ assistant_id: assistant, input: { messages: [{ role: 'user', content: message }] }, stream_mode: 'values' }),
  });
  const text = await res.text();
  const dt = performance.now() - t0;
  if (res.status !== 200 || !/event: end\ndata: \{[^\n]*"status":"success"/.test(text)) throw new Error(`turn on ${thread} failed: HTTP ${res.status} ${text.slice(-300)}`);
  return dt;
}

/** The worker's part: warm-up (one turn per client), one client alone, then all clients at once. */
async function drive(job: ClientJob): Promise<ClientResult> {
  const { url, tokens, workload: w, prefix } = job;
  const clients = (phase: string, n: number, turns: number) =>
    Promise.all(
      Array.from({ length: n }, async (_, c) => {
        const lat: number[] = [];
        for (let i = 0; i < turns; i++) lat.push(await streamTurn(url, tokens[c]!, w.assistant, `${prefix}-${phase}-${c}`, w.messages[i % w.messages.length]!));
        return lat;
      }),
    ).then((all) => all.flat());
  await clients('warm', tokens.length, 1);
  const single: number[] = [];
  for (const phase of ['single-a', 'single-b', 'single-c']) single.push(...(await clients(phase, 1, w.turnsPerClient)));
  const t0 = performance.now();
  const loaded = await clients('load', tokens.length, w.turnsPerClient);
  const wallSeconds = (performance.now() - t0) / 1000;
  // Open loop: the 50 clients together send `rate` turns/s on a fixed schedule (client c's k-th turn
  // at (k·clients + c) / rate s), each waiting for its previous turn if that is late. Latency counts
  // from the scheduled start, so queueing under overload is measured, not hidden.
  const openLoop = async (phase: string, rate: number) => {
    const lat: number[] = [];
    const start = performance.now() + 50;
    await Promise.all(
      tokens.map(async (token, c) => {
        for (let k = 0; k < w.turnsPerClient; k++) {
          const due = start + ((k * tokens.length + c) * 1000) / rate;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          await streamTurn(url, token, w.assistant, `${prefix}-${phase}-${c}`, w.messages[k % w.messages.length]!);
          lat.push(performance.now() - due);
        }
      }),
    );
    return { lat, rate: lat.length / ((performance.now() - start) / 1000) };
  };
  const atTarget = await openLoop('paced', TARGET_RATE);
  const halfRate = loaded.length / wallSeconds / 2;
  const atHalf = await openLoop('half', halfRate);
  let split: ClientResult['split'];
  if (job.second) {
    const { second } = job;
    const half = Math.floor(tokens.length / 2);
    const targets = [...tokens.slice(0, half).map((token) => ({ url, token })), ...second.tokens.slice(0, tokens.length - half).map((token) => ({ url: second.url, token }))];
    await Promise.all(targets.map((t, c) => streamTurn(t.url, t.token, w.assistant, `${prefix}-split-warm-${c}`, w.messages[0]!)));
    const s0 = performance.now();
    await Promise.all(
      targets.map(async (t, c) => {
        for (let i = 0; i < w.turnsPerClient; i++) await streamTurn(t.url, t.token, w.assistant, `${prefix}-split-${c}`, w.messages[i % w.messages.length]!);
      }),
    );
    split = { turns: targets.length * w.turnsPerClient, wallSeconds: (performance.now() - s0) / 1000 };
  }
  return { single, loaded, wallSeconds, paced: atTarget.lat, pacedRate: atTarget.rate, half: atHalf.lat, halfRate, split };
}

/** The runtime both servers run: offline engine, business time pinned to the bundled market data's day. */
function benchRuntime(home: string): Promise<Runtime> {
  return createRuntime({ home, config: { provider: 'offline' }, agents: [dealingAgent, calcAgent], now: () => new Date('2025-12-26T02:00:00Z') });
}

/** One API token per client, the clients alternating between two traders. */
function clientTokens(rt: Runtime): Promise<string[]> {
  return Promise.all(Array.from({ length: CLIENTS }, (_, c) => issueToken(rt.stores.tokens, TRADERS[c % TRADERS.length]!, rt.now()).then((t) => t.token)));
}

/** The worker that runs the second server: the same runtime setup on the same home, until told to stop. */
if (!isMainThread && parentPort && (workerData as { benchSecondServer?: { home: string } } | null)?.benchSecondServer) {
  const port = parentPort;
  const { home } = (workerData as { benchSecondServer: { home: string } }).benchSecondServer;
  const rt = await benchRuntime(home);
  const server = await startServer({ rt, port: 0, log: (e) => void JSON.stringify(e), rateLimitPerMinute: 0, checkpoints: false });
  const tokens = await clientTokens(rt);
  port.postMessage({ url: server.url, tokens } satisfies SecondServer);
  port.once('message', () => void server.stop({ graceMs: 1000 }).then(() => port.close()));
}

function secondServer(home: string): Promise<{ info: SecondServer; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { benchSecondServer: { home } } });
    worker.once('error', reject);
    worker.once('message', (info: SecondServer) =>
      resolve({
        info,
        stop: () =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.postMessage('stop');
          }),
      }),
    );
  });
}

if (!isMainThread && parentPort && (workerData as { benchServerJob?: ClientJob } | null)?.benchServerJob) {
  const job = (workerData as { benchServerJob: ClientJob }).benchServerJob;
  parentPort.postMessage(await drive(job));
}

function inWorker(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { benchServerJob: job } });
    worker.once('message', (r: ClientResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`client worker exited ${code}`))));
  });
}

/** The same message sequence on fresh threads through the runtime directly (no HTTP, no SSE), one turn at a time. */
async function inProcess(rt: Runtime, w: Workload, prefix: string, threads: number): Promise<number[]> {
  const samples: number[] = [];
  for (let c = 0; c < threads; c++) {
    for (let i = 0; i < w.turnsPerClient; i++) {
      const t0 = performance.now();
      await rt.runTurn({ agent: w.assistant, message: w.messages[i % w.messages.length]!, thread: `${prefix}-${c}`, user: TRADERS[c % TRADERS.length]! });
      samples.push(performance.now() - t0);
    }
  }
  return samples;
}

export async function run(): Promise<BenchResult[]> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-bench-server-'));
  // Business time pinned to the bundled market data's day; wall time only for the figures.
  const rt = await benchRuntime(home);
  // BENCH_DEBUG=1 prints the log lines that are not a 200 access line.
  const log = (e: Record<string, unknown>) => {
    const line = JSON.stringify(e);
    if (process.env.BENCH_DEBUG && (e.level !== 'info' || (e.msg === 'request' && e.status !== 200))) process.stderr.write(`${line}\n`);
  };
  const server = await startServer({ rt, port: 0, log, rateLimitPerMinute: 0, checkpoints: false });
  const out: BenchResult[] = [];
  let stopSecond: (() => Promise<void>) | undefined;
  try {
    const tokens = await clientTokens(rt);
    const second = await secondServer(home);
    stopSecond = second.stop;
    for (const w of WORKLOADS) {
      await inProcess(rt, w, `${w.assistant}-warm`, 5);
      const before = await inProcess(rt, w, `${w.assistant}-inproc`, 10);
      const http = await inWorker({ url: server.url, tokens, workload: w, prefix: w.assistant, second: second.info });
      const after = await inProcess(rt, w, `${w.assistant}-inproc-after`, 5);
      const ip = [...before, ...after];
      const ipP50 = quantile(ip, 0.5);
      const ipP99 = quantile(ip, 0.99);
      const turnsPerSecond = http.loaded.length / http.wallSeconds;
      const p99 = quantile(http.loaded, 0.99);
      const pacedP99 = quantile(http.paced, 0.99);
      const pacedOver = pacedP99 - ipP99;
      out.push(
        { name: `${w.label}: in-process (rt.runTurn, one at a time)`, median: ipP50, p95: quantile(ip, 0.95), unit: 'ms', samples: ip.length, note: `p99 ${ipP99.toFixed(1)} ms; sequential ceiling ${(1000 / ipP50).toFixed(0)} turns/s` },
        {
          name: `${w.label}: HTTP stream, 1 client alone`,
          median: quantile(http.single, 0.5),
          p95: quantile(http.single, 0.95),
          unit: 'ms',
          samples: http.single.length,
          note: `p99 ${quantile(http.single, 0.99).toFixed(1)} ms; p50 over in-process ${(quantile(http.single, 0.5) - ipP50).toFixed(1)} ms`,
        },
        {
          name: `${w.label}: HTTP stream, ${CLIENTS} concurrent clients × ${w.turnsPerClient} turns, throughput`,
          median: turnsPerSecond,
          unit: 'turns/s',
          target: '≥ 100 turns/s',
          pass: turnsPerSecond >= 100,
          samples: http.loaded.length,
          note: `${http.loaded.length} turns in ${http.wallSeconds.toFixed(2)} s`,
        },
        {
          name: `${w.label}: HTTP stream, ${CLIENTS} concurrent clients back to back, latency`,
          median: quantile(http.loaded, 0.5),
          p95: quantile(http.loaded, 0.95),
          unit: 'ms',
          samples: http.loaded.length,
          note: `p99 ${p99.toFixed(1)} ms; with no pause between turns a turn waits for the ~${CLIENTS - 1} others queued before it (latency ≈ clients ÷ throughput)`,
        },
        {
          name: `${w.label}: HTTP stream, ${CLIENTS} clients offering ${TARGET_RATE} turns/s together (open loop), latency from scheduled start`,
          median: quantile(http.paced, 0.5),
          p95: quantile(http.paced, 0.95),
          unit: 'ms',
          target: 'p99 < in-process p99 + 100 ms',
          pass: pacedOver < 100,
          samples: http.paced.length,
          note: `p99 ${pacedP99.toFixed(1)} ms = in-process p99 ${ipP99.toFixed(1)} ms + ${pacedOver.toFixed(1)} ms; completed ${http.pacedRate.toFixed(0)} turns/s`,
        },
        {
          name: `${w.label}: HTTP stream, ${CLIENTS} clients offering ${http.halfRate.toFixed(0)} turns/s (half the back-to-back throughput), latency from scheduled start`,
          median: quantile(http.half, 0.5),
          p95: quantile(http.half, 0.95),
          unit: 'ms',
          samples: http.half.length,
          note: `p99 ${quantile(http.half, 0.99).toFixed(1)} ms = in-process p99 ${ipP99.toFixed(1)} ms + ${(quantile(http.half, 0.99) - ipP99).toFixed(1)} ms`,
        },
      );
      if (http.split) {
        out.push({
          name: `${w.label}: HTTP stream, the ${CLIENTS} clients split over two servers in two threads of the process (same home), back to back: throughput`,
          median: http.split.turns / http.split.wallSeconds,
          unit: 'turns/s',
          samples: http.split.turns,
          note: `${http.split.turns} turns in ${http.split.wallSeconds.toFixed(2)} s; an upper bound for running turns on worker threads: no hand-off between threads at all, and the clients share the same cores`,
        });
      }
    }
    return out;
  } finally {
    await stopSecond?.();
    await server.stop({ graceMs: 1000 });
    rmSync(home, { recursive: true, force: true });
  }
}
