import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The REPL in a real terminal (a pseudo-terminal driven by python3's pty module). */
const root = join(import.meta.dirname, '..');
const python = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0;
if (!python) console.log('SKIPPED cli/repl.test.ts: python3 with the pty module is not available');

describe.skipIf(!python)('finagent chat REPL in a terminal', () => {
  const home = mkdtempSync(join(tmpdir(), 'finagent-repl-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('Ctrl-C clears the line and the session goes on; Ctrl-D leaves with exit 0', () => {
    const keys = ['half typed line', '\u0003', '/thread\r', '\u0004'];
    const r = spawnSync('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(keys), '--', process.execPath, join(root, 'bin', 'finagent.js'), 'chat', 'policy'], {
      encoding: 'utf8',
      env: { ...process.env, FINAGENT_HOME: home, FINAGENT_USER: '' },
      timeout: 60_000,
    });
    expect(r.stdout).toMatch(/\^C/);
    // After the interrupted line, the REPL still answers a command: the thread id.
    expect(r.stdout).toMatch(/\/thread\s*\r?\npolicy-s\.chen-[a-z0-9]+/);
    expect(r.stdout).not.toMatch(/half typed line\s*\r?\n.*(unknown command|no supporting)/);
    expect(r.stdout.trim().endsWith('EXIT 0')).toBe(true);
  }, 60_000);
});
