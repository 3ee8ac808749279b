/**
 * `finagent serve` as a process (the built CLI; `npm test` builds first): one line with the URL, JSON
 * log lines with request ids and no tokens, a token issued by another `finagent` process works, and
 * SIGTERM stops it gracefully with exit 0; with an audit signing key configured, the stop writes a
 * signed checkpoint that `finagent audit verify --checkpoint` accepts.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'finagent.js');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const home = mkdtempSync(join(tmpdir(), 'finagent-serve-cli-'));
const env = { ...process.env, FINAGENT_HOME: home, FINAGENT_PROVIDER: '', FINAGENT_USER: '' };
afterAll(() => rmSync(home, { recursive: true, force: true }));

if (!built) console.log('SKIPPED finagent serve CLI tests: dist/ is not built (npm run build)');

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  exited: Promise<number | null>;
  out(): string;
}

async function serve(cwd: string, childEnv: NodeJS.ProcessEnv, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--grace', '5', ...extra], { cwd, env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL line within 60 s: ${stdout} ${stderr}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /^finagent serving (http:\/\/127\.0\.0\.1:\d+) /.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  return { child, url, exited, out: () => stdout };
}

describe.skipIf(!built)('finagent serve', () => {
  it('serves on a free port, logs JSON, and stops on SIGTERM with exit 0', async () => {
    const { child, url, exited, out } = await serve(home, env, ['--max-body', '1']);
    const ready = await fetch(`${url}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready', storage: 'sqlite', agents: ['dealing', 'analyst', 'policy'] });
    // Idle connections are kept longer than a load balancer's usual 60 s idle timeout.
    expect(ready.headers.get('keep-alive')).toBe('timeout=65');
    // --max-body 1: a 2 KiB body is refused before any handler sees it.
    const big = await fetch(`${url}/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(2048) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const issued = spawnSync(process.execPath, [bin, 'token', 'create', '--user', 's.chen', '--json'], { cwd: home, env, encoding: 'utf8' });
    expect(issued.status).toBe(0);
    const { token } = JSON.parse(issued.stdout) as { token: string };
    const res = await fetch(`${url}/threads/cli-1/runs/wait`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'policy', input: { messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: 's.chen', agent: 'policy' });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const stdout = out();
    const lines = stdout.trim().split('\n').slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.path === '/threads/cli-1/runs/wait')).toMatchObject({ level: 'info', msg: 'request', status: 200, user: 's.chen', requestId: expect.any(String) });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['signal', 'stopping', 'stopped']));
    expect(stdout).not.toContain(token);
  });

  it('with audit.signingKey: announces the checkpoint schedule and writes a checkpoint on stop that audit verify accepts', async () => {
    const cpHome = mkdtempSync(join(tmpdir(), 'finagent-serve-cli-cp-'));
    const cpEnv = { ...env, FINAGENT_HOME: cpHome };
    try {
      expect(spawnSync(process.execPath, [bin, 'audit', 'keygen', '--out', join(cpHome, 'audit.key')], { cwd: cpHome, env: cpEnv }).status).toBe(0);
      writeFileSync(join(cpHome, 'finagent.config.json'), JSON.stringify({ audit: { signingKey: join(cpHome, 'audit.key'), checkpointEveryMinutes: 30 } }));
      const issued = spawnSync(process.execPath, [bin, 'token', 'create', '--user', 's.chen', '--json'], { cwd: cpHome, env: cpEnv, encoding: 'utf8' });
      const { token } = JSON.parse(issued.stdout) as { token: string };
      const { child, url, exited, out } = await serve(cpHome, cpEnv);
      expect(out().split('\n')[0]).toContain(`audit checkpoints every 30 min to ${join(cpHome, 'checkpoints')}`);
      const res = await fetch(`${url}/threads/cli-cp/runs/wait`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assistant_id: 'policy', input: { messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] } }),
      });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const files = readdirSync(join(cpHome, 'checkpoints'));
      expect(files).toEqual([expect.stringMatching(/^checkpoint-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/)]);
      const verify = spawnSync(process.execPath, [bin, 'audit', 'verify', '--checkpoint', join(cpHome, 'checkpoints', files[0]!), '--public-key', join(cpHome, 'audit.key.pub')], { cwd: cpHome, env: cpEnv, encoding: 'utf8' });
      expect(verify.stdout).toMatch(/^audit trail OK against the checkpoint: \d+ records, 1 since the checkpoint\n$/);
      expect(verify.status).toBe(0);
    } finally {
      rmSync(cpHome, { recursive: true, force: true });
    }
  });

  it('refuses a bad port as bad usage', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', 'eighty'], { cwd: home, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('finagent: --port eighty is not a port number (0-65535)\n');
  });

  it('refuses a bad --max-body as bad usage', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--max-body', '0'], { cwd: home, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('finagent: --max-body 0 is not a size in KiB (1-102400)\n');
  });
});
