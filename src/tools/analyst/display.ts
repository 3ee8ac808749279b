/**
 * How the analyst's chat shows a figure: value with its unit, a change between periods, a formula
 * with line items named as printed in the reader's language. Formatting only — every number is a
 * tool's value, rounded for display.
 */
import { unitWords } from '../../analysis/engine/index.js';
import { amount, FIGURE_META, fixed, ITEM_LABELS, type Lang } from '../../analysis/memo/index.js';

export interface UnitContext {
  currency: string;
  unit: string;
}

export type Shape = 'ratio' | 'percent' | 'times' | 'days' | 'amount' | 'score';

/** Loan-view figures the chat can name, with how they display. */
export const LOAN_FIGURES: Record<string, { zh: string; en: string; shape: Shape }> = {
  newLoanCapacity: { zh: '新增流动资金贷款额度', en: 'New working-capital loan capacity', shape: 'amount' },
  workingCapitalRequired: { zh: '营运资金量（流动资金需求）', en: 'Working capital required', shape: 'amount' },
  cycleDays: { zh: '营运资金周转天数合计', en: 'Working-capital cycle', shape: 'days' },
  dscr: { zh: '偿债覆盖率 DSCR', en: 'Debt service coverage (DSCR)', shape: 'times' },
  debtToAssetsAfter: { zh: '贷后资产负债率', en: 'Debt to assets after the loan', shape: 'percent' },
  debtToEbitdaAfter: { zh: '贷后有息负债/EBITDA', en: 'Debt to EBITDA after the loan', shape: 'times' },
  interestCoverageAfter: { zh: '贷后利息保障倍数', en: 'Interest coverage after the loan', shape: 'times' },
};

/** The shape of any nameable figure: ratio registry, loan view, or a line item (an amount). */
export function shapeOf(name: string): Shape {
  const meta = FIGURE_META[name];
  if (meta) return meta.display;
  const loan = LOAN_FIGURES[name];
  if (loan) return loan.shape;
  if (['altmanZ', 'beneishM', 'piotroskiF'].includes(name)) return 'score';
  return 'amount';
}

/** The label of a figure or line item in the reader's language. */
export function nameOf(name: string, lang: Lang): string {
  return FIGURE_META[name]?.[lang] ?? LOAN_FIGURES[name]?.[lang] ?? ITEM_LABELS[name]?.[lang] ?? name;
}

/** The value with its unit: "0.8673 倍", "46.21%", "29.36 天", "93,736 百万美元" / "0.8673×", "29.36 days", "93,736 USD millions". */
export function show(name: string, value: number, u: UnitContext, lang: Lang): string {
  switch (shapeOf(name)) {
    case 'percent':
      return `${fixed(value * 100, 2)}%`;
    case 'times':
      return lang === 'zh' ? `${fixed(value, 2)} 倍` : `${fixed(value, 2)}×`;
    case 'days':
      return lang === 'zh' ? `${fixed(value, 2)} 天` : `${fixed(value, 2)} days`;
    case 'amount':
      return `${amount(value)} ${unitWords(u.currency, u.unit)[lang]}`;
    case 'score':
      return fixed(value, 4);
    default:
      return lang === 'zh' ? `${fixed(value, 4)} 倍` : `${fixed(value, 4)}×`;
  }
}

/** A change between periods: percentage points for percentages, the unit otherwise; signed. */
export function showChange(name: string, change: number, u: UnitContext, lang: Lang): string {
  const sign = change > 0 ? '+' : '';
  if (shapeOf(name) === 'percent') return lang === 'zh' ? `${sign}${fixed(change * 100, 2)} 个百分点` : `${sign}${fixed(change * 100, 2)} pp`;
  return `${sign}${show(name, change, u, lang)}`;
}

/** Canonical item keys in a formula, longest first so "totalCurrentAssets" wins over "totalAssets". */
const KEYS = Object.keys(ITEM_LABELS).sort((a, b) => b.length - a.length);
// Keys stand alone or carry a period suffix ("revenue_t", "revenue_{t−1}").
const KEY_RE = new RegExp(`(?<![A-Za-z])(${KEYS.join('|')})(?![A-Za-z])`, 'g');

/**
 * The engine's formula with line items named for the reader: "(revenue − costOfRevenue) / revenue
 * (毛利率)" → "(营业收入 − 营业成本) / 营业收入" / "(Revenue − Cost of revenue) / Revenue". The
 * engine's trailing remarks (the Chinese name, "not meaningful when …") are dropped: the reply says
 * those in words of its own.
 */
export function formulaText(formula: string, lang: Lang): string {
  let f = formula.replace(/;\s*not meaningful when[^()]*$/u, '').trim();
  // A trailing remark — words, a Chinese name, "; …" — is not part of the arithmetic; a bracketed
  // sum such as "cash / (a + b)" is.
  for (;;) {
    const m = /\s*\(([^()]*)\)$/u.exec(f);
    const rest = m ? f.slice(0, m.index) : '';
    const inner = (m?.[1] ?? '').trim();
    // "(operatingProfit)" names what EBIT is; "(amount)", "(毛利率)", "(…; not meaningful …)" only remark.
    const names = inner in ITEM_LABELS;
    const remark = m !== null && !names && (/[\p{Script=Han};,]/u.test(inner) || !/[+−×/]/u.test(inner));
    if (!m || !remark || rest.trim() === '') break;
    f = rest.trim();
  }
  f = f.replace(KEY_RE, (k) => ITEM_LABELS[k]?.[lang] ?? k);
  if (lang === 'zh') f = f.replace(/\baverage\s+/gu, '平均');
  else f = f.replace(/\s*\([^()]*\p{Script=Han}[^()]*\)/gu, '');
  return f.trim();
}

/** Brackets and list punctuation per language: "（FY2024）：" / " (FY2024): ". */
export const P = {
  paren: (lang: Lang, s: string) => (lang === 'zh' ? `（${s}）` : ` (${s})`),
  colon: (lang: Lang) => (lang === 'zh' ? '：' : ': '),
  semi: (lang: Lang) => (lang === 'zh' ? '；' : '; '),
  stop: (lang: Lang) => (lang === 'zh' ? '。' : '.'),
  comma: (lang: Lang) => (lang === 'zh' ? '，' : ', '),
};

/** "apple.csv 第 14 行" / "apple.csv line 14" (the memo's citation wording). */
export function where(src: { file: string; line?: number | undefined } | undefined, lang: Lang): string {
  if (!src) return lang === 'zh' ? '推导值，无源行' : 'derived, no source line';
  if (src.line === undefined) return src.file;
  return lang === 'zh' ? `${src.file} 第 ${src.line} 行` : `${src.file} line ${src.line}`;
}
