/** The example's own test, written against the public exports only (finagent, finagent/testing). */
import { describe, expect, it } from 'vitest';
import { testRuntime, ScriptedChatModel } from 'finagent/testing';
import { kycAgent, parseRating } from './kyc-agent.js';

const users = [
  { id: 'k.ma', name: 'Ma Ke', role: 'kyc_analyst' },
  { id: 'j.he', name: 'He Jing', role: 'compliance' },
  { id: 's.chen', name: 'Chen Shu', role: 'staff' },
];

describe('kyc example assistant', () => {
  it('screens a name offline and keeps the result in the stores', async () => {
    const t = await testRuntime({ agents: [kycAgent], users });
    try {
      const r = await t.turn('kyc', 'k.ma', 'screen Ivan Petrovsky');
      expect(r.toolCalls.map((c) => c.name)).toEqual(['screen_name']);
      expect(r.reply).toMatch(/HIT — escalate/);
      expect(r.state).toMatchObject({ screening: { hit: true, matches: [{ listed: 'Ivan Petrovsky', list: 'sanctions' }] } });
      const audit = await t.rt.audit.byThread('kyc-k.ma');
      expect(audit.map((a) => a.kind)).toContain('tool_result');
    } finally {
      await t.close();
    }
  });

  it('rates a customer; its own role decides who may rate; others may not use the assistant', async () => {
    const t = await testRuntime({ agents: [kycAgent], users });
    try {
      const r = await t.turn('kyc', 'k.ma', 'rate Golden Delta Trading Ltd, country YY, industry crypto, pep, product fx');
      expect(r.state).toMatchObject({ rating: { tier: 'high', score: 95 } });
      const compliance = await t.turn('kyc', 'j.he', 'rate ACME Ltd, country CN');
      expect(compliance.toolCalls).toEqual([]);
      await expect(t.turn('kyc', 's.chen', 'screen Jane Doe')).rejects.toThrow(/may not use the kyc assistant/);
    } finally {
      await t.close();
    }
  });

  it('runs with an injected chat model through the same tools and audit', async () => {
    const model = new ScriptedChatModel([{ toolCalls: [{ name: 'screen_name', args: { name: 'Maria Lindqvist' } }] }, { text: 'Maria Lindqvist is a PEP: enhanced due diligence.' }]);
    const t = await testRuntime({ agents: [kycAgent], users, model });
    try {
      const r = await t.turn('kyc', 'k.ma', 'is Maria Lindqvist ok?');
      expect(r.toolCalls[0]).toMatchObject({ name: 'screen_name', result: { matches: [{ list: 'pep' }] } });
      expect(r.reply).toBe('Maria Lindqvist is a PEP: enhanced due diligence.');
      expect(model.boundTools).toEqual(['screen_name', 'rate_customer']);
    } finally {
      await t.close();
    }
  });

  it('parses the rating shorthand', () => {
    expect(parseRating('ACME Ltd, country xx, industry Casino, pep')).toEqual({ customer: 'ACME Ltd', country: 'XX', industry: 'casino', pep: true });
  });
});
