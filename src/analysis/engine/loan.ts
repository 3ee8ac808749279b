import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EngineStatement } from './items.js';
import { type Ctx, type Figure, type FigureDef, FigureSchema, evaluate, NotMeaningful, ratio } from './figure.js';
import { type Policy, LoanRequestSchema } from './policy.js';

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

  const dscr = ev({
    formula: `(EBITDA − incomeTaxExpense) / (interestExpense + currentPortionOfLongTermDebt + new-loan year-1 interest ${fy.interest.toNumber()} + principal ${fy.principal.toNumber()}); tax expense proxies cash taxes`,
    compute: (c) => {
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
    formula: `EBIT / (interestExpense + loan × rate ${fy.interest.toNumber()})`,
    compute: (c) => ratio(c.ebit(), c.item('interestExpense').plus(fy.interest), 'interest'),
  });

  const turnoverDays: Record<string, Figure> = {};
  for (const [k, d] of Object.entries(DAY_DEFS)) turnoverDays[k] = ev(d);
  const dayVals = turnoverDays;
  const turnoverCount = ev({
    formula: '360 / (存货周转天数 + 应收账款周转天数 − 应付账款周转天数 + 预付账款周转天数 − 预收账款周转天数) (营运资金周转次数)',
    compute: () => {
      const v = (k: string) => dayVals[k]?.value;
      const parts = ['inventory', 'receivables', 'payables', 'prepayments', 'advances'].map(v);
      if (parts.some((p) => p === null || p === undefined)) {
        return new NotMeaningful(`turnover days unavailable (${Object.entries(dayVals).filter(([, f]) => f.value === null).map(([k, f]) => `${k}: ${f.note}`).join('; ')})`);
      }
      const [inv, ar, ap, pre, adv] = parts as number[];
      const cycle = new Decimal(inv as number).plus(ar as number).minus(ap as number).plus(pre as number).minus(adv as number);
      if (cycle.lte(0)) return new NotMeaningful(`working-capital cycle ≤ 0 days (${cycle.toFixed(2)}): suppliers and customers fund operations, no working-capital gap`);
      return new Decimal(360).div(cycle);
    },
  });
  const g = req.expectedGrowth ?? revenueGrowth ?? 0;
  const workingCapitalRequired = ev({
    formula: `revenue × (1 − operatingProfit / revenue) × (1 + growth ${g}) / 营运资金周转次数 (营运资金量; 销售利润率 = 营业利润 / 营业收入)`,
    compute: (c) => {
      if (turnoverCount.value === null) return new NotMeaningful(turnoverCount.note?.replace(/^not meaningful: /, '') ?? 'turnover unavailable');
      c.inputs.turnoverCount = { value: turnoverCount.value };
      c.inputs.growth = { value: g };
      const rev = c.item('revenue');
      const margin = c.item('operatingProfit').div(rev);
      return rev.mul(new Decimal(1).minus(margin)).mul(1 + g).div(turnoverCount.value);
    },
  });
  const newLoanCapacity = ev({
    formula: '营运资金量 − 借款人自有资金 (default CA − CL, ≥ 0) − 现有流动资金贷款 (default shortTermBorrowings) − 其他渠道营运资金 (新增流动资金贷款额度)',
    compute: (c) => {
      if (workingCapitalRequired.value === null) return new NotMeaningful('working-capital requirement unavailable');
      c.inputs.workingCapitalRequired = { value: workingCapitalRequired.value };
      const own = req.ownFunds !== undefined ? new Decimal(req.ownFunds) : Decimal.max(0, c.item('totalCurrentAssets').minus(c.item('totalCurrentLiabilities')));
      const existing = req.existingWorkingCapitalLoans !== undefined ? new Decimal(req.existingWorkingCapitalLoans) : c.opt('shortTermBorrowings');
      return new Decimal(workingCapitalRequired.value).minus(own).minus(existing).minus(req.otherWorkingCapital);
    },
  });
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
      turnoverDays,
      turnoverCount,
      workingCapitalRequired,
      newLoanCapacity,
      requestWithinNeed: newLoanCapacity.value === null ? null : req.loanAmount <= newLoanCapacity.value,
    },
  };
}
