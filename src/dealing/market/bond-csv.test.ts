import { describe, expect, it } from 'vitest';
import { formatBondCsvError, parseBondCsv } from './bond-csv.js';
import { BondSchema } from './bond-master.js';

// Desk rows below are test fixtures (year "99" codes), not real bonds.
const HEADER = 'code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount,aliases,benchmarkTenor';

function errorsOf(text: string, file = 'bonds.csv'): string[] {
  return parseBondCsv(text, file).errors.map(formatBondCsvError);
}

describe('parseBondCsv: happy path', () => {
  it('reads English headers, normalises codes, coupons, dates, frequencies and issuers', () => {
    const csv = [
      HEADER,
      '990201.IB,99国开01,国开,1.85%,2099-01-09,2109-01-09,annual,ACT/ACT,"国开01;99CDB01",10y',
      '990001,99附息国债01,CGB,1.7,20990315,2129-03-15,2,act/act,,',
      '9905001,99广东债01,lgb-gd,2.05,2099/6/5,2114/6/5,年,实际/实际,,',
      '999901,99贴现国债01,国债,0,2099-01-05,2099-04-06,0,A/A,,',
    ].join('\n');
    const { bonds, errors } = parseBondCsv(csv, 'desk.csv');
    expect(errors).toEqual([]);
    expect(bonds).toHaveLength(4);
    expect(bonds[0]).toEqual({
      code: '990201', shortName: '99国开01', issuer: 'CDB', issuerType: 'policy_bank', kind: 'fixed', coupon: 1.85, frequency: 1,
      issueDate: '2099-01-09', maturityDate: '2109-01-09', dayCount: 'ACT/ACT', market: 'CIBM', aliases: ['国开01', '99CDB01'], benchmarkTenor: '10Y',
    });
    expect(bonds[1]).toMatchObject({ code: '990001', issuer: 'CGB', issuerType: 'government', frequency: 2, issueDate: '2099-03-15' });
    expect(bonds[1]).not.toHaveProperty('aliases');
    expect(bonds[2]).toMatchObject({ issuer: 'LGB-GD', issuerType: 'local_government', issueDate: '2099-06-05', maturityDate: '2114-06-05', frequency: 1 });
    expect(bonds[3]).toMatchObject({ kind: 'discount', coupon: 0, frequency: 0 });
    for (const b of bonds) expect(BondSchema.safeParse(b).success).toBe(true);
  });

  it('accepts the Chinese header, a UTF-8 BOM, CRLF line ends, blank lines and any column order', () => {
    const csv = '\uFEFF简称,代码,发行人,票面利率,起息日,到期日,付息频率,计息基础\r\n\r\n99进出03,990303,进出,2.1,2099-02-01,2104-02-01,1,ACT/ACT\r\n99农发05,990405,农发,2.2,2099-02-02,2106-02-02,半年,ACT/ACT\r\n';
    const { bonds, errors } = parseBondCsv(csv, 'desk.csv');
    expect(errors).toEqual([]);
    expect(bonds.map((b) => [b.code, b.issuer, b.frequency])).toEqual([
      ['990303', 'EXIM', 1],
      ['990405', 'ADBC', 2],
    ]);
  });

  it('a bank issuer is accepted only with issuerType bank', () => {
    const head = 'code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount,issuerType';
    const ok = parseBondCsv(`${head}\n992801,99测试银行01,TESTBANK,2.3,2099-01-01,2102-01-01,1,ACT/ACT,bank\n`, 'b.csv');
    expect(ok.errors).toEqual([]);
    expect(ok.bonds[0]).toMatchObject({ issuer: 'TESTBANK', issuerType: 'bank' });
    expect(errorsOf(`${head}\n992801,99测试银行01,TESTBANK,2.3,2099-01-01,2102-01-01,1,ACT/ACT,\n`)).toEqual([
      'bonds.csv:2: issuer: expected CGB, CDB, ADBC, EXIM or LGB-<province> (or 国债, 国开, 农发, 进出; a bank issuer needs issuerType bank), got "TESTBANK"',
    ]);
  });
});

describe('parseBondCsv: every error names the file, line and field, and all are collected', () => {
  it('the example from the brief', () => {
    expect(errorsOf(`${HEADER}\n990201,99国开01,CDB,3.x,2099-01-09,2109-01-09,1,ACT/ACT,,\n`)).toEqual([
      'bonds.csv:2: coupon: expected a number, got "3.x"',
    ]);
  });

  it('header problems: missing, unknown and repeated columns', () => {
    expect(errorsOf('code,shortName,issuer,cupon,issueDate,maturityDate,frequency,dayCount,代码\n')).toEqual([
      'bonds.csv:1: header: unknown column "cupon" (known: code, shortName, issuer, coupon, issueDate, maturityDate, frequency, dayCount, aliases, benchmarkTenor, kind, issuerType)',
      'bonds.csv:1: header: column code appears twice ("代码")',
      'bonds.csv:1: header: missing column coupon',
    ]);
  });

  it('empty file, header without rows, unterminated quote', () => {
    expect(errorsOf('')).toEqual(['bonds.csv:1: header: the file is empty; expected a header line code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount']);
    expect(errorsOf(`${HEADER}\n`)).toEqual(['bonds.csv:1: header: no bond rows after the header']);
    expect(errorsOf(`${HEADER}\n990201,"99国开01,CDB,1.8,2099-01-09,2109-01-09,1,ACT/ACT,,\n`)[0]).toBe('bonds.csv:2: row: a quoted field is never closed');
  });

  it('cell problems on one row are all reported, with the physical line number', () => {
    const csv = [
      HEADER,
      '',
      '12345,,LGB,abc,2099-13-01,20990230,4,ACT/365,,ten',
      '990202,99国开02,MOON,1.8,2099-01-09,2109-01-09,1,ACT/ACT,,',
      '990203,99国开03,CDB,1.8,2099-01-09',
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      'bonds.csv:3: code: expected a 6–9 digit interbank code, got "12345"',
      'bonds.csv:3: shortName: is empty',
      'bonds.csv:3: issuer: "LGB": a local-government bond needs its province, e.g. LGB-GD',
      'bonds.csv:3: coupon: expected a number, got "abc"',
      'bonds.csv:3: issueDate: expected a date YYYY-MM-DD, got "2099-13-01"',
      'bonds.csv:3: maturityDate: expected a date YYYY-MM-DD, got "20990230"',
      'bonds.csv:3: frequency: expected 1 (annual), 2 (semiannual) or 0 (zero/discount), got "4"',
      'bonds.csv:3: dayCount: only ACT/ACT (the interbank convention) is supported, got "ACT/365"',
      'bonds.csv:3: benchmarkTenor: expected a tenor like 10Y or 6M, got "ten"',
      'bonds.csv:4: issuer: expected CGB, CDB, ADBC, EXIM or LGB-<province> (or 国债, 国开, 农发, 进出; a bank issuer needs issuerType bank), got "MOON"',
      'bonds.csv:5: row: expected 10 fields like the header, got 5',
    ]);
  });

  it('rules spanning fields come from the master schema; duplicates name the first line', () => {
    const head = `${HEADER},kind,issuerType`;
    const csv = [
      head,
      '990201,99国开01,CDB,1.8,2099-01-09,2098-01-09,1,ACT/ACT,,,,',
      '990202,99国开02,CDB,25,2099-01-09,2109-01-09,1,ACT/ACT,,,,',
      '990203,99国开03,CDB,1.8,2099-01-09,2109-01-09,0,ACT/ACT,,,,',
      '990204,99国开04,CDB,1.8,2099-01-09,2109-01-09,1,ACT/ACT,,,floating,agency',
      '990205,99国开05,CDB,1.8,2099-01-09,2109-01-09,1,ACT/ACT,,,,',
      '990205.IB,99国开05,CDB,1.8,2099-01-09,2109-01-09,1,ACT/ACT,,,,',
    ].join('\n');
    const { bonds, errors } = parseBondCsv(csv, 'desk/bonds.csv');
    expect(errors.map(formatBondCsvError)).toEqual([
      'desk/bonds.csv:2: maturityDate: maturityDate must be after issueDate 2099-01-09',
      expect.stringMatching(/^desk\/bonds\.csv:3: coupon: .*20/),
      'desk/bonds.csv:4: coupon: a discount bond has coupon 0 and frequency 0',
      'desk/bonds.csv:5: issuerType: expected government, policy_bank, local_government, bank, got "agency"',
      'desk/bonds.csv:5: kind: expected fixed, zero or discount, got "floating"',
      'desk/bonds.csv:7: code: duplicate code 990205 (first on line 6)',
    ]);
    // Callers import nothing when there are errors, but the clean rows are still returned.
    expect(bonds.map((b) => b.code)).toEqual(['990205']);
    expect(errors[0]).toEqual({ file: 'desk/bonds.csv', line: 2, field: 'maturityDate', message: 'maturityDate must be after issueDate 2099-01-09' });
  });

  it('a quoted field spanning lines keeps later line numbers right', () => {
    const csv = `${HEADER}\n990201,"99国开01\nsecond line",CDB,1.8,2099-01-09,2109-01-09,1,ACT/ACT,,\n990202,99国开02,CDB,x,2099-01-09,2109-01-09,1,ACT/ACT,,\n`;
    expect(errorsOf(csv)).toEqual(['bonds.csv:4: coupon: expected a number, got "x"']);
  });
});
