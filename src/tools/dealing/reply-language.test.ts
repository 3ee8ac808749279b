/**
 * Language purity of the offline dealing replies: a Chinese conversation gets fully Chinese replies
 * (ASCII only for codes, tickers, ids, units and deal keywords), an English one fully English (CJK
 * only inside bond short names). Table-driven over every reply path, through the real runtime.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dealingAgent } from '../../agents/dealing.js';
import { harnessIdentity } from '../../runtime/identity.js';
import { createRuntime } from '../../runtime/runtime.js';
import { strayAsciiWords, strayCjk } from './lang-check.js';

interface Turn {
  message: string;
  user?: string;
  /** Run in the user's own thread (a desk head approving from her session). */
  thread?: string;
  advanceSeconds?: number;
}
interface Case {
  id: string;
  lang: 'zh' | 'en';
  user?: string;
  turns: Array<Turn | string>;
  /** Phrases (check codes, numbers) the last reply must still contain. */
  contains?: string[];
}

const T0 = '2025-12-26T02:00:00Z';
const FX = 'm.zhou';

const CASES: Case[] = [
  { id: 'zh-quote-done', lang: 'zh', turns: ['220205 出 5kw', 'done'], contains: ['成交 DONE'] },
  { id: 'en-quote-mine', lang: 'en', turns: ['CGB 10s two-way in 500mm pls', 'mine'], contains: ['Done, booked'] },
  { id: 'zh-counter-held-step', lang: 'zh', turns: ['220205 出 5kw', '1.8450能做吗'], contains: ['最后一口价', '单次最大让价'] },
  { id: 'zh-level-in-request-held', lang: 'zh', turns: ['22国开05 3kw 1.89 收 +1'], contains: ['最后一口价'] },
  { id: 'en-counter-held-total', lang: 'en', turns: ['for PHB 220205 bid 50mm', '1.8350?', '1.8375?', '1.8400?', '1.8425?'], contains: ['max total concession'] },
  { id: 'zh-counter-within', lang: 'zh', turns: ['5年国开 收 1E', '1.7350能做吗'], contains: ['能做'] },
  { id: 'zh-expired-fresh', lang: 'zh', turns: ['220205 收 5kw', { message: 'done', advanceSeconds: 45 }], contains: ['报价已过期', '新报价'] },
  { id: 'en-expired-fresh', lang: 'en', turns: ['for PHB 220205 bid 50mm', { message: 'mine', advanceSeconds: 40 }], contains: ['expired'] },
  { id: 'en-status-expired', lang: 'en', turns: ['CGB 10s two-way in 500mm pls', { message: 'status?', advanceSeconds: 31 }], contains: ['EXPIRED'] },
  { id: 'zh-status-expired', lang: 'zh', turns: ['220205 出 5kw', { message: '状态', advanceSeconds: 31 }], contains: ['EXPIRED'] },
  { id: 'zh-cancel', lang: 'zh', turns: ['220205 给个双边 5kw', '撤'], contains: ['CANCELLED'] },
  { id: 'en-cancel', lang: 'en', turns: ['CGB 10s two-way in 500mm pls', 'ref'], contains: ['CANCELLED'] },
  { id: 'zh-pass', lang: 'zh', turns: ['DR007 出 5E', 'pass'], contains: ['NOTHING_DONE'] },
  { id: 'en-pass', lang: 'en', turns: ['CGB 10s two-way in 500mm pls', 'Nothing there, thx'], contains: ['NOTHING_DONE'] },
  {
    id: 'zh-approval',
    lang: 'zh',
    turns: ['220205 收 10E 客户 HXCB', 'done', '批准', { message: '批准 APR-20251226-0001', user: 'l.wang', thread: 'head' }, 'done', '成交记录', '状态'],
    contains: ['DONE'],
  },
  { id: 'zh-approval-pending', lang: 'zh', turns: ['220205 收 10E 客户 HXCB', 'done'], contains: ['PENDING_APPROVAL', 'APR-20251226-0001'] },
  { id: 'zh-approval-only', lang: 'zh', turns: ['220205 收 10E 客户 HXCB', { message: '批准 APR-20251226-0001', user: 'l.wang', thread: 'head' }], contains: ['已批准 APR-20251226-0001（l.wang）', '实盘'] },
  { id: 'zh-approval-list', lang: 'zh', turns: ['220205 收 10E 客户 HXCB', { message: '批准', user: 'l.wang', thread: 'head' }], contains: ['待审批（1）', 'APR-20251226-0001'] },
  { id: 'zh-approve-nothing', lang: 'zh', user: 'l.wang', turns: ['待审批'], contains: ['没有待您审批的请求'] },
  { id: 'en-approve-nothing', lang: 'en', user: 'l.wang', turns: ['approve'], contains: ['Nothing is waiting for your approval'] },
  { id: 'en-approval', lang: 'en', turns: ['for HXCB 220205 bid 1bn', { message: 'approve APR-20251226-0001', user: 'l.wang', thread: 'head' }, 'mine', 'blotter', 'status?'], contains: ['DONE'] },
  { id: 'zh-reject-approval', lang: 'zh', turns: ['220205 收 10E 客户 HXCB', { message: '拒绝 APR-20251226-0001', user: 'l.wang', thread: 'head' }, '状态'], contains: ['REJECTED'] },
  { id: 'en-read-back-size', lang: 'en', turns: ['for HXCB 220205 bid 1.5bn', 'confirm'], contains: ['PENDING_APPROVAL', 'APR-20251226-0001'] },
  { id: 'zh-read-back-size', lang: 'zh', turns: ['220205 收 15E 客户 HXCB'], contains: ['请确认数量', '确认'] },
  { id: 'zh-nontrade', lang: 'zh', turns: ['你好'] },
  { id: 'en-nontrade', lang: 'en', turns: ["what's the weather like today?"] },
  { id: 'zh-unknown-bond', lang: 'zh', turns: ['220299 1E 出 +1'], contains: ['未知债券', '220299'] },
  { id: 'en-unknown-bond', lang: 'en', turns: ['229999 two-way 50mm'], contains: ['unknown bond', '229999'] },
  { id: 'zh-missing-size', lang: 'zh', turns: ['220205 给个双边'], contains: ['量'] },
  { id: 'en-missing-size', lang: 'en', turns: ['220205 two-way'] },
  { id: 'zh-settle-rolled', lang: 'zh', turns: ['220205 收 5kw 12月27日+0'], contains: ['已顺延至 2025-12-29'] },
  { id: 'zh-credit-line', lang: 'zh', turns: ['220205 收 5E 客户 HYFM'], contains: ['credit_line'] },
  { id: 'en-credit-line', lang: 'en', turns: ['for HYFM 220205 bid 500mm'], contains: ['credit_line'] },
  { id: 'zh-fx-credit-line', lang: 'zh', user: FX, turns: ['USDCNY 即期 20亿美元 我买'], contains: ['credit_line'] },
  { id: 'zh-per-trade', lang: 'zh', user: FX, turns: ['USDCNY 即期 2亿美元 我买'], contains: ['trader_per_trade'] },
  { id: 'zh-trader-product', lang: 'zh', turns: ['USDCNY 即期 1000万美元 双边'], contains: ['trader_product'] },
  { id: 'zh-min-size', lang: 'zh', turns: ['220205 出 5万'], contains: ['min_size'] },
  { id: 'zh-absurd-level', lang: 'zh', turns: ['5年国开 9.50 出 1E'], contains: ['level'] },
  { id: 'zh-indicative-firm', lang: 'zh', turns: ['10Y国开 意向 报个价 1E', 'mine', 'done'], contains: ['成交 DONE'] },
  { id: 'en-two-way-needs-side', lang: 'en', turns: ['220205 two-way 50mm', 'done'], contains: ['which side'] },
  { id: 'zh-two-way-needs-side', lang: 'zh', turns: ['220205 给个双边 5kw', 'done'], contains: ['双边报价'] },
  { id: 'zh-repeated-done', lang: 'zh', turns: ['220205 出 5kw', 'done', 'done'], contains: ['不重复记账'] },
  { id: 'zh-fx-counter', lang: 'zh', user: FX, turns: ['USDCNY 即期 1000万美元 我买', '7.0084能做吗', 'done'], contains: ['成交 DONE'] },
  { id: 'zh-blotter-empty', lang: 'zh', turns: ['成交记录'] },
  { id: 'zh-no-rfq-status', lang: 'zh', turns: ['状态'] },
];

const homes: string[] = [];
afterAll(async () => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

describe('helpers', () => {
  it('flag English words in zh text but not codes, ids or units', () => {
    expect(strayAsciiWords('无法报价：no firm quote for RFQ-1（credit_line）')).toEqual(['no', 'firm', 'quote', 'for']);
    expect(strayAsciiWords('RFQ-20251226-0001 状态 QUOTED，1.85 bp，bid/ofr，t.zhang，5kw，USD/CNY，T+1')).toEqual([]);
  });
  it('flag CJK in en text but not bond short names', () => {
    expect(strayCjk('22国开05 (220205) 5亿')).toEqual(['亿']);
    expect(strayCjk('We hold 1.8400 on 22国开05 (220205).')).toEqual([]);
  });
});

describe('reply language', () => {
  for (const c of CASES) {
    it(c.id, async () => {
      const home = mkdtempSync(join(tmpdir(), 'finagent-lang-'));
      homes.push(home);
      const clock = { now: new Date(T0) };
      const rt = await createRuntime({ home, config: {}, agents: [dealingAgent], now: () => clock.now });
      try {
        let last = '';
        for (const raw of c.turns) {
          const t = typeof raw === 'string' ? { message: raw } : raw;
          if (t.advanceSeconds) clock.now = new Date(clock.now.getTime() + t.advanceSeconds * 1000);
          const who = harnessIdentity(await rt.user(t.user ?? c.user ?? 't.zhang'));
          const res = await rt.runTurn({ agent: 'dealing', message: t.message, thread: t.thread ? `${c.id}:${t.thread}` : c.id, user: who });
          last = res.reply;
          const stray = c.lang === 'zh' ? strayAsciiWords(res.reply) : strayCjk(res.reply);
          expect(stray, `${c.lang} reply to "${t.message}": ${res.reply}`).toEqual([]);
        }
        for (const p of c.contains ?? []) expect(last).toContain(p);
      } finally {
        await rt.close();
      }
    });
  }
});
