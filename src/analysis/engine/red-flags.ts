import { z } from 'zod';
import type { EngineStatement } from './items.js';
import { itemOf } from './items.js';
import type { Figure } from './figure.js';
import type { Policy } from './policy.js';
import type { AltmanResult } from './altman.js';
import type { BeneishResult } from './beneish.js';

/**
 * Chinese credit red flags (§1.10.1–§1.10.2). Thresholds are practitioner heuristics, not regulation:
 * they live in FLAG_THRESHOLDS so an industry profile can override them.
 */
export const FLAG_THRESHOLDS = {
  cashToAssets: 0.2, debtToInvestedCapital: 0.2, impliedDepositYield: 0.01,
  receivablesGrowthGap: 0.15, receivablesGrowthGapHigh: 0.3,
  otherReceivablesToAssets: 0.05, otherReceivablesToEquity: 0.1,
  shortDebtShare: 0.5, cfoToNetIncome: 0.5, accrualRatio: 0.1,
  debtToAssetsWarn: 0.7, debtToAssetsVeto: 0.85, currentRatioWarn: 1.5, currentRatioVeto: 1,
  quickRatioWarn: 0.8, interestCoverageWarn: 2, grossMarginDrop: 0.15, inventoryGrowthGap: 0.3,
} as const;

export const SeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export const EvidenceSchema = z.object({ name: z.string(), period: z.string(), value: z.number().nullable() });
export const FlagSchema = z.object({
  code: z.string(),
  severity: SeveritySchema,
  /** In the requested language; `messages` carries both. */
  message: z.string(),
  messages: z.object({ zh: z.string(), en: z.string() }),
  evidence: z.array(EvidenceSchema),
});
export type Flag = z.infer<typeof FlagSchema>;
type Severity = z.infer<typeof SeveritySchema>;
type Evidence = z.infer<typeof EvidenceSchema>;

export interface FlagInput {
  st: EngineStatement;
  policy: Policy;
  ratios: Record<string, Figure[]>;
  altman: AltmanResult;
  beneish: BeneishResult;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A gap between two growth rates, in percentage points. */
const pp = (x: number) => (x * 100).toFixed(1);
/** An amount as filed, thousands grouped (display only; the evidence keeps the exact value). */
const amt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });

const UNIT_ZH: Record<string, string> = { units: '', thousands: '千', millions: '百万', billions: '十亿' };
const CURRENCY_ZH: Record<string, string> = { USD: '美元', CNY: '元', HKD: '港元', EUR: '欧元', GBP: '英镑', JPY: '日元' };

/** The statement unit in words: "亿元", "百万美元" / "CNY 亿元", "USD millions". */
export function unitWords(currency: string, unit: string): { zh: string; en: string } {
  const cnyUnit = /元$/.test(unit);
  const zh = cnyUnit ? (currency === 'CNY' ? unit : `${unit}（${currency}）`) : `${UNIT_ZH[unit] ?? unit}${CURRENCY_ZH[currency] ?? currency}`;
  return { zh, en: `${currency} ${unit}` };
}

export function redFlags(inp: FlagInput): Flag[] {
  const { st, policy, ratios } = inp;
  const T = FLAG_THRESHOLDS;
  const n = st.periods.length;
  const last = n - 1;
  const label = (i: number) => st.periods[i]?.label ?? '';
  const r = (name: string, i: number): number | null => ratios[name]?.[i]?.value ?? null;
  const it = (key: Parameters<typeof itemOf>[1], i: number): number | undefined => {
    const p = st.periods[i];
    return p ? itemOf(p, key) : undefined;
  };
  const ev = (name: string, i: number, value: number | null): Evidence => ({ name, period: label(i), value });
  const flags: Flag[] = [];
  const u = unitWords(st.currency, st.unit);
  const span = (from: number, to: number) => (from === to ? label(to) : `${label(from)}→${label(to)}`);
  const add = (code: string, severity: Severity, zh: string, en: string, evidence: Evidence[]) =>
    flags.push({ code, severity, message: policy.lang === 'en' ? en : zh, messages: { zh, en }, evidence });
  /** Length of the run of periods ending at the latest one where `test` holds. */
  const trailingRun = (test: (i: number) => boolean) => {
    let k = 0;
    for (let i = last; i >= 0 && test(i); i--) k++;
    return k;
  };

  // 存贷双高: cash/TA > 20% and debt/(debt + equity) > 20%, for ≥ 2 consecutive years (华创固收).
  const cdh = (i: number) => {
    const cash = it('cash', i), ta = it('totalAssets', i), debt = r('totalDebt', i), eq = it('totalEquity', i);
    if (cash === undefined || !ta || debt === null || eq === undefined || debt + eq <= 0) return null;
    return { cashToAssets: cash / ta, debtToInvestedCapital: debt / (debt + eq) };
  };
  const cdhRun = trailingRun((i) => {
    const x = cdh(i);
    return x !== null && x.cashToAssets > T.cashToAssets && x.debtToInvestedCapital > T.debtToInvestedCapital;
  });
  if (cdhRun >= 1) {
    const evidence: Evidence[] = [];
    for (let i = last - cdhRun + 1; i <= last; i++) {
      const x = cdh(i);
      if (x) evidence.push(ev('cashToAssets', i, x.cashToAssets), ev('debtToInvestedCapital', i, x.debtToInvestedCapital));
    }
    let yieldNote = { zh: '', en: '' };
    const ii = it('interestIncome', last), c0 = it('cash', last), c1 = last > 0 ? it('cash', last - 1) : undefined;
    if (ii !== undefined && c0 !== undefined) {
      const avgCash = c1 !== undefined ? (c0 + c1) / 2 : c0;
      const y = avgCash > 0 ? ii / avgCash : null;
      evidence.push(ev('impliedDepositYield', last, y));
      if (y !== null && y < T.impliedDepositYield) yieldNote = { zh: `；利息收入/平均货币资金仅 ${pct(y)}，低于存款利率，货币资金真实性存疑`, en: `; implied deposit yield only ${pct(y)}, below deposit rates — cash may not be real` };
    }
    const sev: Severity = cdhRun >= 2 ? 'high' : 'medium';
    const now = cdh(last);
    const shares = now ? { zh: `${label(last)} 货币资金占总资产 ${pct(now.cashToAssets)}、有息负债占投入资本 ${pct(now.debtToInvestedCapital)}`, en: `${label(last)}: cash ${pct(now.cashToAssets)} of assets, interest-bearing debt ${pct(now.debtToInvestedCapital)} of invested capital` } : { zh: '', en: '' };
    add('CASH_DEBT_BOTH_HIGH', sev,
      `存贷双高：${shares.zh}（均超过 20%），连续 ${cdhRun} 年（${span(last - cdhRun + 1, last)}）${yieldNote.zh}。需核实资金受限、被占用或虚增情况。`,
      `High cash and high debt (存贷双高): ${shares.en} (both above 20%), ${cdhRun} consecutive year(s) (${span(last - cdhRun + 1, last)})${yieldNote.en}. Verify restricted, diverted or fictitious cash.`,
      evidence);
  }

  // 应收账款激增: receivables growing much faster than revenue.
  for (let i = Math.max(1, last); i <= last; i++) {
    const ar = r('receivablesGrowth', i), rev = r('revenueGrowth', i);
    if (ar !== null && rev !== null && ar - rev > T.receivablesGrowthGap) {
      add('RECEIVABLES_SURGE', ar - rev > T.receivablesGrowthGapHigh ? 'high' : 'medium',
        `应收账款激增：应收账款增长 ${pct(ar)}（${span(i - 1, i)}），营业收入增长 ${pct(rev)}，差距 ${pp(ar - rev)} 个百分点。`,
        `Receivables surge: receivables grew ${pct(ar)} (${span(i - 1, i)}) against revenue ${pct(rev)}, a gap of ${pp(ar - rev)} percentage points.`,
        [ev('receivablesGrowth', i, ar), ev('revenueGrowth', i, rev), ev('dso', i, r('dso', i))]);
    }
  }

  // 其他应收款 / 资金占用.
  {
    const orc = it('otherReceivables', last), ta = it('totalAssets', last), eq = it('totalEquity', last);
    const rp = it('relatedPartyOtherReceivables', last);
    const toTa = orc !== undefined && ta ? orc / ta : null;
    const toEq = orc !== undefined && eq !== undefined && eq > 0 ? orc / eq : null;
    const high = (toTa !== null && toTa > T.otherReceivablesToAssets) || (toEq !== null && toEq > T.otherReceivablesToEquity);
    if (rp !== undefined && rp > 0) {
      add('RELATED_PARTY_FUND_OCCUPATION', 'critical',
        `关联方资金占用：其他应收款中关联方占用 ${amt(rp)} ${u.zh}（${label(last)}）。需核查非经营性资金占用专项说明及坏账计提。`,
        `Related-party fund occupation: ${amt(rp)} ${u.en} of other receivables owed by related parties (${label(last)}). Check the auditor's special report and bad-debt allowance.`,
        [ev('relatedPartyOtherReceivables', last, rp), ev('otherReceivablesToAssets', last, toTa)]);
    }
    // 资金占用 via 其他应收款 is a CAS-statement pattern; US filers put vendor non-trade receivables there.
    const cas = st.currency === 'CNY' || st.currency === 'HKD';
    if (high && cas) {
      add('OTHER_RECEIVABLES_HIGH', 'medium',
        `其他应收款占比偏高（${label(last)}）：占总资产 ${toTa === null ? '无法计算' : pct(toTa)}，占净资产 ${toEq === null ? '无法计算' : pct(toEq)}，可能存在股东资金占用。`,
        `Other receivables are high (${label(last)}): ${toTa === null ? 'n/a' : pct(toTa)} of assets, ${toEq === null ? 'n/a' : pct(toEq)} of equity — possible fund diversion by shareholders.`,
        [ev('otherReceivablesToAssets', last, toTa), ev('otherReceivablesToEquity', last, toEq)]);
    }
  }

  // 短贷长投: negative working capital, short debt dominant, long-term investment beyond operating cash.
  {
    const wc = r('workingCapital', last), debt = r('totalDebt', last);
    const sd = (it('shortTermBorrowings', last) ?? 0) + (it('commercialPaper', last) ?? 0) + (it('currentPortionOfLongTermDebt', last) ?? 0);
    const capex = it('capitalExpenditure', last), cfo = it('cashFromOperations', last);
    const nca = (i: number) => { const ta = it('totalAssets', i), ca = it('totalCurrentAssets', i); return ta !== undefined && ca !== undefined ? ta - ca : undefined; };
    const ncaNow = nca(last), ncaPrev = last > 0 ? nca(last - 1) : undefined;
    const share = debt !== null && debt > 0 ? sd / debt : null;
    const investing = (capex !== undefined && cfo !== undefined && Math.abs(capex) > cfo) || (ncaNow !== undefined && ncaPrev !== undefined && ncaNow > ncaPrev);
    if (wc !== null && wc < 0 && share !== null && share > T.shortDebtShare && investing) {
      add('SHORT_DEBT_LONG_INVEST', 'high',
        `短贷长投（${label(last)}）：营运资金为负（${amt(wc)} ${u.zh}），短期有息负债占有息负债 ${pct(share)}，同时长期资产扩张，期限错配。`,
        `Short-term debt funding long-term assets (${label(last)}): negative working capital (${amt(wc)} ${u.en}), short-term debt ${pct(share)} of debt while long-term assets grow — maturity mismatch.`,
        [ev('workingCapital', last, wc), ev('shortTermDebtShare', last, share), ev('capitalExpenditure', last, capex ?? null), ev('cashFromOperations', last, cfo ?? null)]);
    }
  }

  // 有利润无现金: NI > 0 with CFO/NI < 0.5 (or CFO < 0).
  {
    const weak = (i: number) => {
      const ni = it('netIncome', i) ?? it('netIncomeAttributableToParent', i), cfo = it('cashFromOperations', i);
      return ni !== undefined && cfo !== undefined && ni > 0 && cfo / ni < T.cfoToNetIncome;
    };
    const run = trailingRun(weak);
    if (run >= 1) {
      const negCfo = (it('cashFromOperations', last) ?? 0) < 0;
      const evidence: Evidence[] = [];
      for (let i = last - run + 1; i <= last; i++) {
        evidence.push(ev('netIncome', i, it('netIncome', i) ?? it('netIncomeAttributableToParent', i) ?? null), ev('cashFromOperations', i, it('cashFromOperations', i) ?? null));
      }
      const niLast = it('netIncome', last) ?? it('netIncomeAttributableToParent', last), cfoLast = it('cashFromOperations', last);
      const latest = niLast !== undefined && cfoLast !== undefined
        ? { zh: `；${label(last)} 净利润 ${amt(niLast)}、经营现金流 ${amt(cfoLast)} ${u.zh}`, en: `; ${label(last)}: net income ${amt(niLast)}, CFO ${amt(cfoLast)} ${u.en}` }
        : { zh: '', en: '' };
      add('PROFIT_WITHOUT_CASH', run >= 2 || negCfo ? 'high' : 'medium',
        `有利润无现金：净利润为正但经营现金流/净利润低于 ${T.cfoToNetIncome}${negCfo ? '（经营现金流为负）' : ''}，连续 ${run} 年（${span(last - run + 1, last)}）${latest.zh}，盈利质量存疑。`,
        `Profit without cash: net income positive but CFO/NI below ${T.cfoToNetIncome}${negCfo ? ' (CFO negative)' : ''} for ${run} consecutive year(s) (${span(last - run + 1, last)})${latest.en} — earnings quality in doubt.`,
        evidence);
    }
  }

  const acc = r('accrualRatio', last);
  if (acc !== null && acc > T.accrualRatio) {
    add('HIGH_ACCRUALS', 'medium', `应计比率偏高：Sloan 应计比率 ${pct(acc)}（${label(last)}），超过 10%。`, `High accruals: Sloan accrual ratio ${pct(acc)} (${label(last)}) exceeds 10%.`, [ev('accrualRatio', last, acc)]);
  }

  // Leverage and liquidity warning levels (§1.10.1; 一票否决 levels as high/critical).
  const eq = it('totalEquity', last);
  if (eq !== undefined && eq <= 0) {
    add('NEGATIVE_EQUITY', 'critical', `资不抵债：所有者权益为 ${amt(eq)} ${u.zh}（${label(last)}），ROE、产权比率等指标无意义。`, `Negative equity (${amt(eq)} ${u.en}, ${label(last)}): liabilities exceed assets; ROE and D/E are not meaningful.`,
      [ev('totalEquity', last, eq), ev('debtToAssets', last, r('debtToAssets', last))]);
  }
  const dta = r('debtToAssets', last);
  if (dta !== null && dta > T.debtToAssetsWarn) {
    const veto = dta > T.debtToAssetsVeto;
    add('LEVERAGE_HIGH', veto ? 'high' : 'medium',
      `资产负债率 ${pct(dta)}（${label(last)}），${veto ? '超过 85% 否决线' : '超过 70% 预警线'}。`,
      `Debt-to-assets ${pct(dta)} (${label(last)}) is above the ${veto ? '85% veto' : '70% warning'} level.`, [ev('debtToAssets', last, dta)]);
  }
  const cr = r('currentRatio', last);
  if (cr !== null && cr < T.currentRatioWarn) {
    const veto = cr < T.currentRatioVeto;
    add('CURRENT_RATIO_LOW', veto ? 'high' : 'low', `流动比率 ${cr.toFixed(2)} 倍（${label(last)}），低于 ${veto ? '1（否决线）' : '1.5（预警线）'}。`,
      `Current ratio ${cr.toFixed(2)}× (${label(last)}) is below ${veto ? '1 (veto level)' : '1.5 (warning level)'}.`, [ev('currentRatio', last, cr)]);
  }
  const qr = r('quickRatio', last);
  if (qr !== null && qr < T.quickRatioWarn) {
    add('QUICK_RATIO_LOW', 'low', `速动比率 ${qr.toFixed(2)} 倍（${label(last)}），低于 0.8。`, `Quick ratio ${qr.toFixed(2)}× (${label(last)}) is below 0.8.`, [ev('quickRatio', last, qr)]);
  }
  const ic = r('interestCoverage', last);
  if (ic !== null && ic < T.interestCoverageWarn) {
    add('INTEREST_COVERAGE_LOW', ic < 1 ? 'high' : 'medium', `利息保障倍数 ${ic.toFixed(2)} 倍（${label(last)}），低于 2 倍。`, `Interest coverage ${ic.toFixed(2)}× (${label(last)}) is below 2×.`, [ev('interestCoverage', last, ic)]);
  }
  if (last >= 1) {
    const g0 = r('grossMargin', last), g1 = r('grossMargin', last - 1);
    if (g0 !== null && g1 !== null && g1 > 0 && (g1 - g0) / g1 > T.grossMarginDrop) {
      add('GROSS_MARGIN_DROP', 'medium', `毛利率由 ${pct(g1)}（${label(last - 1)}）降至 ${pct(g0)}（${label(last)}），相对降幅超过 15%。`, `Gross margin fell from ${pct(g1)} (${label(last - 1)}) to ${pct(g0)} (${label(last)}), more than 15% lower.`,
        [ev('grossMargin', last - 1, g1), ev('grossMargin', last, g0)]);
    }
    const inv = r('inventoryGrowth', last), rev = r('revenueGrowth', last);
    if (inv !== null && rev !== null && inv - rev > T.inventoryGrowthGap) {
      add('INVENTORY_BUILDUP', 'medium', `存货增长 ${pct(inv)}（${span(last - 1, last)}）远超收入增长 ${pct(rev)}。`, `Inventory grew ${pct(inv)} (${span(last - 1, last)}) against revenue ${pct(rev)}.`,
        [ev('inventoryGrowth', last, inv), ev('revenueGrowth', last, rev)]);
    }
  }
  const negCfoRun = trailingRun((i) => (it('cashFromOperations', i) ?? 0) < 0);
  if (negCfoRun >= 1) {
    const evidence = Array.from({ length: negCfoRun }, (_, k) => ev('cashFromOperations', last - negCfoRun + 1 + k, it('cashFromOperations', last - negCfoRun + 1 + k) ?? null));
    const cfoNow = amt(it('cashFromOperations', last) ?? 0);
    add('NEGATIVE_CFO', negCfoRun >= 2 ? 'high' : 'medium',
      `经营活动现金流量净额为负，连续 ${negCfoRun} 年（${span(last - negCfoRun + 1, last)}）；${label(last)} 为 ${cfoNow} ${u.zh}。`,
      `Operating cash flow negative for ${negCfoRun} consecutive year(s) (${span(last - negCfoRun + 1, last)}); ${label(last)}: ${cfoNow} ${u.en}.`, evidence);
  }

  // 三道红线 for property developers.
  if ((policy.sector ?? st.sector) === 'real_estate') {
    const l1 = r('liabilitiesToAssetsExAdvances', last), l2 = r('netGearing', last), l3 = r('cashToShortTermDebt', last);
    const breaches: string[] = [];
    if (l1 !== null && l1 > 0.7) breaches.push('1');
    if ((eq !== undefined && eq <= 0) || (l2 !== null && l2 > 1)) breaches.push('2');
    if (l3 !== null && l3 < 1) breaches.push('3');
    if (breaches.length) {
      add('THREE_RED_LINES', breaches.length >= 2 ? 'critical' : 'high',
        `三道红线踩线 ${breaches.length} 条（第 ${breaches.join('、')} 条，${label(last)}）：剔除预收后资产负债率 ≤ 70%${l1 === null ? '' : `（实际 ${pct(l1)}）`}、净负债率 ≤ 100%、现金短债比 ≥ 1。`,
        `Three red lines: ${breaches.length} breached (#${breaches.join(', #')}) in ${label(last)}: liabilities ex-advances ≤ 70%${l1 === null ? '' : ` (actual ${pct(l1)})`}, net gearing ≤ 100%, cash/short-term debt ≥ 1.`,
        [ev('liabilitiesToAssetsExAdvances', last, l1), ev('netGearing', last, l2), ev('cashToShortTermDebt', last, l3)]);
    }
  }

  // Scores as flags, with the attribution a reviewer needs.
  const b = inp.beneish.periods.at(-1);
  if (b?.value != null && b.classification === 'likely_manipulator') {
    // Growth-driven: SGI leads and neither receivables (DSRI) nor margins (GMI) deteriorated (≤ 1.1).
    const top = b.drivers[0]?.variable;
    const comp = (k: string) => b.components[k]?.value ?? 1;
    const growth = top === 'SGI' && comp('DSRI') <= 1.1 && comp('GMI') <= 1.1;
    const prior = st.periods.findIndex((p) => p.label === b.period) - 1;
    const pair = prior >= 0 ? `（${label(prior)}→${b.period}）` : `（${b.period}）`;
    const pairEn = prior >= 0 ? ` (${label(prior)}→${b.period})` : ` (${b.period})`;
    add('BENEISH_M_HIGH', growth ? 'low' : 'high',
      `Beneish M 值 ${b.value.toFixed(2)}${pair} 高于 ${policy.beneishThresholds.flag}。主要驱动：${b.drivers.map((d) => d.variable).join('、')}${growth ? '；由收入高增长驱动，并非应收或毛利恶化，不构成操纵证据' : ''}。`,
      `Beneish M ${b.value.toFixed(2)}${pairEn} is above ${policy.beneishThresholds.flag}. Drivers: ${b.drivers.map((d) => d.variable).join(', ')}${growth ? '; growth-driven, not receivables or margin deterioration — no manipulation evidence' : ''}.`,
      [{ name: 'beneishM', period: b.period, value: b.value }, ...b.drivers.map((d) => ({ name: d.variable, period: b.period, value: d.value }))]);
  }
  const a = inp.altman.periods.at(-1);
  const sel = a?.[inp.altman.selected];
  if (a && sel?.zone === 'distress') {
    const sym = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' }[inp.altman.selected];
    add('ALTMAN_DISTRESS', 'high', `Altman ${sym} = ${sel.value?.toFixed(2)}（${a.period}），处于困境区（< ${sel.cutoffs.distress}）。`,
      `Altman ${sym} = ${sel.value?.toFixed(2)} (${a.period}) is in the distress zone (< ${sel.cutoffs.distress}).`, [{ name: inp.altman.selected, period: a.period, value: sel.value }]);
  }
  return flags;
}
