import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { catalogFromBondMaster } from './catalog.js';

describe('catalogFromBondMaster', () => {
  const bond = { code: '220205', shortName: '22国开05', issuer: 'CDB', maturityDate: '2032-01-17', coupon: 3 };
  it('keeps the fields the parser needs and adds default buckets, tenors and pairs', () => {
    const c = catalogFromBondMaster({ asOf: '2025-12-26', bonds: [{ ...bond, aliases: ['国开05'], benchmarkTenor: '10y' }] });
    expect(c.bonds[0]).toEqual({ code: '220205', shortName: '22国开05', issuer: 'CDB', maturityDate: '2032-01-17', aliases: ['国开05'], benchmarkTenor: '10Y' });
    expect(c.fxPairs).toContain('USD/CNY');
    expect(c.repoTenors).toContain('7D');
    expect(c.ncdBuckets.map((b) => b.id)).toContain('state_joint');
  });
  it('names the bad field of a malformed master', () => {
    expect(() => catalogFromBondMaster({ bonds: [{ ...bond, maturityDate: '17/01/2032' }] })).toThrow(/bonds\.0\.maturityDate/);
    expect(() => catalogFromBondMaster({ bonds: [bond, bond] })).toThrow(UserInputError);
    expect(() => catalogFromBondMaster(null)).toThrow(UserInputError);
  });
});
