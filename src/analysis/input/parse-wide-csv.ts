import type { LineItem, Period, Sector, Unit } from '../model.js';
import type { Section } from '../mapping/line-item-def.js';
import { buildOverrides, lookupLabel, sectionAfterTotal, sectionOfHeader } from '../mapping/label-lookup.js';
import { hasCjk, normaliseLabel } from '../mapping/normalize-label.js';
import { readCsv } from './csv-rows.js';
import { finaliseStatement, type LoadedStatement } from './finalise-statement.js';
import { combinedInputError, formatWhere, inputError, zodProblems } from './input-error.js';
import type { LoadOptions } from './load-options.js';
import { parseAmount } from './parse-amount.js';
import { isNotesHeader, parsePeriodHeader, type PeriodHeader } from './period-label.js';
import { META_KEYS, StatementMetaSchema, type StatementMeta } from './statement-meta.js';
import { parseUnit } from './units.js';

export interface MetaInput {
  text: string;
  file: string;
}

const column = (i: number) => String.fromCharCode(65 + (i % 26)).padStart(i >= 26 ? 2 : 1, String.fromCharCode(64 + Math.floor(i / 26)));

const CURRENCY_WORDS: Record<string, string> = { 人民币: 'CNY', 美元: 'USD', 港元: 'HKD', 港币: 'HKD', 欧元: 'EUR', RMB: 'CNY', 'US$': 'USD' };
const CURRENCY_ROW_LABELS = new Set(['currency', '币种', '货币', 'reportingcurrency', '记账本位币']);

function currencyOf(text: string): string | undefined {
  const t = text.normalize('NFKC').trim();
  const word = CURRENCY_WORDS[t] ?? CURRENCY_WORDS[t.toUpperCase()];
  if (word) return word;
  return /^[A-Z]{3}$/u.test(t.toUpperCase()) ? t.toUpperCase() : undefined;
}

/** What title rows above the header declare: "单位：万元 币种：人民币", "(in millions of USD)", "编制单位：…". */
interface TitleFacts {
  unit?: { unit: Unit; line: number };
  currency?: { currency: string; line: number };
  company?: string;
}

function readTitle(text: string, line: number, facts: TitleFacts): void {
  const t = text.normalize('NFKC');
  const unitCn = /(?<!编制)单位[:：]\s*(人民币)?\s*([千万百亿]*元)/u.exec(t);
  const unitEn = /\b(?:in|amounts in)\s+(?:(?:usd|us\$|\$)\s+)?(thousands|millions|billions)\b/iu.exec(t);
  const unit = unitCn ? parseUnit(unitCn[2] as string) : unitEn ? parseUnit(unitEn[1] as string) : undefined;
  if (unit) facts.unit = { unit, line };
  const cur = /币种[:：]\s*(人民币|美元|港元|港币|欧元|[A-Z]{3})/u.exec(t)?.[1] ?? (unitCn?.[1] ? '人民币' : undefined) ?? /\b(USD|CNY|RMB|HKD|EUR)\b/u.exec(t)?.[1];
  if (cur) {
    const c = currencyOf(cur);
    if (c) facts.currency = { currency: c, line };
  }
  const company = /编制单位[:：]\s*([^\s,，]+)/u.exec(t)?.[1];
  if (company) facts.company = company;
}

function parseMeta(meta: MetaInput | undefined, warnings: string[]): StatementMeta {
  if (!meta) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(meta.text);
  } catch (e) {
    throw inputError({ file: meta.file }, `not valid JSON (${(e as Error).message})`);
  }
  const parsed = StatementMetaSchema.safeParse(raw);
  if (!parsed.success) throw combinedInputError(meta.file, zodProblems(meta.file, parsed.error, raw));
  if (raw && typeof raw === 'object') {
    const unknown = Object.keys(raw).filter((k) => !META_KEYS.has(k));
    if (unknown.length) warnings.push(`${meta.file}: unknown field(s) ignored: ${unknown.join(', ')}`);
  }
  return parsed.data;
}

interface PeriodColumn {
  index: number;
  header: PeriodHeader;
  period: Period;
}

/**
 * Wide CSV: first column the line item as printed (CAS or US GAAP), one column per period.
 * Title rows above the header may declare unit/currency; `<name>.meta.json` may give the rest.
 */
export function parseWideCsv(text: string, file: string, metaInput?: MetaInput, opts: LoadOptions = {}): LoadedStatement {
  const warnings: string[] = [];
  const meta = parseMeta(metaInput, warnings);
  const csv = readCsv(text);
  if (!csv.ok) throw inputError({ file, line: csv.line }, csv.message);
  const rows = csv.rows.filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length === 0) throw inputError({ file }, 'the file is empty: expected a header row (item,FY2023,FY2024) and line-item rows');

  // Title rows: at most one non-empty cell, above the header.
  const title: TitleFacts = {};
  let h = 0;
  while (h < rows.length && (rows[h] as { cells: string[] }).cells.filter((c) => c !== '').length <= 1) {
    const row = rows[h] as { line: number; cells: string[] };
    readTitle(row.cells.join(' '), row.line, title);
    h++;
  }
  const headerRow = rows[h];
  if (!headerRow) throw inputError({ file, line: rows[0]?.line }, 'no header row: expected "item,FY2023,FY2024" (a label column then one column per period)');

  const periods: PeriodColumn[] = [];
  const unknownColumns: string[] = [];
  const ignored = new Set<number>();
  const seen = new Map<string, number>();
  headerRow.cells.forEach((cell, i) => {
    if (i === 0) return;
    const ph = parsePeriodHeader(cell);
    if (!ph) {
      ignored.add(i);
      if (cell !== '' && !isNotesHeader(cell)) unknownColumns.push(`column ${column(i)} "${cell}"`);
      return;
    }
    const id = ph.endDate ?? String(ph.year);
    const prev = seen.get(id);
    if (prev !== undefined) {
      throw inputError({ file, line: headerRow.line, field: `column ${column(i)}` }, `duplicate period "${cell}": column ${column(prev)} "${headerRow.cells[prev]}" is the same period`);
    }
    seen.set(id, i);
    const endDate = ph.endDate ?? meta.periodEnds?.[ph.label];
    periods.push({ index: i, header: ph, period: { label: ph.label, ...(endDate ? { endDate } : {}), items: {}, sources: {} } });
  });
  if (periods.length === 0) {
    throw inputError({ file, line: headerRow.line, field: 'header' }, 'no period columns: expected headers such as FY2024, 2024, 2024年度 or 2024-12-31 after the label column', headerRow.cells.join(','));
  }
  if (meta.periodEnds) {
    const missing = Object.keys(meta.periodEnds).filter((k) => !periods.some((p) => p.header.label === k));
    if (missing.length) warnings.push(`${metaInput?.file ?? 'meta'}: periodEnds names period(s) not in ${file}: ${missing.join(', ')}`);
  }

  const overrides = buildOverrides(meta.labelMap as Record<string, LineItem> | undefined);
  const problems: string[] = [];
  const unknownRows: string[] = [];
  const rowCurrencies: { currency: string; line: number }[] = [];
  const firstLine = new Map<string, number>();
  let section: Section | undefined;
  let cjk = 0;
  let latin = 0;
  let extraCells = 0;

  for (const row of rows.slice(h + 1)) {
    const label = row.cells[0] ?? '';
    if (row.cells.length > headerRow.cells.length && row.cells.slice(headerRow.cells.length).some((c) => c !== '')) extraCells++;
    const norm = normaliseLabel(label);
    if (CURRENCY_ROW_LABELS.has(norm)) {
      for (const pc of periods) {
        const raw = row.cells[pc.index] ?? '';
        if (raw === '') continue;
        const c = currencyOf(raw);
        if (!c) problems.push(`${formatWhere({ file, line: row.line, field: `row "${label}", column "${pc.header.label}"` })}: expected a currency code such as CNY or USD; got "${raw}"`);
        else rowCurrencies.push({ currency: c, line: row.line });
      }
      continue;
    }
    const cells = periods.map((pc) => ({ pc, raw: row.cells[pc.index] ?? '' }));
    const hasValues = cells.some((c) => parseAmount(c.raw).kind !== 'empty');
    if (!hasValues) {
      // Section headers steer labels that repeat ("Term debt" current vs non-current); other blank rows carry nothing.
      section = sectionOfHeader(label) ?? section;
      continue;
    }
    if (label === '') {
      problems.push(`${formatWhere({ file, line: row.line, field: 'column A' })}: figures without a line-item label`);
      continue;
    }
    const match = lookupLabel(label, section, overrides);
    if (!match) {
      unknownRows.push(`line ${row.line} "${label}"`);
      continue;
    }
    if (hasCjk(label)) cjk++;
    else latin++;
    const key = match.key;
    for (const { pc, raw } of cells) {
      const cell = parseAmount(raw);
      if (cell.kind === 'empty') continue;
      if (cell.kind === 'invalid') {
        problems.push(`${formatWhere({ file, line: row.line, field: `row "${label}", column "${pc.header.label}"` })}: expected a number (e.g. 1,234.5 or (1,234.5)); got "${cell.text}" (${cell.reason})`);
        continue;
      }
      const prev = pc.period.items[key];
      if (prev !== undefined) {
        if (prev !== cell.value) {
          warnings.push(`${file}:${row.line}: "${label}" gives ${key} = ${cell.value} for ${pc.header.label}, but line ${firstLine.get(`${key}|${pc.header.label}`)} already gave ${prev}; kept the first`);
        }
        continue;
      }
      pc.period.items[key] = cell.value;
      (pc.period.sources ??= {})[key] = { file, line: row.line, label };
      firstLine.set(`${key}|${pc.header.label}`, row.line);
    }
    section = sectionAfterTotal(key) ?? section;
  }
  if (problems.length) throw combinedInputError(file, problems);
  if (unknownColumns.length) warnings.push(`${file}:${headerRow.line}: unknown column(s) ignored: ${unknownColumns.join(', ')}`);
  if (extraCells) warnings.push(`${file}: ${extraCells} row(s) have values beyond the last header column; those values were ignored`);
  if (unknownRows.length) {
    warnings.push(`${file}: ${unknownRows.length} unrecognised row(s) not used: ${unknownRows.join(', ')} (map them with "labelMap" in the .meta.json if they matter)`);
  }

  const kept = periods.filter((pc) => Object.keys(pc.period.items).length > 0);
  const empty = periods.filter((pc) => Object.keys(pc.period.items).length === 0);
  if (empty.length) warnings.push(`${file}: period column(s) with no figures dropped: ${empty.map((p) => p.header.label).join(', ')}`);
  if (kept.length === 0) throw inputError({ file }, 'no recognised line item has a figure: expected rows such as 营业收入 / Net sales with numbers under the period columns');

  const cas = cjk >= latin;
  const currency = pickCurrency(file, metaInput?.file, meta, opts, title, rowCurrencies, cas, warnings);
  const unit = pickUnit(file, metaInput?.file, meta, opts, title, cas, warnings);
  const company = opts.company ?? meta.company ?? title.company ?? fallbackCompany(file, warnings);
  const sector: Sector = opts.sector ?? meta.sector ?? 'other';
  if (!opts.sector && !meta.sector) warnings.push(`${file}: no sector given; using "other" (set "sector" in the .meta.json: it selects the Altman variant)`);

  return finaliseStatement(
    {
      company,
      currency,
      unit,
      sector,
      ...(opts.listed ?? meta.listed) !== undefined ? { listed: (opts.listed ?? meta.listed) as boolean } : {},
      source: meta.source ?? file,
      periods: kept.map((p) => p.period),
      warnings,
    },
    file,
    opts,
  );
}

function fallbackCompany(file: string, warnings: string[]): string {
  const name = file.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '');
  warnings.push(`${file}: no company name given; using "${name}" from the file name`);
  return name;
}

function pickCurrency(
  file: string,
  metaFile: string | undefined,
  meta: StatementMeta,
  opts: LoadOptions,
  title: TitleFacts,
  rows: { currency: string; line: number }[],
  cas: boolean,
  warnings: string[],
): string {
  const claims: { currency: string; where: string }[] = [];
  if (opts.currency) claims.push({ currency: opts.currency, where: 'the --currency option' });
  if (meta.currency) claims.push({ currency: meta.currency, where: metaFile ?? 'meta' });
  if (title.currency) claims.push({ currency: title.currency.currency, where: `${file}:${title.currency.line} (title row)` });
  for (const r of rows) claims.push({ currency: r.currency, where: `${file}:${r.line} (currency row)` });
  const distinct = [...new Set(claims.map((c) => c.currency))];
  if (distinct.length > 1) {
    throw inputError({ file, field: 'currency' }, `mixed currencies: ${claims.map((c) => `${c.currency} in ${c.where}`).join(', ')}; a statement must be in one currency`);
  }
  if (distinct[0]) return distinct[0];
  const guess = cas ? 'CNY' : 'USD';
  warnings.push(`${file}: no currency given; assuming ${guess} from the ${cas ? 'Chinese' : 'English'} labels (set "currency" in the .meta.json)`);
  return guess;
}

function pickUnit(file: string, metaFile: string | undefined, meta: StatementMeta, opts: LoadOptions, title: TitleFacts, cas: boolean, warnings: string[]): Unit {
  const metaUnit = meta.unit !== undefined ? parseUnit(meta.unit) : undefined;
  const claims: { unit: Unit; where: string }[] = [];
  if (opts.unit) claims.push({ unit: opts.unit, where: 'the --unit option' });
  if (metaUnit) claims.push({ unit: metaUnit, where: metaFile ?? 'meta' });
  if (title.unit) claims.push({ unit: title.unit.unit, where: `${file}:${title.unit.line} (title row)` });
  const distinct = [...new Set(claims.map((c) => c.unit))];
  if (distinct.length > 1) throw inputError({ file, field: 'unit' }, `conflicting units: ${claims.map((c) => `${c.unit} in ${c.where}`).join(', ')}`);
  if (distinct[0]) return distinct[0];
  const guess: Unit = cas ? '元' : 'units';
  warnings.push(`${file}: no unit given; assuming ${guess} (set "unit" in the .meta.json, e.g. 万元 or millions)`);
  return guess;
}
