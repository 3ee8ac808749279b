import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { parseIsoDate } from '../pricing/dates.js';
import { BondMasterFileSchema, loadBondMaster, normalizeIssuer } from './bond-master.js';

const bm = loadBondMaster();
const real = bm.bonds.filter((b) => !b.synthetic);
const ASOF = parseIsoDate('2025-12-26');

describe('bundled bond master (real public terms + marked synthetic demo rows)', () => {
  it('ships the verified real bonds with their source, every issuer type, and no duplicate code', () => {
    expect(real.length).toBe(256);
    const byIssuer = (p: (i: string) => boolean) => real.filter((b) => p(b.issuer)).length;
    expect(byIssuer((i) => i === 'CGB')).toBe(169);
    expect(byIssuer((i) => i === 'CDB')).toBe(32);
    expect(byIssuer((i) => i === 'EXIM')).toBe(1);
    expect(byIssuer((i) => i.startsWith('LGB-'))).toBe(54);
    for (const iss of ['CGB', 'CDB', 'ADBC', 'EXIM']) expect(bm.bonds.some((b) => b.issuer === iss)).toBe(true);
    expect(bm.bonds.some((b) => b.issuer.startsWith('LGB-'))).toBe(true);
    expect(new Set(bm.bonds.map((b) => b.code)).size).toBe(bm.bonds.length);
    const sources = new Map(bm.sources.map((s) => [s.id, s]));
    for (const b of real) {
      const src = sources.get(b.source ?? '');
      expect(src, `${b.code} has a source`).toBeDefined();
      if (src!.repository !== undefined) {
        // A repository file is pinned to a commit so the terms can be checked as they were read.
        expect(src!.repository).toBe('Teamon9161/tea-bond');
        expect(src!.commit).toMatch(/^[0-9a-f]{40}$/);
      } else {
        // Otherwise a public web page (news report of the issuance notice), one page per bond.
        expect(src!.path, `${b.code} source page`).toMatch(/^https?:\/\//);
      }
    }
    expect(real.filter((b) => sources.get(b.source ?? '')?.repository === 'Teamon9161/tea-bond').length).toBe(193);
    for (const b of bm.bonds.filter((x) => x.synthetic)) expect(b.source).toBeUndefined();
  });

  it('every real bond is alive on 2025-12-26, matures after issue, and has a plausible coupon', () => {
    for (const b of real) {
      expect(parseIsoDate(b.maturityDate), b.code).toBeGreaterThan(ASOF);
      expect(b.maturityDate > b.issueDate, b.code).toBe(true);
      expect(b.kind).toBe('fixed');
      expect(b.coupon, b.code).toBeGreaterThanOrEqual(1);
      expect(b.coupon, b.code).toBeLessThanOrEqual(6);
      expect([1, 2]).toContain(b.frequency);
      const years = (parseIsoDate(b.maturityDate) - parseIsoDate(b.issueDate)) / 365.25;
      // Original tenors are whole years (2Y…50Y): a typo in a date would show up here.
      expect(Math.abs(years - Math.round(years)), b.code).toBeLessThan(0.02);
    }
    // Public terms quoted in shared/reference/market-conventions.md and a public pricing tutorial.
    expect(bm.byCode('180019')).toMatchObject({ coupon: 3.54, frequency: 2, issueDate: '2018-08-16', maturityDate: '2028-08-16' });
    expect(bm.byCode('220205')).toMatchObject({ coupon: 3, frequency: 1, issueDate: '2022-01-17', maturityDate: '2032-01-17' });
    expect(bm.byCode('220010')).toMatchObject({ coupon: 2.76, frequency: 2, issueDate: '2022-05-15', maturityDate: '2032-05-15' });
    expect(bm.byCode('230205')).toMatchObject({ coupon: 3.02, frequency: 1, issueDate: '2023-03-06', maturityDate: '2033-03-06' });
  });

  it('2025 CGBs from the issuance notices replace the synthetic row of the same code', () => {
    // 250016 used to be a made-up 7Y row; the real 25附息国债16 is a 10-year semiannual bond.
    expect(bm.byCode('250016')).toMatchObject({ coupon: 1.83, frequency: 2, issueDate: '2025-08-25', maturityDate: '2035-08-25' });
    expect(bm.byCode('250016')?.synthetic).toBeUndefined();
    expect(bm.find('25国债22')).toMatchObject({ code: '250022', coupon: 1.78, frequency: 2, maturityDate: '2035-11-15' });
    expect(bm.find('25特国06')).toMatchObject({ code: '2500006', shortName: '25超长特别国债06', coupon: 2.15, maturityDate: '2055-08-25' });
    // The 7Y flag moved to the newest real 7-year CGB of the bundle.
    expect(bm.byIssuerTenor('CGB', '7Y')?.code).toBe('240018');
  });

  it('resolves real names: interbank name, exchange name and code, special CGBs, CDB, local government', () => {
    expect(bm.find('24附息国债11')?.code).toBe('240011');
    expect(bm.find('24国债11')?.code).toBe('240011');
    expect(bm.find('019743')?.code).toBe('240011');
    expect(bm.find('24特国01')?.code).toBe('2400001');
    expect(bm.find('24特别国债01')?.maturityDate).toBe('2054-05-20');
    expect(bm.find('20抗疫国债04')?.coupon).toBe(2.86);
    // 2007–2009 CGBs known only by their SSE file: interbank code by the same pattern, SSE code as alias.
    expect(bm.find('019930')).toMatchObject({ code: '090030', shortName: '09附息国债30', coupon: 4.3, maturityDate: '2059-11-30', source: 'tea-bond-sh-pre2010' });
    expect(bm.find('07国债06')).toMatchObject({ code: '070006', coupon: 4.27, frequency: 2 });
    expect(bm.find('24续国02')).toMatchObject({ code: '2400102', coupon: 2.25, maturityDate: '2039-08-29' });
    expect(bm.find('24国开10')).toMatchObject({ code: '240210', issuer: 'CDB', coupon: 2.35, maturityDate: '2034-05-06' });
    expect(bm.find('23国开10')).toMatchObject({ code: '230210', coupon: 2.82, source: 'tea-bond-ib' });
    expect(bm.find('21进出05')).toMatchObject({ code: '210305', issuer: 'EXIM', coupon: 3.22, maturityDate: '2026-05-14' });
    // A Shanghai Clearing House CDB bond keeps its 8-digit SHCH code.
    expect(bm.find('25国开清发09')).toMatchObject({ code: '09250209', issuer: 'CDB', coupon: 1.95, maturityDate: '2032-09-19' });
    expect(bm.find('21陕西债30')).toMatchObject({ code: '2105487', issuer: 'LGB-SN', issuerType: 'local_government' });
    expect(bm.byCode('2105487.IB')?.shortName).toBe('21陕西债30');
    expect(bm.find('23大连债09')).toMatchObject({ code: '2305651', issuer: 'LGB-DL', coupon: 2.57, frequency: 1 });
    expect(bm.find('21甘肃债07')).toMatchObject({ code: '2105169', issuer: 'LGB-GS', coupon: 3.89, frequency: 2, maturityDate: '2051-05-19' });
  });

  it('rejects a source id that sources[] does not define, and a synthetic bond that claims a source', () => {
    const bond = { ...bm.byCode('240011')! };
    const bad = BondMasterFileSchema.safeParse({ asOf: '2025-12-26', illustrative: false, sources: [], bonds: [bond] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['bonds', 0, 'source']);
    const both = BondMasterFileSchema.safeParse({ asOf: '2025-12-26', illustrative: true, sources: bm.sources, bonds: [{ ...bond, synthetic: true }] });
    expect(both.error?.issues[0]?.message).toMatch(/synthetic bond has no source/);
  });
});

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
    // No 4Y benchmark: the alive CGB whose remaining life is closest to 4 years wins.
    const b = bm.byIssuerTenor('CGB', '4Y', '2025-12-26');
    const gap = (x: { maturityDate: string }) => Math.abs((parseIsoDate(x.maturityDate) - ASOF) / 365 - 4);
    const best = Math.min(...bm.bonds.filter((x) => x.issuer === 'CGB' && parseIsoDate(x.maturityDate) > ASOF).map(gap));
    expect(b?.code).toBe('220027');
    expect(gap(b!)).toBe(best);
    // 50Y has no flag either: the longest real CGB is picked, not a shorter flagged one.
    expect(bm.byIssuerTenor('国债', '50Y', '2025-12-26')?.code).toBe('2400003');
  });

  it('unknown bond → error with closest matches (same start, then the neighbouring serial)', () => {
    expect(() => bm.require('220206')).toThrow(/unknown bond "220206"; closest: 220205 22国开05, 220208 22国开08, 220203 22国开03/);
    // Two swapped digits count as one edit.
    expect(bm.closestMatches('220250').map((b) => b.code)).toContain('220205');
    expect(bm.closestMatches('24国开11')[0]?.code).toBe('240210');
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
