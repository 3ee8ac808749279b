/**
 * finagent as an MCP server, one per caller and session, shared by `finagent mcp` (stdio) and `/mcp`
 * (Streamable HTTP). What a session offers is decided by the caller's role when it opens:
 *
 * - tools: every tool of every assistant the role may use that the role may call, named
 *   `<assistant>__<tool>`, with the tool's zod input (and output) schema as JSON Schema. Every call
 *   goes through `Runtime.runTool` — entitlements, approvals, audit and idempotency as in a chat turn —
 *   on one thread per assistant and session (`mcp-<session>-<assistant>`), so a quote and its accept
 *   in one session meet the same RFQ;
 * - resources: the policy store's articles (`finagent://policy/{doc}/{article}`), when the role may use
 *   the policy assistant;
 * - prompts: one per assistant the role may use: its system prompt plus the user's question.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { admits, type AgentSpec } from '../../runtime/agent-spec.js';
import { FinagentError } from '../../runtime/errors.js';
import type { Identity } from '../../runtime/identity.js';
import { packageRoot } from '../../runtime/paths.js';
import { detectLang, type Lang } from '../../runtime/planner.js';
import type { Runtime } from '../../runtime/runtime.js';
import { toolAllowed, type AnyTool } from '../../runtime/tool.js';
import { articleMarkdown, listPolicyArticles, policyArticleUri, readPolicyArticle } from '../policy-articles.js';

/** Between the assistant and the tool in an MCP tool name. Assistant names have no `_`, so the first `__` splits. */
export const MCP_TOOL_SEPARATOR = '__';

/** JSON-RPC error code for "resource not found" (MCP specification). */
const RESOURCE_NOT_FOUND = -32002;

export function mcpToolName(agent: string, tool: string): string {
  return `${agent}${MCP_TOOL_SEPARATOR}${tool}`;
}

export function parseMcpToolName(name: string): { agent: string; tool: string } | null {
  const i = name.indexOf(MCP_TOOL_SEPARATOR);
  if (i <= 0 || i + MCP_TOOL_SEPARATOR.length >= name.length) return null;
  return { agent: name.slice(0, i), tool: name.slice(i + MCP_TOOL_SEPARATOR.length) };
}

/**
 * The finagent thread of an MCP session's calls to one assistant. Chosen by the server, never by the
 * client: `runTool` does not check thread ownership, so a client-named thread could reach someone
 * else's RFQ. The session id is random (HTTP: the `Mcp-Session-Id`; stdio: one per process).
 */
export function mcpThread(session: string, agent: string): string {
  return `mcp-${session}-${agent}`;
}

const SESSION_ID = /^[A-Za-z0-9._-]{8,100}$/;

export interface McpSessionOptions {
  rt: Runtime;
  identity: Identity;
  /** The session's id (see `mcpThread`). */
  session: string;
  /** `stdio` or `http`, stored in the thread's metadata. */
  transport: 'stdio' | 'http';
  /** Wraps each tool call (the HTTP server counts calls in flight for a graceful shutdown). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
}

let cachedVersion: string | undefined;
function finagentVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** A zod schema as JSON Schema draft-07 (what the SDK's own client validates with, through Ajv). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
}

interface ExposedTool {
  name: string;
  spec: AgentSpec;
  tool: AnyTool;
}

/** The tools this identity may call, in assistant then tool order. */
export function exposedTools(rt: Runtime, identity: Identity): ExposedTool[] {
  const role = identity.user.role;
  return rt.agentsFor(identity.user).flatMap((spec) => spec.tools.filter((t) => toolAllowed(t, role)).map((tool) => ({ name: mcpToolName(spec.name, tool.name), spec, tool })));
}

function toolDefinition(t: ExposedTool): Tool {
  const output = jsonSchema(t.tool.output, 'output');
  return {
    name: t.name,
    title: `${t.spec.title} — ${t.tool.name}`,
    description: t.tool.description,
    inputSchema: jsonSchema(t.tool.input, 'input') as Tool['inputSchema'],
    // MCP output schemas must describe an object; structuredContent is then required on success.
    ...(output.type === 'object' ? { outputSchema: output as NonNullable<Tool['outputSchema']> } : {}),
    annotations: { readOnlyHint: !t.tool.sideEffects, openWorldHint: false },
  };
}

function errorResult(message: string, thread: string | null): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true, ...(thread ? { _meta: { 'finagent/thread': thread } } : {}) };
}

function langFor(rt: Runtime, text: string, asked: Lang | undefined): Lang {
  if (asked) return asked;
  return rt.config.lang === 'auto' ? detectLang(text) : rt.config.lang;
}

/** One MCP server for one caller and session. Connect it to a transport (stdio or Streamable HTTP). */
export function createMcpServer(opts: McpSessionOptions): McpServer {
  const { rt, identity, session } = opts;
  if (!SESSION_ID.test(session)) throw new TypeError(`MCP session id "${session}" must be 8–100 letters, digits, . _ -`);
  const track = opts.track ?? (<T>(work: () => Promise<T>) => work());
  const agents = rt.agentsFor(identity.user);
  const tools = exposedTools(rt, identity);
  const server = new McpServer(
    { name: 'finagent', version: finagentVersion(), title: 'finagent — dealing, statement analysis, policy lookup' },
    {
      instructions: [
        `finagent assistants for ${identity.user.id} (${identity.user.role}): ${agents.map((a) => a.name).join(', ') || 'none'}.`,
        'Tools are named <assistant>__<tool> (e.g. policy__search_policies). Calls to one assistant in this session share one finagent thread,',
        'so a dealing quote and its accept belong together; every call is checked against your role and audited.',
        'Policy articles are resources finagent://policy/{doc}/{article}; each assistant is also a prompt.',
      ].join(' '),
    },
  );

  // Thread rows make a session's calls a thread like any other: owned by the caller, listed by
  // searchThreads, readable by the desk head and oversight roles, exportable with `audit export`.
  const opened = new Map<string, Promise<void>>();
  const openThread = (spec: AgentSpec, thread: string): Promise<void> => {
    let p = opened.get(thread);
    if (!p) {
      p = rt.stores.threads
        .create({ id: thread, agent: spec.name, owner: identity.user.id, createdAt: rt.now().toISOString(), metadata: { surface: 'mcp', transport: opts.transport, session } })
        .then(({ thread: info }) => {
          if (info.owner !== identity.user.id || info.agent !== spec.name) throw new FinagentError(`thread "${thread}" belongs to someone else`, 'forbidden');
        });
      p.catch(() => opened.delete(thread));
      opened.set(thread, p);
    }
    return p;
  };

  // Tools are served by finagent's own handlers rather than `registerTool`: the SDK would validate the
  // arguments itself and answer a bad call before finagent sees it; here `runTool` validates once with
  // the tool's schema and audits every call, refused or not, exactly as in a chat turn.
  // (Declaring `tools` in the McpServer options would install the SDK's handlers; declared here instead.)
  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map(toolDefinition) }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const name = request.params.name;
    const parsed = parseMcpToolName(name);
    if (!parsed) return errorResult(`no tool "${name}": finagent tools are named <assistant>${MCP_TOOL_SEPARATOR}<tool>`, null);
    const spec = rt.agentSpecs().find((a) => a.name === parsed.agent);
    if (!spec) return errorResult(`no tool "${name}": there is no assistant "${parsed.agent}"`, null);
    const thread = mcpThread(session, spec.name);
    return track(async () => {
      try {
        // A role the assistant does not admit gets no thread row; runTool refuses and audits the attempt.
        if (admits(spec, identity.user.role)) await openThread(spec, thread);
        const input = request.params.arguments ?? {};
        const record = await rt.runTool({ agent: spec.name, tool: parsed.tool, input, user: identity, thread });
        if (record.error !== undefined) return errorResult(record.error, thread);
        const result = record.result;
        const structured = typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as Record<string, unknown>) : undefined;
        return {
          content: [{ type: 'text', text: JSON.stringify(result) }],
          ...(structured ? { structuredContent: structured } : {}),
          _meta: { 'finagent/thread': thread },
        };
      } catch (e) {
        // Typed errors (role refused, bad input) carry a message meant for the caller; anything else is
        // internal and is not described beyond that.
        if (FinagentError.isInstance(e)) return errorResult(e.message, thread);
        return errorResult(`internal error in ${name}`, thread);
      }
    });
  });

  const policy = agents.find((a) => a.name === 'policy');
  if (policy) {
    server.registerResource(
      'policy-article',
      new ResourceTemplate('finagent://policy/{doc}/{article}', {
        list: async () => ({
          resources: (await listPolicyArticles(rt, policy)).map((a) => ({
            uri: policyArticleUri(a),
            name: a.label,
            title: a.label,
            description: [a.title, a.path, a.effective ? `effective ${a.effective}` : null].filter(Boolean).join(' · '),
            mimeType: 'text/markdown',
          })),
        }),
        complete: {
          doc: async (value) => [...new Set((await listPolicyArticles(rt, policy)).map((a) => a.doc))].filter((d) => d.startsWith(value)),
          article: async (value, context) =>
            (await listPolicyArticles(rt, policy)).filter((a) => (!context?.arguments?.doc || a.doc === context.arguments.doc) && a.article.startsWith(value)).map((a) => a.article),
        },
      }),
      {
        title: 'Policy article',
        description: "One article of the bank's rules, as the policy assistant cites it (《…》第…条 / Rules, Article n).",
        mimeType: 'text/markdown',
      },
      async (uri, variables) => {
        const one = (v: string | string[] | undefined) => decodeURIComponent((Array.isArray(v) ? v[0] : v) ?? '');
        const doc = one(variables.doc);
        const article = one(variables.article);
        const found = await readPolicyArticle(rt, policy, doc, article);
        if (!found) throw new McpError(RESOURCE_NOT_FOUND, `no policy article ${doc}/${article} (list the resources for the articles there are)`, { uri: uri.href });
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: articleMarkdown(found) }] };
      },
    );
  }

  for (const spec of agents) {
    const names = tools.filter((t) => t.spec === spec).map((t) => t.name);
    server.registerPrompt(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        argsSchema: {
          question: z.string().describe('What to ask the assistant'),
          lang: z.enum(['zh', 'en']).optional().describe('Language of the instructions (default: that of the question)'),
        },
      },
      ({ question, lang }) => {
        const l = langFor(rt, question, lang);
        // MCP prompt messages are user or assistant turns only: the system prompt goes first, as the
        // user's instructions, with the names the tools have here.
        const toolNote = names.length
          ? l === 'zh'
            ? `\n\n（在此 MCP 服务中，上述工具名为：${names.join('、')}。）`
            : `\n\n(In this MCP server the tools above are named: ${names.join(', ')}.)`
          : '';
        return {
          description: `${spec.title}: system prompt and question`,
          messages: [
            { role: 'user', content: { type: 'text', text: `${spec.systemPrompt[l]}${toolNote}` } },
            { role: 'user', content: { type: 'text', text: question } },
          ],
        };
      },
    );
  }
  return server;
}
