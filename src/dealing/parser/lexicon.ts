/**
 * The fixed dealer-chat vocabulary (market-conventions.md §2): each phrase maps to a semantic tag.
 * Direction words carry `dir` = +1 (take: buy bonds / borrow cash / buy USD / pay fixed) or
 * −1 (give: sell / lend / sell USD / receive fixed); the parser maps it onto the product.
 */
export type Dir = 1 | -1;

export type Tag =
  | { k: 'issuer'; v: string }
  | { k: 'bucket'; v: string }
  | { k: 'ncd' }
  | { k: 'repo'; dir?: Dir }
  | { k: 'lending' }
  | { k: 'money'; dir?: Dir }
  | { k: 'fx'; v: 'spot' | 'forward' | 'swap' }
  | { k: 'ccy'; v: string }
  | { k: 'pair'; v: string }
  | { k: 'swap' }
  | { k: 'irs' }
  | { k: 'index'; v: string }
  | { k: 'fixed' }
  | { k: 'side'; dir: Dir; weak?: boolean }
  | { k: 'payrec'; dir: Dir }
  | { k: 'client' }
  | { k: 'accept'; dir: Dir | 0 }
  | { k: 'cancel' }
  | { k: 'ref' }
  | { k: 'pass' }
  | { k: 'counter' }
  | { k: 'rfq' }
  | { k: 'indic' }
  | { k: 'firm' }
  | { k: 'greet' }
  | { k: 'filler' }
  | { k: 'day'; offset: number }
  | { k: 'weekday'; v: number }
  | { k: 'tenor'; v: string }
  | { k: 'price' }
  | { k: 'yield' }
  | { k: 'at' }
  | { k: 'each' }
  | { k: 'size' }
  | { k: 'value' }
  | { k: 'effective' }
  | { k: 'maturity' }
  | { k: 'otr' }
  | { k: 'vs' }
  | { k: 'sign'; v: Dir }
  | { k: 'bp' }
  // Question intent: a past or closing level (`close`, `收在`, `昨天`) and "now" words (`现在`, `now`).
  // `dir` = the side the word carries when the line turns out to be a deal (`收在1.84 1E` = bid at 1.84).
  | { k: 'hist'; dir?: Dir }
  | { k: 'now' }
  // `strong` = a counter by itself (`好一点`, `better`); a weak one (`让`, `再让`) needs an amount (`让1个bp`).
  | { k: 'relative'; strong: boolean }
  | { k: 'amend' }
  | { k: 'refresh' }
  | { k: 'confirm' }
  // The requester asks the desk to confirm (`please confirm`, `请确认`): not a confirmation.
  | { k: 'askconfirm' }
  | { k: 'unsupported'; v: string };

const T = {
  filler: { k: 'filler' },
} as const satisfies Record<string, Tag>;

function entries(tag: Tag, ...words: string[]): [string, Tag][] {
  return words.map((w) => [w.toLowerCase(), tag]);
}

/**
 * Province (short name) → LGB issuer suffix, for `广东债45`-style names and `江苏地方债`: the 31 provinces
 * (GB/T 2260 letters) and the five cities that issue their own bonds (计划单列市).
 */
export const PROVINCES: Record<string, string> = {
  广东: 'GD', 江苏: 'JS', 浙江: 'ZJ', 山东: 'SD', 四川: 'SC', 北京: 'BJ', 上海: 'SH', 河南: 'HA',
  河北: 'HE', 湖北: 'HB', 湖南: 'HN', 安徽: 'AH', 福建: 'FJ', 天津: 'TJ', 重庆: 'CQ', 云南: 'YN',
  贵州: 'GZ', 江西: 'JX', 广西: 'GX', 陕西: 'SN', 山西: 'SX', 辽宁: 'LN', 吉林: 'JL', 深圳: 'SZ',
  内蒙古: 'NM', 黑龙江: 'HL', 海南: 'HI', 西藏: 'XZ', 甘肃: 'GS', 青海: 'QH', 宁夏: 'NX', 新疆: 'XJ',
  大连: 'DL', 青岛: 'QD', 宁波: 'NB', 厦门: 'XM',
};

const LIST: [string, Tag][] = [
  // Issuers (bonds).
  ...entries({ k: 'issuer', v: 'CGB' }, '国债', '附息国债', '贴现国债', '国债活跃券', 'cgb', 'cgbs', 'govt', 'govvie', 'govvies', 'treasury', 'treasuries', 'china govt'),
  ...entries({ k: 'issuer', v: 'CDB' }, '国开', '国开债', '国开行', 'cdb', 'cdbs'),
  ...entries({ k: 'issuer', v: 'EXIM' }, '进出', '进出口', '口行', 'exim'),
  ...entries({ k: 'issuer', v: 'ADBC' }, '农发', '农发债', 'adbc'),
  ...entries({ k: 'issuer', v: 'LGB' }, '地方债', '地方政府债', '专项债', '一般债', '再融资债', '新增债', 'lgb', 'lgbs', 'local government bond', 'local govt bond', 'muni', 'munis'),
  ...Object.entries(PROVINCES).flatMap(([p, c]) =>
    entries({ k: 'issuer', v: `LGB-${c}` }, `${p}债`, `${p}地方债`),
  ),
  // NCDs.
  ...entries({ k: 'ncd' }, '存单', '同业存单', 'cd', 'cds', 'ncd', 'ncds'),
  // Money market.
  ...entries({ k: 'repo' }, '回购', '质押式回购', '质押回购', '质押式', 'repo', 'repos', '押利率', '押信用', '押存单', '押国债'),
  ...entries({ k: 'repo', dir: 1 }, '正回购'),
  ...entries({ k: 'repo', dir: -1 }, '逆回购', 'reverse repo'),
  ...entries({ k: 'lending' }, '拆借', '拆放', '信用拆借', 'interbank lending', 'ibo'),
  ...entries({ k: 'money', dir: 1 }, '有钱吗', '有钱么', '有资金吗', '收钱', '借钱', '缺钱', '融入', 'borrow', 'borrowing'),
  ...entries({ k: 'money', dir: -1 }, '出钱', '融出', '有钱', 'lend', 'lending', 'lending cash'),
  ...entries({ k: 'money' }, '资金', '钱', 'cash'),
  // FX.
  ...entries({ k: 'pair', v: 'USD/CNY' }, 'usd/cny', 'usdcny', 'usd.cny', 'usd cny', 'usd-cny', '美元兑人民币', '美元人民币', 'usd/cnh', 'usdcnh', '美元兑'),
  ...entries({ k: 'fx', v: 'spot' }, '即期', 'spot'),
  ...entries({ k: 'fx', v: 'forward' }, '远期', 'fwd', 'forward', 'outright forward', 'outright'),
  ...entries({ k: 'fx', v: 'swap' }, '掉期', 'fx swap', '掉期点'),
  ...entries({ k: 'swap' }, 'swap', 'swaps'),
  ...entries({ k: 'irs' }, 'irs', '利率互换', 'interest rate swap', 'vanilla swap', 'basis swap', 'cross currency swap', 'ccs', 'xccy'),
  ...entries({ k: 'ccy', v: 'USD' }, '美元', '美金', 'usd', '$', 'bucks', 'dollars'),
  ...entries({ k: 'ccy', v: 'CNY' }, '人民币', '元', 'cny', 'rmb', 'cnh'),
  ...entries({ k: 'ccy', v: 'JPY' }, 'jpy', '¥', '日元', 'yen'),
  ...entries({ k: 'ccy', v: 'EUR' }, 'eur', '€', '欧元'),
  ...entries({ k: 'ccy', v: 'GBP' }, 'gbp', '£', '英镑'),
  ...entries({ k: 'index', v: 'SOFR' }, 'sofr', 'term sofr'),
  ...entries({ k: 'index', v: 'ESTR' }, 'estr', '€str', 'ester'),
  ...entries({ k: 'index', v: 'EURIBOR' }, 'euribor'),
  ...entries({ k: 'index', v: 'SHIBOR' }, 'shibor'),
  ...entries({ k: 'index', v: 'LIBOR' }, 'libor'),
  ...entries({ k: 'index', v: 'TONA' }, 'tona', 'tonar'),
  ...entries({ k: 'index', v: 'SONIA' }, 'sonia'),
  ...entries({ k: 'fixed' }, 'fixed', 'fix', '固定'),
  // Direction, always from the requester's side. A side asked OF the desk is the desk's side, so the
  // requester takes the other one: "what's your offer" / "offer me" / 你卖给我 = the requester buys.
  ...entries({ k: 'side', dir: 1 },
    "what's your offer", 'whats your offer', 'what is your offer', "where's your offer", 'wheres your offer', 'where is your offer',
    'your offer', 'your offers', 'your ofr', 'ur offer', 'the offer', 'any offer', 'any offers', 'get an offer', 'can i get an offer',
    'could i get an offer', 'need an offer', 'want an offer', 'looking for an offer', 'looking for offers', 'give me an offer',
    'show me an offer', 'show me your offer', 'show me the offer', 'offer me', 'where do you offer', 'where would you offer',
    'where can you offer', 'who offers',
    '你出', '你出个价', '你出个价格', '你们出', '你们出不出', '出不出', '你那边出', '贵方出', '你出吗', '你出么', '你出不出', '有出的吗', '谁出', '出给我',
    '你卖', '你卖给我', '卖给我', '你们卖', '你卖吗', '你卖不卖', '能卖给我吗', '买你的', '从你这买'),
  ...entries({ k: 'side', dir: -1 },
    "what's your bid", 'whats your bid', 'what is your bid', "where's your bid", 'wheres your bid', 'where is your bid',
    'your bid', 'your bids', 'ur bid', 'the bid', 'any bid', 'any bids', 'get a bid', 'can i get a bid', 'could i get a bid',
    'need a bid', 'want a bid', 'looking for a bid', 'looking for bids', 'give me a bid', 'show me a bid', 'show me your bid',
    'show me the bid', 'bid me', 'where do you bid', 'where would you bid', 'where can you bid', 'who bids',
    '你收', '你收不收', '你收吗', '你收么', '你们收', '你们收不收', '你那边收', '贵方收', '收不收', '有收的吗', '谁收',
    '你买', '你买吗', '你买不买', '你们买', '买不买', '你要吗', '你要不要', '卖给你', '你能收吗'),
  // A two-way: no side.
  ...entries({ k: 'rfq' }, 'bid-offer', 'bid/offer', 'bid offer', 'bid and offer', 'bid & offer', 'bid-ask', 'bid/ask', 'bid ask', 'both sides', 'two sides', '出个价', '给我个价', '给我报价', '给我报个价'),
  ...entries({ k: 'side', dir: -1 }, '出', '卖', '卖出', '我卖', '我方卖出', '我们卖', 'ofr', 'offer', 'offered', 'sell', 'selling', 'i sell', 'we sell', 'short'),
  ...entries({ k: 'side', dir: 1 }, '收', '买', '买入', '我买', '我方买入', '我们买', '求', '要', '需要', 'bid', 'bids', 'buy', 'buying', 'i buy', 'we buy', 'long', '有量吗', '有货吗', '有券吗', 'buy/sell', 'b/s'),
  ...entries({ k: 'side', dir: -1 }, 'sell/buy', 's/b'),
  ...entries({ k: 'payrec', dir: 1 }, 'pay', 'pays', 'paying', 'payer', '支付'),
  ...entries({ k: 'payrec', dir: -1 }, 'receive', 'receives', 'receiving', 'rcv', 'rec', 'receiver', '收取'),
  ...entries({ k: 'client' }, 'client', 'customer', 'counterparty', 'cpty', '客户'),
  // Deal verbs.
  ...entries({ k: 'accept', dir: 0 }, 'done', '成交', '成', '成了', '做了', '走了', 'trd', 'deal', 'dealt', 'executed', 'execute', 'agreed'),
  // lift = take the desk's offer (the requester buys); hit = take the desk's bid (the requester sells).
  ...entries({ k: 'accept', dir: 1 }, 'mine', 'tkn', 'taken', 'paid', 'i take', "i'll take", "i'll take it", 'i take it', '拿了', '要了', '我要了', '我拿了', '我拿',
    'lift', 'lift it', 'lifted', 'lifting', 'i lift', "i'll lift", 'i will lift', 'we lift', "we'll lift", 'lift you', 'lift that', 'lift your offer', 'lift the offer'),
  ...entries({ k: 'accept', dir: -1 }, 'yours', 'gvn', 'given', 'i give', '给', '给你', '给了', '给你了', '打给你',
    'hit', 'hit it', 'hitting', 'i hit', "i'll hit", 'i will hit', 'we hit', "we'll hit", 'hit you', 'hit that', 'hit your bid', 'hit the bid'),
  ...entries({ k: 'confirm' }, 'confirm', 'confirmed', 'confirming', 'i confirm', 'we confirm', 'yes confirm', 'yes confirmed', 'yes, confirm', 'conf', 'cfm', 'cfmd',
    '确认', '确认无误', '核对无误', '无误', '我确认', '确认了', '对确认', '确定'),
  // `askconfirm` = not a confirmation: the requester asks the desk to confirm, or says it is not confirmed.
  ...entries({ k: 'askconfirm' }, 'not confirmed', 'not confirm', "don't confirm", 'do not confirm', "can't confirm", 'cannot confirm', 'unconfirmed',
    '未确认', '没确认', '还没确认', '不确认', '不确定', '先别确认', 'please confirm', 'pls confirm', 'plz confirm', 'can you confirm', 'could you confirm', 'can u confirm', 'pse confirm',
    '请确认', '请确认一下', '麻烦确认', '麻烦确认一下', '确认吗', '确认么', '你确认', '你确认吗', '确定吗'),
  ...entries({ k: 'cancel' }, '撤', '撤了', '撤价', '撤回', '刷了', '取消', 'cancel', 'cancelled', 'cxl', 'off', 'withdraw', 'withdrawn'),
  ...entries({ k: 'ref' }, 'ref', 'refer', 'referred'),
  // Said by the requester, `we're off` ends the RFQ (a pass); a bare `off` stays a withdrawal (cancel).
  ...entries({ k: 'pass' }, 'pass', 'nothing there', 'nothing done', 'no thanks', 'no thx', 'leave it', '不做了', '算了', '不用了', '放弃', '不做', 'no deal',
    "i'll pass", 'i will pass', 'i pass', 'we pass', "we'll pass", 'will pass', 'pass on this', 'pass on that', 'pass for now', 'pass thanks', 'no trade', 'no trades',
    'nothing for me', 'nothing for us', 'not for me', 'not for us', 'no interest', 'not interested', "we're off", 'we are off', "i'm off", 'i am off', "we're out", "i'm out",
    'we are out', 'not this time', 'leave it there', 'no go', 'pass on this one',
    '这个价没法做', '没法做', '做不了', '不要了', '不需要了', '先不做', '先不做了', '算了吧', '不做了谢谢', '没兴趣', '不考虑', '先这样吧', '这个价做不了', '价格不合适', '不合适'),
  // `pass me a price`, `pass it on` are not passes.
  ...entries(T.filler, 'pass me', 'pass it on', 'pass along', 'pass on to', 'pass it to'),
  ...entries({ k: 'counter' }, '能做吗', '能做么', '能不能做', '可以做吗', '做不做', '可以吗', '行吗', '能做', '改', '改价', '最后一口价', '底价', 'can you do', 'can you work', 'could you do', 'how about', 'would you do', 'counter', 'work it at',
    '能给吗', '能给么', '给吗', '给不给', '能不能给', '可以给吗', '能给', 'can we do', 'could we do', 'would that work', 'does that work'),
  // Relative counters (`relative` in the parse): strong ones are counters alone, weak ones need an amount.
  ...entries({ k: 'relative', strong: true }, 'better', 'better?', 'any better', 'a bit better', 'a touch better', 'a little better', 'little better', 'do better', 'tighter', 'sharper', 'sharpen', 'improve', 'improve it', 'improve that', 'shade it', 'a shade better',
    '再让点', '让一点', '让点', '再让一点', '能再让吗', '还能让吗', '能让吗', '能不能让', '让不让', '再让让', '好一点', '好点', '再好点', '再好一点', '能再好点吗', '能好点吗', '能不能好点', '能不能再好点', '优惠点', '优惠一点', '再优惠点', '便宜点', '便宜一点', '再给点', '再给一点', '多给点'),
  ...entries({ k: 'relative', strong: false }, '让', '再让', 'give me', 'give', 'by'),
  ...entries(T.filler, 'or better', 'at or better'),
  // Size amendments (`amend`): a new size for the live RFQ.
  ...entries({ k: 'amend' }, 'make it', 'make that', 'instead', 'only', 'just', 'change to', 'change it to', 'change size to', 'change the size to', 'size to', 'increase to', 'increase it to', 'reduce to', 'reduce it to', 'cut to', 'cut it to', 'bump to', 'bump it to', 'revise to', 'amend', 'amend size', 'resize', 'new size',
    '改成', '改为', '改到', '量改为', '量改成', '量改到', '改量', '改一下量', '换成', '调整为', '调整到', '调成', '加到', '加量到', '减到', '减量到', '降到', '缩到', '只要', '只做', '就要', '只需要', '量放到'),
  ...entries({ k: 'refresh' }, 'refresh', 'refresh?', 're-quote', 'requote', 're-price', 'reprice', 'how now', 'new price', 'fresh price', 'update the price', 'price again', 'again?',
    '再报一下', '再报个价', '再报', '重新报价', '重新报一下', '重报', '刷新', '刷新一下', '刷新价格', '更新价格', '更新一下价格', '更新一下', '再给个价', '再来一个价', '再看一下价格'),
  ...entries({ k: 'rfq' }, '请报价', '报价', '给个价', '给个双边', '给个', '报个价', '报一下', '报个', '双边', '两边', '两边看看', '看看', '怎么看', '什么价', '多少', '价格多少', '询价', 'price', 'prices', 'pricing', "where's", 'wheres', 'two-way', 'two way', '2-way', '2 way', 'quote', 'levels', 'level', 'where', 'show me', 'rfq'),
  // Question intent (action `question`, see schema.ts).
  ...entries({ k: 'hist' }, 'close', 'closed', 'closing', 'close at', 'closed at', 'settled', 'finished', 'ended', 'opened', 'yesterday', 'last night', 'last week', 'last month', 'this morning', 'earlier', 'eod', 'end of day',
    'high', 'low', 'range', 'history', 'historical', 'trend', 'moved', 'change', 'changed', 'last trade', 'last traded', 'last done', 'last print', 'valuation', 'fixing',
    '收盘', '收盘价', '收报', '尾盘', '开盘', '昨天', '昨日', '昨晚', '前天', '上周', '上个月', '早盘', '午盘', '今早', '刚才', '之前', '最高', '最低', '区间', '走势', '变化', '涨了', '跌了', '估值', '中债估值', '定盘', '最新成交', '最新成交价', '上一笔', '成交价', '历史'),
  ...entries({ k: 'hist', dir: 1 }, '收在', '收于'),
  ...entries({ k: 'now' }, '现在', '目前', '当前', '此刻', '眼下', 'now', 'currently', 'right now', 'at the moment'),
  // Products the desk does not quote (`unsupported`); FX pairs are found before tokenising (unsupported.ts).
  ...entries({ k: 'unsupported', v: 'credit bond' }, '中票', '短融', '超短融', '企业债', '公司债', '城投', '城投债', '信用债', '永续债', '二级资本债', '二永', '资本债', '次级债', 'abs', '资产支持证券', 'mtn', 'mtns', 'scp', 'ppn',
    'corporate bond', 'corporate bonds', 'corp bond', 'corp bonds', 'corporates', 'credit bond', 'credit bonds', 'high yield', 'high-yield', 'junk bond', 'perp', 'perps', 'perpetual', 'perpetuals', 'at1', 'tier 2', 'tier-2', 'lgfv', 'lgfvs', 'mbs'),
  ...entries({ k: 'unsupported', v: 'convertible bond' }, '可转债', '转债', 'convertible', 'convertibles', 'convertible bond', 'convertible bonds', 'converts'),
  ...entries({ k: 'unsupported', v: 'CDS' }, 'credit default swap', 'credit default swaps', '信用违约互换', 'cdx', 'itraxx'),
  ...entries({ k: 'unsupported', v: 'bond futures' }, '国债期货', 'bond future', 'bond futures', 'treasury future', 'treasury futures', 'govt futures'),
  ...entries({ k: 'unsupported', v: 'option' }, '期权', 'option', 'options', 'swaption', 'swaptions', 'fx option', 'fx options'),
  ...entries({ k: 'unsupported', v: 'gold' }, 'gold', 'xau', '黄金', 'au9999', 'au99.99', 'au(t+d)', 't+d', '黄金t+d'),
  ...entries({ k: 'unsupported', v: 'silver' }, 'silver', 'xag', '白银'),
  ...entries({ k: 'unsupported', v: 'equity' }, 'equity', 'equities', 'stock', 'stocks', 'shares', 'etf', 'etfs', '股票', 'a股', '港股', '美股', '股指期货'),
  ...entries({ k: 'unsupported', v: 'commodity' }, 'commodity', 'commodities', 'crude', 'crude oil', 'brent', 'wti', 'copper', '原油', '大宗商品', '铜'),
  ...entries({ k: 'unsupported', v: 'crypto' }, 'bitcoin', 'btc', 'crypto', 'eth', '比特币', '加密货币'),
  ...entries({ k: 'indic' }, '参考', '意向', '意向价', '附近', '左右', '请示', '请示一下', '在问', '问一下', '问问', 'indic', 'indicative', 'indication', 'area', 'around', 'close to', '让我看看', '我看看', '让我想想', '我想想', '我再看看', '再看看', '让我问问', 'let me check', 'let me see', 'let me think', 'ish', 'approx'),
  ...entries({ k: 'firm' }, 'firm', '实盘', '可成交', '可做'),
  ...entries({ k: 'greet' }, '你收到', '你收到了吗', '收到了', '你好', '您好', '早', '早上好', '在吗', '在么', 'hi', 'hello', 'hey', 'morning', 'market', 'markets', 'gm', '谢谢', '多谢', '感谢', 'thx', 'thanks', 'thank you', 'ty', '收到', '好的', 'ok', 'okay', 'noted', 'good', 'team', "what's", 'whats', 'how', 'what', '资金面', '行情', '市场', '怎么样', '如何', '吗', '?', '？'),
  // Settlement words.
  ...entries({ k: 'day', offset: 0 }, '今天', '今日', 'today', 'tod'),
  ...entries({ k: 'day', offset: 1 }, '明天', '明日', 'tomorrow', 'tom'),
  ...entries({ k: 'weekday', v: 1 }, '周一', '星期一', '下周一', 'monday', 'mon'),
  ...entries({ k: 'weekday', v: 2 }, '周二', '星期二', 'tuesday', 'tue'),
  ...entries({ k: 'weekday', v: 3 }, '周三', '星期三', 'wednesday', 'wed'),
  ...entries({ k: 'weekday', v: 4 }, '周四', '星期四', 'thursday', 'thu'),
  ...entries({ k: 'weekday', v: 5 }, '周五', '星期五', 'friday', 'fri'),
  ...entries({ k: 'value' }, 'val', 'value', 'value date', 'settle', 'settlement', '结算', '交割', '清算'),
  ...entries({ k: 'effective' }, 'effective', 'start', 'starting', 'start date', 'starting on', 'effective date', '起息'),
  ...entries({ k: 'maturity' }, 'maturity', 'matures', 'maturing', 'maturity date', 'end date', '到期'),
  // Tenors spelled as words.
  ...entries({ k: 'tenor', v: 'ON' }, '隔夜', 'o/n', 'overnight'),
  ...entries({ k: 'tenor', v: 'TN' }, 'tn', 't/n', 'tom/next', 'tom-next'),
  ...entries({ k: 'tenor', v: 'SN' }, 'sn', 's/n', 'spot/next'),
  ...entries({ k: 'tenor', v: '1D' }, '001'),
  ...entries({ k: 'tenor', v: '7D' }, '007'),
  ...entries({ k: 'tenor', v: '14D' }, '014'),
  ...entries({ k: 'tenor', v: '21D' }, '021'),
  // Level markers.
  ...entries({ k: 'price' }, '净价', '价格', '全价', 'clean', 'px', 'cash price'),
  ...entries({ k: 'yield' }, '收益率', 'yield', 'ytm', 'yld'),
  ...entries({ k: 'at' }, '@', 'at'),
  ...entries({ k: 'each' }, '各', 'each', 'a side'),
  ...entries({ k: 'size' }, '量', '量可以放', '多少量', 'size', 'amount', 'notional', 'notional:', 'in', 'for', '面额', '券面'),
  ...entries({ k: 'otr' }, '活跃', '活跃券', 'otr', 'on-the-run', 'on the run', 'benchmark'),
  ...entries({ k: 'vs' }, 'vs', 'vs.', 'versus', 'against', '对'),
  ...entries({ k: 'sign', v: 1 }, 'plus', '+'),
  ...entries({ k: 'sign', v: -1 }, 'minus'),
  ...entries({ k: 'bp' }, 'bp', 'bps', 'basis points', 'basis point', '基点'),
  // Known words with no effect on the ticket (they must not end up in `unparsed`).
  ...entries(T.filler,
    '的', '了', '呢', '吧', '啊', '呀', '嘛', '哈', '一下', '我', '你', '我们', '我方', '贵方', '您', '请', '有', '在', '还', '和', '及', '这边', '那边', '这个', '那个', '帮忙', '麻烦', '可以', '能', '做', '再', '都', '就', '先', '个', '一', '不行', '如果', '的话', '今天能', '量大', '这个价', '这个价格', '这价', '是', '是的', '对的', '没错', '帮', '替', '代', '能不能', '太远了', '太远',
    'pls', 'please', 'plz', "i'll", "we'll", "i'm", "we're", 'off-the-run', 'off the run', '老券', 'yep', 'yeah', 'yup', 'y', 'correct', 'too far', 'the', 'a', 'an', 'of', 'on', 'with', 'to', 'is', 'are', 'we', 'i', 'you', 'me', 'my', 'your', 'our', 'us', 'can', 'will', 'would', 'have', 'has', 'got', 'and', 'or', 'up', 'there', 'thats', "that's", 'it', 'dvp', '券款对付', 'trade', 'trades', 'details', 'profile', 'leg', 'legs', 'both', 'which', 'then', 'also', 'bank', 'tenor', 'tenor:', 'term', 'rate', 'coupon', 'percent', 'pct', 'semi-annual', 'semiannual', 'annual', 'quarterly', 'monthly', 'resets', 'floating', 'float', 'flat', 'spread', 'interest', 'vanilla', 'cross', 'currency', 'fixed/fixed', 'fix/fix', 'fix fix', 'act/360', 'act/365', '30/360', 'act/act', 'ok,', 'did', 'was', 'were', 'been', 'big', 'figure', 'mio', 'pts', 'points', 'pips', '点', '个点', 'bond', 'bonds', '债', '券', 'new', 'old', 'this', 'that', 'be', 'if', 'not', 'no', 'yes', 'pl', 'pse', 'till', 'until', 'from', 'as', 'so', 'than', 'risk', 'your risk', 'my risk', 'checking', 'same', 'join', 'choice', 'sir', 'mate', 'guys', 'all', 'any', 'actually', 'sorry', 'some', 'more', 'less', 'let', 'lets', "let's", 'do', 'go', 'get', 'need', 'want', 'like', 'looking', 'look', 'see', 'interested', 'interest in', 'axe', 'axed',
  ),
];

export const LEXICON: ReadonlyMap<string, Tag> = new Map(LIST);
