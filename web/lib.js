// @ts-check
/**
 * The page's pure parts (no DOM): the text/event-stream parser, message normalisation, the server
 * clock estimate and formatting. A separate module so that the tests can run them in Node too.
 */

/**
 * A text/event-stream parser (the WHATWG rules that matter here): lines end in CRLF, LF or CR (a CR
 * at the end of a chunk waits for the next one), `event:` names the event, `data:` lines join with
 * LF, one leading space after the colon is dropped, `:` lines are comments, a blank line dispatches.
 * @param {(event: string, data: string) => void} dispatch
 */
export function sseParser(dispatch) {
  let buffer = '';
  let event = '';
  /** @type {string[]} */
  let data = [];
  /** @param {string} line */
  const onLine = (line) => {
    if (line === '') {
      if (data.length) dispatch(event || 'message', data.join('\n'));
      event = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return {
    /** @param {string} chunk */
    push(chunk) {
      buffer += chunk;
      for (;;) {
        const m = /\r\n|\r|\n/.exec(buffer);
        if (!m) break;
        // A lone CR at the very end may be the first half of a CRLF split across chunks.
        if (m[0] === '\r' && m.index === buffer.length - 1) break;
        onLine(buffer.slice(0, m.index));
        buffer = buffer.slice(m.index + m[0].length);
      }
    },
    /** End of stream: an event not closed by a blank line is dropped, as the standard says. */
    end() {
      if (buffer.endsWith('\r')) onLine(buffer.slice(0, -1));
      buffer = '';
    },
  };
}

/**
 * @typedef {{ type: string, id: string, text: string, toolCalls: string[], name: string, status: string, chunk: boolean }} ChatMessage
 */

/**
 * A message as a server may send it: LangGraph's dict form (`{ type, content, tool_calls }`, or
 * `role` for OpenAI-style input) or LangChain's serialized form (`{ lc, id: [..., 'AIMessage'], kwargs }`).
 * @param {any} m
 * @returns {ChatMessage}
 */
export function normalizeMessage(m) {
  if (!m || typeof m !== 'object') return { type: '', id: '', text: '', toolCalls: [], name: '', status: '', chunk: false };
  let type = String(m.type ?? m.role ?? '');
  let body = m;
  let chunk = false;
  if (m.lc && m.kwargs && Array.isArray(m.id)) {
    body = m.kwargs;
    type = String(m.id[m.id.length - 1] ?? '');
  }
  // A streamed piece: LangChain's class name says so, or (dict form) the chunk-only field is there.
  if (/Chunk$/.test(type) || Array.isArray(body.tool_call_chunks)) chunk = true;
  const cls = /^(AI|Human|Tool|System)Message(Chunk)?$/.exec(type);
  if (cls) type = { AI: 'ai', Human: 'human', Tool: 'tool', System: 'system' }[/** @type {'AI' | 'Human' | 'Tool' | 'System'} */ (cls[1])];
  if (type === 'AIMessageChunk' || type === 'ai_chunk') type = 'ai';
  if (type === 'user') type = 'human';
  if (type === 'assistant') type = 'ai';
  const content = body.content;
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((/** @type {any} */ p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : '')).join('')
        : '';
  const toolCalls = Array.isArray(body.tool_calls) ? body.tool_calls.map((/** @type {any} */ c) => String(c?.name ?? '')).filter(Boolean) : [];
  return { type, id: String(body.id ?? ''), text, toolCalls, name: String(body.name ?? ''), status: String(body.status ?? ''), chunk };
}

/**
 * The server's clock as an interval of offsets from ours: a sample S read between our t0 and t1 says
 * offset ∈ [S − t1, S + width − t0] (width 1000 for the HTTP Date header's whole seconds, 0 for the
 * millisecond X-Server-Time). Intersecting samples narrows it; a sample outside the interval means
 * the server's clock jumped (restart, a pinned clock that does not advance) and starts over. A
 * runtime-clock sample outranks the Date header, which is the machine's clock, not the runtime's.
 */
export function serverClock() {
  let lo = 0;
  let hi = 0;
  /** @type {'runtime' | 'date' | ''} */
  let source = '';
  return {
    /** @param {number} serverMs @param {number} width @param {number} t0 @param {number} t1 @param {'runtime' | 'date'} from */
    observe(serverMs, width, t0, t1, from) {
      if (!Number.isFinite(serverMs)) return;
      if (from === 'date' && source === 'runtime') return;
      const l = serverMs - t1;
      const u = serverMs + width - t0;
      if (source !== from || l > hi || u < lo) {
        lo = l;
        hi = u;
        source = from;
      } else {
        lo = Math.max(lo, l);
        hi = Math.min(hi, u);
      }
    },
    /** Milliseconds to add to our clock to read the server's (0 until a sample arrives). */
    offset() {
      return source ? (lo + hi) / 2 : 0;
    },
    get source() {
      return source;
    },
  };
}

/** `m:ss`, rounded up (a quote with 0.2 s left still shows 0:01). @param {number} ms */
export function formatLeft(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** @param {number} n */
function trimNumber(n) {
  return String(Math.round(n * 10000) / 10000);
}

/**
 * A notional as the desk says it: 1亿 / 5000万 for CNY, 50mm otherwise; in English CNY shows both.
 * @param {unknown} n @param {string} ccy @param {'en' | 'zh'} lang
 */
export function formatSize(n, ccy, lang) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const mm = n >= 1e6 ? `${trimNumber(n / 1e6)}mm` : n.toLocaleString('en-US');
  if (ccy !== 'CNY') return `${mm} ${ccy}`;
  const cn = n >= 1e8 ? `${trimNumber(n / 1e8)}亿` : n >= 1e4 ? `${trimNumber(n / 1e4)}万` : String(n);
  return lang === 'zh' ? `${cn} CNY` : `${mm} CNY (${cn})`;
}

/**
 * The approval id of a quote waiting for a desk head: from the RFQ state when the server adds it,
 * else the tools' `approval_required` note, else the reply text.
 * @param {any} values a turn result or thread state values
 * @returns {string | undefined}
 */
export function approvalIdOf(values) {
  if (!values || typeof values !== 'object') return undefined;
  const fromState = values.state?.rfq?.approvalId ?? values.state?.rfq?.approval?.id;
  if (typeof fromState === 'string') return fromState;
  const calls = Array.isArray(values.toolCalls) ? [...values.toolCalls].reverse() : [];
  for (const c of calls) {
    const notes = Array.isArray(c?.result?.notes) ? c.result.notes : [];
    const note = notes.find((/** @type {any} */ n) => n?.code === 'approval_required' && typeof n?.data?.approvalId === 'string');
    if (note) return note.data.approvalId;
  }
  return typeof values.reply === 'string' ? /APR-\d{8}-\d+/.exec(values.reply)?.[0] : undefined;
}
