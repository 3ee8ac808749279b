/**
 * Field-level accuracy of the dealer-chat parser on the CompatibL TradeEntry swap messages
 * (../shared/datasets/compatibl-tradeentry, evaluation only: nothing from it is copied into the repo).
 *
 *   node dist/scripts/eval-tradeentry.js [dir]
 *
 * Mapping of the labelled fields (bank's view) onto the parse:
 *   tenor_years            ↔ instrument.tenor (`10Y` → 10)
 *   maturity_date          ↔ instrument.tenor when the message gives a maturity date instead of a tenor
 *   effective_date         ↔ settle (ISO date)
 *   notional               ↔ notional (pay or receive leg, whichever is labelled)
 *   currency               ↔ currency (the notional leg's currency; else the only labelled currency)
 *   side (derived)         ↔ side: `pay` if only the pay leg has a fixed rate or only the receive leg a float index, …
 *   fixed rate             ↔ level (levelType `rate`); either leg's rate counts for fixed/fixed swaps
 *   float spread (bp)      ↔ level (levelType `spread`) when the message has no fixed rate
 * Frequencies, day-count bases and index names are not part of the parse; the "all fields" figure
 * counts them as wrong when labelled (as the hackathon did) and right when empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFromBondMaster, makeCatalog, type InstrumentCatalog } from '../src/dealing/parser/catalog.js';
import { parseDealerMessage } from '../src/dealing/parser/parse.js';
import type { ParseResult } from '../src/dealing/parser/schema.js';
import { dataPath } from '../src/runtime/paths.js';

/** RFC 4180 CSV (quoted fields may hold commas and newlines; BOM stripped). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.some((x) => x.trim() !== ''));
  if (!head) return [];
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h.trim(), (r[k] ?? '').trim()])));
}

type FieldName = 'tenor' | 'maturity' | 'effective' | 'notional' | 'currency' | 'side' | 'fixedRate' | 'spread';
interface Score {
  right: number;
  total: number;
}

function num(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function tenorYears(t: string | null | undefined): number | null {
  const m = t ? /^(\d+(?:\.\d+)?)([YM])$/.exec(t) : null;
  if (!m) return null;
  return m[2] === 'Y' ? Number(m[1]) : Number(m[1]) / 12;
}

/** Expected value per mapped field, or undefined when the field is not scored for this row. */
function expectedFields(r: Record<string, string>): Partial<Record<FieldName, string | number | null>> {
  const payFixed = num(r.pay_leg_fixed_rate_pct);
  const recFixed = num(r.rec_leg_fixed_rate_pct);
  const payFloat = r.pay_leg_float_index || r.pay_leg_float_spread_bp;
  const recFloat = r.rec_leg_float_index || r.rec_leg_float_spread_bp;
  const notional = num(r.pay_leg_notional) ?? num(r.rec_leg_notional);
  const notionalCcy = num(r.pay_leg_notional) !== null ? r.pay_leg_ccy : num(r.rec_leg_notional) !== null ? r.rec_leg_ccy : '';
  const ccys = [...new Set([r.pay_leg_ccy, r.rec_leg_ccy].filter((c): c is string => !!c))];
  const out: Partial<Record<FieldName, string | number | null>> = {
    tenor: num(r.tenor_years),
    maturity: r.maturity_date || null,
    effective: r.effective_date || null,
    notional,
  };
  if (notional !== null && notionalCcy) out.currency = notionalCcy;
  else if (ccys.length <= 1) out.currency = ccys[0] ?? null;
  // Side: direction of the fixed leg from the bank's view; basis / fixed-fixed swaps are not scored.
  if (payFixed !== null && recFixed === null) out.side = 'pay';
  else if (recFixed !== null && payFixed === null) out.side = 'receive';
  else if (payFixed === null && recFixed === null && payFloat && !recFloat) out.side = 'receive';
  else if (payFixed === null && recFixed === null && recFloat && !payFloat) out.side = 'pay';
  if (payFixed !== null || recFixed !== null) out.fixedRate = payFixed ?? recFixed;
  else out.fixedRate = null;
  const spread = num(r.pay_leg_float_spread_bp) ?? num(r.rec_leg_float_spread_bp);
  out.spread = spread;
  const both = payFixed !== null && recFixed !== null ? [payFixed, recFixed] : null;
  if (both) (out as Record<string, unknown>).fixedEither = both;
  return out;
}

function actualField(p: ParseResult, f: FieldName): string | number | null {
  switch (f) {
    case 'tenor':
      return tenorYears(p.instrument?.tenor);
    case 'maturity':
      return p.instrument?.tenor && /^\d{4}-/.test(p.instrument.tenor) ? p.instrument.tenor : null;
    case 'effective':
      return p.settle && /^\d{4}-\d{2}-\d{2}$/.test(p.settle) ? p.settle : null;
    case 'notional':
      return p.notional;
    case 'currency':
      return p.currency;
    case 'side':
      return p.side;
    case 'fixedRate':
      return p.levelType === 'rate' ? p.level : null;
    case 'spread':
      return p.levelType === 'spread' ? p.level : null;
  }
}

const UNMAPPED = ['freq_months', 'basis', 'float_index'].flatMap((f) => [`pay_leg_${f}`, `rec_leg_${f}`]);

export function evaluate(dir: string, catalog: InstrumentCatalog): { lines: string[]; mapped: Score; all: Score } | null {
  const out = join(dir, 'HackathonOutput.csv');
  if (!existsSync(out)) return null;
  const rows = parseCsv(readFileSync(out, 'utf8'));
  const per: Record<string, Score> = {};
  const mapped: Score = { right: 0, total: 0 };
  const all: Score = { right: 0, total: 0 };
  const lines: string[] = [];
  for (const r of rows) {
    const text = r.entry_text ?? '';
    const p = parseDealerMessage(text, catalog);
    const exp = expectedFields(r);
    const wrong: string[] = [];
    for (const [f, e] of Object.entries(exp) as [FieldName | 'fixedEither', unknown][]) {
      if (f === 'fixedEither') continue;
      const a = actualField(p, f);
      let ok = e === a || (typeof e === 'number' && typeof a === 'number' && Math.abs(e - a) < 1e-9);
      const either = (exp as Record<string, unknown>).fixedEither;
      if (f === 'fixedRate' && Array.isArray(either)) ok = either.includes(a);
      const s = (per[f] ??= { right: 0, total: 0 });
      s.total++;
      mapped.total++;
      all.total++;
      if (ok) {
        s.right++;
        mapped.right++;
        all.right++;
      } else wrong.push(`${f}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
    }
    for (const f of UNMAPPED) {
      all.total++;
      if (!r[f]) all.right++;
    }
    lines.push(`#${r.trade_id}: ${wrong.length ? wrong.join('; ') : 'all mapped fields right'}`);
  }
  lines.push('');
  for (const [f, s] of Object.entries(per)) lines.push(`${f.padEnd(10)} ${s.right}/${s.total}`);
  // Unlabelled drawing pool: robustness only (parses without error as a swap).
  const pool = join(dir, 'drawing-pool', 'HackathonInput.csv');
  if (existsSync(pool)) {
    const msgs = parseCsv(readFileSync(pool, 'utf8'));
    const irs = msgs.filter((m) => parseDealerMessage(m.entry_text ?? '', catalog).instrument?.kind === 'irs').length;
    lines.push(`drawing pool: ${msgs.length} messages parsed without error, ${irs} recognised as swaps`);
  }
  return { lines, mapped, all };
}

function main(): void {
  const dir = resolve(process.argv[2] ?? join(process.cwd(), '..', 'shared', 'datasets', 'compatibl-tradeentry'));
  const master = dataPath('market', 'bonds.json');
  const catalog = existsSync(master) ? catalogFromBondMaster(JSON.parse(readFileSync(master, 'utf8'))) : makeCatalog([]);
  const res = evaluate(dir, catalog);
  if (!res) {
    console.log(`tradeentry dataset not found at ${dir} (expected HackathonOutput.csv); nothing to evaluate.`);
    return;
  }
  for (const l of res.lines) console.log(l);
  const pct = (s: Score) => ((100 * s.right) / Math.max(1, s.total)).toFixed(1);
  console.log(`mapped fields: ${res.mapped.right}/${res.mapped.total} = ${pct(res.mapped)}%`);
  console.log(`all labelled fields (unmapped counted right only when empty): ${res.all.right}/${res.all.total} = ${pct(res.all)}%`);
}

main();
