import { type AnalysisResult, type Figure, unitWords } from '../engine/index.js';
import { Citations, figureSources, itemIndex } from './citations.js';
import { conclude, DECISION_TEXT, type Decision } from './conclusion.js';
import { amount, caveatOf, describeNote, FIGURE_META, fixed, formatFigure, ITEM_LABELS, labelOf, type Lang, nullCell } from './figure-format.js';

/**
 * The loan-review memo (授信审查报告, reference §1.10.3) drafted from templates. Pure: it reads the
 * engine's AnalysisResult only. Every figure carries a footnote `[n]` naming the printed line item
 * with its file and line, or the ratio's formula and the inputs' source lines.
 */
export interface MemoOptions {
  lang: Lang;
  /** The statement file as the user named it (shown in the summary). */
  file?: string;
}

export interface LoanMemo {
  markdown: string;
  citations: number;
  decision: Decision;
}

const GROUPS: Array<{ zh: string; en: string; names: string[] }> = [
  { zh: '（二）短期偿债能力', en: '2.2 Liquidity', names: ['currentRatio', 'quickRatio', 'cashRatio', 'workingCapital'] },
  { zh: '（三）资本结构与长期偿债能力', en: '2.3 Leverage', names: ['debtToAssets', 'totalDebt', 'debtToEquity', 'liabilitiesToEquity', 'ebitda', 'debtToEbitda', 'netDebtToEbitda'] },
  { zh: '（四）偿债保障', en: '2.4 Coverage', names: ['interestCoverage', 'ebitdaInterestCoverage', 'cfoToDebt'] },
  {
    zh: '（五）盈利能力与杜邦分析',
    en: '2.5 Profitability and DuPont',
    names: ['grossMargin', 'operatingMargin', 'netMargin', 'roa', 'roe', 'dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'],
  },
  { zh: '（六）营运能力', en: '2.6 Efficiency', names: ['assetTurnover', 'dso', 'dio', 'dpo', 'cashConversionCycle'] },
  { zh: '（七）现金流', en: '2.7 Cash flow', names: ['freeCashFlow', 'cfoToNetIncome', 'accrualRatio'] },
  { zh: '（八）成长性', en: '2.8 Growth', names: ['revenueGrowth', 'netIncomeGrowth', 'totalAssetsGrowth', 'receivablesGrowth', 'inventoryGrowth', 'revenueCagr'] },
];

const ITEM_ROWS = [
  'cash', 'accountsReceivable', 'otherReceivables', 'prepayments', 'inventory', 'totalCurrentAssets', 'fixedAssets', 'totalAssets',
  'shortTermBorrowings', 'accountsPayable', 'totalCurrentLiabilities', 'longTermBorrowings', 'totalLiabilities', 'totalEquity',
  'revenue', 'costOfRevenue', 'operatingProfit', 'profitBeforeTax', 'netIncome', 'netIncomeAttributableToParent',
  'cashFromOperations', 'capitalExpenditure',
];

const ZONE: Record<string, { zh: string; en: string }> = {
  safe: { zh: '安全区', en: 'safe' },
  grey: { zh: '灰色区', en: 'grey' },
  distress: { zh: '困境区', en: 'distress' },
};
const BENEISH_CLASS: Record<string, { zh: string; en: string }> = {
  likely_manipulator: { zh: '可能操纵', en: 'likely manipulator' },
  watch: { zh: '关注', en: 'watch' },
  unlikely: { zh: '不太可能操纵', en: 'unlikely' },
};
const SEVERITY: Record<string, { zh: string; en: string }> = {
  low: { zh: '低', en: 'low' },
  medium: { zh: '中', en: 'medium' },
  high: { zh: '高', en: 'high' },
  critical: { zh: '严重', en: 'critical' },
};

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '/')).join(' | ')} |`;
}
function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

class MemoWriter {
  readonly c: Citations;
  readonly out: string[] = [];
  /** "Not meaningful"/"n/a" explanations collected under the current table: figure, period, reason. */
  private notes: Array<{ label: string; period: string; text: string }> = [];

  constructor(readonly a: AnalysisResult, readonly lang: Lang, readonly file: string) {
    this.c = new Citations(lang);
  }

  t(zh: string, en: string): string {
    return this.lang === 'zh' ? zh : en;
  }

  line(s = ''): void {
    this.out.push(s);
  }

  /** Footnote for a ratio series: its formula and the distinct source lines of its inputs. */
  citeFigure(key: string, label: string, figs: readonly Figure[]): string {
    return this.c.cite(`fig:${key}`, () => {
      const formula = figs.find((f) => f.formula)?.formula ?? '';
      const sources = figureSources(figs, this.c);
      const basis = figs.some((f) => f.basis === 'average') ? this.t('；期初期末平均', '; opening/closing average') : '';
      return `${label} = ${formula}${basis}${sources.length ? `${this.t('；来源：', '; sources: ')}${sources.join(this.t('；', '; '))}` : ''}`;
    });
  }

  /** A cell: the formatted value, or "无意义*"/"n/a*" with the reason listed under the table. */
  cell(name: string, label: string, f: Figure | undefined, fmt: (v: number) => string = (v) => formatFigure(name, v)): string {
    if (!f) return '—';
    if (f.value !== null) {
      const caveat = caveatOf(f.note, this.lang);
      if (!caveat) return fmt(f.value);
      this.notes.push({ label, period: f.period, text: caveat });
      return `${fmt(f.value)}*`;
    }
    this.notes.push({ label, period: f.period, text: describeNote(f.note, this.lang) });
    return `${nullCell(f.note, this.lang)}*`;
  }

  flushNotes(): void {
    if (this.notes.length) {
      this.line();
      // One line per figure and reason: the periods it applies to are listed together.
      const grouped = new Map<string, { label: string; periods: string[]; text: string }>();
      for (const n of this.notes) {
        const key = `${n.label}\u0000${n.text}`;
        const g = grouped.get(key);
        if (g) g.periods.push(n.period);
        else grouped.set(key, { label: n.label, periods: [n.period], text: n.text });
      }
      for (const g of grouped.values()) this.line(`\\* ${g.label} ${g.periods.join(this.t('、', ', '))}${this.t('：', ': ')}${g.text}`);
      this.notes = [];
    }
  }

  header(): void {
    const a = this.a;
    this.line(`# ${this.t(`授信审查报告：${a.company}`, `Loan review memo: ${a.company}`)}`);
    this.line();
    this.line(
      this.t(
        '> 本报告由系统根据借款人财务报表按模板自动生成，所有数字均来自确定性计算引擎并标注来源（见文末附注）。审查结论为草稿建议，最终意见由审查人员作出。',
        '> Drafted from templates over the borrower’s statements. Every figure comes from the deterministic engine and cites its source (notes at the end). The opinion is a draft recommendation; the reviewer decides.',
      ),
    );
    this.line();
  }

  summary(): void {
    const a = this.a;
    this.line(`## ${this.t('一、申请基本情况', '1. Borrower and application summary')}`);
    this.line();
    this.line(`- ${this.t('借款人', 'Borrower')}：${a.company}`);
    this.line(`- ${this.t('行业', 'Sector')}：${a.sector}`);
    this.line(`- ${this.t('币种与单位', 'Currency and unit')}：${a.currency}，${a.unit}`);
    this.line(`- ${this.t('报表期间', 'Periods')}：${a.periods.join(this.t('、', ', '))}`);
    if (this.file) this.line(`- ${this.t('报表文件', 'Statement file')}：${this.file}`);
    this.line(`- ${this.t('口径', 'Conventions')}：${this.t('周转天数按', 'day count')} ${a.policy.dayCount}${this.t(' 天', ' days')}；${this.t('有息负债', 'interest-bearing debt')} = ${a.policy.debtItems.join(' + ')}；EBIT = ${a.policy.ebit}`);
    const loan = a.loan;
    if (loan) {
      const r = loan.request;
      const cite = this.c.cite('loan:request', () => this.t('授信申请要素（用户输入）', 'Facility request (user input)'));
      this.line(
        `- ${this.t('申请授信', 'Facility requested')}：${amount(r.loanAmount)} ${a.unit}${cite}，${this.t('期限', 'tenor')} ${r.tenorYears} ${this.t('年', 'years')}${cite}，${this.t('年利率', 'rate')} ${fixed(r.rate * 100, 2)}%${cite}，${this.t('还款方式', 'repayment')} ${r.repayment}`,
      );
    } else {
      this.line(`- ${this.t('申请授信', 'Facility requested')}：${this.t('未提供（仅做财务审查，未做贷款测算）', 'not given (financial review only, no loan view)')}`);
    }
    this.line();
  }

  itemTable(): void {
    const a = this.a;
    const idx = itemIndex(a);
    const rows: string[][] = [];
    for (const item of ITEM_ROWS) {
      const m = idx.get(item);
      if (!m || m.size === 0) continue;
      const label = ITEM_LABELS[item]?.[this.lang] ?? item;
      const cite = this.c.cite(`item:${item}`, () => {
        const srcs: string[] = [];
        for (const p of a.periods) {
          const v = m.get(p);
          if (!v) continue;
          const s = this.c.source(v.source, item);
          if (!srcs.includes(s)) srcs.push(s);
        }
        return `${label}${this.t('：', ': ')}${srcs.join(this.t('；', '; '))}`;
      });
      rows.push([`${label}${cite}`, ...a.periods.map((p) => (m.get(p) ? amount((m.get(p) as { value: number }).value) : '—'))]);
    }
    this.line(`### ${this.t('（一）主要财务数据', '2.1 Key line items')}（${a.currency} ${a.unit}）`);
    this.line();
    if (rows.length) this.line(table([this.t('项目', 'Item'), ...a.periods], rows));
    else this.line(this.t('报表未提供可列示的主要科目。', 'The statements give none of the key line items.'));
    this.line();
  }

  ratioTables(): void {
    const a = this.a;
    for (const g of GROUPS) {
      const rows: string[][] = [];
      for (const name of g.names) {
        const figs = a.ratios[name];
        if (!figs) continue;
        const label = labelOf(name, this.lang);
        const cite = this.citeFigure(name, label, figs);
        rows.push([`${label}${cite}`, ...a.periods.map((p) => this.cell(name, label, figs.find((f) => f.period === p)))]);
      }
      this.line(`### ${this.t(g.zh, g.en)}`);
      this.line();
      this.line(table([this.t('指标', 'Figure'), ...a.periods], rows));
      this.flushNotes();
      this.line();
    }
    this.dupontCheck();
  }

  /** DuPont: ROE = net margin × asset turnover × equity multiplier, shown for the latest period. */
  dupontCheck(): void {
    const a = this.a;
    const p = a.periods.at(-1) ?? '';
    const get = (n: string) => a.ratios[n]?.find((f) => f.period === p);
    const parts = ['dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'].map(get);
    const roe = get('roe');
    if (parts.every((f) => f?.value !== null && f !== undefined) && roe?.value !== null && roe) {
      const shown = parts.map((f, i) => `${formatFigure(['dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'][i] ?? '', f?.value ?? 0)}${this.c.cite(`fig:${['dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'][i]}`, () => '')}`);
      this.line(`${this.t('杜邦分解', 'DuPont')} ${p}：ROE ${formatFigure('roe', roe.value)}${this.c.cite('fig:roe', () => '')} = ${shown.join(' × ')}`);
      this.line();
    }
  }

  scores(): void {
    const a = this.a;
    const lang = this.lang;
    this.line(`## ${this.t('三、评分模型', '3. Scores')}`);
    this.line();
    // Altman
    const al = a.scores.altmanZ;
    const model = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' }[al.selected];
    this.line(`### Altman ${model}`);
    this.line();
    this.line(`${this.t('选用模型', 'Model')}：Altman ${model}${this.t('。原因：', '. Why: ')}${al.reasons[lang]}${this.t('。', '.')}`);
    this.line();
    const latest = al.periods.at(-1);
    const sel = latest?.[al.selected];
    if (latest && sel && sel.value === null) {
      this.line(this.t(`Altman ${model}（${latest.period}）无法计算：${altmanGap(sel.note, 'zh')}。`, `Altman ${model} (${latest.period}) cannot be computed: ${altmanGap(sel.note, 'en')}.`));
      this.line();
    }
    const zRows: string[][] = [];
    for (const k of ['z', 'zPrime', 'zDoublePrime'] as const) {
      const name = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' }[k];
      const cite = this.c.cite(`altman:${k}`, () => {
        const comps = al.periods.flatMap((p) => Object.values(p.components));
        const srcs = figureSources(comps, this.c);
        const w = { z: this.t('X1…X5 加权和（X4 用股权市值，权重见参考资料 §1.9）', 'weighted sum of X1…X5 (X4 on market equity; weights per reference §1.9)'), zPrime: this.t('X1…X5 加权和（X4 用账面权益，权重见参考资料 §1.9）', 'weighted sum of X1…X5 (X4 on book equity; weights per reference §1.9)'), zDoublePrime: this.t('X1…X4 加权和（无 X5，X4 用账面权益，权重见参考资料 §1.9）', 'weighted sum of X1…X4 (no X5, book equity; weights per reference §1.9)') }[k];
        return `Altman ${name} = ${w}${this.t('；来源：', '; sources: ')}${srcs.join(this.t('；', '; '))}`;
      });
      zRows.push([
        `${name}${k === al.selected ? this.t('（选用）', ' (selected)') : ''}${cite}`,
        ...al.periods.map((p) => {
          const v = p[k];
          if (v.value === null) {
            this.notes.push({ label: `Altman ${name}`, period: p.period, text: altmanGap(v.note, lang) });
            return `${nullCell(v.note, lang)}*`;
          }
          return `${fixed(v.value, 4)}（${ZONE[v.zone ?? '']?.[lang] ?? '—'}；${this.t('困境', 'distress')} < ${v.cutoffs.distress}，${this.t('安全', 'safe')} > ${v.cutoffs.safe}）`;
        }),
      ]);
    }
    this.line(table([this.t('模型', 'Model'), ...al.periods.map((p) => p.period)], zRows));
    this.flushNotes();
    this.line();
    const last = al.periods.at(-1);
    if (last) {
      const cRows = Object.entries(last.components).map(([k, f]) => {
        const cite = this.citeFigure(`altman:${k}`, k, al.periods.map((p) => p.components[k]).filter((x): x is Figure => !!x));
        return [`${k}${cite}`, f.formula, this.cell(k, k, f, (v) => fixed(v, 4))];
      });
      this.line(`${this.t('各变量', 'Components')}（${last.period}）：`);
      this.line();
      this.line(table([this.t('变量', 'Variable'), this.t('定义', 'Definition'), this.t('数值', 'Value')], cRows));
      this.flushNotes();
      this.line();
    }
    // Beneish
    const be = a.scores.beneishM;
    this.line(`### Beneish M（${be.model}）`);
    this.line();
    this.line(`${this.t('阈值', 'Thresholds')}：${this.t('高于', 'above')} ${be.thresholds.flag} ${this.t('为可能操纵，介于', '= likely manipulator; between')} ${be.thresholds.watch} ${this.t('与', 'and')} ${be.thresholds.flag} ${this.t('为关注', '= watch')}；TATA = ${be.tataDefinition}`);
    this.line();
    if (!be.periods.length) this.line(this.t('仅一期报表，无法计算。', 'Only one period: not computable.'));
    for (const p of be.periods) {
      const cite = this.c.cite(`beneish:${p.period}`, () => {
        const comps = Object.values(p.components);
        return `Beneish M8 ${p.period} = ${this.t('DSRI、GMI、AQI、SGI、DEPI、SGAI、LVGI、TATA 的加权和（八变量模型，权重见参考资料 §1.9）', 'weighted sum of DSRI, GMI, AQI, SGI, DEPI, SGAI, LVGI, TATA (8-variable model; weights per reference §1.9)')}${this.t('；来源：', '; sources: ')}${figureSources(comps, this.c).join(this.t('；', '; '))}`;
      });
      if (p.value === null) {
        this.line(`- ${p.period}${cite}：${this.t('无法计算', 'not computable')}（${p.note ?? ''}）`);
        continue;
      }
      const comps = Object.entries(p.components)
        .map(([k, f]) => `${k} ${f.value === null ? nullCell(f.note, lang) : fixed(f.value, 4)}`)
        .join('，');
      const drivers = p.drivers.length ? `；${this.t('主要驱动', 'drivers')}：${p.drivers.map((d) => d.variable).join('、')}` : '';
      this.line(`- ${p.period}${cite}：M = ${fixed(p.value, 4)}（${BENEISH_CLASS[p.classification ?? '']?.[lang] ?? '—'}）；${comps}${drivers}${p.note ? `；${p.note}` : ''}`);
    }
    this.line();
    // Piotroski
    const pf = a.scores.piotroskiF;
    this.line('### Piotroski F');
    this.line();
    if (!pf.periods.length) this.line(this.t('仅一期报表，无法计算。', 'Only one period: not computable.'));
    for (const p of pf.periods) {
      const cite = this.c.cite(`piotroski:${p.period}`, () => {
        const sigs = Object.values(p.signals);
        return `Piotroski F ${p.period}${this.t('：九项信号之和', ': sum of nine binary signals')}${this.t('；来源：', '; sources: ')}${figureSources(sigs, this.c).join(this.t('；', '; '))}`;
      });
      const sigs = Object.entries(p.signals)
        .map(([k, f]) => `${k} ${f.value === null ? '—' : f.value === 1 ? '✓' : '✗'}`)
        .join('，');
      const head = p.value !== null ? `F = ${p.value}（${p.band ?? ''}）` : `${this.t('不完整', 'incomplete')}：${p.passed}/${p.available}（${p.note ?? ''}）`;
      this.line(`- ${p.period}${cite}：${head}；${sigs}`);
    }
    this.line();
  }

  flags(): void {
    const a = this.a;
    this.line(`## ${this.t('四、风险信号', '4. Red flags')}`);
    this.line();
    if (!a.flags.length) {
      this.line(this.t('未触发风险信号规则。', 'No red-flag rule fired.'));
      this.line();
      return;
    }
    for (const f of a.flags) {
      const cite = this.c.cite(`flag:${f.code}`, () => {
        const ev = f.evidence.map((e) => `${e.name} ${e.period}`).join(this.t('、', ', '));
        return `${f.code}${this.t('：规则证据 ', ': evidence ')}${ev}${this.t('（数值见引用的指标附注）', ' (values from the cited figures)')}`;
      });
      const msg = this.lang === 'zh' ? f.messages.zh : f.messages.en;
      this.line(`- **${f.code}**（${SEVERITY[f.severity]?.[this.lang] ?? f.severity}）${cite}：${msg}`);
      const ev = f.evidence
        .map((e) => {
          const v = e.value === null ? this.t('缺数据', 'n/a') : FIGURE_META[e.name] ? formatFigure(e.name, e.value) : Math.abs(e.value) >= 100 || Number.isInteger(e.value) ? amount(e.value) : fixed(e.value, 4);
          return `${labelOf(e.name, this.lang)} ${e.period} = ${v}`;
        })
        .join('；');
      if (ev) this.line(`  - ${this.t('证据', 'Evidence')}：${ev}`);
    }
    this.line();
  }

  loan(): void {
    const loan = this.a.loan;
    if (!loan) return;
    const lang = this.lang;
    this.line(`## ${this.t('五、还款来源与贷款测算', '5. Repayment capacity and loan view')}（${loan.period}）`);
    this.line();
    const cite = this.c.cite('loan:service', () => this.t('新增贷款首年利息 = 金额 × 利率；首年本金按还款方式', 'new loan year-1 interest = amount × rate; year-1 principal by repayment method'));
    const u = unitWords(this.a.currency, this.a.unit)[lang];
    this.line(`- ${this.t('新增贷款首年利息', 'Year-1 interest on the new loan')}：${amount(loan.firstYearInterest)} ${u}${cite}；${this.t('首年本金', 'year-1 principal')}：${amount(loan.firstYearPrincipal)} ${u}${cite}`);
    const rows: string[][] = [];
    const add = (key: string, label: string, f: Figure, fmt: (v: number) => string) => {
      rows.push([`${label}${this.citeFigure(`loan:${key}`, label, [f])}`, this.cell(key, label, f, fmt)]);
    };
    add('dscr', this.t('偿债覆盖率 DSCR', 'Debt service coverage (DSCR)'), loan.dscr, (v) => `${fixed(v, 2)}×`);
    add('debtToAssetsAfter', this.t('贷后资产负债率', 'Debt to assets after the loan'), loan.debtToAssetsAfter, (v) => `${fixed(v * 100, 2)}%`);
    add('debtToEbitdaAfter', this.t('贷后有息负债/EBITDA', 'Debt to EBITDA after the loan'), loan.debtToEbitdaAfter, (v) => `${fixed(v, 2)}×`);
    add('interestCoverageAfter', this.t('贷后利息保障倍数', 'Interest coverage after the loan'), loan.interestCoverageAfter, (v) => `${fixed(v, 2)}×`);
    const wc = loan.workingCapital;
    const dayLabel: Record<string, { zh: string; en: string }> = {
      inventory: { zh: '存货周转天数（360 天）', en: 'Inventory days (360)' },
      receivables: { zh: '应收账款周转天数（360 天）', en: 'Receivable days (360)' },
      payables: { zh: '应付账款周转天数（360 天）', en: 'Payable days (360)' },
      prepayments: { zh: '预付账款周转天数（360 天）', en: 'Prepayment days (360)' },
      advances: { zh: '预收账款周转天数（360 天）', en: 'Advance-receipt days (360)' },
    };
    for (const [k, f] of Object.entries(wc.turnoverDays)) add(`wc:${k}`, dayLabel[k]?.[lang] ?? k, f, (v) => fixed(v, 2));
    add('wc:turnoverCount', this.t('营运资金周转次数', 'Working-capital turnover (times)'), wc.turnoverCount, (v) => fixed(v, 4));
    if (wc.cycleDays) add('wc:cycle', this.t('营运资金周转天数合计', 'Working-capital cycle (days)'), wc.cycleDays, (v) => fixed(v, 2));
    add('wc:required', this.t(`营运资金量（${u}）`, `Working capital required (${u})`), wc.workingCapitalRequired, amount);
    add('wc:capacity', this.t(`新增流动资金贷款额度（${u}）`, `New working-capital loan capacity (${u})`), wc.newLoanCapacity, amount);
    this.line();
    this.line(table([this.t('项目', 'Item'), loan.period], rows));
    this.flushNotes();
    this.line();
    const within = wc.requestWithinNeed;
    const cap = wc.newLoanCapacity.value;
    this.line(
      within === null
        ? this.t('- 流动资金贷款需求测算无法完成，申请金额是否合理需人工测算。', '- The working-capital need could not be computed; size the facility manually.')
        : cap !== null && cap <= 0
          ? this.t(`- 新增流动资金贷款额度 ${amount(cap)} ${u} ≤ 0：测算无新增流动资金贷款需求。`, `- New working-capital loan capacity ${amount(cap)} ${u} is ≤ 0: no new working-capital loan is needed.`)
          : within
            ? this.t('- 申请金额在流动资金贷款需求测算额度以内。', '- The request is within the working-capital loan need.')
            : this.t('- 申请金额超过流动资金贷款需求测算额度。', '- The request exceeds the working-capital loan need.'),
    );
    this.line();
  }

  conclusion(): Decision {
    const c = conclude(this.a);
    const n = this.a.loan ? '六' : '五';
    const en = this.a.loan ? '6' : '5';
    this.line(`## ${this.t(`${n}、审查意见与授信条件`, `${en}. Opinion and conditions`)}`);
    this.line();
    this.line(`**${this.t('审查意见', 'Opinion')}：${DECISION_TEXT[c.decision][this.lang]}**`);
    this.line();
    // The figure(s) that decided, first: a reader must see why without reading every rule.
    this.line(`${this.t('决定依据', 'Decided by')}：${c.decidedBy.map((r) => r[this.lang]).join(this.t('；', '; '))}`);
    this.line();
    const decided = new Set(c.decidedBy.map((r) => r.zh));
    const others = c.reasons.filter((r) => !decided.has(r.zh));
    if (others.length) {
      this.line(`${this.t('其他依据', 'Other grounds')}：`);
      for (const r of others) this.line(`- ${r[this.lang]}`);
      this.line();
    }
    this.line(`${this.t('授信条件与贷后要求', 'Conditions and monitoring')}：`);
    c.conditions.forEach((x, i) => this.line(`${i + 1}. ${x[this.lang]}`));
    this.line();
    return c.decision;
  }

  warnings(): void {
    if (!this.a.warnings.length) return;
    this.line(`## ${this.t('数据说明', 'Data notes')}`);
    this.line();
    for (const w of this.a.warnings) this.line(`- ${w}`);
    this.line();
  }

  footnotes(): void {
    this.line(`## ${this.t('附注：数据来源', 'Notes: sources')}`);
    this.line();
    this.line(this.c.render());
  }
}

/**
 * Why an Altman score is missing, in the reader's words: the statement lines it lacks, by name
 * ("流动资产合计、未分配利润（X1、X2）"), or the reason a component is not meaningful.
 */
export function altmanGap(note: string | null, lang: Lang): string {
  if (!note) return lang === 'zh' ? '无法计算' : 'not available';
  const items = new Set<string>();
  const parts = new Set<string>();
  const other: string[] = [];
  for (const m of note.matchAll(/(X\d\w*) \((n\/a: missing ([^)]*(?:\([^)]*\)[^)]*)*)|not meaningful: [^)]*)\)/g)) {
    parts.add(m[1] as string);
    if (m[3]) for (const k of m[3].split(', ')) items.add(k.trim().split(' ')[0] as string);
    else other.push(`${m[1]}: ${describeNote(m[2] ?? null, lang)}`);
  }
  const names = [...items].map((k) => ITEM_LABELS[k]?.[lang] ?? k);
  const list = [...parts].join(lang === 'zh' ? '、' : ', ');
  const missing = names.length ? (lang === 'zh' ? `报表缺少${names.join('、')}（${list}）` : `the statements lack ${names.join(', ')} (${list})`) : '';
  return [missing, ...other].filter(Boolean).join(lang === 'zh' ? '；' : '; ') || describeNote(note, lang);
}

/** The templates share full-width punctuation; the English memo gets ASCII punctuation. */
function asciiPunctuation(text: string): string {
  return text.replace(/：/g, ': ').replace(/，/g, ', ').replace(/；/g, '; ').replace(/（/g, ' (').replace(/）/g, ')').replace(/、/g, ', ').replace(/ +\n/g, '\n').replace(/([^ \n])  +/g, '$1 ');
}

/** Drafts the memo from an analysis. Deterministic: same analysis → same text. */
export function buildLoanMemo(a: AnalysisResult, opts: MemoOptions): LoanMemo {
  const w = new MemoWriter(a, opts.lang, opts.file ?? '');
  w.header();
  w.summary();
  w.line(`## ${w.t('二、财务审查', '2. Financial analysis')}`);
  w.line();
  w.itemTable();
  w.ratioTables();
  w.scores();
  w.flags();
  w.loan();
  const decision = w.conclusion();
  w.warnings();
  w.footnotes();
  const text = `${w.out.join('\n').trimEnd()}\n`;
  return { markdown: opts.lang === 'en' ? asciiPunctuation(text) : text, citations: w.c.count, decision };
}
