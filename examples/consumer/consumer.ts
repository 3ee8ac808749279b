/**
 * A consumer project's view of finagent: only the package's public exports, compiled with
 * `moduleResolution: nodenext`. scripts/check-package.sh installs the packed tarball into a fresh
 * folder, type-checks this file strictly and runs it.
 */
import { z } from 'zod';
import { createRuntime, defineAgent, defineTool, harnessIdentity, turnResults, type TurnResult } from 'finagent';
import { parser } from 'finagent/dealing';
import { ScriptedChatModel } from 'finagent/testing';

const echo = defineTool({
  name: 'echo_upper',
  description: 'Upper-cases a text.',
  input: z.object({ text: z.string() }),
  output: z.object({ upper: z.string() }),
  execute: ({ text }) => ({ upper: text.toUpperCase() }),
});

const shout = defineAgent({
  name: 'shout',
  title: 'Shout',
  description: 'Echoes in capitals (consumer check).',
  roles: ['staff'],
  defaultUser: 's.chen',
  systemPrompt: { zh: '大写回显。', en: 'Echo in capitals.' },
  tools: [echo],
  planner: (input) => {
    const done = turnResults(input).at(-1);
    if (!done) return { type: 'tools', calls: [{ name: 'echo_upper', args: { text: input.userText } }] };
    return { type: 'reply', text: (done.result as { upper: string }).upper };
  },
});

const home = process.argv[2] ?? '.finagent-consumer';
const rt = await createRuntime({ home, agents: [shout], config: { provider: 'offline' }, now: () => new Date('2025-12-26T02:00:00Z') });
const me = harnessIdentity(await rt.user('s.chen'));
const result: TurnResult = await rt.runTurn({ agent: 'shout', message: 'hello desk', thread: 'c1', user: me });
const upper: string = result.reply;
await rt.close();

const parsed = parser.parseDealerMessage('5年国开 2.15 出 1E +0', parser.makeCatalog([]));
const model = new ScriptedChatModel([{ text: 'scripted' }]);
process.stdout.write(`${JSON.stringify({ reply: upper, toolCalls: result.toolCalls.length, side: parsed.side, model: model._llmType() })}\n`);
