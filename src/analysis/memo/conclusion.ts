import { type AnalysisResult, unitWords } from '../engine/index.js';
import { amount, describeNote, fixed, labelOf } from './figure-format.js';

/**
 * The review opinion (审查意见) as template rules over the engine's figures and flags. It names the
 * rule that fired and refers to flags by code; it never introduces figures of its own. A human
 * reviewer decides: this is a draft recommendation.
 */
export type Decision = 'approve' | 'approve_with_conditions' | 'decline';
export interface Bilingual {
  zh: string;
  en: string;
}
export interface Conclusion {
  decision: Decision;
  /** Every rule that fired, most severe first. */
  reasons: Bilingual[];
  /** The rules at the level of the decision: the figures that decided it. */
  decidedBy: Bilingual[];
  conditions: Bilingual[];
}

export const DECISION_TEXT: Record<Decision, Bilingual> = {
  approve: { zh: '同意', en: 'Approve' },
  approve_with_conditions: { zh: '有条件同意', en: 'Approve with conditions' },
  decline: { zh: '不同意（如确需叙做，须提供足额有效抵质押担保并报上级审批）', en: 'Decline (unless fully secured by eligible collateral and escalated)' },
};

/** Flags that decide on their own (一票否决-type). */
const DECLINE_FLAGS: Record<string, Bilingual> = {
  NEGATIVE_EQUITY: { zh: '所有者权益为负（资不抵债），见风险信号 NEGATIVE_EQUITY', en: 'negative equity (liabilities exceed assets), see flag NEGATIVE_EQUITY' },
  RELATED_PARTY_FUND_OCCUPATION: { zh: '存在关联方资金占用，见风险信号 RELATED_PARTY_FUND_OCCUPATION', en: 'related-party fund occupation, see flag RELATED_PARTY_FUND_OCCUPATION' },
  THREE_RED_LINES: { zh: '三道红线踩线，见风险信号 THREE_RED_LINES', en: 'three-red-lines breach, see flag THREE_RED_LINES' },
};

/** Post-loan conditions per flag (贷前条件 / 贷后管理要求). */
const FLAG_CONDITIONS: Record<string, Bilingual> = {
  NEGATIVE_EQUITY: { zh: '要求足额抵质押担保（抵押率按行内标准核定），并由实际控制人提供连带责任保证', en: 'require full collateral (loan-to-value per bank standard) and a joint-liability guarantee from the ultimate controller' },
  ALTMAN_DISTRESS: { zh: 'Altman 评分处于困境区：要求追加抵质押或第三方保证，缩短授信期限', en: 'Altman score in the distress zone: require additional collateral or a third-party guarantee and shorten the tenor' },
  LEVERAGE_HIGH: { zh: '在合同中约定资产负债率上限，超限即触发提前还款', en: 'covenant a debt-to-assets ceiling with acceleration on breach' },
  CURRENT_RATIO_LOW: { zh: '按季监测流动性指标（流动比率、速动比率），贷款资金实行受托支付', en: 'monitor liquidity (current and quick ratio) quarterly; disburse by entrusted payment' },
  QUICK_RATIO_LOW: { zh: '核查存货质量与变现能力', en: 'verify inventory quality and saleability' },
  INTEREST_COVERAGE_LOW: { zh: '按月监测付息能力，设置利息备付账户', en: 'monitor debt service monthly; require an interest reserve account' },
  NEGATIVE_CFO: { zh: '经营现金流为负：核实第一还款来源，落实第二还款来源（抵质押/保证）', en: 'negative operating cash flow: verify the primary repayment source and secure a secondary one (collateral or guarantee)' },
  PROFIT_WITHOUT_CASH: { zh: '利润无现金支撑：通过纳税申报、银行流水、水电费核实收入真实性', en: 'profit without cash: verify revenue against tax filings, bank statements and utility bills' },
  CASH_DEBT_BOTH_HIGH: { zh: '存贷双高：发函询证货币资金余额及受限情况，核查资金归集安排', en: 'high cash and high debt: confirm cash balances and restrictions with the banks; review cash-pooling arrangements' },
  RECEIVABLES_SURGE: { zh: '应收账款激增：取得前十大应收账款明细及账龄，抽查合同与回款', en: 'receivables surge: obtain the top-ten receivables with ageing; sample contracts and collections' },
  OTHER_RECEIVABLES_HIGH: { zh: '其他应收款偏高：取得明细，排查股东及关联方资金占用', en: 'other receivables high: obtain details and check for shareholder or related-party fund occupation' },
  RELATED_PARTY_FUND_OCCUPATION: { zh: '取得会计师非经营性资金占用专项说明，占用资金清偿前不予放款', en: "obtain the auditor's special report on non-operating fund occupation; no drawdown until the diverted funds are repaid" },
  SHORT_DEBT_LONG_INVEST: { zh: '短贷长投：贷款用途限定为流动资金周转，不得用于固定资产投资', en: 'short-term debt funding long-term assets: restrict the loan to working capital, not fixed-asset investment' },
  HIGH_ACCRUALS: { zh: '应计比率偏高：复核收入确认与应计项目', en: 'high accruals: review revenue recognition and accrued items' },
  GROSS_MARGIN_DROP: { zh: '毛利率大幅下降：分析产品价格与成本变化，审慎评估盈利可持续性', en: 'gross margin drop: analyse price and cost drivers; assess sustainability of profits' },
  INVENTORY_BUILDUP: { zh: '存货积压：实地盘点存货，核查跌价准备', en: 'inventory build-up: physical stock count and review of write-down provisions' },
  BENEISH_M_HIGH: { zh: 'Beneish M 值超过阈值：对驱动变量对应科目进行专项核查（增长驱动的除外）', en: 'Beneish M above threshold: targeted review of the accounts behind the driving variables (unless growth-driven)' },
  THREE_RED_LINES: { zh: '三道红线踩线：落实项目封闭管理与预售资金监管', en: 'three red lines breached: ring-fence projects and supervise pre-sale proceeds' },
};

/** Headline figures an opinion cannot do without (§1.10.1: 流动比率, 资产负债率, 净现比). */
const CORE = ['currentRatio', 'debtToAssets', 'cfoToNetIncome'] as const;

const RANK: Record<Decision, number> = { approve: 0, approve_with_conditions: 1, decline: 2 };
const SYMBOL: Record<string, string> = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' };

interface Ranked extends Bilingual {
  rank: Decision;
}

/**
 * The opinion follows the numbers: a critical flag, DSCR < 1 or a requested loan with no
 * working-capital need (新增流动资金贷款额度 ≤ 0) declines; a high flag, an Altman distress zone, an
 * unverified DSCR or need, or a request above the need gives conditions. `decidedBy` names the
 * figures behind the decision, with period, value and unit.
 */
export function conclude(a: AnalysisResult): Conclusion {
  const codes = new Set(a.flags.map((f) => f.code));
  const u = unitWords(a.currency, a.unit);
  const found: Ranked[] = [];
  const add = (rank: Decision, zh: string, en: string) => found.push({ rank, zh, en });
  const flagText = (f: AnalysisResult['flags'][number]) => ({ zh: f.messages.zh.replace(/。$/, ''), en: f.messages.en.replace(/\.$/, '') });

  for (const f of a.flags.filter((x) => x.severity === 'critical')) {
    const t = flagText(f);
    const lead = DECLINE_FLAGS[f.code];
    add('decline', `${t.zh}（风险信号 ${f.code}，严重${lead ? '，否决项' : ''}）`, `${t.en} (flag ${f.code}, critical${lead ? ', a veto' : ''})`);
  }
  const al = a.scores.altmanZ;
  const alp = al.periods.at(-1);
  const altman = alp?.[al.selected];
  if (alp && altman?.zone === 'distress' && altman.value !== null) {
    const sym = SYMBOL[al.selected] ?? al.selected;
    const withCfo = codes.has('NEGATIVE_CFO');
    add(
      withCfo ? 'decline' : 'approve_with_conditions',
      `Altman ${sym} = ${fixed(altman.value, 4)}（${alp.period}）处于困境区（< ${altman.cutoffs.distress}）${withCfo ? '，且经营现金流为负' : ''}，见第三节`,
      `Altman ${sym} = ${fixed(altman.value, 4)} (${alp.period}) is in the distress zone (< ${altman.cutoffs.distress})${withCfo ? ' and operating cash flow is negative' : ''}, see section 3`,
    );
  }
  for (const f of a.flags.filter((x) => x.severity === 'high' && x.code !== 'ALTMAN_DISTRESS')) {
    const t = flagText(f);
    add('approve_with_conditions', `${t.zh}（风险信号 ${f.code}，高）`, `${t.en} (flag ${f.code}, high)`);
  }
  if (a.loan) {
    const l = a.loan;
    const dscr = l.dscr;
    if (dscr.value !== null && dscr.value < 1) {
      add('decline', `偿债覆盖率 DSCR ${fixed(dscr.value, 2)}×（${l.period}）低于 1 倍：经营现金不足以覆盖本息，见第五节`, `DSCR ${fixed(dscr.value, 2)}× (${l.period}) is below 1×: operating cash does not cover debt service, see section 5`);
    } else if (dscr.value === null) {
      add('approve_with_conditions', `偿债覆盖率 DSCR 无法计算（${l.period}：${describeNote(dscr.note, 'zh')}），第一还款来源未经验证，见第五节`, `DSCR cannot be computed (${l.period}: ${describeNote(dscr.note, 'en')}), so the primary repayment source is unverified, see section 5`);
    }
    const cap = l.workingCapital.newLoanCapacity;
    const req = `${amount(l.request.loanAmount)} ${u.zh}`;
    const reqEn = `${amount(l.request.loanAmount)} ${u.en}`;
    if (cap.value !== null && cap.value <= 0) {
      add(
        'decline',
        `新增流动资金贷款额度 ${amount(cap.value)} ${u.zh}（${l.period}）≤ 0：流动资金贷款需求测算显示无新增流动资金贷款需求，申请 ${req} 无测算依据，见第五节`,
        `new working-capital loan capacity ${amount(cap.value)} ${u.en} (${l.period}) is ≤ 0: the working-capital need calculation shows no room for a new working-capital loan, so the request of ${reqEn} has no basis, see section 5`,
      );
    } else if (cap.value !== null && l.workingCapital.requestWithinNeed === false) {
      add('approve_with_conditions', `申请金额 ${req} 超过新增流动资金贷款额度 ${amount(cap.value)} ${u.zh}（${l.period}），见第五节`, `the request of ${reqEn} exceeds the new working-capital loan capacity of ${amount(cap.value)} ${u.en} (${l.period}), see section 5`);
    } else if (cap.value === null) {
      add('approve_with_conditions', `流动资金贷款需求无法测算（${l.period}：${describeNote(cap.note, 'zh')}），申请金额需人工测算，见第五节`, `the working-capital need cannot be computed (${l.period}: ${describeNote(cap.note, 'en')}), so the amount must be sized manually, see section 5`);
    }
  }
  // Rules that cannot run are not passed: an opinion needs the headline liquidity, leverage and
  // cash-quality figures (§1.10.1) of the latest period.
  const period = a.periods.at(-1) ?? '';
  const gaps = CORE.map((n) => ({ n, f: a.ratios[n]?.at(-1) })).filter((x) => x.f?.value === null && x.f.note?.startsWith('n/a'));
  if (gaps.length) {
    add(
      'approve_with_conditions',
      `核心指标无法计算（${period}）：${gaps.map((g) => `${labelOf(g.n, 'zh')}（${describeNote(g.f?.note ?? null, 'zh')}）`).join('；')}，需补充完整报表后复核`,
      `core figures cannot be computed (${period}): ${gaps.map((g) => `${labelOf(g.n, 'en')} (${describeNote(g.f?.note ?? null, 'en')})`).join('; ')}; obtain the full statements and re-run`,
    );
  }
  let decision: Decision = 'approve';
  for (const r of found) if (RANK[r.rank] > RANK[decision]) decision = r.rank;
  if (decision === 'approve') {
    const checks: Bilingual[] = [];
    if (a.loan) {
      const l = a.loan;
      const dscr = l.dscr.value as number;
      const cap = l.workingCapital.newLoanCapacity.value as number;
      checks.push({ zh: `偿债覆盖率 DSCR ${fixed(dscr, 2)}×（${l.period}）不低于 1 倍`, en: `DSCR ${fixed(dscr, 2)}× (${l.period}) is at least 1×` });
      checks.push({ zh: `申请金额 ${amount(l.request.loanAmount)} ${u.zh}在新增流动资金贷款额度 ${amount(cap)} ${u.zh}以内`, en: `the request of ${amount(l.request.loanAmount)} ${u.en} is within the working-capital loan capacity of ${amount(cap)} ${u.en}` });
    }
    const base = altman?.zone === 'grey' && altman.value !== null && alp
      ? { zh: `未触发否决规则或高风险信号；Altman ${SYMBOL[al.selected]} = ${fixed(altman.value, 4)}（${alp.period}）处于灰色区，需关注`, en: `no veto rule or high-severity flag fired; Altman ${SYMBOL[al.selected]} = ${fixed(altman.value, 4)} (${alp.period}) is in the grey zone and needs watching` }
      : { zh: '未触发否决规则或高风险信号', en: 'no veto rule or high-severity flag fired' };
    found.push({ rank: 'approve', ...base }, ...checks.map((c) => ({ rank: 'approve' as const, ...c })));
  }
  const strip = (r: Ranked): Bilingual => ({ zh: r.zh, en: r.en });
  const ordered = [...found].sort((x, y) => RANK[y.rank] - RANK[x.rank]);
  const reasons = ordered.map(strip);
  const decidedBy = ordered.filter((r) => r.rank === decision).map(strip);

  const conditions: Bilingual[] = [];
  for (const code of codes) {
    const c = FLAG_CONDITIONS[code];
    if (c) conditions.push(c);
  }
  const cap = a.loan?.workingCapital.newLoanCapacity.value ?? null;
  if (a.loan?.workingCapital.requestWithinNeed === false && cap !== null && cap > 0) {
    conditions.push({ zh: `授信金额以流动资金贷款需求测算结果 ${amount(cap)} ${u.zh}为上限`, en: `cap the facility at the working-capital loan need of ${amount(cap)} ${u.en}` });
  }
  if (a.loan && cap !== null && cap <= 0) {
    conditions.push({ zh: '如确有融资需求，须按实际用途另行测算（如固定资产/项目贷款按项目现金流测算），不得以流动资金贷款发放', en: 'any financing must be sized on its actual purpose (e.g. a term or project loan on projected cash flows), not granted as a working-capital loan' });
  }
  conditions.push({ zh: '贷后按季取得财务报表，复核本报告所列指标', en: 'obtain quarterly statements after drawdown and re-run the figures in this memo' });
  return { decision, reasons, decidedBy, conditions };
}
