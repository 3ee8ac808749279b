import { makeCatalog, type InstrumentCatalog } from './catalog.js';

/** A small hand-made catalog for unit tests (independent of data/market/bonds.json). */
export function testCatalog(): InstrumentCatalog {
  return makeCatalog([
    { code: '220205', shortName: '22国开05', issuer: 'CDB', maturityDate: '2032-01-17', aliases: ['国开05'] },
    { code: '250210', shortName: '25国开10', issuer: 'CDB', maturityDate: '2035-08-26', aliases: [], benchmarkTenor: '10Y' },
    { code: '250011', shortName: '25附息国债11', issuer: 'CGB', maturityDate: '2035-05-25', aliases: ['25国债11'], benchmarkTenor: '10Y' },
    { code: '180019', shortName: '18附息国债19', issuer: 'CGB', maturityDate: '2028-08-16', aliases: ['18国债19'] },
    { code: '2505123', shortName: '25广东债45', issuer: 'LGB-GD', maturityDate: '2030-09-19', aliases: [] },
  ]);
}
