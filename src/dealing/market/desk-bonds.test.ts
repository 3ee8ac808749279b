import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { dataPath } from '../../runtime/paths.js';
import { BondMaster, BondMasterFileSchema, type Bond } from './bond-master.js';
import { deskBondsPath, importDeskBonds, loadDeskBonds, mergeBondMasters } from './desk-bonds.js';
import { loadMarketJson } from './load-json.js';

const bundled = loadMarketJson(BondMasterFileSchema, dataPath('market'), 'bonds.json');
const home = () => mkdtempSync(join(tmpdir(), 'desk-bonds-'));

// Desk rows are test fixtures; 240004 is a real bundled code given other terms on purpose.
const desk = (over: Partial<Bond> & Pick<Bond, 'code' | 'shortName'>): Bond => ({
  issuer: 'CDB', issuerType: 'policy_bank', kind: 'fixed', coupon: 1.8, frequency: 1,
  issueDate: '2099-01-09', maturityDate: '2109-01-09', dayCount: 'ACT/ACT', market: 'CIBM', ...over,
});
const newCdb = desk({ code: '990201', shortName: '99国开01', aliases: ['99CDB01'], benchmarkTenor: '10Y' });
const cgbOverride = desk({ code: '240004', shortName: '24附息国债04', issuer: 'CGB', issuerType: 'government', coupon: 2.3, frequency: 2, issueDate: '2024-02-25', maturityDate: '2034-02-25' });

describe('mergeBondMasters: desk rows win by code', () => {
  const merged = mergeBondMasters(bundled, [cgbOverride, newCdb]);
  const bm = new BondMaster(merged.file);

  it('replaces the bundled row in place and appends new codes', () => {
    expect(merged.overridden).toEqual(['240004']);
    expect(merged.added).toEqual(['990201']);
    expect(merged.file.bonds).toHaveLength(bundled.bonds.length + 1);
    const i = bundled.bonds.findIndex((b) => b.code === '240004');
    expect(merged.file.bonds[i]).toBe(cgbOverride);
    expect(bm.byCode('240004')?.coupon).toBe(2.3);
    // The desk row is the desk's own data: no bundled source claim stays attached to it.
    expect(bm.byCode('240004')?.source).toBeUndefined();
    expect(bm.find('99CDB01')?.code).toBe('990201');
    // The bundled file is untouched.
    expect(bundled.bonds.find((b) => b.code === '240004')?.coupon).toBe(2.35);
  });

  it('says what changed, and moves the on-the-run flag to the desk bond', () => {
    expect(merged.notes.map((n) => n.message)).toEqual([
      '240004: desk list overrides bundled 24附息国债04 (coupon 2.35 → 2.3)',
      '250210: 990201 99国开01 is now the CDB 10Y on-the-run bond (was 25国开10)',
    ]);
    expect(bm.byIssuerTenor('国开', '10Y', '2025-12-26')?.code).toBe('990201');
    expect(new BondMaster(bundled).byIssuerTenor('国开', '10Y', '2025-12-26')?.code).toBe('250210');
  });

  it('flags a desk name that another bond already uses', () => {
    const clash = desk({ code: '990202', shortName: '99国开02', aliases: ['国开05'] });
    const { notes } = mergeBondMasters(bundled, [clash]);
    expect(notes).toEqual([{ code: '990202', kind: 'name', message: '990202: name "国开05" is also used by 220205' }]);
  });

  it('an empty desk list changes nothing', () => {
    const m = mergeBondMasters(bundled, []);
    expect(m.file.bonds).toEqual(bundled.bonds);
    expect(m.notes).toEqual([]);
  });
});

describe('desk list file', () => {
  it('is empty when absent; import merges by code, --replace replaces; counts are vs bundled + desk', () => {
    const h = home();
    expect(loadDeskBonds(h)).toEqual([]);
    const first = importDeskBonds(h, [newCdb, cgbOverride], { bundled, importedFrom: 'a.csv', now: new Date('2025-12-26T02:00:00Z') });
    expect(first).toMatchObject({ imported: 2, added: 1, updated: 1, file: deskBondsPath(h) });
    expect(first.notes[0]).toMatch(/240004: desk list overrides/);
    const saved = JSON.parse(readFileSync(deskBondsPath(h), 'utf8')) as { updatedAt: string; importedFrom: string[] };
    expect(saved.updatedAt).toBe('2025-12-26T02:00:00.000Z');
    expect(saved.importedFrom).toEqual(['a.csv']);

    const third = desk({ code: '990203', shortName: '99国开03' });
    const changed = { ...newCdb, coupon: 1.9 };
    const second = importDeskBonds(h, [changed, third], { bundled, importedFrom: 'b.csv' });
    expect(second).toMatchObject({ imported: 2, added: 1, updated: 1 });
    expect(loadDeskBonds(h).map((b) => [b.code, b.coupon])).toEqual([
      ['990201', 1.9],
      ['240004', 2.3],
      ['990203', 1.8],
    ]);

    const replaced = importDeskBonds(h, [third], { bundled, replace: true, importedFrom: 'c.csv' });
    expect(replaced).toMatchObject({ imported: 1, added: 0, updated: 1 });
    expect(loadDeskBonds(h).map((b) => b.code)).toEqual(['990203']);
    expect((JSON.parse(readFileSync(deskBondsPath(h), 'utf8')) as { importedFrom: string[] }).importedFrom).toEqual(['c.csv']);
  });

  it('a hand-broken desk file is a UserInputError naming the file and the field', () => {
    const h = home();
    mkdirSync(join(h, 'market'), { recursive: true });
    writeFileSync(deskBondsPath(h), JSON.stringify({ bonds: [{ ...newCdb, coupon: 'high' }] }));
    expect(() => loadDeskBonds(h)).toThrow(UserInputError);
    expect(() => loadDeskBonds(h)).toThrow(/market\/bonds\.json: bonds\[0\]\.coupon: .*\(value: "high"\)/);
    writeFileSync(deskBondsPath(h), '{ not json');
    expect(() => loadDeskBonds(h)).toThrow(/desk bond list .*bonds\.json: invalid JSON/);
  });
});
