import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRuntime } from '../src/runtime/runtime.js';
import { chainRecord, type AuditKind } from '../src/runtime/audit-chain.js';

// Each test spawns several CLI processes (each ~1 s cold, several on a loaded CI machine).
vi.setConfig({ testTimeout: 180_000 });

/** End-to-end through the built CLI (npm test builds first), each call a separate process. */
const bin = join(import.meta.dirname, '..', 'bin', 'finagent.js');
const home = mkdtempSync(join(tmpdir(), 'finagent-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function finagent(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: home,
    env: { ...process.env, FINAGENT_HOME: home, FINAGENT_PROVIDER: '', FINAGENT_USER: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('finagent CLI', () => {
  it('--help lists every command and exits 0', () => {
    const r = finagent(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['chat', 'ask', 'analyze', 'ingest', 'retrieve', 'eval', 'audit', 'config', 'agents']) expect(r.stdout).toMatch(new RegExp(`\\n\\s+${c}\\b`));
  });

  it('the bundled CLI (dist/bundle, what bin/finagent.js runs) and the plain modules (FINAGENT_NO_BUNDLE=1) give the same turn', () => {
    expect(existsSync(join(import.meta.dirname, '..', 'dist', 'bundle', 'main.js'))).toBe(true);
    const turn = (env: Record<string, string>, thread: string) => {
      const r = finagent(['chat', 'dealing', '-m', '220205 出 5kw', '--thread', thread, '--json', '--now', '2025-12-26T10:00:00+08:00'], env);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { reply: string; toolCalls: Array<{ name: string; args: unknown }>; state: { rfq: { quote: unknown; status: string } } };
      return { reply: out.reply, calls: out.toolCalls.map((c) => [c.name, c.args]), quote: out.state.rfq.quote, status: out.state.rfq.status };
    };
    const bundled = turn({}, 'same-bundled');
    expect(bundled.quote).toBeTruthy();
    expect(turn({ FINAGENT_NO_BUNDLE: '1' }, 'same-plain')).toEqual(bundled);
  });

  it('bad usage exits 2 without a stack trace', () => {
    const r = finagent(['chat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'agent'/);
    const u = finagent(['chat', 'policy', '-m', 'hello', '--user', 'mallory']);
    expect(u.code).toBe(2);
    expect(u.stderr).toBe('finagent: unknown user "mallory" (known: t.zhang, m.zhou, l.wang, c.li, s.chen, admin)\n');
    const a = finagent(['chat', 'nosuch', '-m', 'x']);
    expect(a.code).toBe(2);
    expect(a.stderr).not.toMatch(/\n\s+at /);
  });

  it('config shows the effective configuration with the key redacted', () => {
    const r = finagent(['config', '--provider', 'ollama'], { OPENAI_API_KEY: 'sk-verysecret', FINAGENT_MODEL: 'qwen3' });
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.stdout) as { provider: string; model: string; openai: { apiKey: string } };
    expect(cfg).toMatchObject({ provider: 'ollama', model: 'qwen3' });
    expect(r.stdout).not.toContain('verysecret');
  });

  it('agents --json lists the three assistants with roles and tools', () => {
    const r = finagent(['agents', '--json']);
    expect(r.code).toBe(0);
    const { agents } = JSON.parse(r.stdout) as { agents: Array<{ name: string; roles: string[]; tools: Array<{ name: string }> }> };
    expect(agents.map((a) => a.name).sort()).toEqual(['analyst', 'dealing', 'policy']);
    for (const a of agents) expect(a.tools.length).toBeGreaterThan(0);
  });

  it('two separate processes continue one thread; audit verifies, then catches tampering', async () => {
    const first = finagent(['chat', 'policy', '-m', '给关系人发放信用贷款可以吗？', '--thread', 'P1', '--json']);
    expect(first.code).toBe(0);
    const turn1 = JSON.parse(first.stdout) as { agent: string; thread: string; user: string; reply: string; toolCalls: unknown[]; state: { supported: boolean } };
    expect(turn1).toMatchObject({ agent: 'policy', thread: 'P1', user: 's.chen' });
    expect(turn1.toolCalls.length).toBeGreaterThan(0);
    const second = finagent(['chat', 'policy', '-m', 'How long do we keep KYC records?', '--thread', 'P1', '--json']);
    expect(second.code).toBe(0);
    // The conversation lives in the LangGraph checkpointer of the same database.
    const rt = await createRuntime({ home, agents: [], config: { provider: 'offline' } });
    const messages = await rt.threadMessages('P1');
    await rt.close();
    expect(messages.filter((m) => m.getType() === 'human').map((m) => m.content)).toEqual(['给关系人发放信用贷款可以吗？', 'How long do we keep KYC records?']);

    const ok = finagent(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit trail OK: \d+ records/);
    const exported = finagent(['audit', 'export', '--thread', 'P1', '--user', 's.chen']);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string });
    expect(lines.filter((l) => l.kind === 'user_message')).toHaveLength(2);
    // Someone else's thread: refused (exit 2) and audited, whatever role the flag names.
    const nosy = finagent(['audit', 'export', '--thread', 'P1', '--user', 't.zhang']);
    expect(nosy.code).toBe(2);
    expect(nosy.stderr).toBe('finagent: t.zhang (trader) may not read thread "P1"\n');
    expect(finagent(['audit', 'export', '--thread', 'P1', '--user', 'admin']).code).toBe(2);

    const rw = new Database(join(home, 'finagent.db'));
    rw.exec('DROP TRIGGER audit_no_update');
    rw.prepare("UPDATE audit SET user = 'someone-else' WHERE id = 3").run();
    rw.close();
    const broken = finagent(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at record 3/);
  });

  it('ask refuses an empty question, an unknown store and an oversized message with exit 2, in one line', () => {
    const r = finagent(['ask', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/question is empty/);
    const store = finagent(['ask', '--store', 'polices', '授信审批需要谁签字？']);
    expect(store.code).toBe(2);
    expect(store.stderr).toMatch(/^finagent: no knowledge store "polices" under .* \(stores: .*\)\n$/);
    const long = finagent(['chat', 'policy', '-m', 'x'.repeat(4001), '--json']);
    expect(long.code).toBe(2);
    expect(long.stderr).toBe('finagent: the message is 4001 characters; the limit is 4000 (maxMessageChars)\n');
  });

  it('an unreachable provider gives one clear line and exit 1', () => {
    const r = finagent(['chat', 'policy', '-m', 'hi', '--thread', 'X1', '--provider', 'openai', '--model', 'm'], { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', FINAGENT_TIMEOUT_MS: '3000' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/provider openai at http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions failed: .*--provider offline/);
  });

  it('a malformed config file is bad input (exit 2)', () => {
    writeFileSync(join(home, 'bad.json'), '{ nope');
    const r = finagent(['config', '--config', join(home, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
  });

  it('dealing: quote in one process, done in the next, exactly one ticket; dealing parse --json', () => {
    const quote = finagent(['chat', 'dealing', '-m', '5年国开 2.15 出 1E +0', '--thread', 'D1', '--json']);
    expect(quote.code).toBe(0);
    const q = JSON.parse(quote.stdout) as { state: { rfq: { status: string; quote: { firm: boolean; validUntil: string } } } };
    expect(q.state.rfq).toMatchObject({ status: 'QUOTED', quote: { firm: true } });
    const done = finagent(['chat', 'dealing', '-m', 'done', '--thread', 'D1', '--json']);
    const d = JSON.parse(done.stdout) as { state: { rfq: { status: string }; trade: { tradeId: string } | null } };
    expect(d.state.rfq.status).toBe('DONE');
    expect(d.state.trade?.tradeId).toMatch(/^T-/);
    const again = finagent(['chat', 'dealing', '-m', 'done', '--thread', 'D1', '--json']);
    expect(again.code).toBe(0);
    const blotter = finagent(['blotter', '--json']);
    const { tickets } = JSON.parse(blotter.stdout) as { tickets: Array<{ tradeId: string }> };
    expect(tickets.map((t) => t.tradeId)).toEqual([d.state.trade?.tradeId]);
    const parse = finagent(['dealing', 'parse', 'bid 5y CDB 1bn T+1', '--json']);
    expect(JSON.parse(parse.stdout)).toMatchObject({ action: 'request', side: 'buy', notional: 1_000_000_000, settle: 'T+1', instrument: { issuer: 'CDB', tenor: '5Y' } });
  });

  it('analyze: a malformed file names the line and field (exit 2); a good one writes the memo', () => {
    writeFileSync(join(home, 'bad.csv'), 'item,FY2023,FY2024\n营业收入,100,abc\n');
    const bad = finagent(['analyze', 'bad.csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv:2 \(row "营业收入", column "FY2024"\): expected a number/);
    const good = finagent(['analyze', 'statements/boeing.csv', '--json', '--memo', 'memo.md', '--lang', 'en', '--loan-amount', '500', '--tenor', '3', '--rate', '5']);
    expect(good.code).toBe(0);
    const a = JSON.parse(good.stdout) as { company: string; loan: { request: { rate: number; loanAmount: number } }; ratios: { roe: Array<{ period: string; value: number | null; note: string }> } };
    expect(a.company).toBe('The Boeing Company');
    // Percent on the command line, a fraction in the engine.
    expect(a.loan.request).toMatchObject({ rate: 0.05, loanAmount: 500 });
    expect(a.ratios.roe.find((r) => r.period === 'FY2024')).toMatchObject({ value: null, note: expect.stringMatching(/not meaningful/) });
  });
});

describe('identity is proven on the booking path (tokens, approvals, thread reading)', () => {
  const home2 = mkdtempSync(join(tmpdir(), 'finagent-cli-id-'));
  afterAll(() => rmSync(home2, { recursive: true, force: true }));
  const fa = (args: string[], env: Record<string, string> = {}) => finagent(args, { FINAGENT_HOME: home2, ...env });

  it('a large firm quote waits for the desk head, who approves with her own token; then the trade books once', () => {
    const q = fa(['chat', 'dealing', '-m', '220205 收 10E 客户 HXCB', '--thread', 'BIG', '--json']);
    expect(q.code).toBe(0);
    const quoted = JSON.parse(q.stdout) as { state: { rfq: { id: string; status: string; quote: { firm: boolean } } } };
    expect(quoted.state.rfq).toMatchObject({ status: 'PENDING_APPROVAL', quote: { firm: false } });
    // "done" before approval books nothing.
    const early = JSON.parse(fa(['chat', 'dealing', '-m', 'done', '--thread', 'BIG', '--json']).stdout) as { state: { trade: unknown } };
    expect(early.state.trade).toBeNull();

    // A name on the command line does not approve anything: the identity must be proven.
    const asserted = fa(['approve', 'APR-20251226-0001', '--user', 'l.wang']);
    expect(asserted.code).toBe(2);
    expect(asserted.stderr).toMatch(/approval needs a proven identity/);

    const traderToken = (JSON.parse(fa(['token', 'create', '--user', 't.zhang', '--json']).stdout) as { token: string }).token;
    const mine = fa(['approve', 'APR-20251226-0001'], { FINAGENT_TOKEN: traderToken });
    expect(mine.code).toBe(2);
    expect(mine.stderr).toMatch(/may not use the tool "approve_quote"|four-eyes/);

    const created = fa(['token', 'create', '--user', 'l.wang', '--expires', '30d', '--json']);
    expect(created.code).toBe(0);
    const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
    expect(token).toMatch(/^fa_/);
    // Stored as a hash only.
    expect(fa(['token', 'list', '--json']).stdout).not.toContain(token);
    // A token for one user with --user naming another is refused.
    expect(fa(['approve', '--user', 't.zhang'], { FINAGENT_TOKEN: token }).code).toBe(2);
    const list = fa(['approve'], { FINAGENT_TOKEN: token });
    expect(list.stdout).toMatch(/APR-20251226-0001 {2}RFQ-20251226-0001 {2}by t\.zhang/);
    const ok = fa(['approve', 'APR-20251226-0001'], { FINAGENT_TOKEN: token });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/APR-20251226-0001 approved: RFQ-20251226-0001 is QUOTED, firm until/);

    const done = JSON.parse(fa(['chat', 'dealing', '-m', 'done', '--thread', 'BIG', '--json']).stdout) as { state: { rfq: { status: string }; trade: { approver: string } } };
    expect(done.state.rfq.status).toBe('DONE');
    expect(done.state.trade.approver).toBe('l.wang');

    // Desk heads read their desk's threads with a token; a revoked token proves nothing.
    expect(fa(['audit', 'export', '--thread', 'BIG'], { FINAGENT_TOKEN: token }).code).toBe(0);
    expect(fa(['token', 'revoke', id]).code).toBe(0);
    const revoked = fa(['audit', 'export', '--thread', 'BIG'], { FINAGENT_TOKEN: token });
    expect(revoked.code).toBe(2);
    expect(revoked.stderr).toMatch(/a valid token is required/);
  }, 180_000);
});

describe('a plug-in assistant from the configuration (examples/kyc-assistant)', () => {
  const example = join(import.meta.dirname, '..', 'examples', 'kyc-assistant');
  const kycHome = mkdtempSync(join(tmpdir(), 'finagent-cli-kyc-'));
  afterAll(() => rmSync(kycHome, { recursive: true, force: true }));
  const inExample = (args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      cwd: example,
      env: { ...process.env, FINAGENT_HOME: kycHome, FINAGENT_PROVIDER: '', FINAGENT_USER: '' },
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('agents, chat and eval work from the config entry alone', () => {
    const agents = JSON.parse(inExample(['agents', '--json']).stdout) as { agents: Array<{ name: string; roles: string[]; defaultUser: string | null }> };
    expect(agents.agents.map((a) => a.name)).toEqual(['dealing', 'analyst', 'policy', 'kyc']);
    expect(agents.agents.find((a) => a.name === 'kyc')).toMatchObject({ roles: ['kyc_analyst', 'compliance'], defaultUser: 'k.ma' });
    const chat = inExample(['chat', 'kyc', '-m', 'screen Ivan Petrovsky', '--json']);
    expect(chat.code).toBe(0);
    expect(JSON.parse(chat.stdout)).toMatchObject({ agent: 'kyc', user: 'k.ma', state: { screening: { hit: true } } });
    const ev = inExample(['eval', 'eval/kyc.jsonl', '--json', '-']);
    expect(ev.code).toBe(0);
    const report = JSON.parse(ev.stdout) as { totals: { cases: number; passed: number } };
    expect(report.totals).toMatchObject({ cases: 6, passed: 6 });
  }, 120_000);
});

describe('audit anchoring: signed checkpoints catch truncation and re-hashing', () => {
  const h = mkdtempSync(join(tmpdir(), 'finagent-cli-anchor-'));
  afterAll(() => rmSync(h, { recursive: true, force: true }));
  const fa = (args: string[]) => finagent(args, { FINAGENT_HOME: h });

  it('checkpoint, then delete the last record → truncated; recompute every hash → rehashed', () => {
    expect(fa(['chat', 'policy', '-m', '给关系人发放信用贷款可以吗？', '--thread', 'A1']).code).toBe(0);
    expect(fa(['audit', 'keygen', '--out', join(h, 'audit.key')]).code).toBe(0);
    const cp = fa(['audit', 'checkpoint', '--out', join(h, 'cp.json'), '--key', join(h, 'audit.key')]);
    expect(cp.code).toBe(0);
    const verify = () => fa(['audit', 'verify', '--checkpoint', join(h, 'cp.json'), '--public-key', join(h, 'audit.key.pub')]);
    expect(verify().stdout).toMatch(/OK against the checkpoint/);
    const { headId } = JSON.parse(readFileSync(join(h, 'cp.json'), 'utf8')) as { headId: number };

    const db = new Database(join(h, 'finagent.db'));
    db.exec('DROP TRIGGER audit_no_delete; DROP TRIGGER audit_no_update');
    // 1. Cut the chain back to before the checkpoint's head: the plain chain still verifies.
    db.prepare('DELETE FROM audit WHERE id >= ?').run(headId);
    db.close();
    expect(fa(['audit', 'verify']).code).toBe(0);
    const cut = verify();
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/BROKEN \(truncated\)/);

    // 2. Rewrite a record and recompute every hash after it: the plain chain verifies again.
    const rw = new Database(join(h, 'finagent.db'));
    const rows = rw.prepare('SELECT * FROM audit ORDER BY id').all() as Array<{ id: number; ts: string; user: string; role: string; agent: string; thread: string; kind: string; payload: string }>;
    rw.prepare('DELETE FROM audit').run();
    let prev: { id: number; hash: string } | null = null;
    const insert = rw.prepare('INSERT INTO audit (id, ts, user, role, agent, thread, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)');
    for (const r of rows) {
      const payload = r.id === 2 ? { text: 'rewritten' } : (JSON.parse(r.payload) as unknown);
      const rec = chainRecord({ ts: r.ts, user: r.user, role: r.role, agent: r.agent, thread: r.thread, kind: r.kind as AuditKind, payload }, prev);
      insert.run(rec.id, rec.ts, rec.user, rec.role, rec.agent, rec.thread, rec.kind, JSON.stringify(rec.payload), rec.prevHash, rec.hash);
      prev = { id: rec.id, hash: rec.hash };
    }
    // Pad back past the checkpoint's head so it is not simply "truncated".
    for (let i = prev!.id + 1; i <= headId + 1; i++) {
      const rec = chainRecord({ ts: '2025-12-26T02:00:00.000Z', user: 'x', role: 'x', agent: 'x', thread: 'x', kind: 'user_message', payload: { i } }, prev);
      insert.run(rec.id, rec.ts, rec.user, rec.role, rec.agent, rec.thread, rec.kind, JSON.stringify(rec.payload), rec.prevHash, rec.hash);
      prev = { id: rec.id, hash: rec.hash };
    }
    rw.close();
    expect(fa(['audit', 'verify']).code).toBe(0);
    const rehashed = verify();
    expect(rehashed.code).toBe(1);
    expect(rehashed.stdout).toMatch(/BROKEN \(rehashed\) at record \d+/);
  }, 120_000);
});

describe('time: firm only on a current snapshot and an open market (issue #11 §1)', () => {
  const h = mkdtempSync(join(tmpdir(), 'finagent-cli-time-'));
  afterAll(() => rmSync(h, { recursive: true, force: true }));
  const at = (now: string, args: string[]) => finagent(args, { FINAGENT_HOME: h, FINAGENT_NOW: now });
  type Turn = { reply: string; state: { rfq: { status: string; quote: { firm: boolean } | null } | null; trade: unknown } };

  it('FINAGENT_NOW at the data snapshot gives a firm quote; a year later, or on a Saturday, nothing is firm and done books nothing', () => {
    const firm = JSON.parse(at('2025-12-26T10:00:00+08:00', ['chat', 'dealing', '-m', '5年国开 2.15 出 1E +0', '--thread', 'N1', '--json']).stdout) as Turn;
    expect(firm.state.rfq).toMatchObject({ status: 'QUOTED', quote: { firm: true } });
    // A weekday a year on: the data is stale.
    const stale = JSON.parse(at('2026-12-07T10:00:00+08:00', ['chat', 'dealing', '-m', '5年国开 2.15 出 1E +0', '--thread', 'N2', '--json']).stdout) as Turn;
    expect(stale.state.rfq).toMatchObject({ status: 'QUOTED', quote: { firm: false } });
    expect(stale.reply).toMatch(/行情数据截至 2025-12-26T02:00:00.000Z，已超过 30 分钟，仅给参考价/);
    const done = JSON.parse(at('2026-12-07T10:00:05+08:00', ['chat', 'dealing', '-m', 'done', '--thread', 'N2', '--json']).stdout) as Turn;
    expect(done.state.trade).toBeNull();
    expect(done.reply).toMatch(/未成交，未记账/);
    // Saturday 2025-12-27 is not a make-up working day: nothing is firm.
    const sat = JSON.parse(at('2025-12-27T10:00:00+08:00', ['chat', 'dealing', '-m', 'bid 5y CDB 1bn', '--thread', 'N3', '--json']).stdout) as Turn;
    expect(sat.state.rfq?.quote?.firm).toBe(false);
    expect(sat.reply).toMatch(/market closed on 2025-12-27 \(not a CFETS business day; next business day 2025-12-29\)/);
    expect(at('2025-12-27T10:00:00+08:00', ['config']).stdout).toMatch(/"now": "2025-12-27T10:00:00\+08:00"/);
    expect(at('yesterday', ['chat', 'dealing', '-m', 'x']).stderr).toMatch(/FINAGENT_NOW.*not an ISO 8601 instant with an offset/);
  }, 120_000);
});
