import { z } from 'zod';
import type { LineItem, Period } from '../model.js';
import { LineItemSchema, SectorSchema } from '../model.js';
import type { StatementKind } from '../mapping/line-item-def.js';
import { lineItemDef } from '../mapping/line-item-table.js';
import { finaliseStatement, type LoadedStatement } from './finalise-statement.js';
import { combinedInputError, formatWhere, inputError, zodProblems } from './input-error.js';
import { locateJsonLines } from './json-locate.js';
import type { LoadOptions } from './load-options.js';
import { parseUnit } from './units.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected a date as YYYY-MM-DD');
const Currency = z.string().regex(/^[A-Z]{3}$/u, 'expected a 3-letter ISO currency code such as CNY or USD');
const Amount = z.number({ error: 'expected a number (in the statement unit) or null for "not reported"' }).finite().nullable();
const Group = z.record(z.string(), Amount);

const GROUPS = { balanceSheet: 'BS', incomeStatement: 'IS', cashFlow: 'CF', other: 'other' } as const satisfies Record<string, StatementKind>;
type GroupName = keyof typeof GROUPS;

export const CanonicalPeriodSchema = z.object({
  label: z.string().min(1, 'expected a period label such as FY2024'),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  /** Optional per-period currency; must equal the statement's (mixed currencies are rejected). */
  currency: Currency.optional(),
  balanceSheet: Group.optional(),
  incomeStatement: Group.optional(),
  cashFlow: Group.optional(),
  other: Group.optional(),
});

/** The documented canonical JSON (data/statements/README.md). */
export const CanonicalStatementSchema = z.object({
  format: z.string().optional(),
  company: z.string().min(1, 'expected the company name'),
  currency: Currency,
  unit: z.string().refine((u) => parseUnit(u) !== undefined, { message: 'expected a unit: 元, 千元, 万元, 百万元, 亿元, units, thousands, millions or billions' }),
  sector: SectorSchema.optional(),
  listed: z.boolean().optional(),
  source: z.string().optional(),
  periods: z.array(CanonicalPeriodSchema).min(1, 'expected at least one period'),
});
export type CanonicalStatement = z.infer<typeof CanonicalStatementSchema>;

const TOP_KEYS = new Set(Object.keys(CanonicalStatementSchema.shape));
const PERIOD_KEYS = new Set(Object.keys(CanonicalPeriodSchema.shape));

function syntaxLine(text: string, message: string): number | undefined {
  const pos = /position (\d+)/u.exec(message)?.[1];
  if (pos !== undefined) return text.slice(0, Number(pos)).split('\n').length;
  const line = /line (\d+)/u.exec(message)?.[1];
  return line !== undefined ? Number(line) : undefined;
}

/** Parse JSON text, turning a syntax error into a message with the line. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    throw inputError({ file, line: syntaxLine(text, msg) }, `not valid JSON: ${msg}`);
  }
}

export function parseCanonicalJson(text: string, file: string, opts: LoadOptions = {}, raw: unknown = parseJsonText(text, file)): LoadedStatement {
  const lines = locateJsonLines(text);
  const parsed = CanonicalStatementSchema.safeParse(raw);
  if (!parsed.success) throw combinedInputError(file, zodProblems(file, parsed.error, raw, lines));
  const doc = parsed.data;
  const warnings: string[] = [];
  const where = (path: string) => formatWhere({ file, line: lines.get(path), field: path });

  const unknownTop = Object.keys(raw as object).filter((k) => !TOP_KEYS.has(k));
  if (unknownTop.length) warnings.push(`${file}: unknown top-level field(s) ignored: ${unknownTop.join(', ')}`);

  const problems: string[] = [];
  const unknownItems: string[] = [];
  const misplaced: string[] = [];
  const seen = new Map<string, string>();
  const periods: Period[] = [];
  const rawPeriods = (raw as { periods: Record<string, unknown>[] }).periods;

  doc.periods.forEach((p, i) => {
    const base = `periods[${i}]`;
    const extra = Object.keys(rawPeriods[i] ?? {}).filter((k) => !PERIOD_KEYS.has(k));
    if (extra.length) warnings.push(`${where(base)}: unknown field(s) ignored: ${extra.join(', ')}`);
    for (const id of [p.label, p.endDate].filter((x): x is string => x !== undefined)) {
      const prev = seen.get(id);
      if (prev) problems.push(`${where(`${base}.label`)}: duplicate period "${id}" (already at ${prev})`);
      seen.set(id, where(`${base}.label`));
    }
    if (p.currency && p.currency !== (opts.currency ?? doc.currency)) {
      problems.push(`${where(`${base}.currency`)}: mixed currencies: this period is in ${p.currency} but the statement is in ${opts.currency ?? doc.currency}`);
    }
    const period: Period = { label: p.label, ...(p.startDate ? { startDate: p.startDate } : {}), ...(p.endDate ? { endDate: p.endDate } : {}), items: {}, sources: {} };
    for (const group of Object.keys(GROUPS) as GroupName[]) {
      for (const [key, value] of Object.entries(p[group] ?? {})) {
        const path = `${base}.${group}.${key}`;
        const item = LineItemSchema.safeParse(key);
        if (!item.success) {
          unknownItems.push(`${path} (line ${lines.get(path) ?? '?'})`);
          continue;
        }
        const k: LineItem = item.data;
        const def = lineItemDef(k);
        if (def && def.statement !== GROUPS[group]) misplaced.push(`${path} (a ${def.statement} item)`);
        if (value === null) continue; // not reported: absent, never zero
        if (period.items[k] !== undefined) {
          problems.push(`${where(path)}: ${k} given twice for ${p.label}`);
          continue;
        }
        period.items[k] = value;
        (period.sources ??= {})[k] = { file, line: lines.get(path), label: `${group}.${key}` };
      }
    }
    if (Object.keys(period.items).length === 0) warnings.push(`${where(base)}: period "${p.label}" has no figures`);
    periods.push(period);
  });
  if (problems.length) throw combinedInputError(file, problems);
  if (unknownItems.length) warnings.push(`${file}: ${unknownItems.length} unknown line item(s) ignored: ${unknownItems.join(', ')} (see LINE_ITEMS for the canonical keys)`);
  if (misplaced.length) warnings.push(`${file}: item(s) filed under another statement group, accepted as given: ${misplaced.join(', ')}`);

  return finaliseStatement(
    {
      company: opts.company ?? doc.company,
      currency: opts.currency ?? doc.currency,
      unit: opts.unit ?? (parseUnit(doc.unit) as NonNullable<ReturnType<typeof parseUnit>>),
      sector: opts.sector ?? doc.sector ?? 'other',
      ...((opts.listed ?? doc.listed) !== undefined ? { listed: (opts.listed ?? doc.listed) as boolean } : {}),
      source: doc.source ?? file,
      periods,
      warnings,
    },
    file,
    opts,
  );
}
