/**
 * A fourth assistant, written only against finagent's public exports: KYC screening and customer
 * risk rating for onboarding staff. Two tools, its own role (`kyc_analyst`), an offline planner,
 * state kept in the runtime's key-value store. Loaded by `finagent.config.json` ("agents").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineAgent, defineTool, turnResults, UserInputError, type PlannerDecision, type PlannerInput, type StateContext } from 'finagent';

const WatchlistSchema = z.object({
  entries: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), list: z.enum(['sanctions', 'pep', 'adverse_media']), country: z.string(), reason: z.string() })),
});
type Watchlist = z.infer<typeof WatchlistSchema>;

let cached: Watchlist | undefined;
function watchlist(): Watchlist {
  cached ??= WatchlistSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../data/watchlist.json', import.meta.url)), 'utf8')));
  return cached;
}

/** Lower-case words (Latin) or the whole string without spaces/punctuation (CJK): enough for a demo matcher. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[·.,'’\-\s]+/g, ' ').trim();
}

function similarity(a: string, b: string): number {
  const x = new Set(normalise(a).split(' '));
  const y = new Set(normalise(b).split(' '));
  if (normalise(a) === normalise(b)) return 1;
  const common = [...x].filter((w) => y.has(w)).length;
  return common / Math.max(x.size, y.size);
}

export const MatchSchema = z.object({ listed: z.string(), list: z.string(), score: z.number(), reason: z.string() });

export const screenNameTool = defineTool({
  name: 'screen_name',
  description: 'Screens a person or company name against the sanctions, PEP and adverse-media lists; returns matches with a score (1 = exact).',
  input: z.object({ name: z.string().min(2).max(200) }),
  output: z.object({ name: z.string(), hit: z.boolean(), matches: z.array(MatchSchema) }),
  async execute({ name }, ctx) {
    const matches = watchlist()
      .entries.map((e) => ({ listed: e.name, list: e.list, reason: e.reason, score: Math.max(...[e.name, ...e.aliases].map((n) => similarity(name, n))) }))
      .filter((m) => m.score >= 0.5)
      .sort((a, b) => b.score - a.score);
    const result = { name, hit: matches.some((m) => m.score >= 0.99 || m.list === 'sanctions'), matches };
    await ctx.stores.kv.put('kyc.screening', ctx.thread, { ...result, by: ctx.user.id, at: ctx.now().toISOString() }, ctx.now());
    return result;
  },
});

const HIGH_RISK_COUNTRIES = ['XX', 'YY', 'ZZ'];
const HIGH_RISK_INDUSTRIES = ['crypto', 'casino', 'arms', 'money_service'];

export const RatingSchema = z.object({ customer: z.string(), score: z.number().int(), tier: z.enum(['low', 'medium', 'high']), reasons: z.array(z.string()) });

export const rateCustomerTool = defineTool({
  name: 'rate_customer',
  description: 'Customer risk rating for onboarding: country, industry, PEP status and product give a score (0–100) and a tier; each factor is listed.',
  input: z.object({
    customer: z.string().min(2),
    country: z.string().length(2),
    industry: z.string().default('general'),
    pep: z.boolean().default(false),
    product: z.enum(['deposit', 'loan', 'trade_finance', 'fx', 'private_banking']).default('deposit'),
  }),
  output: RatingSchema,
  async execute(input, ctx) {
    const reasons: string[] = [];
    let score = 10;
    if (HIGH_RISK_COUNTRIES.includes(input.country.toUpperCase())) (score += 40), reasons.push(`country ${input.country.toUpperCase()} is high risk (+40)`);
    if (HIGH_RISK_INDUSTRIES.includes(input.industry)) (score += 25), reasons.push(`industry ${input.industry} is high risk (+25)`);
    if (input.pep) (score += 20), reasons.push('politically exposed person (+20)');
    if (input.product === 'private_banking' || input.product === 'trade_finance') (score += 10), reasons.push(`product ${input.product} (+10)`);
    score = Math.min(100, score);
    const tier = score >= 60 ? 'high' : score >= 35 ? 'medium' : 'low';
    const rating = { customer: input.customer, score, tier, reasons } as const;
    await ctx.stores.kv.put('kyc.rating', ctx.thread, { ...rating, by: ctx.user.id, at: ctx.now().toISOString() }, ctx.now());
    return rating;
  },
});

const SCREEN = /^\s*(?:screen|check|筛查|查一下)\s*[:：]?\s*(.+?)\s*$/i;
const RATE = /^\s*(?:rate|评级)\s*[:：]?\s*(.+)$/i;

/** "rate ACME Ltd, country XX, industry crypto, pep, product fx" → rate_customer arguments. */
export function parseRating(text: string): Record<string, unknown> {
  const parts = text.split(/[,，]/).map((p) => p.trim()).filter(Boolean);
  const [customer, ...rest] = parts;
  if (!customer) throw new UserInputError('rate: name the customer first, e.g. "rate ACME Ltd, country XX, industry crypto"');
  const args: Record<string, unknown> = { customer, country: '' };
  for (const p of rest) {
    const m = /^(country|国家|industry|行业|product|产品)\s*[:：]?\s*(.+)$/i.exec(p);
    if (m) {
      const key = { country: 'country', 国家: 'country', industry: 'industry', 行业: 'industry', product: 'product', 产品: 'product' }[m[1]!.toLowerCase()] ?? m[1]!;
      args[key] = key === 'country' ? m[2]!.toUpperCase() : m[2]!.toLowerCase();
    } else if (/^(pep|政要)$/i.test(p)) args.pep = true;
  }
  return args;
}

export function kycPlanner(input: PlannerInput): PlannerDecision {
  const zh = input.lang === 'zh';
  const results = turnResults(input);
  if (results.length === 0) {
    const screen = SCREEN.exec(input.userText);
    if (screen && input.tools.includes('screen_name')) return { type: 'tools', calls: [{ name: 'screen_name', args: { name: screen[1] } }] };
    const rate = RATE.exec(input.userText);
    if (rate && input.tools.includes('rate_customer')) {
      const args = parseRating(rate[1]!);
      if (!args.country) return { type: 'reply', text: zh ? '请给出国家代码，例如“评级 某公司, 国家 CN, 行业 trade”。' : 'Give the country code, e.g. "rate ACME Ltd, country CN, industry trade".' };
      return { type: 'tools', calls: [{ name: 'rate_customer', args }] };
    }
    return { type: 'reply', text: zh ? '可以筛查名称（“筛查 张三”）或给客户评级（“评级 某公司, 国家 CN, 行业 trade, pep”）。' : 'I can screen a name ("screen Jane Doe") or rate a customer ("rate ACME Ltd, country CN, industry trade, pep").' };
  }
  const last = results.at(-1)!;
  if (!last.ok) return { type: 'reply', text: `${zh ? '无法完成' : 'Could not do it'}: ${last.error ?? ''}` };
  if (last.name === 'screen_name') {
    const r = last.result as { name: string; hit: boolean; matches: Array<z.infer<typeof MatchSchema>> };
    if (!r.matches.length) return { type: 'reply', text: zh ? `${r.name}：未命中任何名单。` : `${r.name}: no match on any list.` };
    const list = r.matches.map((m) => `${m.listed} (${m.list}, ${m.score.toFixed(2)}: ${m.reason})`).join('; ');
    return { type: 'reply', text: zh ? `${r.name}：${r.hit ? '命中，须升级审查' : '疑似命中，请人工复核'}——${list}` : `${r.name}: ${r.hit ? 'HIT — escalate' : 'possible match — review'} — ${list}` };
  }
  const r = last.result as z.infer<typeof RatingSchema>;
  return { type: 'reply', text: zh ? `${r.customer}：风险评分 ${r.score}，等级 ${r.tier}（${r.reasons.join('；') || '无加分项'}）。` : `${r.customer}: risk score ${r.score}, tier ${r.tier} (${r.reasons.join('; ') || 'no risk factors'}).` };
}

export const KycStateSchema = z.object({ screening: z.unknown().nullable(), rating: z.unknown().nullable() });

export const kycAgent = defineAgent({
  name: 'kyc',
  title: 'KYC screening and risk rating (example)',
  description: 'Screens names against sanctions/PEP/adverse-media lists and rates onboarding customers. An example of a plug-in assistant.',
  roles: ['kyc_analyst', 'compliance'],
  defaultUser: 'k.ma',
  systemPrompt: {
    zh: '你是银行开户 KYC 助手：用 screen_name 筛查名称，用 rate_customer 评级；只报告工具结果。',
    en: 'You are the bank\'s KYC onboarding assistant: screen names with screen_name, rate customers with rate_customer; report tool results only.',
  },
  tools: [screenNameTool, { ...rateCustomerTool, roles: ['kyc_analyst'] }],
  planner: kycPlanner,
  state: async (ctx: StateContext) => ({
    screening: await ctx.stores.kv.get('kyc.screening', ctx.thread),
    rating: await ctx.stores.kv.get('kyc.rating', ctx.thread),
  }),
  stateSchema: KycStateSchema,
});

export default kycAgent;
