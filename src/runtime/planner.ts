/**
 * The offline engine's contract. Each assistant ships a planner: a pure, deterministic function
 * from the conversation so far to the next step (tool calls or a final reply). The offline chat
 * model wraps it, so the same agent loop, tools, audit and entitlements run with or without an LLM.
 */

export type Lang = 'zh' | 'en';

export interface PlannedToolCall {
  name: string;
  args: Record<string, unknown>;
}

export type PlannerDecision =
  | { type: 'tools'; calls: PlannedToolCall[] }
  | { type: 'reply'; text: string };

export type TranscriptEntry =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: Array<{ id: string; name: string; args: Record<string, unknown> }> }
  | {
      role: 'tool';
      name: string;
      toolCallId: string;
      ok: boolean;
      /** Parsed JSON result when ok. */
      result?: unknown;
      /** Error / refusal message when not ok. */
      error?: string;
      /** When not ok: the rule that refused (`ToolRefusal.check`, or `input` for bad input) and its figures. */
      refusal?: ToolRefusalInfo;
    };

/** The structured side of a tool error, carried beside the text so planners can word it in any language. */
export interface ToolRefusalInfo {
  check: string | null;
  data: Record<string, unknown>;
}

export interface PlannerInput {
  /** The whole thread, oldest first, including the current turn. */
  transcript: TranscriptEntry[];
  /** The current turn: from the latest user message (inclusive) to now. */
  turn: TranscriptEntry[];
  /** The latest user message. */
  userText: string;
  /** Names of the tools this user may call (already filtered by role). */
  tools: string[];
  /** Language of the latest user message (zh when it contains CJK characters). */
  lang: Lang;
}

export type Planner = (input: PlannerInput) => PlannerDecision;

/** Tool results of the current turn, by tool name, latest last. Planners use it to decide the next step. */
export function turnResults(input: PlannerInput): Array<Extract<TranscriptEntry, { role: 'tool' }>> {
  return input.turn.filter((e): e is Extract<TranscriptEntry, { role: 'tool' }> => e.role === 'tool');
}

export function detectLang(text: string): Lang {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}
