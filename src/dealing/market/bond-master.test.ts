import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { loadBondMaster, normalizeIssuer } from './bond-master.js';

const bm = loadBondMaster();

describe('bond master', () => {
  it('loads ≥ 30 bonds covering 1Y…30Y for CGB', () => {
    expect(bm.bonds.length).toBeGreaterThanOrEqual(30);
    for (const t of ['1Y', '2Y', '3Y', '5Y', '7Y', '10Y', '20Y', '30Y']) {
      expect(bm.byIssuerTenor('CGB', t)?.benchmarkTenor).toBe(t);
    }
  });

  it('finds by code, .IB code, short name and alias', () => {
    expect(bm.byCode('220205')?.shortName).toBe('22国开05');
    expect(bm.byCode('180019.IB')?.coupon).toBe(3.54);
    expect(bm.byShortName('22国开05')?.code).toBe('220205');
    expect(bm.find('25国债11')?.code).toBe('250011');
  });

  it('resolves issuer words + tenor to the on-the-run bond', () => {
    expect(normalizeIssuer('国开')).toBe('CDB');
    expect(bm.byIssuerTenor('国开', '10Y')?.code).toBe('250210');
    expect(bm.byIssuerTenor('农发', '5Y')?.issuer).toBe('ADBC');
    expect(bm.byIssuerTenor('LGB', '10Y')?.issuer.startsWith('LGB-')).toBe(true);
    // No 4Y benchmark: closest remaining life wins.
    const b = bm.byIssuerTenor('CGB', '4Y', '2025-12-26');
    expect(b).toBeDefined();
    expect(['250017', '250018', '180019']).toContain(b!.code);
  });

  it('unknown bond → error with closest matches', () => {
    expect(() => bm.require('220206')).toThrow(/unknown bond "220206"; closest: 220205/);
  });

  it('a bad file names the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-'));
    writeFileSync(
      join(dir, 'bonds.json'),
      JSON.stringify({ asOf: '2025-12-26', illustrative: true, bonds: [{ ...bm.bonds[0], coupon: 'x' }] }),
    );
    let err: unknown;
    try {
      loadBondMaster(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(/bonds\.json: bonds\[0\]\.coupon/);
  });
});
