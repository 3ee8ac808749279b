import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import type { EnginePeriod, EngineStatement } from './items.js';
import { evaluate } from './figure.js';
import { resolvePolicy, type AnalysisOptions } from './policy.js';
import { RATIOS } from './ratios.js';
import { FINGLM_RATIOS, finglmField } from './finglm-map.js';

/**
 * FinGLM computed-ratio evaluation (type "2-1"): the engine gets the looked-up input values (never
 * the 公式 or the answer), computes the named ratio, and is scored at 2 decimals against prom_answer.
 */
export const FINGLM_FILES = ['A-list-answer.json', 'B-list-answer.json', 'C-list-answer.json'] as const;
const META_KEYS = new Set(['公式', 'prom_answer', 'ent_short_name', 'ent_name', 'year', 'key_word']);

export interface FinglmRow {
  file: string;
  id: number | string;
  /** Ratio name: left of 公式's "=", else the first known name in the question. */
  ratio: string | null;
  fields: Record<string, string>;
  gold: string | null;
}

function record(x: unknown): Record<string, unknown> | null {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** Reads the "2-1" rows of the A/B/C files present in `dir` (JSON Lines). Missing files are skipped. */
export function loadFinglmRatioRows(dir: string): { rows: FinglmRow[]; files: string[]; badLines: number } {
  const rows: FinglmRow[] = [];
  const files: string[] = [];
  let badLines = 0;
  const known = Object.keys(FINGLM_RATIOS).sort((a, b) => b.length - a.length);
  for (const f of FINGLM_FILES) {
    const path = join(dir, f);
    if (!existsSync(path)) continue;
    files.push(f);
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/u)) {
      if (!line.trim()) continue;
      let obj: Record<string, unknown> | null;
      try {
        obj = record(JSON.parse(line));
      } catch {
        badLines++;
        continue;
      }
      if (!obj || obj.type !== '2-1') continue;
      const prompt = record(typeof obj.prompt === 'string' ? safeJson(obj.prompt) : obj.prompt) ?? {};
      const formula = typeof prompt['公式'] === 'string' ? prompt['公式'] : null;
      const question = typeof obj.question === 'string' ? obj.question : '';
      const ratio = formula ? (formula.split('=')[0]?.trim() ?? null) : (known.find((k) => question.includes(k)) ?? null);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(prompt)) if (!META_KEYS.has(k)) fields[k] = String(v);
      const gold = typeof prompt.prom_answer === 'string' ? prompt.prom_answer : null;
      rows.push({ file: f, id: typeof obj.id === 'number' || typeof obj.id === 'string' ? obj.id : rows.length, ratio, fields, gold });
    }
  }
  return { rows, files, badLines };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** "6748073000.0元" → 6748073000; "" → undefined (absent); other text → NaN (counted as a parse failure). */
export function parseFinglmAmount(s: string): number | undefined {
  const t = s.trim().replace(/元$/u, '').replace(/,/gu, '');
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/u.test(t) ? Number(t) : NaN;
}

export type FinglmOutcome = 'correct' | 'wrong' | 'declined' | 'unsupported' | 'no_inputs' | 'bad_input';
export interface FinglmScored {
  row: FinglmRow;
  outcome: FinglmOutcome;
  value: number | null;
  shown: string | null;
  note: string | null;
}

/** Builds a two-period statement (prior, current) from the row's fields and runs the mapped ratio. */
export function scoreFinglmRow(row: FinglmRow, opts: AnalysisOptions = {}): FinglmScored {
  const ratioName = row.ratio ? FINGLM_RATIOS[row.ratio] : undefined;
  if (!row.ratio || !ratioName) return { row, outcome: 'unsupported', value: null, shown: null, note: `no mapping for ${row.ratio ?? '(unknown ratio)'}` };
  if (Object.keys(row.fields).length === 0 || row.gold === null) {
    return { row, outcome: 'no_inputs', value: null, shown: null, note: 'no input values (the gold answer is a refusal)' };
  }
  const prior: EnginePeriod = { label: 'prior', items: {} };
  const current: EnginePeriod = { label: 'current', items: {} };
  for (const [k, raw] of Object.entries(row.fields)) {
    const f = finglmField(k);
    if (!f) return { row, outcome: 'unsupported', value: null, shown: null, note: `unmapped field ${k}` };
    const v = parseFinglmAmount(raw);
    if (v === undefined) continue;
    if (Number.isNaN(v)) return { row, outcome: 'bad_input', value: null, shown: null, note: `field ${k} is not a number: ${raw}` };
    (f.offset === -1 ? prior : current).items[f.item] = v;
  }
  const st: EngineStatement = { company: 'finglm', currency: 'CNY', unit: '元', periods: [prior, current] };
  const fig = evaluate(RATIOS[ratioName], st, 1, resolvePolicy(opts));
  if (fig.value === null) return { row, outcome: 'declined', value: null, shown: null, note: fig.note };
  const pct = row.gold.trim().endsWith('%');
  // Round half-up at 2 decimals on the decimal value, as the gold answers are.
  const shown = new Decimal(fig.value).mul(pct ? 100 : 1).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const gold = new Decimal(row.gold.trim().replace(/%$/u, ''));
  const ok = shown.eq(gold);
  return { row, outcome: ok ? 'correct' : 'wrong', value: fig.value, shown: `${shown.toFixed(2)}${pct ? '%' : ''}`, note: ok ? null : `gold ${row.gold}` };
}

export interface FinglmReport {
  files: string[];
  rows: number;
  ratioTypes: number;
  supportedTypes: number;
  unsupportedTypes: string[];
  scoreable: number;
  correct: number;
  wrong: number;
  declined: number;
  noInputs: number;
  badInput: number;
  accuracy: number;
  perType: Record<string, { rows: number; correct: number; declined: number; wrong: number }>;
  mismatches: { file: string; id: number | string; ratio: string | null; shown: string | null; note: string | null }[];
}

export function evaluateFinglm(rows: FinglmRow[], files: string[], opts: AnalysisOptions = {}): FinglmReport {
  const scored = rows.map((r) => scoreFinglmRow(r, opts));
  const types = new Set(rows.map((r) => r.ratio).filter((x): x is string => x !== null));
  const unsupportedTypes = [...types].filter((t) => !FINGLM_RATIOS[t]);
  const count = (o: FinglmOutcome) => scored.filter((s) => s.outcome === o).length;
  const perType: FinglmReport['perType'] = {};
  for (const s of scored) {
    if (!s.row.ratio || s.outcome === 'no_inputs') continue;
    const t = (perType[s.row.ratio] ??= { rows: 0, correct: 0, declined: 0, wrong: 0 });
    t.rows++;
    if (s.outcome === 'correct') t.correct++;
    else if (s.outcome === 'declined') t.declined++;
    else t.wrong++;
  }
  const correct = count('correct');
  const scoreable = correct + count('wrong') + count('declined') + count('bad_input');
  return {
    files,
    rows: rows.length,
    ratioTypes: types.size,
    supportedTypes: types.size - unsupportedTypes.length,
    unsupportedTypes,
    scoreable,
    correct,
    wrong: count('wrong'),
    declined: count('declined'),
    noInputs: count('no_inputs'),
    badInput: count('bad_input'),
    accuracy: scoreable ? correct / scoreable : 0,
    perType,
    mismatches: scored
      .filter((s) => s.outcome === 'wrong' || s.outcome === 'declined' || s.outcome === 'bad_input')
      .map((s) => ({ file: s.row.file, id: s.row.id, ratio: s.row.ratio, shown: s.shown, note: s.note })),
  };
}

/** Plain-text report for the CLI script. */
export function formatFinglmReport(strict: FinglmReport, mechanical: FinglmReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `FinGLM computed ratios (type 2-1) from ${strict.files.join(', ')}: ${strict.rows} rows, ${strict.ratioTypes} ratio types`,
    `ratio types supported by the engine: ${strict.supportedTypes} / ${strict.ratioTypes}${strict.unsupportedTypes.length ? ` (unsupported: ${strict.unsupportedTypes.join(', ')})` : ''}`,
    `rows without input values (gold answer is a refusal; not scored): ${strict.noInputs}`,
    '',
    `accuracy at 2 decimals, engine default policy (growth on a base ≤ 0 is "not meaningful", counted as a miss):`,
    `  ${strict.correct} / ${strict.scoreable} = ${pct(strict.accuracy)}  (wrong ${strict.wrong}, declined ${strict.declined}, bad input ${strict.badInput})`,
    `accuracy at 2 decimals, growthBase = mechanical ((x − base) / base as FinGLM's formula states):`,
    `  ${mechanical.correct} / ${mechanical.scoreable} = ${pct(mechanical.accuracy)}  (wrong ${mechanical.wrong}, declined ${mechanical.declined}, bad input ${mechanical.badInput})`,
    '',
    'per ratio type (default policy): correct / rows [declined]',
  ];
  for (const [t, s] of Object.entries(strict.perType).sort((a, b) => a[0].localeCompare(b[0], 'zh'))) {
    lines.push(`  ${t}: ${s.correct} / ${s.rows}${s.declined ? ` [${s.declined} declined]` : ''}${s.wrong ? ` [${s.wrong} wrong]` : ''}`);
  }
  const wrong = mechanical.mismatches.filter((m) => m.note?.startsWith('gold'));
  if (wrong.length) {
    lines.push('', 'mismatches (mechanical policy):');
    for (const m of wrong.slice(0, 20)) lines.push(`  ${m.file}#${m.id} ${m.ratio}: engine ${m.shown}, ${m.note}`);
  }
  return lines.join('\n');
}
