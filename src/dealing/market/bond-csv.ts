/**
 * A desk's own bond list as CSV → bond-master rows. Pure: text in, `{ bonds, errors }` out; the
 * caller decides what to do with errors (the CLI imports nothing if there is any).
 *
 * Header (English or Chinese names, any order, UTF-8 with or without BOM):
 *   code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount[,aliases][,benchmarkTenor]
 * plus the optional columns `kind` and `issuerType` (derived when absent). Every error names the
 * file, the line and the field: `bonds.csv:14: coupon: expected a number, got "3.x"`.
 */
import { isIsoDate } from '../pricing/dates.js';
import { BondSchema, normalizeIssuer, type Bond } from './bond-master.js';

export interface BondCsvError {
  file: string;
  /** 1-based physical line of the record (the header is line 1 unless blank lines precede it). */
  line: number;
  /** Column (canonical name), `header`, or `row` for a problem with the whole record. */
  field: string;
  message: string;
}

export interface BondCsvResult {
  bonds: Bond[];
  errors: BondCsvError[];
}

/** `bonds.csv:14: coupon: expected a number, got "3.x"`. */
export function formatBondCsvError(e: BondCsvError): string {
  return `${e.file}:${e.line}: ${e.field}: ${e.message}`;
}

const REQUIRED = ['code', 'shortName', 'issuer', 'coupon', 'issueDate', 'maturityDate', 'frequency', 'dayCount'] as const;
const OPTIONAL = ['aliases', 'benchmarkTenor', 'kind', 'issuerType'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
export const BOND_CSV_COLUMNS: readonly Column[] = [...REQUIRED, ...OPTIONAL];

/** Header spellings → canonical column (compared after trimming and lower-casing). */
const HEADER_ALIASES: Record<string, Column> = {
  code: 'code', 代码: 'code', 债券代码: 'code',
  shortname: 'shortName', name: 'shortName', 简称: 'shortName', 债券简称: 'shortName',
  issuer: 'issuer', 发行人: 'issuer', 发行主体: 'issuer',
  coupon: 'coupon', 票面利率: 'coupon', '票面利率(%)': 'coupon', 票息: 'coupon',
  issuedate: 'issueDate', 起息日: 'issueDate', 发行日: 'issueDate',
  maturitydate: 'maturityDate', 到期日: 'maturityDate',
  frequency: 'frequency', 付息频率: 'frequency',
  daycount: 'dayCount', 计息基础: 'dayCount', 计息基准: 'dayCount',
  aliases: 'aliases', 别名: 'aliases',
  benchmarktenor: 'benchmarkTenor', 活跃券期限: 'benchmarkTenor', 基准期限: 'benchmarkTenor',
  kind: 'kind', 债券类型: 'kind',
  issuertype: 'issuerType', 发行人类型: 'issuerType',
};

interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * Split CSV text into records (RFC 4180: quoted fields may hold commas, doubled quotes and line
 * breaks). Each record keeps the line it starts on, so messages point at what an editor shows.
 */
function splitRecords(text: string): { records: RawRecord[]; unterminatedAt?: number } {
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let quoteStart = 0;
  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it is not a record (trailing newline, spacing between blocks).
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      inQuotes = true;
      quoteStart = line;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (inQuotes) return { records, unterminatedAt: quoteStart };
  endRecord();
  return { records };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(raw: string): number | null {
  const s = raw.trim().replace(/%$/, '').trim();
  return NUMBER.test(s) ? Number(s) : null;
}

/** `2025-01-09`, `20250109`, `2025/1/9`, `2025.01.09` → `2025-01-09`; null if not a calendar date. */
function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const FREQUENCY_WORDS: Record<string, 0 | 1 | 2> = {
  '0': 0, '1': 1, '2': 2,
  annual: 1, a: 1, yearly: 1, 年: 1, 每年: 1, 按年: 1, 年付: 1, 一年一次: 1,
  semiannual: 2, 'semi-annual': 2, s: 2, 半年: 2, 每半年: 2, 按半年: 2, 半年付: 2, 一年两次: 2,
  zero: 0, none: 0, 到期: 0, 到期一次: 0, 贴现: 0, 零息: 0,
};

const DAY_COUNT_WORDS = new Set(['act/act', 'actual/actual', 'a/a', '实际/实际', 'actact']);

const KIND_WORDS: Record<string, Bond['kind']> = {
  fixed: 'fixed', 固定: 'fixed', 固定利率: 'fixed', 附息: 'fixed',
  zero: 'zero', 零息: 'zero',
  discount: 'discount', 贴现: 'discount',
};

/** The issuer type a bond master row needs, from its issuer code. */
function issuerTypeOf(issuer: string): Bond['issuerType'] {
  if (issuer === 'CGB') return 'government';
  if (issuer === 'CDB' || issuer === 'ADBC' || issuer === 'EXIM') return 'policy_bank';
  if (issuer.startsWith('LGB-')) return 'local_government';
  return 'bank';
}

function splitAliases(raw: string): string[] {
  // Commas separate columns, so aliases are `;`, `|` or `、` separated inside one cell.
  return raw
    .split(/[;|、；]/)
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}

/**
 * Parse a desk bond list. Every bad cell is reported (not only the first); `bonds` holds the rows
 * that passed, in file order. A code appearing twice is an error on the second line.
 */
export function parseBondCsv(text: string, fileName: string): BondCsvResult {
  const errors: BondCsvError[] = [];
  const err = (line: number, field: string, message: string) => errors.push({ file: fileName, line, field, message });
  const { records, unterminatedAt } = splitRecords(text.replace(/^\uFEFF/, ''));
  if (unterminatedAt !== undefined) err(unterminatedAt, 'row', 'a quoted field is never closed');
  const [header, ...rows] = records;
  if (!header) {
    err(1, 'header', `the file is empty; expected a header line ${REQUIRED.join(',')}`);
    return { bonds: [], errors };
  }

  const columns: (Column | null)[] = header.fields.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? HEADER_ALIASES[h.trim()] ?? null);
  header.fields.forEach((h, i) => {
    if (columns[i] === null) err(header.line, 'header', `unknown column "${h.trim()}" (known: ${BOND_CSV_COLUMNS.join(', ')})`);
  });
  const seenCols = new Set<Column>();
  columns.forEach((c, i) => {
    if (c === null) return;
    if (seenCols.has(c)) err(header.line, 'header', `column ${c} appears twice ("${header.fields[i]!.trim()}")`);
    seenCols.add(c);
  });
  for (const c of REQUIRED) if (!seenCols.has(c)) err(header.line, 'header', `missing column ${c}`);
  if (errors.length > 0) return { bonds: [], errors };
  if (rows.length === 0) {
    err(header.line, 'header', 'no bond rows after the header');
    return { bonds: [], errors };
  }

  const bonds: Bond[] = [];
  const codeLines = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      err(row.line, 'row', `expected ${columns.length} fields like the header, got ${row.fields.length}`);
      continue;
    }
    const cell = (c: Column): string => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : row.fields[i]!.trim();
    };
    const before = errors.length;
    const bad = (field: Column, message: string) => err(row.line, field, message);
    const required = (c: Column): string | null => {
      const v = cell(c);
      if (v === '') {
        bad(c, 'is empty');
        return null;
      }
      return v;
    };

    const codeRaw = required('code');
    const code = codeRaw?.replace(/\.IB$/i, '') ?? null;
    if (code !== null && !/^\d{6,9}$/.test(code)) bad('code', `expected a 6–9 digit interbank code, got "${codeRaw}"`);

    const shortName = required('shortName');

    const itRaw = cell('issuerType');
    const issuerTypes: readonly string[] = ['government', 'policy_bank', 'local_government', 'bank'];
    if (itRaw !== '' && !issuerTypes.includes(itRaw)) bad('issuerType', `expected ${issuerTypes.join(', ')}, got "${itRaw}"`);

    const issuerRaw = required('issuer');
    let issuer: string | null = null;
    if (issuerRaw !== null) {
      issuer = normalizeIssuer(issuerRaw);
      // Other issuers (bank bonds) only when the row says so: otherwise a typo like "CDBB" would
      // slip through as a new issuer and never match the CDB curve.
      if (issuer === null && itRaw === 'bank' && /^[A-Z][A-Z0-9-]{1,15}$/.test(issuerRaw.toUpperCase())) issuer = issuerRaw.toUpperCase();
      if (issuer === 'LGB') {
        bad('issuer', `"${issuerRaw}": a local-government bond needs its province, e.g. LGB-GD`);
        issuer = null;
      } else if (issuer === null) {
        bad('issuer', `expected CGB, CDB, ADBC, EXIM or LGB-<province> (or 国债, 国开, 农发, 进出; a bank issuer needs issuerType bank), got "${issuerRaw}"`);
      }
    }

    const couponRaw = required('coupon');
    const coupon = couponRaw === null ? null : parseNumber(couponRaw);
    if (couponRaw !== null && coupon === null) bad('coupon', `expected a number, got "${couponRaw}"`);

    const dates: Partial<Record<'issueDate' | 'maturityDate', string>> = {};
    for (const c of ['issueDate', 'maturityDate'] as const) {
      const raw = required(c);
      if (raw === null) continue;
      const d = parseDate(raw);
      if (d === null) bad(c, `expected a date YYYY-MM-DD, got "${raw}"`);
      else dates[c] = d;
    }

    const freqRaw = required('frequency');
    const frequency = freqRaw === null ? undefined : FREQUENCY_WORDS[freqRaw.toLowerCase()];
    if (freqRaw !== null && frequency === undefined) bad('frequency', `expected 1 (annual), 2 (semiannual) or 0 (zero/discount), got "${freqRaw}"`);

    const dcRaw = required('dayCount');
    if (dcRaw !== null && !DAY_COUNT_WORDS.has(dcRaw.toLowerCase().replace(/\s+/g, ''))) {
      bad('dayCount', `only ACT/ACT (the interbank convention) is supported, got "${dcRaw}"`);
    }

    const kindRaw = cell('kind');
    let kind: Bond['kind'] | undefined = kindRaw === '' ? (frequency === 0 ? 'discount' : 'fixed') : KIND_WORDS[kindRaw.toLowerCase()];
    if (kind === undefined) {
      bad('kind', `expected fixed, zero or discount, got "${kindRaw}"`);
      kind = 'fixed';
    }

    const btRaw = cell('benchmarkTenor').toUpperCase();
    if (btRaw !== '' && !/^\d+[MY]$/.test(btRaw)) bad('benchmarkTenor', `expected a tenor like 10Y or 6M, got "${cell('benchmarkTenor')}"`);

    const aliases = splitAliases(cell('aliases'));

    if (errors.length > before || code === null || shortName === null || issuer === null || coupon === null || frequency === undefined) continue;
    if (!dates.issueDate || !dates.maturityDate) continue;

    // The cells are clean; the master's own schema checks what spans fields (maturity after issue,
    // a fixed bond needs a frequency…) so a desk row can never be something the loader would reject.
    const candidate = {
      code,
      shortName,
      issuer,
      issuerType: (itRaw || issuerTypeOf(issuer)) as Bond['issuerType'],
      kind,
      coupon,
      frequency,
      issueDate: dates.issueDate,
      maturityDate: dates.maturityDate,
      dayCount: 'ACT/ACT' as const,
      market: 'CIBM' as const,
      ...(aliases.length ? { aliases } : {}),
      ...(btRaw ? { benchmarkTenor: btRaw } : {}),
    };
    const parsed = BondSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) err(row.line, String(issue.path[0] ?? 'row'), issue.message);
      continue;
    }
    const prev = codeLines.get(code);
    if (prev !== undefined) {
      bad('code', `duplicate code ${code} (first on line ${prev})`);
      continue;
    }
    codeLines.set(code, row.line);
    bonds.push(parsed.data);
  }
  return { bonds, errors };
}
