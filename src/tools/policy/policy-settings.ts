import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';
import { dataPath } from '../../runtime/paths.js';

/** The `policy` config section as the policy tools read it. */
export const PolicySettingsSchema = z.object({
  /** Knowledge store the assistant searches. */
  store: z.string().min(1).default('policies'),
  /** Folder ingested into the store when the store does not exist yet. */
  corpus: z.string().min(1).optional(),
  /** Articles retrieved per question; the answer step re-ranks them (calibrated with 20). */
  k: z.number().int().min(1).max(50).default(20),
  /** Evidence threshold override (0–1), see src/policy/evidence.ts. */
  threshold: z.number().min(0).max(1).optional(),
});
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;

export function readPolicySettings(settings: Record<string, unknown>): PolicySettings & { corpus: string } {
  const p = PolicySettingsSchema.safeParse(settings);
  if (!p.success) {
    const issue = p.error.issues[0];
    throw new UserInputError(`policy settings: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...p.data, corpus: p.data.corpus ?? dataPath('policies') };
}
