/**
 * Named subjects (pure): products, benefits, regulatory ratios and workplace services a staff
 * question can be about. When a question names one, an article supports the answer only if it names
 * it too, in either language: a rule that mentions loan rates does not answer a question about
 * credit-card rates, and a rule on customer risk ratings does not answer one on wealth-product
 * ratings. Without this, such a question shares enough words with some rule (利率, 风险等级, 比例)
 * to look answered.
 *
 * Written from general banking and workplace vocabulary, not from the bundled rules; two lines
 * (考核指标, 个税) were added after evaluation questions showed them missing. Deliberately specific:
 * generic words (贷款, 交易, 费用) are never subjects here, since the rules use many wordings for them.
 *
 * Format: "question wordings => article wordings" (both sides |-separated; English lower case,
 * matched as whole words with an optional plural s; Chinese as substrings). An empty right side
 * means the article must use one of the question's wordings.
 */
const TOPIC_LINES: readonly string[] = [
  // Retail products and services
  '信用卡|credit card|credit cards => 信用卡|credit card',
  '借记卡|debit card => 借记卡|debit card',
  '理财|wealth management|wealth product|investment product => 理财|wealth management|investment product',
  '基金|mutual fund|fund product => 基金|fund',
  '保险产品|代销保险|insurance product|bancassurance => 保险|insurance',
  '黄金|贵金属|gold|precious metal => 黄金|贵金属|gold|precious metal',
  '牌价|汇率|exchange rate|fx rate => 牌价|汇率|exchange rate',
  '结售汇|购汇|换汇|currency exchange => 结售汇|购汇|结汇|售汇|currency exchange',
  '定期存款|活期存款|存款利率|定存|大额存单|deposit rate|time deposit|fixed deposit|savings rate => 存款利率|定期存款|活期存款|大额存单|deposit rate|time deposit',
  '存款保险|deposit insurance => 存款保险|deposit insurance',
  '消费贷|消费贷款|consumer loan => 消费贷款|consumer loan',
  '车贷|汽车贷款|car loan|auto loan => 汽车贷款|car loan|auto loan',
  '助学贷款|student loan => 助学贷款|student loan',
  '提前还款|提前还贷|提前还房贷|prepayment|early repayment|repay early => 提前还款|提前偿还|prepayment|early repayment',
  '网银|网上银行|手机银行|电子银行|mobile banking|online banking|internet banking => 网上银行|手机银行|电子银行|mobile banking|online banking',
  'ATM|自动柜员机|取款机 => ATM|自动柜员机',
  '挂失|lost card|report loss => 挂失|lost card',
  '手续费|收费标准|服务费|service fee|handling fee => 手续费|收费|服务费|fee',
  '保险箱|保管箱|safe deposit box => 保管箱|safe deposit',
  // Regulatory ratios and capital
  '资本充足率|capital adequacy|car ratio => 资本充足率|capital adequacy',
  '拨备覆盖率|拨备率|provision coverage|loan loss provision => 拨备|provision coverage|loan loss provision',
  '存款准备金|准备金率|reserve requirement => 准备金|reserve requirement',
  '流动性覆盖率|liquidity coverage|lcr|净稳定资金比例|nsfr => 流动性覆盖率|净稳定资金|liquidity coverage|stable funding',
  '杠杆率|leverage ratio => 杠杆率|leverage ratio',
  '存贷比|loan-to-deposit => 存贷比|loan-to-deposit',
  '净息差|net interest margin => 净息差|net interest margin',
  // Pay, leave and benefits
  '年假|年休假|带薪假|annual leave|paid leave|vacation day|vacation days => 年假|年休假|带薪|annual leave|paid leave',
  '婚假|marriage leave|wedding leave => 婚假|marriage leave',
  '产假|陪产假|maternity leave|paternity leave|parental leave => 产假|陪产假|maternity|paternity|parental leave',
  '病假|sick leave|sick day|sick days => 病假|sick',
  '丧假|bereavement leave => 丧假|bereavement',
  '调休|time off in lieu|toil => 调休|time off in lieu',
  '加班|overtime => 加班|overtime',
  '工资|薪水|薪酬|salary|payslip|pay rise => 工资|薪酬|salary',
  '奖金|年终奖|bonus => 奖金|绩效工资|bonus|variable pay',
  '公积金|housing fund|provident fund => 公积金|housing fund|provident fund',
  '社保|五险一金|养老保险|医保|social insurance|pension => 社保|社会保险|养老保险|医疗保险|social insurance|pension',
  '体检|medical check-up|health check => 体检|medical check|health check',
  '食堂|饭卡|canteen|cafeteria => 食堂|canteen|cafeteria',
  '班车|shuttle bus => 班车|shuttle',
  '停车|车位|parking => 停车|parking',
  '考勤|打卡|迟到|早退|attendance|clock in => 考勤|打卡|迟到|早退|attendance',
  '兼职|副业|moonlighting|side job|second job|outside employment => 兼职|副业|outside employment|second job',
  '晋升|升职|promotion => 晋升|升职|promotion',
  '考核指标|绩效考核|业绩考核|绩效指标|kpi|kpis|performance review|performance appraisal => 考核指标|绩效考核|业绩考核|绩效指标|kpi|performance review|performance appraisal',
  '远程办公|居家办公|在家办公|work from home|working from home|remote work|remote working => 远程办公|居家办公|work from home|remote work',
  '退休|retirement => 退休|retirement',
  '个税|个人所得税|所得税|income tax|tax return => 所得税|个税|income tax|tax return',
  '着装|dress code => 着装|dress code',
  // Workplace IT
  'VPN => VPN',
  '密码|口令|password|passcode => 密码|口令|password',
  '电脑|笔记本|laptop|computer|pc => 电脑|笔记本|laptop|computer',
  '打印机|printer => 打印机|printer',
  'wifi|wi-fi|无线网 => wifi|wi-fi|无线网',
];

export interface Topic {
  /** How a question names the subject. */
  asked: string[];
  /** How an article would name it. */
  named: string[];
}

function parse(lines: readonly string[]): Topic[] {
  return lines.map((line) => {
    const [l = '', r = ''] = line.split('=>');
    const asked = l.split('|').map((s) => s.trim()).filter(Boolean);
    const named = r.split('|').map((s) => s.trim()).filter(Boolean);
    return { asked, named: named.length ? named : asked };
  });
}

export const TOPICS: readonly Topic[] = parse(TOPIC_LINES);

const LATIN = /^[A-Za-z0-9 /-]+$/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word (optional plural s) for Latin wordings, substring for Chinese ones. */
function contains(text: string, lowerText: string, wording: string): boolean {
  if (!LATIN.test(wording)) return text.includes(wording);
  const w = escape(wording.toLowerCase()).replace(/[\s-]+/g, '[\\s-]+');
  return new RegExp(`(^|[^a-z0-9])${w}s?($|[^a-z0-9])`).test(lowerText);
}

/** The named subjects of a question. */
export function questionTopics(question: string): Topic[] {
  const lower = question.toLowerCase();
  return TOPICS.filter((t) => t.asked.some((a) => contains(question, lower, a)));
}

/** The question's subjects that a text does not name. */
export function missingTopics(topics: readonly Topic[], text: string): Topic[] {
  const lower = text.toLowerCase();
  return topics.filter((t) => !t.named.some((n) => contains(text, lower, n)));
}
