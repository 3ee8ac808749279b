import { Decimal } from 'decimal.js';
import type { Period, Statement, Unit } from '../model.js';
import { UnitSchema } from '../model.js';

const MULTIPLIER: Record<Unit, number> = {
  元: 1,
  千元: 1e3,
  万元: 1e4,
  百万元: 1e6,
  亿元: 1e8,
  units: 1,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
};

/** How many base currency units one statement unit is (亿元 → 1e8, millions → 1e6). */
export function unitMultiplier(unit: Unit): number {
  return MULTIPLIER[unit];
}

// Spellings seen in title rows and meta files, mapped onto the model's unit enum.
const ALIASES: Record<string, Unit> = {
  元: '元', 人民币元: '元', yuan: '元', rmb: '元', cny: '元',
  千元: '千元', 万元: '万元', 万: '万元', 人民币万元: '万元', 百万元: '百万元', 亿元: '亿元', 亿: '亿元', 人民币亿元: '亿元',
  unit: 'units', units: 'units', usd: 'units', dollars: 'units', ones: 'units',
  thousand: 'thousands', thousands: 'thousands', k: 'thousands', '000': 'thousands', "'000": 'thousands',
  million: 'millions', millions: 'millions', m: 'millions', mn: 'millions', mm: 'millions',
  billion: 'billions', billions: 'billions', bn: 'billions',
};

/** Parse a unit as written ("万元", "USD millions", "in thousands"); undefined when not recognised. */
export function parseUnit(text: string): Unit | undefined {
  const direct = UnitSchema.safeParse(text.trim());
  if (direct.success) return direct.data;
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/^(in|单位[:：]?)\s*/u, '');
  const a = ALIASES[t];
  if (a) return a;
  // "USD millions", "millions of US dollars", "人民币 万元"
  for (const word of t.split(/[\s,()（）]+/u)) {
    if (word !== 'usd' && word !== 'cny' && word !== 'rmb' && ALIASES[word]) return ALIASES[word];
  }
  return undefined;
}

/** Rescale one amount exactly (decimal arithmetic, so 2,726.70 亿元 → 272,670,000,000 元 with no float drift). */
export function convertAmount(value: number, from: Unit, to: Unit): number {
  if (from === to) return value;
  return new Decimal(value).times(MULTIPLIER[from]).dividedBy(MULTIPLIER[to]).toNumber();
}

// Per-share figures and head counts are not amounts: the statement unit does not apply.
const UNSCALED = new Set(['basicEps', 'dilutedEps', 'employees', 'rdEmployees', 'mastersEmployees', 'doctoralEmployees']);

/** The same statement expressed in another unit (shares scale too, so per-share ratios stay consistent). */
export function convertStatement(statement: Statement, to: Unit): Statement {
  if (statement.unit === to) return statement;
  const periods: Period[] = statement.periods.map((p) => {
    const items: Period['items'] = {};
    for (const [k, v] of Object.entries(p.items) as [keyof Period['items'], number][]) {
      items[k] = UNSCALED.has(k) ? v : convertAmount(v, statement.unit, to);
    }
    return { ...p, items };
  });
  return { ...statement, unit: to, periods };
}
