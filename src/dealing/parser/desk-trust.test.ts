/**
 * Issue #11 "Desk trust" §2: the parser reports what the message really says. One table per point;
 * each has the phrasings, our own (zh and en) and lines that must NOT trigger.
 */
import { describe, expect, it } from 'vitest';
import { parseDealerMessage } from './parse.js';
import { ParseResultSchema } from './schema.js';
import { testCatalog } from './test-catalog.js';

const cat = testCatalog();
const p = (s: string) => parseDealerMessage(s, cat);
type Row = [text: string, expected: Record<string, unknown>];

function table(rows: Row[]) {
  for (const [text, expected] of rows) {
    const r = p(text);
    expect(ParseResultSchema.safeParse(r).success, text).toBe(true);
    expect(r, text).toMatchObject(expected);
  }
}

const cdb5 = { kind: 'bond', issuer: 'CDB', tenor: '5Y' };
const cgb10 = { kind: 'bond', issuer: 'CGB', tenor: '10Y' };
const b220205 = { kind: 'bond', code: '220205', issuer: 'CDB' };

describe('1. sides from the requester (client) point of view', () => {
  it('a side asked of the desk is the desk\'s: the client takes the other one (issue phrasings)', () => {
    table([
      ["what's your offer on 5y CDB", { action: 'request', side: 'buy', instrument: cdb5 }],
      ['can I get an offer on 220205 5kw', { action: 'request', side: 'buy', instrument: b220205, notional: 5e7 }],
      ['any offer 220205', { side: 'buy' }],
      ['offer me 220205 5kw', { side: 'buy', notional: 5e7 }],
      ['你出个价 220205 5kw', { side: 'buy', unparsed: [] }],
      ['你卖给我 220205 5kw', { action: 'request', side: 'buy' }],
      ['show me your bid 220205 5kw', { action: 'request', side: 'sell' }],
      ["what's your bid 220205", { side: 'sell', missing: ['notional'] }],
      ['你收不收 220205 5kw', { side: 'sell', unparsed: [] }],
      ['你收吗 220205', { side: 'sell' }],
      ['bid me 220205 5kw', { side: 'sell' }],
    ]);
  });
  it('reads our own phrasings in both languages', () => {
    table([
      ["where's your offer on 10y CGB", { side: 'buy', instrument: cgb10 }],
      ['show me an offer in 220205', { side: 'buy' }],
      ['looking for an offer 3M城商CD', { side: 'buy', instrument: { kind: 'ncd', issuer: 'city', tenor: '3M' } }],
      ['give me an offer on 250011 1E', { side: 'buy', notional: 1e8 }],
      ['你们出不出 5年国开', { side: 'buy', instrument: cdb5, unparsed: [] }],
      ['有出的吗 10年国债', { side: 'buy', instrument: cgb10 }],
      ['出给我 220205 3kw', { side: 'buy', notional: 3e7 }],
      ['你们收不收 220205', { side: 'sell' }],
      ['有收的吗 1Y国股存单', { side: 'sell', instrument: { kind: 'ncd', issuer: 'state_joint', tenor: '1Y' } }],
      ['你买吗 250011 5kw', { side: 'sell' }],
      ['give me a bid on 250011', { side: 'sell' }],
      ['where do you bid 10y CDB', { side: 'sell' }],
      ['any bids 220205', { side: 'sell' }],
      // Money market: the desk's offer is cash lent, so the client borrows; 你收 = the desk borrows, the client lends.
      ["what's your offer on DR007 5E", { side: 'borrow', instrument: { kind: 'repo', tenor: '7D' } }],
      ['7天回购 你收不收 5E', { side: 'lend' }],
    ]);
  });
  it('keeps the requester\'s own side words (conventions §2: 出 from the requester = sells)', () => {
    table([
      ['220205 出 5kw', { side: 'sell' }],
      ['我们卖 220205 5kw', { side: 'sell' }],
      ['I sell 220205 5kw', { side: 'sell' }],
      ['offer 5Y CDB 1.70 300mm', { side: 'sell' }],
      ['收 250011 1.8150 1E', { side: 'buy' }],
      ['bid 220205 at 1.89 for 1 yard', { side: 'buy' }],
    ]);
  });
  it('a two-way request has no side', () => {
    table([
      // A two-way with no size is still a request for our prices (not a market question): it asks for the size.
      ["what's the bid-offer on 10y", { action: 'request', side: null, instrument: { tenor: '10Y' }, missing: ['instrument.issuer', 'notional'] }],
      ['bid/offer 250011 pls', { action: 'request', side: null }],
      ['双边 5年国开 1E', { action: 'request', side: null }],
      ['two-way 10y CGB 1bn', { action: 'request', side: null }],
      ['220205 给个双边 5kw', { action: 'request', side: null }],
    ]);
  });
});

describe('2. a question about a price is not an RFQ', () => {
  it('asks about a level: action question, instrument parsed, nothing missing but the instrument', () => {
    table([
      ['where did 10y CGB close yesterday', { action: 'question', side: null, instrument: cgb10, notional: null, missing: [], unparsed: [] }],
      ['昨天10年国债收在多少', { action: 'question', side: null, instrument: cgb10, unparsed: [] }],
      // `today` dates the question; it is not a T+0 settlement.
      ["what's the 5y CDB yield today?", { action: 'question', instrument: cdb5, settle: null }],
      ['10年国开现在多少', { action: 'question', instrument: { issuer: 'CDB', tenor: '10Y' } }],
      ['where was 10y CDB this morning', { action: 'question' }],
      ['what did 10y CGB close at', { action: 'question', instrument: cgb10 }],
      ['10y CGB closing level?', { action: 'question' }],
      ['DR007今天多少', { action: 'question', instrument: { kind: 'repo', code: 'DR007' } }],
      ['国开10年昨天收盘收益率多少', { action: 'question', instrument: { issuer: 'CDB', tenor: '10Y' } }],
      ['220205 估值多少', { action: 'question', instrument: b220205 }],
      ["what's the USD/CNY fixing today", { action: 'question', instrument: { code: 'USD/CNY' } }],
      ['where did it close yesterday?', { action: 'question', instrument: null, missing: ['instrument'] }],
    ]);
  });
  it('a size, a side, a level or an explicit price request keeps it an RFQ; small talk stays none', () => {
    table([
      ['5y CDB where? 1bn', { action: 'request', notional: 1e9 }],
      ['10年国开 怎么看', { action: 'request', missing: ['notional'] }],
      ['10y CGB where?', { action: 'request' }],
      ["what's the 10y CGB bid-offer today", { action: 'request' }],
      ['昨天 220205 出 1E', { action: 'request', side: 'sell' }],
      // 收在 with a level and a size is a bid at that level.
      ['220205 收在1.84 1E', { action: 'request', side: 'buy', level: 1.84 }],
      ['今天资金面怎么样', { action: 'none' }],
      ["what's the weather like today?", { action: 'none' }],
      ['昨天的会怎么样？', { action: 'none' }],
      ['did you get my message?', { action: 'none' }],
    ]);
  });
});

describe('3. client names', () => {
  it('reads the counterparty the message names and keeps it out of the instrument', () => {
    table([
      ['for HXCB 220205 bid 50mm', { client: 'HXCB', side: 'buy', instrument: b220205, unparsed: [] }],
      ['client Jiangnan RCB 5y CDB bid 1E', { client: 'Jiangnan RCB', instrument: cdb5 }],
      ['客户 江南农商 220205 收 5kw', { client: '江南农商', instrument: b220205 }],
      ['江南城商行要 5年国开 1E', { client: '江南城商行', side: 'buy', instrument: cdb5, unparsed: [] }],
      ['cpty ABC 10y CGB two-way 1bn', { client: 'ABC', instrument: cgb10 }],
      // The client's 城商 must not make this an NCD.
      ['客户 宁波城商 5年国开 1E 出', { client: '宁波城商', action: 'request', side: 'sell', instrument: cdb5, unparsed: [] }],
      ['client Bank of Ningbo 220205 offer 50mm', { client: 'Bank of Ningbo', side: 'sell' }],
      ['on behalf of Sunrise Capital sell 220205 2kw', { client: 'Sunrise Capital', side: 'sell' }],
      ['客户：华信 220205 收 5kw', { client: '华信' }],
      ['客户华信收220205 5kw', { client: '华信', side: 'buy', instrument: b220205 }],
      ['帮江南农商问一下 5年国开 1E 双边', { client: '江南农商', instrument: cdb5, unparsed: [] }],
      ['成都农商 10年国债 出 2E', { client: '成都农商', instrument: cgb10 }],
      ['220205 收 15E for HXCB', { client: 'HXCB', notional: 1.5e9 }],
      ['客户是江南农商', { client: '江南农商', action: 'none' }],
    ]);
  });
  it('does not invent a client from sizes, dates, NCD buckets or NCD issuers', () => {
    table([
      ['北京农商 10年国债 收 1E', { client: '北京农商', instrument: cgb10, side: 'buy' }],
      ['bid 220205 at 1.89 for 1 yard', { client: null, notional: 1e9 }],
      ['220205 bid 50mm for Monday', { client: null }],
      ['3M城商CD 1.70 有量吗', { client: null, instrument: { kind: 'ncd', issuer: 'city' } }],
      ['6个月农商存单 1.75 出 1E', { client: null, instrument: { kind: 'ncd', issuer: 'rural', tenor: '6M' } }],
      // A bank named right before 存单 is the NCD's issuer, not the client.
      ['北京农商存单 1Y 1.65 出 1E', { client: null, instrument: { kind: 'ncd', issuer: 'rural' } }],
      ['城商 3M 1.70 出 1E', { client: null, instrument: { kind: 'ncd', issuer: 'city' } }],
      ['client pays fixed on a 3y SOFR swap', { client: null, side: 'receive' }],
      ['looking for CDB 5y', { client: null }],
      ['城市商业银行存单 3M 出 1E', { client: null }],
    ]);
  });
});

describe('4. unsupported instruments are reported, never coerced', () => {
  it('names the product and leaves instrument null', () => {
    table([
      ['USD/JPY 1M 10mio', { action: 'request', unsupported: 'USD/JPY', instrument: null, notional: 1e7, currency: 'USD', missing: [], unparsed: [] }],
      ['EUR/CNH spot 5mio', { unsupported: 'EUR/CNH', instrument: null, currency: 'EUR' }],
      ['USDJPY', { action: 'request', unsupported: 'USD/JPY', instrument: null, missing: [] }],
      ['欧元兑人民币', { action: 'request', unsupported: 'EUR/CNY', instrument: null, currency: null }],
      ['GBP/USD spot 10mio', { unsupported: 'GBP/USD', instrument: null }],
      ['sell EUR 5mio spot', { unsupported: 'EUR/CNY', side: 'sell', instrument: null }],
      ['日元 1M 远期 10亿', { unsupported: 'JPY/CNY', instrument: null }],
      ['美元兑日元 1M', { unsupported: 'USD/JPY', instrument: null }],
      ['cable 20 bucks', { unsupported: 'GBP/USD' }],
      ['22华能MTN001 2.35 收 5kw', { unsupported: 'credit bond', instrument: null, side: 'buy' }],
      ['102280426 出 3kw', { unsupported: 'credit bond', instrument: null, unparsed: [] }],
      ['24宁波城投债01 出 5kw', { unsupported: 'credit bond', instrument: null }],
      ['中票 3年 2.1 出 1E', { unsupported: 'credit bond', instrument: null }],
      ['5y China CDS 10mio', { unsupported: 'CDS', instrument: null }],
      ['黄金 T+D', { unsupported: 'gold', unparsed: [] }],
      ['贵州茅台股票', { unsupported: 'equity' }],
      ['国债期货 2E 出', { unsupported: 'bond futures', instrument: null }],
      ['where did USDJPY close yesterday', { action: 'question', unsupported: 'USD/JPY', missing: [] }],
    ]);
  });
  it('keeps what the desk does quote', () => {
    table([
      ['USD/CNH spot 10mio', { unsupported: null, instrument: { kind: 'fx_spot', code: 'USD/CNY' } }],
      ['USDCNY 即期 1000万美元 双边', { unsupported: null, instrument: { kind: 'fx_spot' } }],
      // Lower-case `cds` and NCD words around `CDS` are certificates of deposit.
      ['3M AAA CDS offer', { unsupported: null, instrument: { kind: 'ncd', issuer: 'AAA' } }],
      ['1Y AAA cds 1.62 bid 1bn', { unsupported: null, instrument: { kind: 'ncd' } }],
      // A pair inside swap talk names the swap's legs (IRS, refused by the planner separately).
      ['EUR/USD 5y cross currency swap, we pay fixed 2.1%', { unsupported: null, instrument: { kind: 'irs' } }],
      ['5年国开 2.15 出 1E +0', { unsupported: null }],
    ]);
  });
});

describe('5. relative counters are relative', () => {
  it('reads the step in the client\'s favour, level null (issue phrasings)', () => {
    table([
      ['2bp better', { action: 'counter', relative: { amount: 2, unit: 'bp' }, level: null, missing: [], unparsed: [] }],
      ['再让0.25bp', { action: 'counter', relative: { amount: 0.25, unit: 'bp' }, level: null, unparsed: [] }],
      ['give me half a bp', { action: 'counter', relative: { amount: 0.5, unit: 'bp' }, unparsed: [] }],
      ['好一点', { action: 'counter', relative: { amount: null, unit: 'bp' }, unparsed: [] }],
      ['能再好点吗', { action: 'counter', relative: { amount: null, unit: 'bp' } }],
      ['better by 0.5', { action: 'counter', relative: { amount: 0.5, unit: 'bp' }, level: null }],
      ['让1个bp', { action: 'counter', relative: { amount: 1, unit: 'bp' }, unparsed: [] }],
      ['1bp tighter', { action: 'counter', relative: { amount: 1, unit: 'bp' }, level: null }],
    ]);
  });
  it('reads our own phrasings; pips in FX', () => {
    table([
      ['1 pip better', { action: 'counter', relative: { amount: 1, unit: 'pips' } }],
      ['USDCNY spot, 2 pips better', { action: 'counter', relative: { amount: 2, unit: 'pips' } }],
      ['give me a quarter of a bp', { relative: { amount: 0.25, unit: 'bp' } }],
      ['再让半个bp', { relative: { amount: 0.5, unit: 'bp' } }],
      ['让两个基点', { relative: { amount: 2, unit: 'bp' } }],
      ['能不能再让让', { action: 'counter', relative: { amount: null }, unparsed: [] }],
      ['any better?', { action: 'counter', relative: { amount: null } }],
      ['improve it by 0.25', { relative: { amount: 0.25, unit: 'bp' } }],
      ['a touch better pls', { relative: { amount: null } }],
      ['再优惠点', { action: 'counter', relative: { amount: null } }],
    ]);
  });
  it('an absolute level with a question is a counter, not an acceptance', () => {
    table([
      ['1.935 能给吗', { action: 'counter', level: 1.935, side: null, relative: null }],
      ['can you do 1.93?', { action: 'counter', level: 1.93 }],
      ['1.93 ok?', { action: 'counter', level: 1.93 }],
      ['1.935可以吗', { action: 'counter', level: 1.935 }],
      ['1.8375 行吗', { action: 'counter', level: 1.8375 }],
      ['would you do 1.935', { action: 'counter', level: 1.935 }],
      ['1.84 给不给', { action: 'counter', level: 1.84 }],
    ]);
  });
  it('does not read a relative counter where there is none', () => {
    table([
      ['1.84 or better', { action: 'counter', level: 1.84, relative: null }],
      ['让我看看', { action: 'none', relative: null }],
      ['give me a price on 220205', { action: 'request', relative: null }],
      ['220205 出 5kw', { relative: null }],
      ['1.8400 给你 2kw', { action: 'accept', relative: null }],
    ]);
  });
});

describe('6. amending size', () => {
  it('a new size for the live RFQ: action amend, notional set, no instrument needed', () => {
    table([
      ['make it 500mm', { action: 'amend', notional: 5e8, level: null, side: null, missing: [], unparsed: [] }],
      ['改成3E', { action: 'amend', notional: 3e8 }],
      ['only 3kw', { action: 'amend', notional: 3e7 }],
      ['size 2bn instead', { action: 'amend', notional: 2e9, unparsed: [] }],
      ['量改为5000万', { action: 'amend', notional: 5e7, unparsed: [] }],
      ['can we do 1E instead', { action: 'amend', notional: 1e8 }],
      ['只要3kw', { action: 'amend', notional: 3e7 }],
      ['size 5E instead', { action: 'amend', notional: 5e8 }],
      ['increase to 2bn', { action: 'amend', notional: 2e9 }],
      ['cut it to 300mm', { action: 'amend', notional: 3e8 }],
      ['how about 5kw', { action: 'amend', notional: 5e7 }],
      ['能不能改成2E', { action: 'amend', notional: 2e8, unparsed: [] }],
      ['换成5000万', { action: 'amend', notional: 5e7 }],
      ['make it 10mio USD', { action: 'amend', notional: 1e7, currency: 'USD' }],
    ]);
  });
  it('with a level it is a counter carrying the size; with a side or an instrument it is something else', () => {
    table([
      ['make it 500mm at 1.84', { action: 'counter', notional: 5e8, level: 1.84 }],
      ['改 1.8375，量放到1E', { action: 'counter', notional: 1e8, level: 1.8375 }],
      ['220205 only 5kw 出', { action: 'request', side: 'sell' }],
      ['我买 1000万', { action: 'accept', side: 'buy' }],
    ]);
  });
});

describe('7. pass phrases end the RFQ', () => {
  it('reads a pass in both languages', () => {
    table([
      ['这个价没法做', { action: 'pass', unparsed: [] }],
      ['nothing for me', { action: 'pass' }],
      ['no trade', { action: 'pass' }],
      ['pass', { action: 'pass' }],
      ['不做了', { action: 'pass' }],
      ['算了', { action: 'pass' }],
      ["I'll pass", { action: 'pass', unparsed: [] }],
      ["we're off", { action: 'pass', unparsed: [] }],
      ['nothing done', { action: 'pass' }],
      ['不要了', { action: 'pass' }],
      ['pass on this one', { action: 'pass', unparsed: [] }],
      ["we'll pass, thanks", { action: 'pass' }],
      ['先不做了', { action: 'pass' }],
      ['价格不合适，不做了', { action: 'pass' }],
      ["i'm out", { action: 'pass' }],
      ['not this time, thanks', { action: 'pass' }],
      ['做不了', { action: 'pass' }],
    ]);
  });
  it('"pass" inside other words or phrases does not trigger', () => {
    table([
      ['passport', { action: 'none' }],
      ['bypass', { action: 'none' }],
      ['compass', { action: 'none' }],
      ['passed', { action: 'none' }],
      ['pass me a price on 5y CDB', { action: 'request', instrument: cdb5 }],
      ['pass-through 1bn', { action: 'request' }],
      ['最后一口价 1.8380，不行算了', { action: 'counter', level: 1.838 }],
      ['off, thanks', { action: 'cancel' }],
      ['不要了 撤', { action: 'cancel' }],
    ]);
  });
});

describe('8. other deal words: hit/lift, refresh, sizes', () => {
  it('lift = the client buys on our offer, hit = sells on our bid', () => {
    table([
      ['lift it', { action: 'accept', side: 'buy', unparsed: [] }],
      ['lift', { action: 'accept', side: 'buy' }],
      ["I'll lift", { action: 'accept', side: 'buy', unparsed: [] }],
      ['hit it', { action: 'accept', side: 'sell' }],
      ['hit', { action: 'accept', side: 'sell' }],
      ['hit the bid', { action: 'accept', side: 'sell' }],
      ['lifted', { action: 'accept', side: 'buy' }],
      ["I'll take it", { action: 'accept', side: 'buy' }],
      ['I hit 1.84', { action: 'accept', side: 'sell', level: 1.84 }],
      ['lift your offer 5kw', { action: 'accept', side: 'buy', notional: 5e7 }],
      ['we lift 1.8325', { action: 'accept', side: 'buy', level: 1.8325 }],
    ]);
  });
  it('refresh re-quotes the live RFQ', () => {
    table([
      ['refresh', { action: 'refresh', missing: [] }],
      ['refresh pls', { action: 'refresh' }],
      ['再报一下', { action: 'refresh' }],
      ['刷新一下价格', { action: 'refresh', unparsed: [] }],
      ['re-quote pls', { action: 'refresh' }],
      ['how now?', { action: 'refresh' }],
      ['重新报价', { action: 'refresh' }],
      ['再报个价', { action: 'refresh' }],
      ['your risk - refresh?', { action: 'refresh' }],
      // Naming an instrument makes it a new inquiry; 刷了 is a withdrawn quote (conventions §2.1).
      ['refresh 220205 5kw', { action: 'request', instrument: b220205 }],
      ['刷了', { action: 'cancel' }],
    ]);
  });
  it('reads sizes in every shorthand', () => {
    const sizes: [string, number][] = [
      ['220205 出 5000W', 5e7], ['220205 出 5000w', 5e7], ['220205 出 5千万', 5e7], ['220205 出 五千万', 5e7],
      ['220205 出 3kw', 3e7], ['220205 出 1.5E', 1.5e8], ['220205 出 两个亿', 2e8], ['220205 出 3000w', 3e7],
      ['220205 出 两千万', 2e7], ['220205 出 1.5亿', 1.5e8], ['220205 出 500w', 5e6], ['sell 220205 0.5E', 5e7],
    ];
    for (const [text, n] of sizes) expect(p(text), text).toMatchObject({ notional: n, unparsed: [] });
    // A single-digit w is a week tenor, not 万.
    expect(p('USD/CNY 1W swap 10mio')).toMatchObject({ instrument: { kind: 'fx_swap', tenor: '1W' }, notional: 1e7 });
    expect(p('2w repo 1E 1.6')).toMatchObject({ instrument: { kind: 'repo', tenor: '14D' }, notional: 1e8 });
  });
});

describe('9. confirmation of the read-back', () => {
  it('reads an explicit confirmation; a bare yes only alone', () => {
    table([
      ['confirm', { action: 'confirm' }],
      ['confirmed', { action: 'confirm' }],
      ['yes confirm', { action: 'confirm' }],
      ['确认', { action: 'confirm' }],
      ['确认无误', { action: 'confirm', unparsed: [] }],
      ['对，确认', { action: 'confirm' }],
      ['yes', { action: 'confirm', unparsed: [] }],
      ['是', { action: 'confirm', unparsed: [] }],
      ['confirmed, thanks', { action: 'confirm' }],
      ['确认，谢谢', { action: 'confirm' }],
      ['确认成交', { action: 'confirm' }],
      ['是的', { action: 'confirm', unparsed: [] }],
      ['对', { action: 'confirm' }],
      ['Y', { action: 'confirm', unparsed: [] }],
      ['correct', { action: 'confirm' }],
      ['yes please', { action: 'confirm' }],
      ['cfm', { action: 'confirm' }],
      // The size said with it is kept, so the desk can compare it with its read-back.
      ['15E confirmed', { action: 'confirm', notional: 1.5e9 }],
    ]);
  });
  it('is not a confirmation: asking the desk, a negation, an acknowledgement, a yes inside a line', () => {
    table([
      ['please confirm', { action: 'none' }],
      ['请确认', { action: 'none' }],
      ['not confirmed', { action: 'none' }],
      ['ok', { action: 'none' }],
      ['好的', { action: 'none' }],
      ['收到', { action: 'none' }],
      ['yes 15E', { action: 'request' }],
      ['是 220205 出 1E', { action: 'request', side: 'sell' }],
      ['confirmation pending', { action: 'none' }],
      ['不确定', { action: 'none' }],
    ]);
  });
});

describe('10. 地方债 with an unknown code keeps its issuer', () => {
  it('carries LGB or LGB-<province> and a bond kind', () => {
    table([
      ['25广东债12 1E 出', { action: 'request', side: 'sell', instrument: { kind: 'bond', code: '25广东债12', issuer: 'LGB-GD' }, unparsed: ['25广东债12'] }],
      ['地方债 2.0 3kw', { instrument: { kind: 'bond', issuer: 'LGB' }, level: 2, notional: 3e7 }],
      ['25宁夏债05 出 1E', { instrument: { kind: 'bond', issuer: 'LGB-NX' } }],
      ['广东债12 收 2kw', { instrument: { kind: 'bond', code: '广东债12', issuer: 'LGB-GD' }, level: null }],
      ['2505999 出 1E', { instrument: { kind: 'bond', code: '2505999', issuer: 'LGB' } }],
      ['地方债 2505999 2.0 3kw', { instrument: { kind: 'bond', code: '2505999', issuer: 'LGB' }, level: 2 }],
      ['24江苏地方债03 收 1E', { instrument: { kind: 'bond', issuer: 'LGB-JS' } }],
      ['25新疆债08 出 5kw', { instrument: { kind: 'bond', issuer: 'LGB-XJ' } }],
      ['专项债 10年 2.1 收 1E', { instrument: { kind: 'bond', issuer: 'LGB', tenor: '10Y' } }],
      ['25广东债45 1.80 收 5kw', { instrument: { code: '2505123', issuer: 'LGB-GD' }, unparsed: [] }],
    ]);
  });
  it('does not guess an issuer for an unknown 6-digit code', () => {
    expect(p('220299 2.15 出 1E').instrument).toEqual({ kind: 'bond', code: '220299', name: null, issuer: null, tenor: null });
  });
});
