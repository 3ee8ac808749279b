import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../runtime/errors.js';
import { CSV_COLUMNS, csvField, toCsv } from './csv.js';
import { blotterDay, bondCdb, bondCgbApproved, bondPending, fxSwap, repo } from './fixtures.js';
import type { ExportRecord } from './schema.js';

/**
 * A strict RFC 4180 reader, written for the test only: CRLF-terminated records, quoted fields may hold
 * commas, CRLF and doubled quotes. Anything else (a bare LF outside quotes, a stray quote) throws.
 */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bad character at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  if (row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

const objects = (text: string) => {
  const [head, ...rows] = readCsv(text);
  return rows.map((r) => Object.fromEntries(head!.map((h, j) => [h, r[j]])));
};

describe('toCsv', () => {
  it('writes the documented header, in order', () => {
    expect(CSV_COLUMNS).toEqual([
      'trade_id', 'rfq_id', 'cursor', 'client', 'trader', 'product_kind', 'instrument_code', 'instrument_name',
      'client_side', 'bank_side', 'notional', 'currency', 'level', 'level_type', 'clean_price', 'accrued_per_100',
      'full_price', 'settlement_amount', 'trade_date', 'settle_date', 'status', 'approver',
      'requested_at', 'quoted_at', 'accepted_at', 'approved_at', 'booked_at',
    ]);
    expect(toCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes one CRLF-terminated row per ticket with exact amounts and every stage instant', () => {
    const csv = toCsv(blotterDay);
    expect(csv.split('\r\n')).toHaveLength(blotterDay.length + 2); // header + rows + the empty tail after the last CRLF
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
    const rows = objects(csv);
    expect(rows).toHaveLength(blotterDay.length);
    expect(rows[0]).toEqual({
      trade_id: 'T-20251226-0001',
      rfq_id: 'RFQ-20251226-0101',
      cursor: '1',
      client: 'CLI-HXBK',
      trader: 't.zhang',
      product_kind: 'bond',
      instrument_code: '220205',
      instrument_name: '22国开05',
      client_side: 'sell',
      bank_side: 'buy',
      notional: '50000000.00',
      currency: 'CNY',
      level: '1.84',
      level_type: 'yield',
      clean_price: '106.5851',
      accrued_per_100: '2.84383562',
      full_price: '109.429',
      settlement_amount: '54714500.00',
      trade_date: '2025-12-26',
      settle_date: '2025-12-29',
      status: 'booked',
      approver: '',
      requested_at: '2025-12-26T02:01:00.000Z',
      quoted_at: '2025-12-26T02:01:01.000Z',
      accepted_at: '2025-12-26T02:01:30.000Z',
      approved_at: '',
      booked_at: '2025-12-26T02:01:30.000Z',
    });
    const approved = rows.find((r) => r['trade_id'] === bondCgbApproved.ticket.tradeId)!;
    expect([approved['approver'], approved['approved_at'], approved['booked_at']]).toEqual(['m.zhou', '2025-12-26T02:05:00.000Z', '2025-12-26T02:05:00.000Z']);
    const pending = rows.find((r) => r['trade_id'] === bondPending.ticket.tradeId)!;
    expect([pending['status'], pending['approved_at'], pending['booked_at']]).toEqual(['pending_approval', '', '']);
    const swap = rows.find((r) => r['trade_id'] === fxSwap.ticket.tradeId)!;
    expect([swap['level'], swap['clean_price'], swap['client_side'], swap['bank_side']]).toEqual(['-1103', '', 'buy', 'sell']);
    const rp = rows.find((r) => r['trade_id'] === repo.ticket.tradeId)!;
    expect([rp['client_side'], rp['bank_side'], rp['settlement_amount']]).toEqual(['lend', 'borrow', '500000000.00']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and reads back to the same text', () => {
    const awkward: ExportRecord = {
      ...bondCdb,
      ticket: {
        ...bondCdb.ticket,
        client: 'ACME, "Hong Kong" Branch',
        trader: 'line one\r\nline two',
        instrument: { ...bondCdb.ticket.instrument, name: '22国开05\n活跃券' },
      },
    };
    const csv = toCsv([awkward]);
    expect(csv).toContain(',"ACME, ""Hong Kong"" Branch","line one\r\nline two",');
    expect(csv).toContain(',"22国开05\n活跃券",');
    const [row] = objects(csv);
    expect([row!['client'], row!['trader'], row!['instrument_name']]).toEqual(['ACME, "Hong Kong" Branch', 'line one\r\nline two', '22国开05\n活跃券']);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
  });

  it('prints amounts as exact decimals, without float artefacts', () => {
    const noisy: ExportRecord = {
      ...bondCdb,
      ticket: { ...bondCdb.ticket, notional: 1.1 * 3, level: 0.1 + 0.2, clean: 100.1 + 0.2, settlementAmount: 0.1 + 0.2, accrued: 1e-7 },
    };
    expect(0.1 + 0.2).toBe(0.30000000000000004); // the artefact is real
    const [row] = objects(toCsv([noisy]));
    expect(row).toMatchObject({ notional: '3.30', level: '0.3', clean_price: '100.3', settlement_amount: '0.30', accrued_per_100: '0.0000001' });
    const big: ExportRecord = { ...bondCdb, ticket: { ...bondCdb.ticket, notional: 12_345_678_901.23, settlementAmount: 98_765_432_109.87 } };
    expect(objects(toCsv([big]))[0]).toMatchObject({ notional: '12345678901.23', settlement_amount: '98765432109.87' });
  });

  it('adds a UTF-8 BOM for Excel on request, and guards text cells against formulas without touching numbers', () => {
    const evil: ExportRecord = { ...fxSwap, ticket: { ...fxSwap.ticket, client: '=HYPERLINK("http://x","y")', trader: '@t', approver: null } };
    const plain = toCsv([evil]);
    expect(plain.startsWith('trade_id,')).toBe(true);
    const excel = toCsv([evil], { bom: true, formulaGuard: true });
    expect(excel.charCodeAt(0)).toBe(0xfeff);
    const [row] = objects(excel.slice(1));
    expect(row!['client']).toBe(`'=HYPERLINK("http://x","y")`);
    expect(row!['trader']).toBe(`'@t`);
    expect(row!['level']).toBe('-1103'); // numeric: left alone
    expect(objects(plain)[0]!['client']).toBe('=HYPERLINK("http://x","y")');
  });

  it('takes the record approver over the ticket one, and refuses an invalid record by trade id', () => {
    const [row] = objects(toCsv([{ ...bondCgbApproved, approver: 'l.wang' }]));
    expect(row!['approver']).toBe('l.wang');
    const broken = { ...repo, ticket: { ...repo.ticket, notional: 'lots' } } as unknown as ExportRecord;
    expect(() => toCsv([broken])).toThrow(OperationError);
    expect(() => toCsv([broken])).toThrow(/cannot export T-20251226-0004: ticket.notional/);
  });
});
