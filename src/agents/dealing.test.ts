import { describe, expect, it } from 'vitest';
import { toolAllowed } from '../runtime/tool.js';
import { acceptQuoteTool, requestQuoteTool } from '../tools/dealing/quote-tools.js';
import { testDesk, TRADER } from '../tools/dealing/test-context.js';
import { dealingAgent, dealingState, DealingStateSchema } from './dealing.js';

const cdb = { kind: 'bond' as const, code: '220205', name: '22国开05', issuer: 'CDB', tenor: null };

describe('dealingAgent spec', () => {
  it('declares roles, bilingual prompts that forbid untooled prices, and the tools', () => {
    expect(dealingAgent.name).toBe('dealing');
    expect(dealingAgent.roles).toEqual(['trader', 'desk_head']);
    expect(dealingAgent.systemPrompt.en).toMatch(/Never state a price a tool did not return/);
    expect(dealingAgent.systemPrompt.zh).toMatch(/绝不报出工具没有返回的价格/);
    const names = dealingAgent.tools.map((t) => t.name);
    for (const n of ['parse_dealer_message', 'request_quote', 'counter_quote', 'accept_quote', 'cancel_rfq', 'get_rfq_status', 'approve_quote', 'list_approvals', 'amend_quote', 'refresh_quote', 'confirm_pending', 'list_blotter']) {
      expect(names).toContain(n);
    }
    const approve = dealingAgent.tools.find((t) => t.name === 'approve_quote')!;
    expect(toolAllowed(approve, 'trader')).toBe(false);
    expect(toolAllowed(approve, 'desk_head')).toBe(true);
  });

  it('state is read from the database: null for a fresh thread, RFQ and trade after a deal', async () => {
    const d = await testDesk();
    const ctx = { stores: d.storage.stores, thread: 'T1', now: () => d.clock.now, user: TRADER };
    expect(await dealingState(ctx)).toEqual({ rfq: null, trade: null });
    await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7 }, d.ctx());
    const quoted = DealingStateSchema.parse(await dealingState(ctx));
    expect(quoted.rfq).toMatchObject({ status: 'QUOTED', side: 'sell', notional: 5e7, settle: '2025-12-29', quote: { levelType: 'yield', firm: true } });
    expect(quoted.trade).toBeNull();
    await acceptQuoteTool.execute({}, d.ctx());
    const done = DealingStateSchema.parse(await dealingState(ctx));
    expect(done.rfq?.status).toBe('DONE');
    expect(done.trade).toMatchObject({ side: 'sell', notional: 5e7, status: 'booked', rfqId: done.rfq?.id });
    expect((await d.storage.stores.tickets.list()).map((t) => t.tradeId)).toEqual([done.trade?.tradeId]);
  });

  it('state shows a firm quote past its validity as EXPIRED', async () => {
    const d = await testDesk();
    await requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e7 }, d.ctx());
    d.advance(31);
    expect((await dealingState({ stores: d.storage.stores, thread: 'T1', now: () => d.clock.now, user: TRADER })).rfq?.status).toBe('EXPIRED');
  });
});
