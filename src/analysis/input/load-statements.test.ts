import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FinagentError, UserInputError } from '../../runtime/errors.js';
import { loadStatements, parseStatements } from './load-statements.js';

const fx = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

function loadError(path: string, opts = {}): UserInputError {
  try {
    loadStatements(path, opts);
  } catch (e) {
    expect(FinagentError.isInstance(e)).toBe(true);
    if (e instanceof UserInputError) return e;
    throw e;
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe('loadStatements: malformed files are clear errors', () => {
  it('text in a number cell names file, line, row and column', () => {
    const e = loadError(fx('text-in-number.csv'));
    expect(e.message).toContain('text-in-number.csv:3 (row "营业成本", column "2024年度")');
    expect(e.message).toContain('expected a number');
    expect(e.message).toContain('got "abc"');
    expect(e.details).toMatchObject({ file: 'text-in-number.csv' });
  });

  it('duplicate period columns', () => {
    expect(loadError(fx('duplicate-periods.csv')).message).toMatch(/duplicate-periods\.csv:1 \(column D\): duplicate period "FY2024": column C "FY2024"/u);
  });

  it('duplicate periods in canonical JSON name both lines', () => {
    const m = loadError(fx('duplicate-periods.json')).message;
    expect(m).toMatch(/duplicate-periods\.json:7 \(periods\[1\]\.label\): duplicate period "FY2024" \(already at duplicate-periods\.json:6/u);
  });

  it('mixed currencies: meta vs title row', () => {
    expect(loadError(fx('mixed-currency.csv')).message).toMatch(/mixed currencies: USD in mixed-currency\.meta\.json, CNY in mixed-currency\.csv:1 \(title row\)/u);
  });

  it('mixed currencies: a currency row with two currencies', () => {
    expect(loadError(fx('currency-row.csv')).message).toMatch(/mixed currencies: USD in currency-row\.csv:2 \(currency row\), EUR in currency-row\.csv:2/u);
  });

  it('mixed currencies in canonical JSON', () => {
    expect(loadError(fx('mixed-currency.json')).message).toMatch(/mixed-currency\.json:7 \(periods\[1\]\.currency\): mixed currencies: this period is in USD but the statement is in CNY/u);
  });

  it('mixed currencies in companyfacts', () => {
    expect(loadError(fx('companyfacts-mixed-currency.json')).message).toMatch(/companyfacts-mixed-currency\.json \(units\): mixed currencies in annual facts: EUR \(us-gaap:Assets\); USD \(us-gaap:Revenues\)/u);
  });

  it('empty files (CSV and JSON)', () => {
    expect(loadError(fx('empty.csv')).message).toMatch(/empty\.csv: the file is empty/u);
    expect(loadError(fx('empty.json')).message).toMatch(/empty\.json: the file is empty/u);
  });

  it('an invalid meta file names the meta file and each bad field', () => {
    const m = loadError(fx('bad-meta.csv')).message;
    expect(m).toContain('bad-meta.meta.json (currency)');
    expect(m).toContain('bad-meta.meta.json (unit)');
    expect(m).toContain('got "furlongs"');
  });

  it('unterminated quote, header without periods, JSON syntax error, unknown JSON shape', () => {
    expect(loadError(fx('unterminated-quote.csv')).message).toMatch(/unterminated-quote\.csv:2: unterminated quoted field/u);
    expect(loadError(fx('no-periods.csv')).message).toMatch(/no-periods\.csv:1 \(header\): no period columns/u);
    expect(loadError(fx('syntax-error.json')).message).toMatch(/syntax-error\.json:6: not valid JSON/u);
    expect(loadError(fx('unknown-shape.json')).message).toMatch(/unrecognised JSON: expected a canonical statement/u);
  });

  it('a string where a canonical JSON amount belongs names line and field', () => {
    const m = loadError(fx('bad-canonical.json')).message;
    expect(m).toContain('bad-canonical.json:9 (periods[0].incomeStatement.revenue)');
    expect(m).toContain('expected a number');
    expect(m).toContain('got "abc"');
  });

  it('a non-numeric companyfacts value names the JSON path', () => {
    expect(loadError(fx('companyfacts-bad-value.json')).message).toContain('(facts.us-gaap.Revenues.units.USD[0].val)');
  });

  it('missing file, folder, bad options', () => {
    expect(loadError(fx('nope.csv')).message).toMatch(/nope\.csv: file not found/u);
    expect(loadError(mkdtempSync(join(tmpdir(), 'fa-'))).message).toMatch(/is a folder/u);
    expect(loadError(fx('unbalanced.csv'), { currency: 'usd' }).message).toMatch(/options \(currency\)/u);
  });
});

describe('loadStatements: warnings', () => {
  it('lists unknown rows and columns', () => {
    const { statement, warnings } = loadStatements(fx('unknown-rows-columns.csv'));
    expect(warnings.join('\n')).toContain('unknown column(s) ignored: column D "comment"');
    expect(warnings.join('\n')).toContain('1 unrecognised row(s) not used: line 3 "Widget reserve"');
    expect(statement.periods[1]?.items).toEqual({ revenue: 110, totalAssets: 520, totalLiabilities: 310, totalEquity: 210 });
  });

  it('warns when the balance sheet does not balance', () => {
    const { warnings } = loadStatements(fx('unbalanced.csv'));
    expect(warnings.join('\n')).toContain('FY2024: balance sheet does not balance: total assets 1,000 ≠ total liabilities 600 + total equity 300 = 900 (difference 100, 10.000% of total assets)');
  });

  it('honours a looser identity tolerance', () => {
    const { warnings } = loadStatements(fx('unbalanced.csv'), { identityTolerance: 0.2 });
    expect(warnings.some((w) => w.includes('does not balance'))).toBe(false);
  });
});

describe('parseStatements: parser choice', () => {
  it('chooses by extension, then by content', () => {
    const csv = 'item,FY2024\nNet sales,100\n';
    expect(parseStatements(csv, 'a.txt', { currency: 'USD', unit: 'millions', company: 'A', sector: 'other' }).statement.periods[0]?.items.revenue).toBe(100);
    const json = JSON.stringify({ company: 'A', currency: 'USD', unit: 'millions', periods: [{ label: 'FY2024', incomeStatement: { revenue: 7 } }] });
    expect(parseStatements(json, 'upload', {}).statement.periods[0]?.items.revenue).toBe(7);
  });
});
