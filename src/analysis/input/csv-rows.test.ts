import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-rows.js';

describe('readCsv', () => {
  it('reads quoted fields with separators, escaped quotes and line numbers', () => {
    const r = readCsv('\uFEFFitem,FY2024\n"Selling, general and administrative","26,097"\r\n"He said ""x""",1\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      { line: 1, cells: ['item', 'FY2024'] },
      { line: 2, cells: ['Selling, general and administrative', '26,097'] },
      { line: 3, cells: ['He said "x"', '1'] },
    ]);
  });

  it('keeps counting lines through a newline inside quotes', () => {
    const r = readCsv('a,b\n"multi\nline",1\nnext,2');
    expect(r.ok && r.rows.map((x) => x.line)).toEqual([1, 2, 4]);
  });

  it('sniffs tab and semicolon delimiters', () => {
    const r = readCsv('item\tFY2024\nNet sales\t1,000');
    expect(r.ok && r.delimiter).toBe('\t');
    expect(r.ok && r.rows[1]?.cells).toEqual(['Net sales', '1,000']);
  });

  it('reports an unterminated quote with the line it opened on', () => {
    expect(readCsv('item,FY2024\nNet sales,"1,000\nTotal,5')).toEqual({ ok: false, line: 2, message: expect.stringContaining('unterminated') });
  });
});
