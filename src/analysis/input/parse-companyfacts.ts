import { z } from 'zod';
import type { Period, SourceRef } from '../model.js';
import type { LineItemDef } from '../mapping/line-item-def.js';
import { LINE_ITEM_TABLE } from '../mapping/line-item-table.js';
import { finaliseStatement, type LoadedStatement } from './finalise-statement.js';
import { combinedInputError, inputError, zodProblems } from './input-error.js';
import type { LoadOptions } from './load-options.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected a date as YYYY-MM-DD');

const FactSchema = z.object({
  start: IsoDate.optional(),
  end: IsoDate,
  val: z.number({ error: 'expected a number' }),
  accn: z.string(),
  fy: z.number().nullable().optional(),
  fp: z.string().nullable().optional(),
  form: z.string(),
  filed: IsoDate,
  frame: z.string().optional(),
});
type Fact = z.infer<typeof FactSchema>;

const ConceptSchema = z.object({
  label: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  units: z.record(z.string(), z.array(FactSchema)),
});

/** SEC `companyfacts` JSON (data.sec.gov/api/xbrl/companyfacts/CIK##########.json). */
export const CompanyFactsSchema = z.object({
  cik: z.union([z.number(), z.string()]).optional(),
  entityName: z.string().min(1),
  facts: z.record(z.string(), z.record(z.string(), ConceptSchema)),
});
export type CompanyFacts = z.infer<typeof CompanyFactsSchema>;

const ANNUAL_FORMS = new Set(['10-K', '10-K/A', '10-KT', '10-KT/A', '20-F', '20-F/A', '40-F', '40-F/A']);
const DAY = 86_400_000;
const days = (start: string, end: string) => Math.round((Date.parse(end) - Date.parse(start)) / DAY) + 1;
/** A fiscal year: 52/53-week years run 364–371 days; allow a little slack, exclude quarters and 9M. */
const isAnnual = (f: Fact) => f.start !== undefined && days(f.start, f.end) >= 350 && days(f.start, f.end) <= 380;

function splitTag(tag: string): [string, string] {
  const i = tag.indexOf(':');
  return [tag.slice(0, i), tag.slice(i + 1)];
}

const isCurrency = (u: string) => /^[A-Z]{3}$/u.test(u);

/**
 * companyfacts → statement. Periods come from the facts' start/end dates (never fy/fp, which describe
 * the filing); annual = 10-K-type form and ~365-day duration; restated values: latest `filed` wins.
 */
export function parseCompanyFacts(raw: unknown, file: string, opts: LoadOptions = {}): LoadedStatement {
  const parsed = CompanyFactsSchema.safeParse(raw);
  if (!parsed.success) throw combinedInputError(file, zodProblems(file, parsed.error, raw));
  const doc = parsed.data;
  const warnings: string[] = [];
  const concept = (tag: string) => {
    const [tax, name] = splitTag(tag);
    return doc.facts[tax]?.[name];
  };
  const mapped = LINE_ITEM_TABLE.filter((d) => d.xbrl.length > 0);

  // Reporting currency: the monetary units used by the mapped concepts in annual filings.
  const currencies = new Map<string, Set<string>>();
  for (const def of mapped) {
    if (def.xbrlUnit) continue;
    for (const tag of def.xbrl) {
      for (const [unit, facts] of Object.entries(concept(tag)?.units ?? {})) {
        if (isCurrency(unit) && facts.some((f) => ANNUAL_FORMS.has(f.form))) currencies.set(unit, (currencies.get(unit) ?? new Set()).add(tag));
      }
    }
  }
  let currency = opts.currency;
  if (!currency) {
    if (currencies.size > 1) {
      const list = [...currencies.entries()].map(([c, tags]) => `${c} (${[...tags].slice(0, 3).join(', ')})`).join('; ');
      throw inputError({ file, field: 'units' }, `mixed currencies in annual facts: ${list}; pass the reporting currency explicitly`);
    }
    currency = [...currencies.keys()][0];
  } else if (currencies.size > 1) {
    warnings.push(`${file}: facts in ${[...currencies.keys()].join(', ')}; only ${currency} used`);
  }
  if (!currency) throw inputError({ file, field: 'facts' }, 'no annual (10-K/20-F) monetary facts for any mapped concept (Revenues, Assets, NetIncomeLoss…)');

  // Fiscal years from annual duration facts: end date → start date (closest to 365 days).
  const years = new Map<string, string>();
  const accnEnd = new Map<string, string>();
  for (const def of mapped) {
    if (def.period !== 'duration') continue;
    for (const tag of def.xbrl) {
      for (const f of concept(tag)?.units[currency] ?? []) {
        if (!ANNUAL_FORMS.has(f.form) || !isAnnual(f)) continue;
        const prev = years.get(f.end);
        if (!prev || Math.abs(days(f.start as string, f.end) - 365) < Math.abs(days(prev, f.end) - 365)) years.set(f.end, f.start as string);
        if ((accnEnd.get(f.accn) ?? '') < f.end) accnEnd.set(f.accn, f.end);
      }
    }
  }
  let ends = [...years.keys()].sort();
  if (ends.length === 0) throw inputError({ file, field: 'facts' }, 'no annual periods: expected 10-K facts with ~365-day start/end durations');
  if (opts.maxPeriods && ends.length > opts.maxPeriods) ends = ends.slice(-opts.maxPeriods);

  const labelCount = new Map<string, number>();
  for (const e of ends) labelCount.set(e.slice(0, 4), (labelCount.get(e.slice(0, 4)) ?? 0) + 1);
  const periods: Period[] = ends.map((end) => ({
    label: (labelCount.get(end.slice(0, 4)) ?? 0) > 1 ? `FY${end.slice(0, 4)} (${end})` : `FY${end.slice(0, 4)}`,
    startDate: years.get(end) as string,
    endDate: end,
    items: {},
    sources: {},
  }));

  const restated: string[] = [];
  for (const def of mapped) {
    const unit = def.xbrlUnit === 'shares' ? 'shares' : def.xbrlUnit === 'perShare' ? `${currency}/shares` : currency;
    for (const p of periods) {
      for (const tag of def.xbrl) {
        const c = concept(tag);
        const hits = (c?.units[unit] ?? []).filter((f) => ANNUAL_FORMS.has(f.form) && matches(def, tag, f, p, accnEnd));
        if (hits.length === 0) continue;
        hits.sort((a, b) => a.filed.localeCompare(b.filed));
        const latest = hits[hits.length - 1] as Fact;
        const first = hits[0] as Fact;
        if (first.val !== latest.val) restated.push(`${p.label} ${def.key} (${tag}): ${first.val} as filed ${first.filed} → ${latest.val} as filed ${latest.filed}`);
        p.items[def.key] = latest.val;
        const src: SourceRef = { file, label: `${c?.label ?? tag} [${latest.form} ${latest.accn}, filed ${latest.filed}]`, tag };
        (p.sources ??= {})[def.key] = src;
        break;
      }
    }
  }
  if (restated.length) warnings.push(`${file}: restated value(s), latest filing used: ${restated.join('; ')}`);

  const used = new Set(mapped.flatMap((d) => d.xbrl));
  const unmapped: string[] = [];
  for (const [tax, concepts] of Object.entries(doc.facts)) {
    if (tax === 'dei') continue;
    for (const [name, c] of Object.entries(concepts)) {
      const annual = Object.values(c.units).some((fs) => fs.some((f) => ANNUAL_FORMS.has(f.form)));
      if (annual && !used.has(`${tax}:${name}`)) unmapped.push(`${tax}:${name}`);
    }
  }
  if (unmapped.length) {
    warnings.push(`${file}: ${unmapped.length} concept(s) not in the mapping table, not used: ${unmapped.slice(0, 12).join(', ')}${unmapped.length > 12 ? ', …' : ''}`);
  }
  const hasFloat = periods.some((p) => p.items.marketValueOfEquity !== undefined);
  const listed = opts.listed ?? (hasFloat ? true : undefined);

  return finaliseStatement(
    {
      company: opts.company ?? doc.entityName,
      currency,
      unit: 'units',
      sector: opts.sector ?? 'other',
      ...(listed !== undefined ? { listed } : {}),
      source: `SEC companyfacts${doc.cik !== undefined ? ` CIK ${String(doc.cik).padStart(10, '0')}` : ''} (${file})`,
      periods: periods.filter((p) => Object.keys(p.items).length > 0),
      warnings: opts.sector ? warnings : [...warnings, `${file}: no sector given; using "other" (pass a sector: it selects the Altman variant)`],
    },
    file,
    opts,
  );
}

/** Does a fact belong to the period? Flows: same start/end; stocks: at the year end; cover facts: by filing. */
function matches(def: LineItemDef, tag: string, f: Fact, p: Period, accnEnd: Map<string, string>): boolean {
  if (def.period === 'duration') return f.end === p.endDate && f.start === p.startDate;
  if (f.start !== undefined) return false;
  // Cover-page facts (public float mid-year, shares after year end) belong to the fiscal year of their 10-K.
  if (tag.startsWith('dei:')) return accnEnd.get(f.accn) === p.endDate;
  return f.end === p.endDate;
}

