import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ToolRefusalInfo, TranscriptEntry } from './planner.js';

function textOf(message: BaseMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  return content
    .map((part) => (typeof part === 'string' ? part : 'text' in part && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** Tool message content is the JSON of the tool's result; errors carry status "error". */
function parseToolContent(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function refusalOf(artifact: unknown): { refusal?: ToolRefusalInfo } {
  if (typeof artifact !== 'object' || artifact === null) return {};
  const { check, data } = artifact as { check?: unknown; data?: unknown };
  return {
    refusal: {
      check: typeof check === 'string' ? check : null,
      data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {},
    },
  };
}

/** LangChain messages → the planner's transcript (system messages are the model's business, not the planner's). */
export function toTranscript(messages: BaseMessage[]): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  for (const m of messages) {
    if (HumanMessage.isInstance(m)) out.push({ role: 'user', text: textOf(m) });
    else if (AIMessage.isInstance(m)) {
      out.push({
        role: 'assistant',
        text: textOf(m),
        toolCalls: (m.tool_calls ?? []).map((c) => ({ id: c.id ?? '', name: c.name, args: c.args as Record<string, unknown> })),
      });
    } else if (ToolMessage.isInstance(m)) {
      const text = textOf(m);
      const ok = m.status !== 'error';
      out.push({
        role: 'tool',
        name: m.name ?? '',
        toolCallId: m.tool_call_id,
        ok,
        ...(ok ? { result: parseToolContent(text) } : { error: text.replace(/^Error:\s*/, ''), ...refusalOf(m.artifact) }),
      });
    }
  }
  return out;
}

/** The current turn: from the latest user message (inclusive) to the end. */
export function currentTurn(transcript: TranscriptEntry[]): TranscriptEntry[] {
  for (let i = transcript.length - 1; i >= 0; i--) {
    if (transcript[i]?.role === 'user') return transcript.slice(i);
  }
  return transcript;
}
