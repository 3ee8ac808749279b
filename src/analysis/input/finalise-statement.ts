import type { Period, Sector, Statement, Unit } from '../model.js';
import { StatementSchema } from '../model.js';
import { checkBalanceSheetIdentity, checkCurrentAssetsSum } from './checks.js';
import { applyFallbacks } from './derive-fallbacks.js';
import { combinedInputError, zodProblems } from './input-error.js';
import { DEFAULT_IDENTITY_TOLERANCE, type LoadOptions } from './load-options.js';
import { convertStatement } from './units.js';

/** What a parser produces before the shared fallbacks, checks and validation. */
export interface StatementDraft {
  company: string;
  currency: string;
  unit: Unit;
  sector: Sector;
  listed?: boolean;
  source?: string;
  periods: Period[];
  warnings: string[];
}

export interface LoadedStatement {
  statement: Statement;
  warnings: string[];
}

/** Oldest → newest: by end date, else by the year in the label ("FY2024", "2024年"). */
function sortKey(p: Period): string {
  if (p.endDate) return p.endDate;
  const year = /(\d{4})/u.exec(p.label)?.[1];
  return year ? `${year}-99` : p.label;
}

/** Shared tail of every parser: derive equivalent lines, run integrity checks, validate, rescale. */
export function finaliseStatement(draft: StatementDraft, file: string, opts: LoadOptions = {}): LoadedStatement {
  const periods = [...draft.periods].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const tolerance = opts.identityTolerance ?? DEFAULT_IDENTITY_TOLERANCE;
  const warnings = [
    ...draft.warnings,
    ...applyFallbacks(periods, file),
    ...checkBalanceSheetIdentity(periods, tolerance),
    ...checkCurrentAssetsSum(periods, tolerance),
  ];
  const candidate = {
    company: draft.company,
    currency: draft.currency,
    unit: draft.unit,
    sector: draft.sector,
    ...(draft.listed !== undefined ? { listed: draft.listed } : {}),
    source: draft.source ?? file,
    periods,
  };
  const parsed = StatementSchema.safeParse(candidate);
  if (!parsed.success) throw combinedInputError(file, zodProblems(file, parsed.error, candidate));
  const statement = opts.targetUnit ? convertStatement(parsed.data, opts.targetUnit) : parsed.data;
  return { statement, warnings };
}
