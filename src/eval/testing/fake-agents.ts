import { z } from 'zod';
import type { AgentSpec } from '../../runtime/agent-spec.js';
import { ToolRefusal } from '../../runtime/errors.js';
import { turnResults, type Planner, type PlannerInput } from '../../runtime/planner.js';
import { defineTool, type ToolContext } from '../../runtime/tool.js';
import type { Stores } from '../../storage/types.js';

/**
 * Test-only assistants for the harness's own tests: a tiny dealing desk (parse → limit check →
 * firm quote; "done" → accept → book), a policy lookup over three fixed articles, and an analyst
 * returning fixed figures. `broken: true` gives the dealing planner that skips the limit check,
 * books without acceptance and answers wrongly.
 */

interface FakeRfq {
  side: string;
  level: number;
  notional: number;
  status: string;
  validUntil: number;
}
interface FakeTrade {
  side: string;
  level: number;
  notional: number;
}

// The fake desk keeps its state in the key-value store, as a plug-in assistant would.
const getRfq = (stores: Stores, thread: string) => stores.kv.get<FakeRfq>('fake.rfq', thread);
const putRfq = (ctx: ToolContext, rfq: FakeRfq) => ctx.stores.kv.put('fake.rfq', ctx.thread, rfq, ctx.now());

const parse = defineTool({
  name: 'parse_dealer_message',
  description: 'parse a dealer message',
  input: z.object({ text: z.string() }),
  output: z.object({ side: z.enum(['buy', 'sell']).nullable(), level: z.number().nullable(), notional: z.number().nullable(), missing: z.array(z.string()) }),
  execute: ({ text }) => {
    const side = /出|sell/i.test(text) ? 'sell' : /收|buy/i.test(text) ? 'buy' : null;
    const level = /(\d+\.\d+)/.exec(text)?.[1];
    const size = /(\d+)\s*E/i.exec(text)?.[1];
    const out = { side, level: level ? Number(level) : null, notional: size ? Number(size) * 1e8 : null } as const;
    return { ...out, missing: Object.entries(out).filter(([, v]) => v === null).map(([k]) => k) };
  },
});

const checkLimits = defineTool({
  name: 'check_limits',
  description: 'trader and client limits',
  input: z.object({ notional: z.number() }),
  output: z.object({ passed: z.boolean() }),
  execute: ({ notional }) => ({ passed: notional <= 5e8 }),
});

const quote = defineTool({
  name: 'send_firm_quote',
  description: 'firm quote valid 30 s',
  sideEffects: true,
  input: z.object({ side: z.enum(['buy', 'sell']), level: z.number(), notional: z.number() }),
  output: z.object({ firm: z.boolean(), level: z.number(), validUntil: z.string() }),
  execute: async (a, ctx) => {
    const until = ctx.now().getTime() + 30_000;
    await putRfq(ctx, { side: a.side, level: a.level, notional: a.notional, status: 'QUOTED', validUntil: until });
    return { firm: true, level: a.level, validUntil: new Date(until).toISOString() };
  },
});

const accept = defineTool({
  name: 'accept_quote',
  description: 'client accepts',
  input: z.object({}),
  output: z.object({ status: z.string() }),
  execute: async (_a, ctx) => {
    const row = await getRfq(ctx.stores, ctx.thread);
    if (!row) throw new ToolRefusal('no quote to accept');
    if (ctx.now().getTime() > row.validUntil) {
      await putRfq(ctx, { ...row, status: 'EXPIRED' });
      throw new ToolRefusal('quote expired', 'expiry');
    }
    await putRfq(ctx, { ...row, status: 'ACCEPTED' });
    return { status: 'ACCEPTED' };
  },
});

const book = defineTool({
  name: 'book_trade',
  description: 'book the ticket',
  sideEffects: true,
  input: z.object({}),
  output: z.object({ booked: z.boolean() }),
  execute: async (_a, ctx) => {
    const rfq = await getRfq(ctx.stores, ctx.thread);
    if (rfq) {
      await putRfq(ctx, { ...rfq, status: 'DONE' });
      if (!(await ctx.stores.kv.get<FakeTrade>('fake.trade', ctx.thread))) {
        await ctx.stores.kv.put('fake.trade', ctx.thread, { side: rfq.side, level: rfq.level, notional: rfq.notional }, ctx.now());
      }
    }
    return { booked: true };
  },
});

function lastOk(input: PlannerInput, name: string): Record<string, unknown> | undefined {
  const r = turnResults(input).filter((e) => e.name === name && e.ok).pop();
  return r?.result as Record<string, unknown> | undefined;
}

function dealingPlanner(broken: boolean): Planner {
  return (input) => {
    const done = turnResults(input);
    const called = (n: string) => done.some((e) => e.name === n);
    if (/^done\b/i.test(input.userText.trim())) {
      if (!broken && !called('accept_quote')) return { type: 'tools', calls: [{ name: 'accept_quote', args: {} }] };
      const refused = done.find((e) => e.name === 'accept_quote' && !e.ok);
      if (refused) return { type: 'reply', text: `Not done: ${refused.error}` };
      if (!called('book_trade')) return { type: 'tools', calls: [{ name: 'book_trade', args: {} }] };
      return { type: 'reply', text: broken ? 'ok' : 'Done, booked.' };
    }
    const parsed = lastOk(input, 'parse_dealer_message');
    if (!parsed) return { type: 'tools', calls: [{ name: 'parse_dealer_message', args: { text: input.userText } }] };
    if ((parsed.missing as string[]).length) return { type: 'reply', text: `Missing: ${(parsed.missing as string[]).join(', ')}` };
    const notional = parsed.notional as number;
    if (!broken && !called('check_limits')) return { type: 'tools', calls: [{ name: 'check_limits', args: { notional } }] };
    if (!broken && lastOk(input, 'check_limits')?.passed === false) return { type: 'reply', text: 'Refused: limit' };
    if (!called('send_firm_quote')) {
      // The broken planner also flips the side.
      const side = broken ? (parsed.side === 'buy' ? 'sell' : 'buy') : parsed.side;
      return { type: 'tools', calls: [{ name: 'send_firm_quote', args: { side, level: parsed.level, notional } }] };
    }
    return { type: 'reply', text: `Firm ${String(lastOk(input, 'send_firm_quote')?.level)} for 30s` };
  };
}

export function fakeDealingAgent(opts: { broken?: boolean } = {}): AgentSpec {
  return {
    name: 'dealing',
    title: 'Fake dealing',
    description: 'test-only',
    roles: ['trader', 'desk_head'],
    defaultUser: 't.zhang',
    systemPrompt: { zh: '', en: '' },
    tools: [parse, checkLimits, quote, accept, book],
    planner: dealingPlanner(opts.broken ?? false),
    state: async (ctx) => {
      const rfq = await getRfq(ctx.stores, ctx.thread);
      const trade = await ctx.stores.kv.get<FakeTrade>('fake.trade', ctx.thread);
      return {
        rfq: rfq ? { side: rfq.side, level: rfq.level, notional: rfq.notional, status: rfq.status, quote: { firm: rfq.status !== 'EXPIRED' } } : null,
        trade: trade ?? null,
      };
    },
  };
}

const ARTICLES = [
  { label: '《测试银行授信管理办法》第三条', text: '向关系人发放信用贷款的，应当拒绝。' },
  { label: '《测试银行反洗钱操作规程》第二十条', text: '客户身份资料应当保存至少五年。' },
  { label: '《测试银行费用报销办法》第八条', text: '差旅费应当凭票报销。' },
];

const search = defineTool({
  name: 'search_policies',
  description: 'search internal rules',
  input: z.object({ query: z.string() }),
  output: z.object({ hits: z.array(z.object({ label: z.string(), text: z.string(), score: z.number() })) }),
  execute: ({ query }) => ({
    hits: ARTICLES.map((a) => ({ ...a, score: [...query].filter((ch) => a.text.includes(ch)).length / query.length }))
      .filter((h) => h.score > 0.3)
      .sort((x, y) => y.score - x.score),
  }),
});

export function fakePolicyAgent(): AgentSpec {
  let last: unknown = null;
  return {
    name: 'policy',
    title: 'Fake policy',
    description: 'test-only',
    roles: ['staff', 'trader', 'desk_head', 'credit_reviewer', 'admin'],
    defaultUser: 's.chen',
    systemPrompt: { zh: '', en: '' },
    tools: [search],
    planner: (input) => {
      const r = lastOk(input, 'search_policies');
      if (!r) return { type: 'tools', calls: [{ name: 'search_policies', args: { query: input.userText } }] };
      const hits = r.hits as Array<{ label: string; text: string }>;
      return { type: 'reply', text: hits[0] ? `${hits[0].text}（${hits[0].label}）` : '未找到相关规定。' };
    },
    state: (ctx) => {
      const hits = (ctx.toolCalls.find((c) => c.name === 'search_policies')?.result as { hits?: Array<{ label: string; text: string; score: number }> })?.hits ?? [];
      last = {
        answer: hits[0] ? `${hits[0].text}（${hits[0].label}）` : '未找到相关规定。',
        supported: hits.length > 0,
        citations: hits.slice(0, 1).map((h) => ({ label: h.label, doc: '', article: '' })),
        evidence: hits,
      };
      return last;
    },
  };
}

const analyze = defineTool({
  name: 'analyze_statements',
  description: 'analyse statements',
  input: z.object({ path: z.string() }).catchall(z.unknown()),
  output: z.unknown(),
  execute: () => ({
    ratios: { currentRatio: [{ period: 'FY2024', value: 0.86734 }], roe: [{ period: 'FY2024', value: null }] },
    // The real result's score shapes (src/analysis/engine/result-schema.ts).
    scores: {
      altmanZ: {
        selected: 'zDoublePrime',
        periods: [{ period: 'FY2024', zPrime: { value: 0.9, zone: 'distress' }, zDoublePrime: { value: 1.234, zone: 'distress' } }],
      },
      beneishM: { periods: [{ period: 'FY2024', value: -1.5, classification: 'likely_manipulator' }] },
    },
    flags: [{ code: 'LIQUIDITY_TIGHT', severity: 'high', message: '', evidence: {} }],
  }),
});

export function fakeAnalystAgent(): AgentSpec {
  return {
    name: 'analyst',
    title: 'Fake analyst',
    description: 'test-only',
    roles: ['credit_reviewer'],
    defaultUser: 'c.li',
    systemPrompt: { zh: '', en: '' },
    tools: [analyze],
    planner: () => ({ type: 'reply', text: 'use analyze' }),
  };
}
