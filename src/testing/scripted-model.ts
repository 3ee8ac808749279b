import { BaseChatModel, type BaseChatModelParams, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/** One scripted model step: a text reply, or tool calls (the loop then runs them and asks again). */
export type ScriptedStep =
  | { text: string }
  | { toolCalls: Array<{ name: string; args: Record<string, unknown> }> }
  | ((messages: BaseMessage[]) => { text: string } | { toolCalls: Array<{ name: string; args: Record<string, unknown> }> });

/**
 * A chat model that answers from a script, step by step, for users' own tests of assistants with
 * `createRuntime({ model })`. Ids are unique per step (LangGraph merges messages by id). When the
 * script runs out it throws, so a test that expects fewer model calls fails loudly.
 */
export class ScriptedChatModel extends BaseChatModel {
  private step = 0;
  /** The messages each call received (for assertions on what the model saw). */
  readonly calls: BaseMessage[][] = [];
  /** Tool names bound by the agent at each bind (after entitlement filtering). */
  boundTools: string[] = [];

  constructor(private readonly script: ScriptedStep[], fields: BaseChatModelParams = {}) {
    super(fields);
  }

  _llmType(): string {
    return 'finagent-scripted';
  }

  override bindTools(tools: BindToolsInput[]): this {
    this.boundTools = tools.map((t) => (typeof t === 'object' && t !== null && 'name' in t ? String((t as { name: unknown }).name) : '?'));
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages);
    const raw = this.script[this.step];
    if (raw === undefined) throw new Error(`scripted model: no step ${this.step + 1} (script has ${this.script.length})`);
    const n = ++this.step;
    const s = typeof raw === 'function' ? raw(messages) : raw;
    const message =
      'text' in s
        ? new AIMessage({ content: s.text, id: `scripted-${n}` })
        : new AIMessage({ content: '', id: `scripted-${n}`, tool_calls: s.toolCalls.map((c, i) => ({ id: `scripted_call_${n}_${i}`, name: c.name, args: c.args, type: 'tool_call' as const })) });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}
