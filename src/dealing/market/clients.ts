/** Counterparties with tier and credit line (data/market/clients.json). */
import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';
import { DatedFileHeader } from './schema-helpers.js';

export const ClientTierSchema = z.enum(['T1', 'T2', 'T3']);
export type ClientTier = z.infer<typeof ClientTierSchema>;

export const ClientSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    nameEn: z.string().optional(),
    aliases: z.array(z.string()).default([]),
    tier: ClientTierSchema,
    /** Currency the client reports in (credit is always measured in CNY equivalent). */
    currency: z.enum(['CNY', 'USD']),
    /** CNY notional-equivalent credit line and what is already used. */
    creditLine: z.number().nonnegative(),
    creditUsed: z.number().nonnegative(),
    active: z.boolean().default(true),
  })
  .refine((c) => c.creditUsed <= c.creditLine * 1.5, { message: 'creditUsed is implausibly above creditLine', path: ['creditUsed'] });
export type Client = z.infer<typeof ClientSchema>;

export const ClientsFileSchema = z
  .object({ ...DatedFileHeader, clients: z.array(ClientSchema).min(1) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.clients.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['clients', i, 'id'], message: `duplicate client id ${c.id}` });
      seen.add(c.id);
    });
  });
export type ClientsFile = z.infer<typeof ClientsFileSchema>;

export class ClientBook {
  private readonly byKey = new Map<string, Client>();
  constructor(readonly clients: readonly Client[]) {
    for (const c of clients) for (const k of [c.id, c.name, c.nameEn, ...c.aliases]) if (k) this.byKey.set(k.toLowerCase(), c);
  }
  /** By id, name, English name or alias (case-insensitive). */
  find(ref: string): Client | undefined {
    return this.byKey.get(ref.trim().toLowerCase());
  }
  require(ref: string): Client {
    const c = this.find(ref);
    if (!c) throw new UserInputError(`unknown client "${ref}"; known: ${this.clients.map((x) => x.id).join(', ')}`);
    return c;
  }
}
