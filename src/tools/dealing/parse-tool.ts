/** `parse_dealer_message`: the deterministic chat parser as a tool (the eval harness calls it by name). */
import { z } from 'zod';
import { parseDealerMessage } from '../../dealing/parser/parse.js';
import { ParseResultSchema } from '../../dealing/parser/schema.js';
import { shanghaiDate } from '../../dealing/rfq/model.js';
import { defineTool } from '../../runtime/tool.js';
import { dealingEnv } from './context.js';

export const parseDealerMessageTool = defineTool({
  name: 'parse_dealer_message',
  description:
    'Reads one dealer chat line (Chinese or English shorthand) into { action, side, instrument, notional, currency, level, levelType, settle, firm, missing, unparsed, client, unsupported, relative }; actions request | question | counter | amend | accept | confirm | refresh | cancel | pass | none. Sides are the client\'s (requester\'s) view.',
  input: z.object({ text: z.string().min(1).max(2000) }),
  output: ParseResultSchema,
  execute(input, ctx) {
    const env = dealingEnv(ctx);
    return parseDealerMessage(input.text, env.catalog, { tradeDate: shanghaiDate(ctx.now()) });
  },
});

export const findInstrumentTool = defineTool({
  name: 'find_instrument',
  description: 'Looks a bond up by code, short name or alias and lists the closest matches from the bond master.',
  input: z.object({ query: z.string().min(1).max(100), limit: z.number().int().min(1).max(10).default(3) }),
  output: z.object({
    query: z.string(),
    found: z.boolean(),
    matches: z.array(z.object({ code: z.string(), name: z.string(), issuer: z.string(), maturityDate: z.string() })),
  }),
  execute(input, ctx) {
    const bonds = dealingEnv(ctx).market.bonds;
    const exact = bonds.find(input.query);
    const list = exact ? [exact] : bonds.closestMatches(input.query, input.limit);
    return {
      query: input.query,
      found: exact !== undefined,
      matches: list.map((b) => ({ code: b.code, name: b.shortName, issuer: b.issuer, maturityDate: b.maturityDate })),
    };
  },
});
