import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EngineStatement } from './items.js';
import { type Ctx, type Figure, type FigureDef, FigureSchema, evaluate, NotMeaningful, ratio } from './figure.js';
import { type Policy, LoanRequestSchema } from './policy.js';

/** 流动资金贷款需求测算 (§1.10.4, 360 days): needs no loan request, so it is part of every analysis. */
export const WorkingCapitalNeedSchema = z.object({
  period: z.string(),
  turnoverDays: z.record(z.string(), FigureSchema),
  /** 存货 + 应收 − 应付 + 预付 − 预收 turnover days: ≤ 0 means suppliers and customers fund operations. */
  cycleDays: FigureSchema,
  turnoverCount: FigureSchema,
  workingCapitalRequired: FigureSchema,
  newLoanCapacity: FigureSchema,
});
export type WorkingCapitalNeed = z.infer<typeof WorkingCapitalNeedSchema>;

export const LoanViewSchema = z.object({
  period: z.string(),
  request: LoanRequestSchema,
  /** Year-1 interest and principal on the new loan, in the statement unit. */
  firstYearInterest: z.number(),
  firstYearPrincipal: z.number(),
  dscr: FigureSchema,
  debtToAssetsAfter: FigureSchema,
  debtToEbitdaAfter: FigureSchema,
  interestCoverageAfter: FigureSchema,
  /** 流动资金贷款需求测算 (§1.10.4, 360 days). */
  workingCapital: z.object({
    turnoverDays: z.record(z.string(), FigureSchema),
    cycleDays: FigureSchema.optional(),
    turnoverCount: FigureSchema,
    workingCapitalRequired: FigureSchema,
    newLoanCapacity: FigureSchema,
    requestWithinNeed: z.boolean().nullable(),
  }),
});
export type LoanView = z.infer<typeof LoanViewSchema>;
type LoanRequestOut = z.output<typeof LoanRequestSchema>;

function firstYear(req: LoanRequestOut): { interest: Decimal; principal: Decimal } {
  const p = new Decimal(req.loanAmount), r = new Decimal(req.rate), n = req.tenorYears;
  const interest = p.mul(r);
  if (req.repayment === 'bullet') return { interest, principal: n <= 1 ? p : new Decimal(0) };
  if (req.repayment === 'equal_principal') return { interest, principal: p.div(Math.max(n, 1)).clampedTo(0, p) };
  // Annuity: level payment P·r / (1 − (1 + r)^−n); principal = payment − interest.
  const pay = r.isZero() ? p.div(n) : p.mul(r).div(new Decimal(1).minus(r.plus(1).pow(-n)));
  return { interest, principal: pay.minus(interest) };
}

/** Average balance over the year, 360-day turnover days = 360 × avg balance / flow. */
function days(c: Ctx, keys: readonly ('accountsReceivable' | 'inventory' | 'accountsPayable' | 'prepayments' | 'advancesFromCustomers' | 'contractLiabilities')[], flow: 'revenue' | 'costOfRevenue', optional: boolean): Decimal | NotMeaningful {
  const bal = (o: number) => keys.reduce((acc, k) => acc.plus(optional ? c.opt(k, o) : c.item(k, o)), new Decimal(0));
  const avg = c.hasPeriod(-1) ? bal(0).plus(bal(-1)).div(2) : bal(0);
  c.basis = c.hasPeriod(-1) ? 'average' : 'ending';
  const r = ratio(avg.mul(360), c.item(flow), flow);
  return r;
}

const DAY_DEFS = {
  inventory: { formula: '360 × average inventory / costOfRevenue (存货周转天数)', compute: (c: Ctx) => days(c, ['inventory'], 'costOfRevenue', false) },
  receivables: { formula: '360 × average accountsReceivable / revenue (应收账款周转天数)', compute: (c: Ctx) => days(c, ['accountsReceivable'], 'revenue', false) },
  payables: { formula: '360 × average accountsPayable / costOfRevenue (应付账款周转天数)', compute: (c: Ctx) => days(c, ['accountsPayable'], 'costOfRevenue', false) },
  prepayments: { formula: '360 × average prepayments / costOfRevenue (预付账款周转天数; absent = 0)', compute: (c: Ctx) => days(c, ['prepayments'], 'costOfRevenue', true) },
  advances: {
    formula: '360 × average (advancesFromCustomers + contractLiabilities) / revenue (预收账款周转天数; absent = 0)',
    compute: (c: Ctx) => days(c, ['advancesFromCustomers', 'contractLiabilities'], 'revenue', true),
  },
} satisfies Record<string, FigureDef>;

export function loanView(st: EngineStatement, policy: Policy, revenueGrowth: number | null): LoanView | undefined {
  if (!policy.loan) return undefined;
  const req = LoanRequestSchema.parse(policy.loan);
  const i = st.periods.length - 1;
  const fy = firstYear(req);
  const amount = new Decimal(req.loanAmount);
  const ev = (d: FigureDef) => evaluate(d, st, i, policy);

  // The new loan's year-1 service goes into the inputs, so the formula names terms and the values travel with them.
  const dscr = ev({
    formula: '(EBITDA − incomeTaxExpense) / (interestExpense + currentPortionOfLongTermDebt + newLoanInterest + newLoanPrincipal) (year 1; income tax expense stands in for cash taxes)',
    compute: (c) => {
      c.inputs.newLoanInterest = { value: fy.interest.toNumber() };
      c.inputs.newLoanPrincipal = { value: fy.principal.toNumber() };
      const cash = c.ebitda().minus(c.opt('incomeTaxExpense'));
      const service = c.item('interestExpense').plus(c.opt('currentPortionOfLongTermDebt')).plus(fy.interest).plus(fy.principal);
      return ratio(cash, service, 'debt service');
    },
  });
  const debtToAssetsAfter = ev({
    formula: `(totalLiabilities + loan ${req.loanAmount}) / (totalAssets + loan) (proceeds held as assets)`,
    compute: (c) => ratio(c.item('totalLiabilities').plus(amount), c.item('totalAssets').plus(amount), 'total assets'),
  });
  const debtToEbitdaAfter = ev({
    formula: `(${policy.debtItems.join(' + ')} + loan ${req.loanAmount}) / EBITDA; not meaningful when EBITDA ≤ 0`,
    compute: (c) => {
      const e = c.ebitda();
      if (e.lte(0)) return new NotMeaningful(`EBITDA ≤ 0 (${e.toNumber()})`);
      return ratio(c.debt().plus(amount), e, 'EBITDA');
    },
  });
  const interestCoverageAfter = ev({
    formula: 'EBIT / (interestExpense + newLoanInterest) (new loan year-1 interest = amount × rate)',
    compute: (c) => {
      c.inputs.newLoanInterest = { value: fy.interest.toNumber() };
      return ratio(c.ebit(), c.item('interestExpense').plus(fy.interest), 'interest');
    },
  });

  const wc = workingCapitalNeed(st, policy, revenueGrowth, req);
  return {
    period: st.periods[i]?.label ?? '',
    request: req,
    firstYearInterest: fy.interest.toNumber(),
    firstYearPrincipal: fy.principal.toNumber(),
    dscr,
    debtToAssetsAfter,
    debtToEbitdaAfter,
    interestCoverageAfter,
    workingCapital: {
      turnoverDays: wc.turnoverDays,
      cycleDays: wc.cycleDays,
      turnoverCount: wc.turnoverCount,
      workingCapitalRequired: wc.workingCapitalRequired,
      newLoanCapacity: wc.newLoanCapacity,
      requestWithinNeed: wc.newLoanCapacity.value === null ? null : req.loanAmount <= wc.newLoanCapacity.value,
    },
  };
}

/**
 * A step that rests on an earlier figure without a value: the same missing lines when that figure
 * lacked data (so the note stays "n/a: missing …", naming them), else its not-meaningful reason.
 */
function inherit(c: Ctx, f: Figure, fallback: string): Decimal | NotMeaningful {
  const missing = /^n\/a: missing (.*)$/.exec(f.note ?? '')?.[1];
  if (missing) {
    for (const m of missing.split(', ')) if (!c.missing.includes(m)) c.missing.push(m);
    return new Decimal(NaN);
  }
  return new NotMeaningful(f.note?.replace(/^not meaningful: /, '') ?? fallback);
}

/** Overrides of the 流贷测算 defaults a loan request may carry. */
type NeedInputs = Pick<LoanRequestOut, 'expectedGrowth' | 'ownFunds' | 'existingWorkingCapitalLoans' | 'otherWorkingCapital'>;

/**
 * 流动资金贷款需求测算 for the latest period (§1.10.4). A cycle of ≤ 0 days leaves the turnover count
 * undefined, but the need is not unknown: 营运资金量 = 收入 × (1 − 利润率) × (1 + 增长) × 周转天数 / 360
 * (the same formula with the count written out) is then ≤ 0 — there is no working-capital gap to fund.
 */
export function workingCapitalNeed(st: EngineStatement, policy: Policy, revenueGrowth: number | null, req: NeedInputs = { otherWorkingCapital: 0 }): WorkingCapitalNeed {
  const i = st.periods.length - 1;
  const ev = (d: FigureDef) => evaluate(d, st, i, policy);
  const turnoverDays: Record<string, Figure> = {};
  for (const [k, d] of Object.entries(DAY_DEFS)) turnoverDays[k] = ev(d);
  const cycleDays = ev({
    formula: '存货周转天数 + 应收账款周转天数 − 应付账款周转天数 + 预付账款周转天数 − 预收账款周转天数 (营运资金周转天数, 360-day basis)',
    compute: (c) => {
      const gaps = Object.values(turnoverDays).filter((f) => f.value === null);
      const notMeaningful = gaps.find((f) => !f.note?.startsWith('n/a'));
      if (notMeaningful) return inherit(c, notMeaningful, 'turnover days unavailable');
      if (gaps.length) {
        for (const f of gaps) inherit(c, f, '');
        return new Decimal(NaN);
      }
      const v = (k: string) => {
        const f = turnoverDays[k] as Figure;
        c.inputs[`${k}Days`] = { value: f.value as number };
        return new Decimal(f.value as number);
      };
      return v('inventory').plus(v('receivables')).minus(v('payables')).plus(v('prepayments')).minus(v('advances'));
    },
  });
  const turnoverCount = ev({
    formula: '360 / (存货周转天数 + 应收账款周转天数 − 应付账款周转天数 + 预付账款周转天数 − 预收账款周转天数) (营运资金周转次数)',
    compute: (c) => {
      if (cycleDays.value === null) return inherit(c, cycleDays, 'turnover days unavailable');
      const cycle = new Decimal(cycleDays.value);
      if (cycle.lte(0)) return new NotMeaningful(`working-capital cycle ≤ 0 days (${cycle.toFixed(2)}): suppliers and customers fund operations, no working-capital gap`);
      return new Decimal(360).div(cycle);
    },
  });
  const g = req.expectedGrowth ?? revenueGrowth ?? 0;
  const negativeCycle = cycleDays.value !== null && cycleDays.value <= 0;
  const workingCapitalRequired = ev({
    formula: negativeCycle
      ? `revenue × (1 − operatingProfit / revenue) × (1 + growth ${g}) × 营运资金周转天数 / 360 (营运资金量; cycle ≤ 0 days, so the turnover count is undefined and the need is ≤ 0)`
      : `revenue × (1 − operatingProfit / revenue) × (1 + growth ${g}) / 营运资金周转次数 (营运资金量; 销售利润率 = 营业利润 / 营业收入)`,
    compute: (c) => {
      if (cycleDays.value === null) return inherit(c, cycleDays, 'turnover unavailable');
      c.inputs.growth = { value: g };
      const rev = c.item('revenue');
      const margin = c.item('operatingProfit').div(rev);
      const base = rev.mul(new Decimal(1).minus(margin)).mul(new Decimal(1).plus(g));
      if (negativeCycle) {
        c.inputs.cycleDays = { value: cycleDays.value };
        return base.mul(cycleDays.value).div(360);
      }
      c.inputs.turnoverCount = { value: turnoverCount.value as number };
      return base.div(turnoverCount.value as number);
    },
  });
  const newLoanCapacity = ev({
    formula: '营运资金量 − 借款人自有资金 − 现有流动资金贷款 − 其他渠道营运资金 (新增流动资金贷款额度; defaults: own funds = totalCurrentAssets − totalCurrentLiabilities floored at 0, existing loans = shortTermBorrowings, other sources 0)',
    compute: (c) => {
      if (workingCapitalRequired.value === null) return inherit(c, workingCapitalRequired, 'working-capital requirement unavailable');
      c.inputs.workingCapitalRequired = { value: workingCapitalRequired.value };
      const own = req.ownFunds !== undefined ? new Decimal(req.ownFunds) : Decimal.max(0, c.item('totalCurrentAssets').minus(c.item('totalCurrentLiabilities')));
      const existing = req.existingWorkingCapitalLoans !== undefined ? new Decimal(req.existingWorkingCapitalLoans) : c.opt('shortTermBorrowings');
      return new Decimal(workingCapitalRequired.value).minus(own).minus(existing).minus(req.otherWorkingCapital ?? 0);
    },
  });
  return { period: st.periods[i]?.label ?? '', turnoverDays, cycleDays, turnoverCount, workingCapitalRequired, newLoanCapacity };
}
