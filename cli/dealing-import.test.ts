import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `finagent dealing import-bonds` end-to-end through the built CLI (npm test builds first). */
const bin = join(import.meta.dirname, '..', 'bin', 'finagent.js');
const root = mkdtempSync(join(tmpdir(), 'finagent-bonds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function finagent(home: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, FINAGENT_HOME: home, FINAGENT_PROVIDER: '', FINAGENT_USER: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(name: string, text: string): string {
  writeFileSync(join(root, name), text);
  return name;
}

// Test fixtures: year-"99" codes are not real bonds; 240004 is a bundled code given other terms.
const GOOD = csv(
  'desk.csv',
  '\uFEFF代码,简称,发行人,票面利率,起息日,到期日,付息频率,计息基础,别名\n' +
    '990201,99国开01,国开,1.85,2099-01-09,2109-01-09,1,ACT/ACT,99CDB01\n' +
    '240004,24附息国债04,国债,2.30,2024-02-25,2034-02-25,2,ACT/ACT,\n',
);
const BAD = csv(
  'bad.csv',
  'code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount\n' +
    '990202,99国开02,CDB,3.x,2099-01-09,2109-01-09,1,ACT/ACT\n' +
    '990203,99国开03,CDB,1.9,2099-01-09,2109-01-09,4,ACT/ACT\n',
);

describe('finagent dealing import-bonds', () => {
  it('imports a Chinese-header CSV into <FINAGENT_HOME>/market/bonds.json and reports new/updated', () => {
    const home = join(root, 'h1');
    const r = finagent(home, ['dealing', 'import-bonds', GOOD]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = join(home, 'market', 'bonds.json');
    expect(r.stdout.split('\n')[0]).toBe(`imported 2 bonds (1 new, 1 updated) into ${file}`);
    expect(r.stdout).toContain('240004: desk list overrides bundled 24附息国债04 (coupon 2.35 → 2.3)');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { bonds: Array<{ code: string; issuer: string; aliases?: string[] }> };
    expect(saved.bonds.map((b) => [b.code, b.issuer])).toEqual([
      ['990201', 'CDB'],
      ['240004', 'CGB'],
    ]);
    expect(saved.bonds[0]?.aliases).toEqual(['99CDB01']);

    const again = finagent(home, ['dealing', 'import-bonds', GOOD, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 2, added: 0, updated: 2, file });
  });

  it('a bad file: every error with line and field on stderr, exit 2, nothing written', () => {
    const home = join(root, 'h2');
    const r = finagent(home, ['dealing', 'import-bonds', BAD]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bad.csv:2: coupon: expected a number, got "3.x"\n' +
        'bad.csv:3: frequency: expected 1 (annual), 2 (semiannual) or 0 (zero/discount), got "4"\n' +
        'finagent: 2 errors in bad.csv; nothing imported\n',
    );
    expect(existsSync(join(home, 'market', 'bonds.json'))).toBe(false);
    const j = finagent(home, ['dealing', 'import-bonds', BAD, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toEqual({
      imported: 0,
      errors: [
        { file: 'bad.csv', line: 2, field: 'coupon', message: 'expected a number, got "3.x"' },
        { file: 'bad.csv', line: 3, field: 'frequency', message: 'expected 1 (annual), 2 (semiannual) or 0 (zero/discount), got "4"' },
      ],
    });
  });

  it('--replace replaces the desk list; a missing file is exit 2 without a stack trace', () => {
    const home = join(root, 'h3');
    expect(finagent(home, ['dealing', 'import-bonds', GOOD]).code).toBe(0);
    const one = csv('one.csv', 'code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount\n990204,99国开04,CDB,1.7,2099-03-01,2104-03-01,1,ACT/ACT\n');
    const r = finagent(home, ['dealing', 'import-bonds', one, '--replace', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 1, added: 1, updated: 0 });
    const saved = JSON.parse(readFileSync(join(home, 'market', 'bonds.json'), 'utf8')) as { bonds: Array<{ code: string }> };
    expect(saved.bonds.map((b) => b.code)).toEqual(['990204']);

    const missing = finagent(home, ['dealing', 'import-bonds', 'nosuch.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('finagent: cannot read nosuch.csv: ENOENT\n');
  });

  it('an imported bond is quoted in chat (the desk list overlays the bundled master)', () => {
    const home = join(root, 'h-quote');
    const list = csv('quote.csv', 'code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount\n990215,99国开15,CDB,2.05,2024-08-20,2034-08-20,1,ACT/ACT\n');
    const before = finagent(home, ['chat', 'dealing', '-m', '99国开15 出 5kw', '--json']);
    expect(JSON.parse(before.stdout).state.rfq).toBeNull();
    expect(finagent(home, ['dealing', 'import-bonds', list]).code).toBe(0);
    const after = finagent(home, ['chat', 'dealing', '-m', '99国开15 出 5kw', '--thread', 'Q2', '--json']);
    expect(JSON.parse(after.stdout).state.rfq).toMatchObject({ status: 'QUOTED', instrument: { code: '990215', name: '99国开15', issuer: 'CDB' } });
  }, 120_000);
});
