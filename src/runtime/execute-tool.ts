import { ZodError } from 'zod';
import { describeZodError } from '../util/json-file.js';
import { FinagentError, type ToolRefusal, type UserInputError } from './errors.js';
import type { ToolRefusalInfo } from './planner.js';
import type { AnyTool, ToolContext } from './tool.js';

export type ToolOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: string; kind: 'refusal' | 'bad_args' | 'failure'; refusal?: ToolRefusalInfo };

/**
 * The check code and figures behind a refusal or bad-input error, when the thrower gave them. Read
 * by error code, not `instanceof`: an assistant module may throw from its own copy of finagent.
 */
function refusalInfo(e: FinagentError): ToolRefusalInfo | undefined {
  if (e.code === 'refused') {
    const r = e as ToolRefusal;
    return { check: r.check ?? null, data: r.data ?? {} };
  }
  if (e.code === 'bad_input') return { check: 'input', data: (e as UserInputError).details ?? {} };
  return undefined;
}

const zodMessage = (error: ZodError): string => describeZodError(error);

/**
 * Runs one tool: validates the arguments and the result against the tool's zod schemas and turns
 * every error into a clear outcome (never a stack trace). Shared by the agent loop and `runTool`.
 */
export async function executeTool(tool: AnyTool, args: unknown, ctx: ToolContext): Promise<ToolOutcome> {
  const input = tool.input.safeParse(args);
  if (!input.success) return { ok: false, kind: 'bad_args', error: `invalid arguments for ${tool.name}: ${zodMessage(input.error)}` };
  let raw: unknown;
  try {
    raw = await tool.execute(input.data, ctx);
  } catch (e) {
    if (FinagentError.isInstance(e)) {
      const refusal = refusalInfo(e);
      return { ok: false, kind: e.code === 'refused' || e.code === 'bad_input' ? 'refusal' : 'failure', error: e.message, ...(refusal ? { refusal } : {}) };
    }
    if (e instanceof ZodError) return { ok: false, kind: 'bad_args', error: zodMessage(e) };
    return { ok: false, kind: 'failure', error: `internal error in ${tool.name}: ${(e as Error).message ?? String(e)}` };
  }
  const output = tool.output.safeParse(raw);
  if (!output.success) return { ok: false, kind: 'failure', error: `${tool.name} produced an invalid result: ${zodMessage(output.error)}` };
  return { ok: true, result: output.data };
}
