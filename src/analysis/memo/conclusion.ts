import type { AnalysisResult } from '../engine/index.js';

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
  reasons: Bilingual[];
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

export function conclude(a: AnalysisResult): Conclusion {
  const codes = new Set(a.flags.map((f) => f.code));
  const reasons: Bilingual[] = [];
  let decision: Decision = 'approve';
  const raise = (d: Decision) => {
    const rank: Record<Decision, number> = { approve: 0, approve_with_conditions: 1, decline: 2 };
    if (rank[d] > rank[decision]) decision = d;
  };

  for (const [code, why] of Object.entries(DECLINE_FLAGS)) {
    if (codes.has(code)) {
      raise('decline');
      reasons.push(why);
    }
  }
  const altman = a.scores.altmanZ.periods.at(-1)?.[a.scores.altmanZ.selected];
  if (altman?.zone === 'distress') {
    raise(codes.has('NEGATIVE_CFO') ? 'decline' : 'approve_with_conditions');
    reasons.push({ zh: 'Altman 评分处于困境区，见第三节', en: 'Altman score in the distress zone, see section 3' });
  }
  const serious = a.flags.filter((f) => (f.severity === 'high' || f.severity === 'critical') && !DECLINE_FLAGS[f.code]);
  if (serious.length) {
    raise('approve_with_conditions');
    reasons.push({
      zh: `存在高风险信号：${serious.map((f) => f.code).join('、')}，见第四节`,
      en: `high-severity flags: ${serious.map((f) => f.code).join(', ')}, see section 4`,
    });
  }
  if (a.loan) {
    const dscr = a.loan.dscr.value;
    if (dscr !== null && dscr < 1) {
      raise('decline');
      reasons.push({ zh: '偿债覆盖率低于 1 倍，经营现金不足以覆盖本息，见第五节', en: 'DSCR below 1×: operating cash does not cover debt service, see section 5' });
    } else if (dscr === null) {
      raise('approve_with_conditions');
      reasons.push({ zh: '偿债覆盖率无法计算，第一还款来源未经验证，见第五节', en: 'DSCR cannot be computed, so the primary repayment source is unverified, see section 5' });
    }
    if (a.loan.workingCapital.requestWithinNeed === false) {
      raise('approve_with_conditions');
      reasons.push({ zh: '申请金额超过流动资金贷款需求测算额度，见第五节', en: 'the request exceeds the working-capital loan need, see section 5' });
    }
  }
  if (decision === 'approve') {
    reasons.push(
      altman?.zone === 'grey'
        ? { zh: '未触发否决规则；Altman 评分处于灰色区，需关注', en: 'no veto rule fired; the Altman score is in the grey zone and needs watching' }
        : { zh: '未触发否决规则或高风险信号', en: 'no veto rule or high-severity flag fired' },
    );
  }

  const conditions: Bilingual[] = [];
  for (const code of codes) {
    const c = FLAG_CONDITIONS[code];
    if (c) conditions.push(c);
  }
  if (a.loan?.workingCapital.requestWithinNeed === false) {
    conditions.push({ zh: '授信金额以流动资金贷款需求测算结果为上限', en: 'cap the facility at the working-capital loan need' });
  }
  conditions.push({ zh: '贷后按季取得财务报表，复核本报告所列指标', en: 'obtain quarterly statements after drawdown and re-run the figures in this memo' });
  return { decision, reasons, conditions };
}
