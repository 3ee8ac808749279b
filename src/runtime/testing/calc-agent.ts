import { z } from 'zod';
import type { AgentSpec } from '../agent-spec.js';
import { ToolRefusal } from '../errors.js';
import { turnResults, type Planner } from '../planner.js';
import { defineTool } from '../tool.js';

/**
 * A small test-only assistant: adds numbers found in the message, and has a privileged tool that
 * only desk heads may use. It exercises the loop (tool call → result → answer), entitlements and
 * the step limit without any domain code.
 */
export const addTool = defineTool({
  name: 'add_numbers',
  description: 'Adds a list of numbers exactly (as decimals with up to 10 places).',
  input: z.object({ numbers: z.array(z.number()).min(1) }),
  output: z.object({ sum: z.number() }),
  execute: ({ numbers }) => ({ sum: Number(numbers.reduce((a, b) => a + b, 0).toFixed(10)) }),
});

export const secretTool = defineTool({
  name: 'reveal_limits',
  description: 'Shows desk limits (desk heads only).',
  input: z.object({}),
  output: z.object({ limit: z.number() }),
  roles: ['desk_head'],
  execute: () => ({ limit: 1_000_000_000 }),
});

export const failingTool = defineTool({
  name: 'always_refuse',
  description: 'Refuses every call (tests refusals).',
  input: z.object({}),
  output: z.object({}),
  execute: () => {
    throw new ToolRefusal('refused: this desk is closed', 'desk_open');
  },
});

/** Numbers in the text: "add 1.5 and 2" → [1.5, 2]. */
function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

export const calcPlanner: Planner = (input) => {
  const results = turnResults(input);
  const text = input.userText.toLowerCase();
  if (text.includes('loop forever')) return { type: 'tools', calls: [{ name: 'add_numbers', args: { numbers: [1] } }] };
  if (text.includes('limits') && results.length === 0) return { type: 'tools', calls: [{ name: 'reveal_limits', args: {} }] };
  if (text.includes('refuse') && results.length === 0) return { type: 'tools', calls: [{ name: 'always_refuse', args: {} }] };
  const last = results.at(-1);
  if (last) {
    if (!last.ok) return { type: 'reply', text: `Could not do it: ${last.error}` };
    return { type: 'reply', text: input.lang === 'zh' ? `结果：${JSON.stringify(last.result)}` : `Result: ${JSON.stringify(last.result)}` };
  }
  const numbers = numbersIn(text);
  if (numbers.length === 0) return { type: 'reply', text: input.lang === 'zh' ? '请给出要相加的数字。' : 'Give me some numbers to add.' };
  return { type: 'tools', calls: [{ name: 'add_numbers', args: { numbers } }] };
};

export const calcAgent: AgentSpec = {
  name: 'calc',
  title: 'Calculator (test assistant)',
  description: 'Test-only assistant that adds numbers; used by the runtime tests and benchmarks.',
  roles: ['trader', 'desk_head', 'credit_reviewer', 'staff', 'admin'],
  systemPrompt: { zh: '你是计算助手。用 add_numbers 工具求和，不要心算。', en: 'You are a calculator. Use the add_numbers tool; never add in your head.' },
  tools: [addTool, secretTool, failingTool],
  planner: calcPlanner,
  state: ({ toolCalls }) => ({ sums: toolCalls.filter((c) => c.name === 'add_numbers' && c.result).map((c) => (c.result as { sum: number }).sum) }),
};
