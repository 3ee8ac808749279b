import { BaseChatModel, type BaseChatModelParams, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { createHash } from 'node:crypto';
import { detectLang, type Planner, type PlannerInput } from './planner.js';
import { currentTurn, toTranscript } from './transcript.js';

function boundToolName(tool: BindToolsInput): string | undefined {
  if (typeof tool !== 'object' || tool === null) return undefined;
  const t = tool as { name?: unknown; function?: { name?: unknown } };
  if (typeof t.name === 'string') return t.name;
  if (t.function && typeof t.function.name === 'string') return t.function.name;
  return undefined;
}

export interface OfflineChatModelFields extends BaseChatModelParams {
  planner: Planner;
  agent: string;
  tools?: string[];
}

/**
 * The offline engine: a deterministic LangChain chat model that asks the assistant's planner for the
 * next step. Tool-call ids are derived from the transcript, so a replay produces byte-identical output.
 */
export class OfflineChatModel extends BaseChatModel {
  readonly planner: Planner;
  readonly agent: string;
  readonly tools: string[];

  constructor(fields: OfflineChatModelFields) {
    super(fields);
    this.planner = fields.planner;
    this.agent = fields.agent;
    this.tools = fields.tools ?? [];
  }

  _llmType(): string {
    return 'finagent-offline';
  }

  override bindTools(tools: BindToolsInput[]): OfflineChatModel {
    const names = tools.map(boundToolName).filter((n): n is string => n !== undefined);
    return new OfflineChatModel({ planner: this.planner, agent: this.agent, tools: names });
  }

  /** Exposed for tests and benchmarks: the planner input the model would build. */
  plannerInput(messages: BaseMessage[]): PlannerInput {
    const transcript = toTranscript(messages);
    const turn = currentTurn(transcript);
    const first = turn[0];
    const userText = first?.role === 'user' ? first.text : '';
    return { transcript, turn, userText, tools: this.tools, lang: detectLang(userText) };
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    // A network model call gives the event loop back; the planner is synchronous, and a turn of
    // promise callbacks over synchronous SQLite would otherwise hold the loop from its first step to
    // its last — in a server, no request read and no stream flushed meanwhile. Yield once per call.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const input = this.plannerInput(messages);
    const decision = this.planner(input);
    const digest = createHash('sha1').update(`${this.agent}|${input.transcript.length}|${input.userText}`).digest('hex').slice(0, 12);
    const message =
      decision.type === 'reply'
        ? new AIMessage({ content: decision.text, id: `offline-${digest}` })
        : new AIMessage({
            content: '',
            id: `offline-${digest}`,
            tool_calls: decision.calls.map((c, i) => ({ id: `call_${digest}_${i}`, name: c.name, args: c.args, type: 'tool_call' as const })),
          });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}
