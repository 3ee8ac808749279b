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
  | { k: 'bp' };

const T = {
  filler: { k: 'filler' },
} as const satisfies Record<string, Tag>;

function entries(tag: Tag, ...words: string[]): [string, Tag][] {
  return words.map((w) => [w.toLowerCase(), tag]);
}

/** Province (short name) → LGB issuer suffix, for `广东债45`-style names and `江苏地方债`. */
export const PROVINCES: Record<string, string> = {
  广东: 'GD', 江苏: 'JS', 浙江: 'ZJ', 山东: 'SD', 四川: 'SC', 北京: 'BJ', 上海: 'SH', 河南: 'HA',
  河北: 'HE', 湖北: 'HB', 湖南: 'HN', 安徽: 'AH', 福建: 'FJ', 天津: 'TJ', 重庆: 'CQ', 云南: 'YN',
  贵州: 'GZ', 江西: 'JX', 广西: 'GX', 陕西: 'SN', 山西: 'SX', 辽宁: 'LN', 吉林: 'JL', 深圳: 'SZ',
};

const LIST: [string, Tag][] = [
  // Issuers (bonds).
  ...entries({ k: 'issuer', v: 'CGB' }, '国债', '附息国债', '贴现国债', '国债活跃券', 'cgb', 'cgbs', 'govt', 'govvie', 'govvies', 'treasury', 'treasuries', 'china govt'),
  ...entries({ k: 'issuer', v: 'CDB' }, '国开', '国开债', '国开行', 'cdb', 'cdbs'),
  ...entries({ k: 'issuer', v: 'EXIM' }, '进出', '进出口', '口行', 'exim'),
  ...entries({ k: 'issuer', v: 'ADBC' }, '农发', '农发债', 'adbc'),
  ...entries({ k: 'issuer', v: 'LGB' }, '地方债', '地方政府债', 'lgb', 'lgbs'),
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
  ...entries({ k: 'pair', v: 'USD/CNY' }, 'usd/cny', 'usdcny', 'usd.cny', 'usd cny', '美元兑人民币', '美元人民币', 'usd/cnh', 'usdcnh', '美元兑'),
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
  // Direction.
  ...entries({ k: 'side', dir: -1 }, '出', '卖', '卖出', '我卖', '我方卖出', '我们卖', 'ofr', 'offer', 'offered', 'sell', 'selling', 'i sell', 'we sell', 'short'),
  ...entries({ k: 'side', dir: 1 }, '收', '买', '买入', '我买', '我方买入', '我们买', '求', '要', '需要', 'bid', 'bids', 'buy', 'buying', 'i buy', 'we buy', 'long', '有量吗', '有货吗', '有券吗', 'buy/sell', 'b/s'),
  ...entries({ k: 'side', dir: -1 }, 'sell/buy', 's/b'),
  ...entries({ k: 'payrec', dir: 1 }, 'pay', 'pays', 'paying', 'payer', '支付'),
  ...entries({ k: 'payrec', dir: -1 }, 'receive', 'receives', 'receiving', 'rcv', 'rec', 'receiver', '收取'),
  ...entries({ k: 'client' }, 'client', 'customer', 'counterparty', '客户'),
  // Deal verbs.
  ...entries({ k: 'accept', dir: 0 }, 'done', '成交', '成', '成了', '做了', '走了', 'trd', 'deal', 'dealt', 'executed', 'execute', 'confirm', 'confirmed', '确认', 'agreed'),
  ...entries({ k: 'accept', dir: 1 }, 'mine', 'tkn', 'taken', 'paid', 'i take', '拿了', '要了', '我要了', '我拿了', '我拿'),
  ...entries({ k: 'accept', dir: -1 }, 'yours', 'gvn', 'given', 'i give', '给', '给你', '给了', '给你了', '打给你'),
  ...entries({ k: 'cancel' }, '撤', '撤了', '撤价', '撤回', '刷了', '取消', 'cancel', 'cancelled', 'cxl', 'off', 'withdraw', 'withdrawn', '不要了'),
  ...entries({ k: 'ref' }, 'ref', 'refer', 'referred'),
  ...entries({ k: 'pass' }, 'pass', 'nothing there', 'nothing done', 'no thanks', 'no thx', 'leave it', '不做了', '算了', '不用了', '放弃', '不做', 'no deal'),
  ...entries({ k: 'counter' }, '能做吗', '能做么', '能不能做', '可以做吗', '做不做', '可以吗', '行吗', '能做', '改', '改价', '最后一口价', '底价', '再让点', '让一点', 'can you do', 'can you work', 'could you do', 'how about', 'would you do', 'counter', 'work it at', 'improve'),
  ...entries({ k: 'rfq' }, '请报价', '报价', '给个价', '给个双边', '给个', '报个价', '报一下', '报个', '双边', '两边', '两边看看', '看看', '怎么看', '什么价', '多少', '价格多少', '询价', 'price', 'prices', 'pricing', "where's", 'wheres', 'two-way', 'two way', '2-way', '2 way', 'quote', 'levels', 'level', 'where', 'show me', 'rfq', 'refresh', 're-quote', 'how now'),
  ...entries({ k: 'indic' }, '参考', '意向', '意向价', '附近', '左右', '请示', '请示一下', '在问', '问一下', '问问', 'indic', 'indicative', 'indication', 'area', 'around', 'ish', 'approx'),
  ...entries({ k: 'firm' }, 'firm', '实盘', '可成交', '可做'),
  ...entries({ k: 'greet' }, '你好', '您好', '早', '早上好', '在吗', '在么', 'hi', 'hello', 'hey', 'morning', 'gm', '谢谢', '多谢', '感谢', 'thx', 'thanks', 'thank you', 'ty', '收到', '好的', 'ok', 'okay', 'noted', 'good', 'team', "what's", 'whats', 'how', 'what', '资金面', '行情', '市场', '怎么样', '如何', '吗', '?', '？'),
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
  ...entries({ k: 'size' }, '量', '量放到', '量可以放', '多少量', 'size', 'amount', 'notional', 'notional:', 'in', 'for', '面额', '券面'),
  ...entries({ k: 'otr' }, '活跃', '活跃券', 'otr', 'on-the-run', 'on the run', 'benchmark'),
  ...entries({ k: 'vs' }, 'vs', 'vs.', 'versus', 'against', '对'),
  ...entries({ k: 'sign', v: 1 }, 'plus', '+'),
  ...entries({ k: 'sign', v: -1 }, 'minus'),
  ...entries({ k: 'bp' }, 'bp', 'bps', 'basis points', 'basis point', '基点'),
  // Known words with no effect on the ticket (they must not end up in `unparsed`).
  ...entries(T.filler,
    '的', '了', '呢', '吧', '啊', '呀', '嘛', '哈', '一下', '我', '你', '我们', '我方', '贵方', '您', '请', '有', '在', '还', '和', '及', '这边', '那边', '这个', '那个', '帮忙', '麻烦', '可以', '能', '做', '再', '都', '就', '先', '个', '一', '不行', '如果', '的话', '目前', '现在', '今天能', '量大',
    'pls', 'please', 'plz', 'the', 'a', 'an', 'of', 'on', 'with', 'to', 'is', 'are', 'we', 'i', 'you', 'me', 'my', 'your', 'our', 'us', 'can', 'will', 'would', 'have', 'has', 'got', 'and', 'or', 'up', 'there', 'thats', "that's", 'it', 'dvp', '券款对付', 'trade', 'trades', 'details', 'profile', 'leg', 'legs', 'both', 'which', 'then', 'also', 'bank', 'tenor', 'tenor:', 'term', 'rate', 'coupon', 'percent', 'pct', 'semi-annual', 'semiannual', 'annual', 'quarterly', 'monthly', 'resets', 'floating', 'float', 'flat', 'spread', 'interest', 'vanilla', 'cross', 'currency', 'fixed/fixed', 'fix/fix', 'fix fix', 'act/360', 'act/365', '30/360', 'act/act', 'ok,', 'now', 'big', 'figure', 'mio', 'pts', 'points', 'pips', '点', '个点', 'bond', 'bonds', '债', '券', 'new', 'old', 'this', 'that', 'be', 'if', 'not', 'no', 'yes', 'pl', 'pse', 'till', 'until', 'by', 'from', 'as', 'so', 'than', 'risk', 'your risk', 'my risk', 'checking', 'same', 'join', 'choice', 'sir', 'mate', 'guys', 'all', 'any', 'some', 'more', 'less', 'let', 'lets', "let's", 'do', 'go', 'get', 'need', 'want', 'like', 'looking', 'look', 'see', 'interested', 'interest in', 'axe', 'axed',
  ),
];

export const LEXICON: ReadonlyMap<string, Tag> = new Map(LIST);
