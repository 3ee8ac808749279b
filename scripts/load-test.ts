/**
 * Load and fault test (issue #14): `npm run load-test -- --engine sqlite|postgres [options]`.
 *
 * Phases, each on real OS processes (scripts/race-worker.ts) sharing one database:
 *   load     N processes × T chat turns: quote + done on each process's own threads, and every
 *            `--shared-every`-th pair on a thread shared by two processes, whose two `done`s start
 *            at the same monotonic instant (same transcript ⇒ same tool-call id ⇒ the idempotency
 *            key decides; otherwise the RFQ's compare-and-set does).
 *   kill     kill -9 of a client mid-booking × K (alternately a direct accept_quote with a fixed
 *            tool-call id and a chat `done`), at a random instant within the measured booking time;
 *            after each kill the RFQ is checked (fully booked or untouched), then the same thread
 *            retries (same tool-call id for the direct call) and must end with exactly one ticket.
 *   restart  (postgres) a throwaway cluster (scripts/ci-postgres.sh --fresh) restarted under load
 *            (`pg_ctl restart -m fast`), then stopped for a few seconds while the CLI is run against
 *            it (what a client sees), then started; the clients retry failed turns until they pass.
 * Invariants checked after each phase: zero duplicate tickets (one per RFQ, none for an RFQ that is
 * not DONE), zero lost acknowledged trades (every `done` that reported a ticket finds it in the
 * blotter), no half-written RFQ (ACCEPTED without its ticket, DONE without one), audit chain verifies.
 * Prints a summary table; exit status 1 when an invariant fails.
 *
 * Business time is pinned (FINAGENT_NOW, the bundled market data's day); wall time is measured only
 * for the latency and duration figures.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { AuditLog } from '../src/runtime/audit.js';
import { packageRoot } from '../src/runtime/paths.js';
import { openStorage } from '../src/storage/open.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/postgres/testing.js';
import { goAtIn, ProcessWorker, type Engine, type FailedReply, type ToolCallSummary, type TurnReply, type WorkerReply } from './workers.js';

const NOW = process.env.FINAGENT_NOW ?? '2025-12-26T10:00:00+08:00';
const CLIENT = 'for 华夏城商'; // a T1 client with credit for the whole run
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string' },
    processes: { type: 'string', default: '8' },
    turns: { type: 'string', default: '200' },
    'shared-every': { type: 'string', default: '5' },
    kills: { type: 'string', default: '50' },
    'restart-processes': { type: 'string', default: '4' },
    'restart-turns': { type: 'string', default: '60' },
    phases: { type: 'string', default: 'load,kill,restart' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help || (args.engine !== 'sqlite' && args.engine !== 'postgres')) {
  process.stderr.write(
    'usage: npm run load-test -- --engine sqlite|postgres [--processes 8] [--turns 200] [--shared-every 5] [--kills 50]\n' +
      '         [--restart-processes 4] [--restart-turns 60] [--phases load,kill,restart] [--json FILE]\n',
  );
  process.exit(args.help ? 0 : 2);
}
const engine: Engine = args.engine;
const int = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`load-test: --${name} must be a whole number (got ${v})\n`);
    process.exit(2);
  }
  return n;
};
const N = int(args.processes, 'processes');
const TURNS = int(args.turns, 'turns');
const SHARED_EVERY = int(args['shared-every'], 'shared-every');
const KILLS = int(args.kills, 'kills');
const RESTART_N = int(args['restart-processes'], 'restart-processes');
const RESTART_TURNS = int(args['restart-turns'], 'restart-turns');
const phases = new Set((args.phases ?? '').split(',').map((p) => p.trim()));

// ---------------------------------------------------------------------------------------------
// Where the data lives

interface Target {
  engine: Engine;
  home: string;
  url?: string;
}

/** A throwaway PostgreSQL cluster of our own (own state file), so it can be restarted and stopped. */
class Cluster {
  private constructor(
    readonly adminUrl: string,
    readonly dir: string,
    readonly bindir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static start(stateDir: string): Cluster {
    const env = { ...process.env, FINAGENT_CI_PG_STATE: join(stateDir, 'ci-postgres.state'), FINAGENT_CI_PG_OWNER_PID: String(process.pid) };
    const url = execFileSync(join(packageRoot, 'scripts', 'ci-postgres.sh'), ['--fresh'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    const [dir, bindir] = readFileSync(env.FINAGENT_CI_PG_STATE, 'utf8').trim().split('\n').at(-1)!.split(' ');
    return new Cluster(url, dir!, bindir!, env);
  }

  /** pg_ctl as the cluster's owner (PostgreSQL refuses to run as root); async: the clients keep running. */
  private async pgCtl(args: string[]): Promise<void> {
    const cmd = join(this.bindir, 'pg_ctl');
    const full = ['-D', join(this.dir, 'data'), ...args];
    const r = process.getuid?.() === 0 ? await run('runuser', ['-u', 'postgres', '--', cmd, ...full]) : await run(cmd, full);
    if (r.code !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  }

  /** Fast restart: active sessions are terminated (57P01), the server is back in about a second. */
  restart(): Promise<void> {
    return this.pgCtl(['-m', 'fast', '-w', '-l', join(this.dir, 'server.log'), 'restart']);
  }

  stop(): Promise<void> {
    return this.pgCtl(['-m', 'fast', '-w', 'stop']);
  }

  /** Starts it again with the options of its first start (postmaster.opts). */
  startAgain(): Promise<void> {
    return this.pgCtl(['-w', '-l', join(this.dir, 'server.log'), 'restart']);
  }

  remove(): void {
    spawnSync(join(packageRoot, 'scripts', 'ci-postgres.sh'), ['--stop'], { env: this.env, stdio: 'ignore' });
  }
}

// ---------------------------------------------------------------------------------------------
// Invariants, read straight from the tables (not through the repositories under test)

interface Snapshot {
  rfqs: Map<string, { status: string; thread: string }>;
  tickets: Array<{ rfqId: string; tradeId: string }>;
  events: Map<string, string[]>;
  keys: Set<string>;
}

async function snapshot(t: Target): Promise<Snapshot> {
  const q = {
    rfqs: 'SELECT id, status, thread FROM rfqs',
    tickets: 'SELECT rfq_id, trade_id FROM tickets ORDER BY seq',
    events: "SELECT rfq_id, event FROM rfq_events WHERE event IN ('accept', 'book') ORDER BY id",
    keys: 'SELECT key FROM dealing_idempotency',
  };
  type R = Record<string, string>;
  let rows: { rfqs: R[]; tickets: R[]; events: R[]; keys: R[] };
  if (t.engine === 'sqlite') {
    const db = new Database(join(t.home, 'finagent.db'), { readonly: true });
    try {
      rows = { rfqs: db.prepare(q.rfqs).all() as R[], tickets: db.prepare(q.tickets).all() as R[], events: db.prepare(q.events).all() as R[], keys: db.prepare(q.keys).all() as R[] };
    } finally {
      db.close();
    }
  } else {
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      const get = async (sql: string) => (await c.query<R>(sql)).rows;
      rows = { rfqs: await get(q.rfqs), tickets: await get(q.tickets), events: await get(q.events), keys: await get(q.keys) };
    } finally {
      await c.end();
    }
  }
  const events = new Map<string, string[]>();
  for (const e of rows.events) events.set(e.rfq_id!, [...(events.get(e.rfq_id!) ?? []), e.event!]);
  return {
    rfqs: new Map(rows.rfqs.map((r) => [r.id!, { status: r.status!, thread: r.thread! }])),
    tickets: rows.tickets.map((r) => ({ rfqId: r.rfq_id!, tradeId: r.trade_id! })),
    events,
    keys: new Set(rows.keys.map((r) => r.key!)),
  };
}

interface Ack {
  rfqId: string;
  tradeId: string;
  thread: string;
}

interface Invariants {
  tickets: number;
  duplicates: number;
  lost: number;
  halfWritten: number;
  chain: boolean;
  chainRecords: number;
  problems: string[];
}

async function checkInvariants(t: Target, acks: Ack[]): Promise<Invariants> {
  const s = await snapshot(t);
  const problems: string[] = [];
  const byRfq = new Map<string, string[]>();
  for (const tk of s.tickets) byRfq.set(tk.rfqId, [...(byRfq.get(tk.rfqId) ?? []), tk.tradeId]);
  let duplicates = 0;
  for (const [rfq, ids] of byRfq) {
    if (ids.length > 1) {
      duplicates += ids.length - 1;
      problems.push(`duplicate tickets for ${rfq}: ${ids.join(', ')}`);
    }
    const status = s.rfqs.get(rfq)?.status;
    if (status !== 'DONE') {
      duplicates += ids.length;
      problems.push(`ticket ${ids.join(', ')} for ${rfq}, which is ${status ?? 'missing'}`);
    }
  }
  let halfWritten = 0;
  for (const [id, r] of s.rfqs) {
    const ev = s.events.get(id) ?? [];
    const half =
      r.status === 'ACCEPTED' ||
      (r.status === 'DONE' && (!byRfq.has(id) || !ev.includes('accept') || !ev.includes('book'))) ||
      (r.status !== 'DONE' && ev.includes('book'));
    if (half) {
      halfWritten++;
      problems.push(`half-written ${id}: ${r.status}, events ${ev.join(',') || 'none'}, ticket ${byRfq.get(id)?.join(',') ?? 'none'}`);
    }
  }
  let lost = 0;
  for (const a of acks) {
    if (!(byRfq.get(a.rfqId) ?? []).includes(a.tradeId)) {
      lost++;
      problems.push(`lost: ${a.thread} was told ${a.tradeId} for ${a.rfqId}, blotter has ${byRfq.get(a.rfqId)?.join(',') ?? 'nothing'}`);
    }
  }
  const storage = await openStorage({ home: t.home, url: t.url });
  try {
    const v = await new AuditLog(storage.stores.audit).verify();
    if (!v.ok) problems.push(`audit chain: ${JSON.stringify(v)}`);
    return { tickets: s.tickets.length, duplicates, lost, halfWritten, chain: v.ok, chainRecords: v.ok ? v.records : 0, problems };
  } finally {
    await storage.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Clients

async function startWorker(name: string, t: Target, poolSize = 4): Promise<ProcessWorker> {
  const w = await ProcessWorker.fork(name);
  await w.must({ op: 'open', engine: t.engine, home: t.home, now: NOW, poolSize, ...(t.url ? { url: t.url } : {}) });
  return w;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** Turn bookkeeping shared by the phases: latencies, errors by message, acknowledged trades. */
class Tally {
  readonly latencies: number[] = [];
  readonly errors = new Map<string, number>();
  readonly acks: Ack[] = [];
  turns = 0;
  failedTurns = 0;
  crashes = 0;

  error(message: string): void {
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
  }

  /** Records a successful turn; returns its tool calls. */
  ok(thread: string, r: TurnReply): ToolCallSummary[] {
    this.turns++;
    this.latencies.push(r.ms);
    for (const c of r.calls) {
      if (c.name === 'accept_quote' && c.tradeId && c.rfqId && (c.outcome === 'booked' || c.outcome === 'already_booked')) this.acks.push({ rfqId: c.rfqId, tradeId: c.tradeId, thread });
    }
    return r.calls;
  }
}

/** Normalises an error for counting (ids, numbers and ports vary). */
function errorKey(r: FailedReply): string {
  return `exit ${r.exitCode}: ${r.error.replace(/RFQ-\d+-\d+/g, 'RFQ-…').replace(/:\d{4,5}\b/g, ':PORT').replace(/finagent_test_[0-9a-f]+/g, 'finagent_test_…')}`;
}

// ---------------------------------------------------------------------------------------------
// Phase results

interface PhaseResult {
  phase: string;
  processes: number;
  turns: number;
  inv: Invariants;
  p50: number;
  p95: number;
  wallS: number;
  errors: Map<string, number>;
  notes: string[];
  failed: boolean;
}

const results: PhaseResult[] = [];

function phaseResult(phase: string, processes: number, tally: Tally, inv: Invariants, t0: number, notes: string[], extraFailure = false): PhaseResult {
  const failed = extraFailure || inv.duplicates > 0 || inv.lost > 0 || inv.halfWritten > 0 || !inv.chain;
  const r: PhaseResult = {
    phase,
    processes,
    turns: tally.turns,
    inv,
    p50: percentile(tally.latencies, 50),
    p95: percentile(tally.latencies, 95),
    wallS: (performance.now() - t0) / 1000,
    errors: tally.errors,
    notes,
    failed,
  };
  results.push(r);
  const line = `[${phase}] ${r.turns} turns by ${processes} processes in ${r.wallS.toFixed(1)} s; tickets ${inv.tickets}, duplicates ${inv.duplicates}, lost ${inv.lost}, half-written ${inv.halfWritten}, chain ${inv.chain ? `verified (${inv.chainRecords} records)` : 'BROKEN'}`;
  process.stderr.write(`${line}\n`);
  for (const n of notes) process.stderr.write(`  ${n}\n`);
  for (const [m, c] of tally.errors) process.stderr.write(`  client error ×${c}: ${m}\n`);
  for (const p of inv.problems.slice(0, 20)) process.stderr.write(`  PROBLEM ${p}\n`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Phase 1: load

class Barriers {
  private readonly waiting = new Map<string, { arrived: number; open: (goAt: string) => void; done: Promise<string> }>();

  /** Resolves for all `parties` together with one start instant ~20 ms ahead. */
  meet(name: string, parties: number): Promise<string> {
    let b = this.waiting.get(name);
    if (!b) {
      let open!: (goAt: string) => void;
      const done = new Promise<string>((r) => (open = r));
      b = { arrived: 0, open, done };
      this.waiting.set(name, b);
    }
    if (++b.arrived === parties) {
      this.waiting.delete(name);
      b.open(goAtIn(20));
    }
    return b.done;
  }
}

async function loadPhase(t: Target): Promise<void> {
  process.stderr.write(`[load] ${N} processes × ${TURNS} turns on ${t.url ?? join(t.home, 'finagent.db')}\n`);
  const workers = await Promise.all(Array.from({ length: N }, (_, k) => startWorker(`L${k}`, t)));
  const tally = new Tally();
  const barriers = new Barriers();
  const sharedThreads: string[] = [];
  const sharedOutcomes = { sameTicket: 0, oneRefused: 0, other: 0 };
  const otherDetails: string[] = [];
  const t0 = performance.now();

  const turn = async (w: ProcessWorker, thread: string, message: string, goAt?: string): Promise<ToolCallSummary[] | null> => {
    const r = await w.turn({ thread, message, ...(goAt ? { goAt } : {}) });
    if (!r.ok) {
      tally.failedTurns++;
      tally.error(errorKey(r));
      return null;
    }
    return tally.ok(thread, r);
  };

  const drive = async (k: number): Promise<void> => {
    const w = workers[k]!;
    for (let p = 0; p < TURNS / 2; p++) {
      const quote = `220205 ${p % 2 === 0 ? '出' : '收'} 1kw ${CLIENT}`;
      const partner = k ^ 1;
      if (SHARED_EVERY > 0 && partner < N && p % SHARED_EVERY === SHARED_EVERY - 1) {
        const lo = Math.min(k, partner);
        const shared = `L-S${lo}-${p}`;
        await barriers.meet(`${shared}:quote`, 2);
        await turn(w, k === lo ? shared : `L-P${k}-${p}`, quote);
        if (k === lo) sharedThreads.push(shared);
        const goAt = await barriers.meet(`${shared}:done`, 2);
        const calls = await turn(w, shared, 'done', goAt);
        if (k === lo) sharedPending.set(shared, calls);
        else sharedDone(shared, calls);
      } else {
        await turn(w, `L-P${k}-${p}`, quote);
        await turn(w, `L-P${k}-${p}`, 'done');
      }
    }
  };
  // The two `done`s on a shared thread: the same ticket for both, or a booking and a refusal.
  // (A turn's tool error carries only its text: the compare-and-set refusal names the state.)
  const refusedDone = (c: ToolCallSummary | undefined) => c?.check === 'rfq_state' || /changed concurrently: it is now DONE/.test(c?.error ?? '');
  const sharedPending = new Map<string, ToolCallSummary[] | null>();
  const sharedSecond = new Map<string, ToolCallSummary[] | null>();
  const sharedDone = (thread: string, calls: ToolCallSummary[] | null) => sharedSecond.set(thread, calls);

  await Promise.all(workers.map((_, k) => drive(k)));
  const wall = performance.now();
  for (const thread of sharedThreads) {
    const accept = (calls: ToolCallSummary[] | null | undefined) => calls?.find((c) => c.name === 'accept_quote');
    const [x, y] = [accept(sharedPending.get(thread)), accept(sharedSecond.get(thread))];
    if (x?.tradeId && y?.tradeId && x.tradeId === y.tradeId) sharedOutcomes.sameTicket++;
    else if ((x?.tradeId && refusedDone(y)) || (y?.tradeId && refusedDone(x))) sharedOutcomes.oneRefused++;
    else {
      sharedOutcomes.other++;
      otherDetails.push(`${thread}: ${JSON.stringify(sharedPending.get(thread))} / ${JSON.stringify(sharedSecond.get(thread))}`);
    }
  }

  // Conversation history on the shared threads: two turns started together on one thread both
  // continue the same checkpoint; LangGraph keeps both branches, the thread shows the later one.
  let historyKept = 0;
  const reader = await openStorage({ home: t.home, url: t.url });
  try {
    const saver = reader.checkpointer();
    for (const thread of sharedThreads) {
      const tuple = await saver.getTuple({ configurable: { thread_id: thread } });
      const msgs = (tuple?.checkpoint.channel_values as { messages?: Array<{ getType(): string }> } | undefined)?.messages ?? [];
      if (msgs.filter((m) => m.getType() === 'human').length === 3) historyKept++;
    }
  } finally {
    await reader.close();
  }
  await Promise.all(workers.map((w) => w.close()));
  const inv = await checkInvariants(t, tally.acks);
  const notes = [
    `shared threads: ${sharedThreads.length} (two done's at one instant): same ticket reported to both ${sharedOutcomes.sameTicket}, one booked + one refused (rfq_state) ${sharedOutcomes.oneRefused}, other ${sharedOutcomes.other}`,
    `shared threads whose latest checkpoint holds both done turns: ${historyKept}/${sharedThreads.length}`,
    `acknowledged trades: ${tally.acks.length}; failed turns: ${tally.failedTurns}; turn throughput ${(tally.turns / ((wall - t0) / 1000)).toFixed(1)}/s`,
  ];
  notes.push(...otherDetails.slice(0, 5).map((d) => `shared thread with another outcome: ${d}`));
  phaseResult('load', N, tally, inv, t0, notes, tally.failedTurns > 0 || sharedOutcomes.other > 0);
}

// ---------------------------------------------------------------------------------------------
// Phase 2: kill -9 mid-booking

async function killPhase(t: Target): Promise<void> {
  process.stderr.write(`[kill] ${KILLS} × kill -9 of a client mid-booking\n`);
  const tally = new Tally();
  const t0 = performance.now();
  const landed = { before: 0, committed: 0, replied: 0 };
  const retried = { booked: 0, replayed: 0, alreadyBooked: 0 };
  const problems: string[] = [];
  let spare = startWorker('K-spare-0', t);
  let victim = await startWorker('K-0', t);

  // Calibration (not killed): how long accept_quote itself runs in the worker (the booking's unit of
  // work and its checks), median of three. Kills land uniformly within 1.25 × that after the
  // worker's "booking" signal (sent right before the tool runs; in a chat turn, when the model's
  // accept_quote call is out, a few ms before the tool runs).
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const thread = `K-cal-${i}`;
    const q = await victim.turn({ thread, message: `220205 ${i % 2 === 0 ? '出' : '收'} 1kw ${CLIENT}` });
    if (!q.ok) throw new Error(`calibration quote failed: ${q.error}`);
    const rfqId = q.calls.find((c) => c.name === 'request_quote')?.rfqId;
    const r = await victim.tool({ tool: 'accept_quote', input: { rfqId }, thread, callId: 'cal' });
    samples.push(r.ms);
  }
  const tool = percentile(samples, 50);
  const span = { tool: 1.25 * tool, turn: 1.25 * tool + 5 };

  for (let k = 0; k < KILLS; k++) {
    const mode = k % 2 === 0 ? 'tool' : 'turn';
    const thread = `K-${k}`;
    const callId = `kill-${k}`;
    const quote = await victim.turn({ thread, message: `220205 ${k % 4 < 2 ? '出' : '收'} 1kw ${CLIENT}` });
    if (!quote.ok) throw new Error(`kill ${k}: quote failed: ${quote.error}`);
    tally.ok(thread, quote);
    const rfqId = quote.calls.find((c) => c.name === 'request_quote')?.rfqId;
    if (!rfqId) throw new Error(`kill ${k}: no RFQ quoted: ${JSON.stringify(quote.calls)}`);

    // The booking, and kill -9 at a random instant of its window (measured above), counted from
    // the worker's "booking" signal.
    let replied: WorkerReply | undefined;
    let signalled!: () => void;
    const booking = new Promise<void>((r) => (signalled = r));
    const body = mode === 'tool' ? ({ op: 'tool', tool: 'accept_quote', input: { rfqId }, thread, callId, progress: true } as const) : ({ op: 'turn', thread, message: 'done', progress: true } as const);
    const pending = victim.request(body, () => signalled()).then(
      (r) => (replied = r),
      () => undefined,
    );
    await Promise.race([booking, pending]);
    await sleep(Math.random() * span[mode]);
    victim.kill();
    await victim.exited;
    await pending;
    if (replied) landed.replied++;

    // Right after the kill: the booking is all there or not at all.
    const s = await snapshot(t);
    const rfq = s.rfqs.get(rfqId);
    const tickets = s.tickets.filter((x) => x.rfqId === rfqId);
    const ev = s.events.get(rfqId) ?? [];
    const key = s.keys.has(`${thread}:${callId}`);
    const committed = rfq?.status === 'DONE' && tickets.length === 1 && ev.join(',') === 'accept,book';
    const untouched = rfq?.status === 'QUOTED' && tickets.length === 0 && ev.length === 0;
    if (committed) landed.committed++;
    else if (untouched) landed.before++;
    else problems.push(`kill ${k} (${mode}): half-written ${rfqId}: ${rfq?.status}, events ${ev.join(',')}, tickets ${tickets.length}`);
    if (mode === 'tool' && key !== committed) problems.push(`kill ${k}: idempotency key ${key ? 'stored without' : 'missing for'} the booking`);

    // The retry from the same thread (same tool-call id for the direct call), in a new process.
    victim = await spare;
    spare = startWorker(`K-spare-${k + 1}`, t);
    let retryTicket: string | undefined;
    if (mode === 'tool') {
      const r = await victim.tool({ tool: 'accept_quote', input: { rfqId }, thread, callId });
      retryTicket = r.call.tradeId;
      if (r.call.outcome !== 'booked') problems.push(`kill ${k}: retry of the same call id answered ${JSON.stringify(r.call)}`);
      else if (committed) {
        retried.replayed++;
        if (r.call.tradeId !== tickets[0]!.tradeId) problems.push(`kill ${k}: replay gave ${r.call.tradeId}, the killed call booked ${tickets[0]!.tradeId}`);
      } else retried.booked++;
      if (retryTicket) tally.acks.push({ rfqId, tradeId: retryTicket, thread });
    } else {
      const r = await victim.turn({ thread, message: 'done' });
      if (!r.ok) {
        tally.error(errorKey(r));
        problems.push(`kill ${k}: retry turn failed: ${r.error}`);
      } else {
        const acc = tally.ok(thread, r).find((c) => c.name === 'accept_quote');
        retryTicket = acc?.tradeId;
        if (acc?.outcome === 'already_booked') retried.alreadyBooked++;
        else if (acc?.outcome === 'booked') retried.booked++;
        else problems.push(`kill ${k}: retry done answered ${JSON.stringify(r.calls)}`);
      }
    }
    const after = (await snapshot(t)).tickets.filter((x) => x.rfqId === rfqId);
    if (after.length !== 1 || after[0]!.tradeId !== retryTicket) problems.push(`kill ${k}: after the retry ${after.length} ticket(s) for ${rfqId} (${after.map((x) => x.tradeId).join(',')}), retry reported ${retryTicket}`);
  }
  await victim.close();
  await (await spare).close();
  const inv = await checkInvariants(t, tally.acks);
  inv.problems.unshift(...problems);
  const notes = [
    `${KILLS + 1} client processes, one at a time; accept_quote runs ${tool.toFixed(0)} ms (median): kill instant uniform in the ${span.tool.toFixed(0)} ms (direct call) / ${span.turn.toFixed(0)} ms (chat done) after the "booking" signal`,
    `kills: ${KILLS} — booking not yet committed ${landed.before}, committed before the kill ${landed.committed} (reply delivered first ${landed.replied}); half-written ${KILLS - landed.before - landed.committed}`,
    `retries: booked now ${retried.booked}, replayed the killed call's result (same call id) ${retried.replayed}, already booked (chat done) ${retried.alreadyBooked}`,
  ];
  phaseResult('kill -9', 1, tally, inv, t0, notes, problems.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Phase 3: PostgreSQL restarted under load

/** A command run without blocking the event loop (the clients' replies keep flowing meanwhile). */
function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const s0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - s0 }));
  });
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return run(process.execPath, [join(packageRoot, 'bin', 'finagent.js'), ...args], env);
}

async function restartPhase(scratch: string): Promise<void> {
  process.stderr.write(`[restart] ${RESTART_N} processes × ${RESTART_TURNS} turns on a throwaway cluster, restarted and stopped mid-run\n`);
  const cluster = Cluster.start(scratch);
  const db = await createTestDatabase(cluster.adminUrl);
  const home = mkdtempSync(join(scratch, 'restart-'));
  const t: Target = { engine: 'postgres', home, url: db.url };
  const tally = new Tally();
  const notes: string[] = [];
  const problems: string[] = [];
  const t0 = performance.now();
  try {
    const workers = await Promise.all(Array.from({ length: RESTART_N }, (_, k) => startWorker(`R${k}`, t)));
    const total = RESTART_N * RESTART_TURNS;
    let completed = 0;
    let retries = 0;
    const failMs: number[] = [];

    /** One turn, retried until it passes (the client's recovery); a crashed client is replaced. */
    const step = async (k: number, thread: string, message: string): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        let r: TurnReply | FailedReply;
        try {
          r = await workers[k]!.turn({ thread, message });
        } catch (e) {
          tally.crashes++;
          tally.error(`client process died: ${(e as Error).message.replace(/pid \d+/, 'pid …')}`);
          workers[k] = await startWorker(`R${k}-again-${attempt}`, t).catch(async () => {
            await sleep(500);
            return startWorker(`R${k}-again-${attempt}b`, t);
          });
          continue;
        }
        if (r.ok) {
          const calls = tally.ok(thread, r);
          // A tool that failed on the database inside the turn: the turn "succeeded" but booked nothing.
          const failedCall = calls.find((c) => c.error && !c.check);
          if (failedCall) {
            tally.error(`tool error inside a turn: ${failedCall.error!.replace(/:\d{4,5}\b/g, ':PORT').replace(/finagent_test_[0-9a-f]+/g, 'finagent_test_…')}`);
            retries++;
            await sleep(250);
            continue;
          }
          completed++;
          return;
        }
        tally.error(errorKey(r));
        retries++;
        failMs.push(r.ms ?? 0);
        if (attempt > 400) throw new Error(`R${k} ${thread}: still failing after ${attempt} attempts: ${r.error}`);
        await sleep(250);
      }
    };
    const drive = async (k: number) => {
      for (let p = 0; p < RESTART_TURNS / 2; p++) {
        const thread = `R-P${k}-${p}`;
        await step(k, thread, `220205 ${p % 2 === 0 ? '出' : '收'} 1kw ${CLIENT}`);
        await step(k, thread, 'done');
      }
    };
    const faults = (async () => {
      const cliEnv = { ...process.env, FINAGENT_HOME: home, FINAGENT_DATABASE_URL: db.url, FINAGENT_NOW: NOW, FINAGENT_PROVIDER: '', FINAGENT_USER: '' };
      while (completed < total * 0.25) await sleep(50);
      const r0 = performance.now();
      await cluster.restart();
      notes.push(`pg_ctl restart -m fast after ${completed}/${total} turns: server back in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
      while (completed < total * 0.6) await sleep(50);
      await cluster.stop();
      const down = performance.now();
      const probe = await cli(['chat', 'dealing', '-m', `220205 出 1kw ${CLIENT}`, '--thread', 'R-CLI'], cliEnv);
      notes.push(`pg_ctl stop after ${completed}/${total} turns; the CLI while it was down: exit ${probe.code} in ${(probe.ms / 1000).toFixed(1)} s, stderr ${JSON.stringify(probe.stderr.trim())}`);
      if (probe.code !== 1 || probe.stderr.trim().split('\n').length !== 1) problems.push(`CLI during the outage: exit ${probe.code}, stderr ${probe.stderr}`);
      await sleep(Math.max(0, 3000 - (performance.now() - down)));
      await cluster.startAgain();
      notes.push(`down for ${((performance.now() - down) / 1000).toFixed(1)} s, then started again`);
      const after = await cli(['chat', 'dealing', '-m', 'done', '--thread', 'R-CLI', '--json'], cliEnv);
      notes.push(`the CLI after the restart: exit ${after.code}${after.code === 0 ? '' : `, stderr ${JSON.stringify(after.stderr.trim())}`}`);
    })();
    await Promise.all([...workers.map((_, k) => drive(k)), faults]);
    notes.push(
      `failed attempts retried by the clients: ${retries} (each failed after p50 ${percentile(failMs, 50).toFixed(0)} ms, max ${Math.max(0, ...failMs).toFixed(0)} ms); client processes that died: ${tally.crashes}`,
    );
    await Promise.all(workers.map((w) => w.close()));
    const inv = await checkInvariants(t, tally.acks);
    inv.problems.unshift(...problems);
    phaseResult('pg restart', RESTART_N, tally, inv, t0, notes, problems.length > 0 || tally.crashes > 0);
  } finally {
    await db.drop().catch(() => undefined);
    cluster.remove();
  }
}

// ---------------------------------------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'finagent-load-'));
let testDb: TestDatabase | undefined;
let cluster: Cluster | undefined;
try {
  let target: Target;
  if (engine === 'sqlite') target = { engine, home: scratch };
  else {
    // Load and kill phases on a fresh database of the usual server (or a throwaway one when none answers).
    let admin: string;
    try {
      admin = execFileSync(join(packageRoot, 'scripts', 'ci-postgres.sh'), [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    } catch {
      cluster = Cluster.start(scratch);
      admin = cluster.adminUrl;
    }
    testDb = await createTestDatabase(admin);
    target = { engine, home: scratch, url: testDb.url };
  }
  if (phases.has('load') && N > 0 && TURNS > 0) await loadPhase(target);
  if (phases.has('kill') && KILLS > 0) await killPhase(target);
  if (phases.has('restart') && engine === 'postgres' && RESTART_N > 0) await restartPhase(scratch);
} finally {
  await testDb?.drop().catch(() => undefined);
  cluster?.remove();
  rmSync(scratch, { recursive: true, force: true });
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const header = `| engine | phase | processes | turns | tickets | duplicates | lost | half-written | chain | p50 turn ms | p95 turn ms | wall s |`;
process.stdout.write(`\n${header}\n|${'---|'.repeat(12)}\n`);
for (const r of results) {
  process.stdout.write(
    `| ${engine} | ${pad(r.phase, 10)} | ${r.processes} | ${r.turns} | ${r.inv.tickets} | ${r.inv.duplicates} | ${r.inv.lost} | ${r.inv.halfWritten} | ${r.inv.chain ? 'verified' : 'BROKEN'} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.wallS.toFixed(1)} |\n`,
  );
}
if (args.json) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    args.json,
    `${JSON.stringify(
      results.map((r) => ({ ...r, engine, errors: Object.fromEntries(r.errors) })),
      null,
      2,
    )}\n`,
  );
}
const failed = results.filter((r) => r.failed);
if (failed.length) {
  process.stderr.write(`load-test: FAILED (${failed.map((r) => r.phase).join(', ')})\n`);
  process.exitCode = 1;
}
