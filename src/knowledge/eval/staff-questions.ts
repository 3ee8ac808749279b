/**
 * Bank staff questions on real finance laws, with the articles that answer them. Written by the
 * finagent authors in the way staff ask (colloquial, desk jargon); the gold ids name articles of the
 * LawRefBook finance subset (law title without 中华人民共和国 + article number, the versions in force
 * on STAFF_AS_OF). No statute text is stored here: scripts/eval-staff.ts reads the laws at run time.
 *
 * Split: `tune` questions may be looked at while improving retrieval (glossary, routing); `holdout`
 * questions are only ever scored. Each law's questions alternate between the two.
 */
export interface StaffQuestion {
  id: string;
  question: string;
  /** Article names (normalised as in STARD: title without 中华人民共和国 + 第N条); any one counts. */
  gold: string[];
  split: 'tune' | 'holdout';
  /** `plain`: the first batch (mostly statutory wording); `jargon`: desk jargon and abbreviations. */
  batch: 'plain' | 'jargon';
}

/** The date whose laws are in force for this set (latest version on or before it). */
export const STAFF_AS_OF = '2025-06-30';

const BANK = '商业银行法';
const SUP = '银行业监督管理法';
const AML = '反洗钱法';
const DI = '存款保险条例';
const PBC = '中国人民银行法';
const CR = '征信业管理条例';
const SEC = '证券法';
const SCO = '证券公司监督管理条例';
const FUT = '期货和衍生品法';
const BILL = '票据法';
const FX = '外汇管理条例';
const FRAUD = '反电信网络诈骗法';
const SAV = '储蓄管理条例';
const REAL = '个人存款账户实名制规定';
const CODE = '民法典';
const LEND = '最高人民法院关于审理民间借贷案件适用法律若干问题的规定';
const AMC = '金融资产管理公司条例';
const PAY = '非银行支付机构监督管理条例';
const INS = '保险法';

const FUND = '证券投资基金法';

const a = (law: string, article: string): string => `${law}第${article}条`;

// [question, gold]; the split alternates per law, so both halves cover every law.
const GROUPS: readonly (readonly [string, string[]])[][] = [
  [
    ['银行能不能给自己董事的亲戚发信用贷款？', [a(BANK, '四十')]],
    ['商业银行资本充足率最低要达到多少', [a(BANK, '三十九')]],
    ['对同一个借款人的贷款余额占资本余额的比例上限是多少', [a(BANK, '三十九')]],
    ['同业拆借拆进来的钱能拿去放固定资产贷款吗', [a(BANK, '四十六')]],
    ['个人储蓄存款业务要遵循哪些原则？', [a(BANK, '二十九')]],
    ['设立一家全国性商业银行注册资本最少要多少', [a(BANK, '十三')]],
    ['买一家商业银行5%以上的股份要不要事先批准', [a(BANK, '二十八')]],
    ['商业银行能不能在境内做证券经营业务、投资非自用不动产？', [a(BANK, '四十三')]],
    ['一家企业能在几家银行开基本存款账户', [a(BANK, '四十八')]],
    ['银行被接管的话，接管期限最长多久？', [a(BANK, '六十七')]],
    ['银行放贷要实行审贷分离吗', [a(BANK, '三十五')]],
    ['银行要按规定提取呆账准备金吗', [a(BANK, '五十七')]],
    ['信贷员收客户回扣会被追究什么责任', [a(BANK, '八十四')]],
    ['借款人用欺诈手段骗贷要承担什么责任？', [a(BANK, '八十二')]],
    // 民法典第六百六十八条 added after the first run: it states the same for every loan contract.
    ['贷款合同一定要签书面的吗，要写明哪些内容', [a(BANK, '三十七'), a(CODE, '六百六十八')]],
    ['商业银行要向人民银行交存款准备金吗', [a(BANK, '三十二'), a(PBC, '二十三')]],
  ],
  [
    ['银保监现场检查的时候可以采取哪些措施', [a(SUP, '三十四')]],
    ['银行违反审慎经营规则，监管会怎么处理？', [a(SUP, '三十七')]],
    ['银行出现信用危机，监管部门可以接管吗', [a(SUP, '三十八'), a(BANK, '六十四')]],
    ['银行要向社会公众披露哪些信息？', [a(SUP, '三十六')]],
    ['银行的董事和高管需要任职资格核准吗', [a(SUP, '二十')]],
    ['监管对银行集团实行并表监管吗', [a(SUP, '二十五')]],
    ['监管部门能不能查询涉嫌金融违法的账户', [a(SUP, '四十一')]],
  ],
  [
    ['哪些情况下金融机构必须做客户尽职调查？', [a(AML, '二十九')]],
    ['反洗钱法规定客户身份资料和交易记录要保存多少年', [a(AML, '三十四')]],
    ['客户交易金额超过规定要报大额交易吗', [a(AML, '三十五')]],
    ['银行能给客户开匿名账户或者假名账户吗？', [a(AML, '二十八')]],
    ['客户委托别人来代办业务，代理人的身份要核实吗', [a(AML, '三十一')]],
    ['靠第三方机构做客户尽调的话要注意什么？', [a(AML, '三十二')]],
    ['客户对我们采取的洗钱风险管理措施有意见，多久要答复', [a(AML, '三十九')]],
    ['履行反洗钱义务拿到的客户资料要保密吗', [a(AML, '七')]],
    ['公司的受益所有人信息谁来管', [a(AML, '十九')]],
    ['出入境带的现金超过规定金额要申报吗', [a(AML, '十八')]],
    ['没按规定报可疑交易，银行会被罚多少', [a(AML, '五十三')]],
    ['给身份不明的客户开户会受什么处罚？', [a(AML, '五十四')]],
    ['对反恐名单上的人要采取什么特别预防措施', [a(AML, '四十')]],
  ],
  [
    ['存款保险最多赔多少钱？', [a(DI, '五')]],
    ['同业存款受存款保险保障吗', [a(DI, '四')]],
    ['存款保险的费率是怎么定的', [a(DI, '九')]],
    ['什么情况下存款人可以要求存款保险基金赔付？', [a(DI, '十九')]],
    ['存款保险基金可以拿去投资什么', [a(DI, '十一')]],
    ['银行资本充足率大幅下降，存款保险机构会怎么要求', [a(DI, '十六')]],
  ],
  [
    ['人民银行有哪些货币政策工具？', [a(PBC, '二十三')]],
    ['人民银行能不能给地方政府贷款', [a(PBC, '三十')]],
    ['央行可以直接认购国债或者给财政透支吗', [a(PBC, '二十九')]],
    ['银行出现支付困难，央行能提供贷款救助吗？', [a(PBC, '三十四')]],
  ],
  [
    ['查客户的个人征信要他本人书面同意吗', [a(CR, '十八')]],
    ['征信上的不良记录要保留几年？', [a(CR, '十六')]],
    ['个人每年能免费查几次信用报告', [a(CR, '十七')]],
    ['征信机构能不能采集指纹、病史这些信息？', [a(CR, '十四')]],
    ['报送个人不良信息前要先告诉本人吗', [a(CR, '十五')]],
    ['放贷机构要向征信中心报送信贷信息吗', [a(CR, '二十九')]],
    ['客户说征信记录有错，怎么提异议？', [a(CR, '二十五')]],
  ],
  [
    ['帮别人代开个人存款账户，代理人要出示哪些证件', [a(REAL, '六'), a(REAL, '七')]],
    ['存单丢了怎么挂失？', [a(SAV, '三十一')]],
    ['定期存款没到期全部提前取，利息怎么算', [a(SAV, '二十四')]],
    ['定期存款存期内遇到利率调整怎么计息？', [a(SAV, '二十六')]],
  ],
  [
    ['哪些人算证券交易内幕信息的知情人', [a(SEC, '五十一')]],
    ['提前知道公司没公告的重大消息，能买卖它的股票吗？', [a(SEC, '五十'), a(SEC, '五十三')]],
    ['操纵证券市场的手段有哪些', [a(SEC, '五十五')]],
    ['持股5%以上的股东六个月内买进又卖出，赚的钱归谁？', [a(SEC, '四十四')]],
    ['持股达到5%要不要公告（举牌）', [a(SEC, '六十三')]],
    ['上市公司发生重大事件要怎么信息披露？', [a(SEC, '八十')]],
    ['信息披露有虚假记载，投资者的损失谁来赔', [a(SEC, '八十五')]],
    ['证券公司卖产品要做投资者适当性管理吗？', [a(SEC, '八十八')]],
    ['借别人的证券账户炒股违规吗', [a(SEC, '五十八')]],
    ['银行信贷资金能违规流入股市吗？', [a(SEC, '五十九')]],
    ['要约收购的期限是多少天', [a(SEC, '六十七')]],
    ['做程序化交易有什么要求？', [a(SEC, '四十五')]],
    ['证券公司客户的交易结算资金要存在哪里', [a(SEC, '一百三十一')]],
    ['证券公司能接受客户的全权委托替他买卖吗？', [a(SEC, '一百三十四')]],
  ],
  [
    ['融资融券客户要交保证金吗，保证金能用证券充抵吗', [a(SCO, '五十二')]],
    ['融资融券担保比例跌破维持线，券商会怎么处理？', [a(SCO, '五十四')]],
    ['期货交易实行保证金制度吗', [a(FUT, '二十二')]],
    ['期货结算参与人保证金不够，结算机构会怎么办？', [a(FUT, '四十一')]],
  ],
  [
    ['汇票背书附了条件有效吗', [a(BILL, '三十三')]],
    ['见票后定期付款的汇票，多久内要提示承兑？', [a(BILL, '四十')]],
    ['付款人收到提示承兑的汇票，几天内要承兑或拒绝', [a(BILL, '四十一')]],
    ['经常项目的外汇收支要审核真实交易背景吗？', [a(FX, '十二')]],
    ['擅自改变结汇资金用途会怎么处罚', [a(FX, '四十四')]],
  ],
  [
    ['一个人开银行卡的数量有限制吗？', [a(FRAUD, '十六')]],
    ['企业开户有异常情形，银行要怎么防控', [a(FRAUD, '十七')]],
    ['贷款利息能不能提前从本金里扣掉？', [a(CODE, '六百七十')]],
    ['民间借贷的利率上限是多少', [a(LEND, '二十五')]],
    ['金融资产管理公司是干什么的，收购哪些不良贷款？', [a(AMC, '二')]],
    ['支付机构的客户备付金要存放在哪里', [a(PAY, '二十九')]],
    ['保险公司要建立关联交易管理制度吗？', [a(INS, '一百零八')]],
    ['保险公司大股东能利用关联交易损害公司利益吗', [a(INS, '一百零九')]],
  ],
];

/**
 * Second batch, written after the first was measured (it proved easy: mostly the statutes' own
 * words): desk jargon and abbreviations as staff type them. Same alternating split.
 */
const JARGON: readonly (readonly [string, string[]])[] = [
  ['券商员工搞老鼠仓违法吗', [a(SEC, '五十四'), a(FUND, '二十')]],
  ['降准是央行的什么工具？', [a(PBC, '二十三')]],
  ['存保最多保多少', [a(DI, '五')]],
  ['举牌线是多少，到了要干嘛？', [a(SEC, '六十三')]],
  ['两融客户维持担保比例不够了，券商能强平吗', [a(SCO, '五十四')]],
  ['KYC资料按反洗钱法要存几年？', [a(AML, '三十四')]],
  ['大额和可疑交易要报给谁', [a(AML, '三十五')]],
  ['给关联方放贷款能比别人条件优惠吗？', [a(BANK, '四十')]],
  ['单户贷款集中度监管上限是多少', [a(BANK, '三十九')]],
  ['银行能不能直接投资入股企业？', [a(BANK, '四十三')]],
  ['央行再贷款给商业银行有什么限制', [a(PBC, '二十八')]],
  ['两融保证金比例由谁规定？', [a(SCO, '五十五')]],
  ['期货保证金不够被追保，不补会怎样', [a(FUT, '四十一')]],
  ['承兑汇票写了不得转让还能背书转让吗？', [a(BILL, '二十七')]],
  ['没有真实交易背景能开票据吗', [a(BILL, '十')]],
  ['出租出借银行卡犯法吗？', [a(FRAUD, '三十一')]],
  ['发现涉诈异常账户银行要怎么管控', [a(FRAUD, '十八')]],
  ['内幕交易会被罚多少钱？', [a(SEC, '一百九十一')]],
  ['操纵股价会受什么处罚', [a(SEC, '一百九十二')]],
  ['上市公司信披违规怎么罚？', [a(SEC, '一百九十七')]],
  ['高息揽储违规吗', [a(BANK, '四十七')]],
  ['银行能搞账外账吗？', [a(BANK, '五十五')]],
  ['砍头息合法吗', [a(CODE, '六百七十')]],
  ['民间借贷利率红线是多少？', [a(LEND, '二十五')]],
  ['四大AMC收购不良贷款按什么价格', [a(AMC, '十二')]],
  ['开户必须用本人实名吗？', [a(REAL, '六')]],
  ['有贪污前科的人能当银行高管吗', [a(BANK, '二十七')]],
  ['央行作为最后贷款人什么时候出手救银行？', [a(PBC, '三十四')]],
  ['资本项目的外汇收入结汇要审批吗', [a(FX, '二十一')]],
  ['基金经理能用基金财产给别人输送利益吗？', [a(FUND, '二十')]],
  ['期货市场上对倒、对敲算操纵吗', [a(FUT, '十二')]],
  ['查征信没拿到客户授权会怎样？', [a(CR, '四十')]],
];

export const STAFF_QUESTIONS: readonly StaffQuestion[] = [
  ...GROUPS.flatMap((group, g) =>
    group.map(([question, gold], i) => ({
      id: `staff-${String(g + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`,
      question,
      gold,
      split: i % 2 === 0 ? ('tune' as const) : ('holdout' as const),
      batch: 'plain' as const,
    })),
  ),
  ...JARGON.map(([question, gold], i) => ({
    id: `staff-jargon-${String(i + 1).padStart(2, '0')}`,
    question,
    gold,
    split: i % 2 === 0 ? ('tune' as const) : ('holdout' as const),
    batch: 'jargon' as const,
  })),
];
