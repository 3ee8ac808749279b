import { loadConfig } from '../runtime/config.js';
import { UserInputError } from '../runtime/errors.js';
import { createChatModel } from '../runtime/providers.js';
import { createJudge, JudgeVerdictSchema, type Judge } from './judge.js';

/**
 * Builds the LLM judge from the configured provider (openai / ollama). Offline has no judge: CI
 * never needs one. Output is constrained with `withStructuredOutput` (JSON schema) and re-validated.
 */
export async function createProviderJudge(provider: string): Promise<Judge> {
  if (provider === 'offline') throw new UserInputError('the LLM judge needs a real provider (openai or ollama), not offline');
  const config = loadConfig({ flags: { provider: provider as 'openai' | 'ollama' } });
  const model = await createChatModel(config, {
    name: 'judge',
    title: 'Judge',
    description: 'eval judge',
    roles: [],
    systemPrompt: { zh: '', en: '' },
    tools: [],
    planner: () => ({ type: 'reply', text: '' }),
  });
  const structured = model.withStructuredOutput(JudgeVerdictSchema, { name: 'verdict' });
  return createJudge(async (prompt) => structured.invoke(prompt));
}
