// @ts-check
/**
 * finagent web chat: a hand-written ES module, no framework, no build step. Talks to the server's
 * LangGraph-style API with the user's token; streams replies with fetch (EventSource cannot send an
 * Authorization header) and parses text/event-stream itself. All server text goes in with
 * textContent, never as HTML.
 */

import { approvalIdOf, formatLeft, formatSize as sizeText, normalizeMessage, serverClock, sseParser } from './lib.js';

const TOKEN_KEY = 'finagent.token';
const LANG_KEY = 'finagent.lang';
const ASSISTANT_KEY = 'finagent.assistant';
const THREAD_KEY = 'finagent.thread';
/** How often the trader's card re-reads a quote that waits for a desk head, and the queue refreshes. */
const PENDING_POLL_MS = 3000;
const QUEUE_POLL_MS = 5000;
/** Roles that see the approval queue when the server does not say (`canApprove` in GET /me); it decides who may approve. */
const APPROVER_ROLES = ['desk_head'];

// ---------------------------------------------------------------- text

const TEXT = {
  en: {
    signIn: 'Sign in',
    tokenLabel: 'API token',
    tokenHelp: 'Issued with “finagent token create”. Kept only in this tab (sessionStorage).',
    signInButton: 'Sign in',
    logout: 'Log out',
    assistants: 'Assistants',
    threads: 'Threads',
    newThread: 'New thread',
    noThreads: 'No threads yet: send a message to start one.',
    pickAssistant: 'Pick an assistant to start.',
    messageLabel: 'Message',
    messagePlaceholder: 'Type a message (Enter sends, Shift+Enter for a new line)',
    send: 'Send',
    rfqTitle: 'Quote',
    rfqId: 'RFQ',
    status: 'Status',
    instrument: 'Instrument',
    client: 'Client',
    side: 'Client side',
    size: 'Size',
    bidOffer: 'Bid / Offer',
    quoteKind: 'Firm / indicative',
    settle: 'Settle',
    timeLeft: 'Time left',
    refresh: 'Refresh',
    approvals: 'Approval queue',
    noApprovals: 'Nothing waiting.',
    approve: 'Approve',
    reject: 'Reject',
    reason: 'Reason (optional)',
    firm: 'Firm',
    indicative: 'Indicative',
    pending: (/** @type {string} */ id) => `Awaiting desk-head approval${id ? ` ${id}` : ''}`,
    pendingNote: 'Indicative until a desk head approves; this card updates by itself.',
    expired: 'expired',
    noTtl: '—',
    requestedBy: (/** @type {string} */ who) => `requested by ${who}`,
    expiresIn: (/** @type {string} */ t) => `expires in ${t}`,
    thinking: 'Working…',
    calling: (/** @type {string} */ names) => `Working… ${names}`,
    badToken: 'This token was not accepted. Check it, or ask for a new one.',
    signedOut: 'Signed out.',
    sessionEnded: (/** @type {string} */ msg) => `Signed out: ${msg}`,
    rateLimited: (/** @type {string} */ s) => `Too many requests: retry in ${s} s.`,
    decided: (/** @type {string} */ id, /** @type {string} */ d) => `${id}: ${d === 'approve' ? 'approved' : 'rejected'}.`,
    you: 'You',
    assistant: 'Assistant',
    readOnly: 'read only',
    streamFailed: 'The reply stopped early.',
  },
  zh: {
    signIn: '登录',
    tokenLabel: 'API 令牌',
    tokenHelp: '由“finagent token create”签发，仅保存在本标签页（sessionStorage）。',
    signInButton: '登录',
    logout: '退出',
    assistants: '助手',
    threads: '会话',
    newThread: '新会话',
    noThreads: '暂无会话：发送消息即可开始。',
    pickAssistant: '请选择一个助手。',
    messageLabel: '消息',
    messagePlaceholder: '输入消息（Enter 发送，Shift+Enter 换行）',
    send: '发送',
    rfqTitle: '报价',
    rfqId: '询价编号',
    status: '状态',
    instrument: '券种',
    client: '客户',
    side: '客户方向',
    size: '量',
    bidOffer: 'Bid / Ofr',
    quoteKind: '实盘 / 意向',
    settle: '结算日',
    timeLeft: '剩余时间',
    refresh: '刷新',
    approvals: '审批队列',
    noApprovals: '暂无待审批。',
    approve: '批准',
    reject: '拒绝',
    reason: '理由（可选）',
    firm: '实盘',
    indicative: '意向',
    pending: (/** @type {string} */ id) => `待交易主管审批${id ? ` ${id}` : ''}`,
    pendingNote: '审批前仅为意向价；审批后本卡片自动更新。',
    expired: '已过期',
    noTtl: '—',
    requestedBy: (/** @type {string} */ who) => `申请人 ${who}`,
    expiresIn: (/** @type {string} */ t) => `${t} 后过期`,
    thinking: '处理中…',
    calling: (/** @type {string} */ names) => `处理中… ${names}`,
    badToken: '令牌无效，请检查或重新申请。',
    signedOut: '已退出。',
    sessionEnded: (/** @type {string} */ msg) => `已退出：${msg}`,
    rateLimited: (/** @type {string} */ s) => `请求过于频繁，请 ${s} 秒后重试。`,
    decided: (/** @type {string} */ id, /** @type {string} */ d) => `${id}：${d === 'approve' ? '已批准' : '已拒绝'}。`,
    you: '我',
    assistant: '助手',
    readOnly: '只读',
    streamFailed: '回复中断。',
  },
};

/** @type {Record<string, {en: string, zh: string}>} */
const STATUS = {
  REQUESTED: { en: 'requested', zh: '已询价' },
  QUOTED: { en: 'quoted', zh: '已报价' },
  COUNTERED: { en: 'countered', zh: '还价中' },
  ACCEPTED: { en: 'accepted', zh: '已接受' },
  PENDING_APPROVAL: { en: 'pending approval', zh: '待审批' },
  DONE: { en: 'done', zh: '已成交' },
  EXPIRED: { en: 'expired', zh: '已过期' },
  REJECTED: { en: 'rejected', zh: '已拒绝' },
  CANCELLED: { en: 'cancelled', zh: '已撤销' },
  NOTHING_DONE: { en: 'nothing done', zh: '未成交' },
};
/** Side from the client's view, as the RFQ records it. */
const SIDES = {
  buy: { en: 'client buys', zh: '客户买入' },
  sell: { en: 'client sells', zh: '客户卖出' },
  borrow: { en: 'client borrows', zh: '客户融入' },
  lend: { en: 'client lends', zh: '客户融出' },
};
const LEVEL_TYPES = {
  yield: { en: 'yield %', zh: '收益率 %' },
  price: { en: 'clean price', zh: '净价' },
  rate: { en: 'rate %', zh: '利率 %' },
  fx: { en: 'FX rate', zh: '汇率' },
  points: { en: 'points', zh: '点' },
};
const ROLES = {
  trader: { en: 'trader', zh: '交易员' },
  desk_head: { en: 'desk head', zh: '交易主管' },
};

/** @type {'en' | 'zh'} */
let lang = pickLang();

function pickLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** @param {keyof typeof TEXT.en} key */
function t(key) {
  const v = TEXT[lang][key];
  return typeof v === 'string' ? v : String(key);
}
/** @template {keyof typeof TEXT.en} K @param {K} key @returns {typeof TEXT.en[K]} */
function tf(key) {
  return /** @type {typeof TEXT.en[K]} */ (TEXT[lang][key]);
}
/** @param {Record<string, {en: string, zh: string}>} table @param {string | null | undefined} key */
function label(table, key) {
  if (!key) return '—';
  return table[key]?.[lang] ?? key;
}

// ---------------------------------------------------------------- DOM helpers

/** @param {string} id */
function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}
/** @param {string} id */
const input = (id) => /** @type {HTMLInputElement} */ ($(id));
/** @param {string} id */
const button = (id) => /** @type {HTMLButtonElement} */ ($(id));

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {(Node | string | null | undefined)[]} [children]
 */
function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

function applyLabels() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {keyof typeof TEXT.en} */ (el.getAttribute('data-i18n'));
    el.textContent = t(key);
  }
  input('message').placeholder = t('messagePlaceholder');
}

/** @param {string} text @param {'error' | 'info'} [kind] */
function notify(text, kind = 'error') {
  const n = $('notice');
  n.textContent = text;
  n.className = `notice ${kind}`;
  n.hidden = !text;
}

// ---------------------------------------------------------------- server clock

/**
 * Quotes are valid until an instant of the *runtime's* clock, which may be pinned and far from the
 * browser's: countdowns read the server's clock estimate (lib.js serverClock), never ours alone.
 */
const clock = serverClock();

/** @param {Response} res @param {number} t0 @param {number} t1 */
function observeResponse(res, t0, t1) {
  const exact = res.headers.get('x-server-time');
  if (exact) clock.observe(Date.parse(exact), 0, t0, t1, 'runtime');
  else {
    const date = res.headers.get('date');
    if (date) clock.observe(Date.parse(date), 1000, t0, t1, 'date');
  }
}

/** `HEAD /` carries the runtime's clock (X-Server-Time) and needs no token. */
async function syncClock() {
  try {
    const t0 = Date.now();
    const res = await fetch('/', { method: 'HEAD', cache: 'no-store' });
    observeResponse(res, t0, Date.now());
  } catch {
    /* keep the last estimate */
  }
}

function serverNow() {
  return Date.now() + clock.offset();
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {string | null} retryAfter */
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** @param {Response} res @param {unknown} body */
function apiError(res, body) {
  const e = body && typeof body === 'object' && 'error' in body ? /** @type {{error: {code?: string, message?: string} | string}} */ (body).error : null;
  const code = typeof e === 'object' && e ? e.code ?? `http_${res.status}` : `http_${res.status}`;
  const message = typeof e === 'object' && e ? e.message ?? res.statusText : typeof e === 'string' ? e : res.statusText;
  return new ApiError(res.status, code, message || `HTTP ${res.status}`, res.headers.get('retry-after'));
}

/** @param {string} [token] */
function authHeaders(token = state.token) {
  return { Authorization: `Bearer ${token}` };
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [token]
 * @returns {Promise<any>}
 */
async function api(method, path, body, token) {
  const t0 = Date.now();
  const res = await fetch(path, {
    method,
    cache: 'no-store',
    headers: { ...authHeaders(token), Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  observeResponse(res, t0, Date.now());
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw apiError(res, data);
  return data;
}

/** Shows an API failure; a 401 ends the session (expired or revoked token). @param {unknown} e */
function fail(e) {
  if (e instanceof ApiError) {
    if (e.status === 401) return signOut(tf('sessionEnded')(e.message));
    if (e.status === 429) return notify(tf('rateLimited')(e.retryAfter ?? '60'));
    return notify(`${e.code}: ${e.message}`);
  }
  if (e instanceof DOMException && e.name === 'AbortError') return;
  notify(e instanceof Error ? e.message : String(e));
}

// ---------------------------------------------------------------- state

const state = {
  token: sessionStorage.getItem(TOKEN_KEY) ?? '',
  /** @type {{ id: string, name: string, role: string, desk?: string | null } | null} */
  user: null,
  /** @type {any[]} */
  assistants: [],
  /** @type {any | null} */
  assistant: null,
  /** @type {any[]} */
  threads: [],
  /** @type {string | null} */
  thread: null,
  /** @type {any | null} */
  rfq: null,
  /** @type {string | null} */
  approvalId: null,
  /** @type {AbortController | null} */
  streaming: null,
  /** @type {number | undefined} */
  pendingTimer: undefined,
  /** @type {number | undefined} */
  queueTimer: undefined,
  /** @type {any[]} */
  approvals: [],
};

// ---------------------------------------------------------------- session

/** @param {string} token */
async function signIn(token) {
  const me = await api('GET', '/me', undefined, token);
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  state.user = me.user ?? me;
  notify('');
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').hidden = false;
  $('logout').hidden = false;
  renderWho();
  // Before any countdown is drawn: until then the browser's own clock is all we would have.
  await syncClock();
  await loadAssistants();
  if (me.canApprove ?? APPROVER_ROLES.includes(state.user?.role ?? '')) startQueue();
  else $('approvals').hidden = true;
}

/** @param {string} [message] */
function signOut(message) {
  state.streaming?.abort();
  clearInterval(state.pendingTimer);
  clearInterval(state.queueTimer);
  for (const key of [TOKEN_KEY, ASSISTANT_KEY, THREAD_KEY]) sessionStorage.removeItem(key);
  Object.assign(state, { token: '', user: null, assistants: [], assistant: null, threads: [], thread: null, rfq: null, approvalId: null, streaming: null, approvals: [] });
  $('app').hidden = true;
  $('who').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('messages').replaceChildren();
  $('approval-list').replaceChildren();
  renderRfq();
  notify(message ?? t('signedOut'), message ? 'error' : 'info');
  input('token').focus();
}

function renderWho() {
  const u = state.user;
  if (!u) return;
  $('who-name').textContent = u.name ?? u.id;
  $('who-role').textContent = `${label(ROLES, u.role)}${u.desk ? ` · ${u.desk}` : ''}`;
}

// ---------------------------------------------------------------- assistants and threads

async function loadAssistants() {
  const list = await api('POST', '/assistants/search', {});
  state.assistants = Array.isArray(list) ? list : list?.assistants ?? [];
  renderAssistants();
  const saved = sessionStorage.getItem(ASSISTANT_KEY);
  const pick = state.assistants.find((a) => a.assistant_id === saved) ?? (state.assistants.length === 1 ? state.assistants[0] : null);
  if (pick) await selectAssistant(pick);
  else {
    $('chat-title').textContent = t('pickAssistant');
    /** @type {HTMLElement | null} */ (document.querySelector('#assistants button'))?.focus();
  }
}

/** @param {any} a */
function assistantTitle(a) {
  return a?.metadata?.title ?? a?.name ?? a?.graph_id ?? '';
}

function renderAssistants() {
  const ul = $('assistants');
  ul.replaceChildren(
    ...state.assistants.map((a) => {
      const b = h('button', { type: 'button', class: 'item', 'data-assistant': String(a.graph_id ?? a.name ?? ''), 'aria-pressed': String(a === state.assistant) }, [
        h('span', { class: 'item-title' }, [assistantTitle(a)]),
        a.metadata?.description ? h('span', { class: 'item-sub' }, [String(a.metadata.description)]) : null,
      ]);
      b.addEventListener('click', () => void selectAssistant(a).catch(fail));
      return h('li', {}, [b]);
    }),
  );
}

/** @param {any} a */
async function selectAssistant(a) {
  state.assistant = a;
  sessionStorage.setItem(ASSISTANT_KEY, a.assistant_id);
  renderAssistants();
  button('new-thread').disabled = false;
  const saved = sessionStorage.getItem(THREAD_KEY);
  openThread(null);
  await loadThreads();
  // After a reload, back to the thread that was open (its messages and card from the server).
  if (saved && state.threads.some((th) => String(th.thread_id) === saved)) {
    openThread(saved);
    await loadThreadState();
  }
  input('message').focus();
}

/** Which assistant a thread belongs to, from what the server recorded with it. @param {any} th */
function threadAssistant(th) {
  const m = th?.metadata ?? {};
  return m.assistant_id ?? m.graph_id ?? th?.assistant_id ?? th?.graph_id ?? null;
}

async function loadThreads() {
  const a = state.assistant;
  if (!a) return;
  const list = await api('POST', '/threads/search', { limit: 50, metadata: { assistant_id: a.assistant_id } });
  const all = Array.isArray(list) ? list : list?.threads ?? [];
  state.threads = all.filter((/** @type {any} */ th) => {
    const owner = threadAssistant(th);
    return owner === null || owner === a.assistant_id || owner === a.graph_id;
  });
  renderThreads();
}

/** @param {any} th */
function threadLabel(th) {
  const first = (th.values?.messages ?? []).map(normalizeMessage).find((/** @type {import('./lib.js').ChatMessage} */ m) => m.type === 'human');
  const title = th.metadata?.title ?? first?.text ?? `#${String(th.thread_id).slice(0, 8)}`;
  return String(title).slice(0, 60);
}

function renderThreads() {
  const ul = $('threads');
  if (!state.threads.length) {
    ul.replaceChildren(h('li', { class: 'help' }, [t('noThreads')]));
    return;
  }
  ul.replaceChildren(
    ...state.threads.map((th) => {
      const when = th.updated_at ?? th.created_at;
      const owner = th.metadata?.owner ?? th.metadata?.user_id ?? null;
      const foreign = owner && state.user && owner !== state.user.id;
      const b = h('button', { type: 'button', class: 'item', 'data-thread': String(th.thread_id), 'aria-pressed': String(th.thread_id === state.thread) }, [
        h('span', { class: 'item-title' }, [threadLabel(th)]),
        h('span', { class: 'item-sub' }, [
          when ? new Date(when).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '',
          foreign ? ` · ${owner} (${t('readOnly')})` : '',
        ]),
      ]);
      b.addEventListener('click', () => {
        openThread(String(th.thread_id));
        void loadThreadState().catch(fail);
      });
      return h('li', {}, [b]);
    }),
  );
}

/** @param {string} [title] the first message, when the thread starts with one */
async function newThread(title) {
  const a = state.assistant;
  if (!a) return null;
  const metadata = { assistant_id: a.assistant_id, graph_id: a.graph_id, ...(title ? { title: title.slice(0, 60) } : {}) };
  const th = await api('POST', '/threads', { metadata });
  th.metadata = { ...metadata, ...(th.metadata ?? {}) };
  state.threads.unshift(th);
  openThread(String(th.thread_id));
  renderThreads();
  return state.thread;
}

/** Switches the chat to a thread (null: none yet) and clears what belonged to the previous one. @param {string | null} id */
function openThread(id) {
  state.streaming?.abort();
  state.thread = id;
  if (id) sessionStorage.setItem(THREAD_KEY, id);
  else sessionStorage.removeItem(THREAD_KEY);
  state.rfq = null;
  state.approvalId = null;
  $('messages').replaceChildren();
  setProgress('');
  renderRfq();
  for (const b of document.querySelectorAll('#threads [data-thread]')) b.setAttribute('aria-pressed', String(b.getAttribute('data-thread') === id));
  $('chat-title').textContent = assistantTitle(state.assistant);
  input('message').disabled = !state.assistant;
  button('send').disabled = !state.assistant;
}

/** Re-reads the thread's conversation and state (`GET /threads/{id}/state`). */
async function loadThreadState({ messages = true } = {}) {
  const id = state.thread;
  if (!id) return;
  const snapshot = await api('GET', `/threads/${encodeURIComponent(id)}/state`);
  if (state.thread !== id) return;
  const values = snapshot?.values ?? {};
  if (messages) {
    const list = $('messages');
    list.replaceChildren();
    for (const m of (values.messages ?? []).map(normalizeMessage)) {
      if (m.type === 'human') addBubble('user', m.text);
      else if (m.type === 'ai' && m.text && !m.toolCalls.length) addBubble('assistant', m.text);
    }
  }
  applyResult(values);
  void syncClock();
}

// ---------------------------------------------------------------- chat

/** @param {'user' | 'assistant'} who @param {string} text */
function addBubble(who, text) {
  const body = h('div', { class: 'text' }, [text]);
  const li = h('li', { class: `bubble ${who}` }, [h('span', { class: 'sr-only' }, [`${who === 'user' ? t('you') : t('assistant')}: `]), body]);
  $('messages').append(li);
  li.scrollIntoView({ block: 'end' });
  return { li, body };
}

/** @param {string} text */
function setProgress(text) {
  const p = $('progress');
  p.textContent = text;
  p.hidden = !text;
}

/** A turn's result (final `values` event or thread state): the RFQ card and the approval id. @param {any} values */
function applyResult(values) {
  if (!values || typeof values !== 'object') return;
  if ('state' in values) {
    const rfq = values.state && typeof values.state === 'object' ? values.state.rfq ?? null : null;
    if (rfq?.id !== state.rfq?.id) state.approvalId = null;
    state.rfq = rfq;
  }
  state.approvalId = approvalIdOf(values) ?? state.approvalId;
  renderRfq();
}

/** @param {SubmitEvent} ev */
async function onSend(ev) {
  ev.preventDefault();
  const box = input('message');
  const text = box.value.trim();
  if (!text || state.streaming || !state.assistant) return;
  notify('');
  try {
    const thread = state.thread ?? (await newThread(text));
    if (!thread) return;
    box.value = '';
    addBubble('user', text);
    await runStream(thread, text);
  } catch (e) {
    fail(e);
  } finally {
    box.focus();
  }
}

/**
 * Streams one turn: `POST /threads/{id}/runs/stream`, read as text/event-stream. `messages` events
 * show progress (tool names, streamed text); `values` events carry the conversation so far and, at
 * the end, the turn's reply and state (the RFQ card).
 * @param {string} thread @param {string} text
 */
async function runStream(thread, text) {
  const assistant = state.assistant;
  const ctrl = new AbortController();
  state.streaming = ctrl;
  button('send').disabled = true;
  const { li, body } = addBubble('assistant', '');
  li.classList.add('streaming');
  li.setAttribute('aria-busy', 'true');
  setProgress(t('thinking'));
  /** @type {string[]} */
  const tools = [];
  /** Streamed text per message id (chunks append, partial/complete events replace). */
  const texts = new Map();
  let final = false;
  let failed = '';
  const showText = (/** @type {string} */ s) => {
    body.textContent = s;
    li.scrollIntoView({ block: 'end' });
  };
  const noteTool = (/** @type {string} */ name) => {
    if (name && tools[tools.length - 1] !== name) tools.push(name);
    setProgress(tf('calling')(tools.join(' → ')));
  };
  /** @param {any} raw @param {string} event */
  const onMessage = (raw, event) => {
    const m = normalizeMessage(raw);
    if (m.type === 'tool') return noteTool(`${m.name}${m.status === 'error' ? ' ✗' : ' ✓'}`);
    if (m.type !== 'ai') return;
    for (const name of m.toolCalls) noteTool(name);
    if (!m.text) return;
    // `messages` tuples carry deltas of a streamed message (same id again); `messages/partial`,
    // `messages/complete` and `values` carry the whole text so far.
    const prev = texts.get(m.id);
    const next = event === 'messages' && m.chunk && prev !== undefined ? prev + m.text : m.text;
    texts.set(m.id, next);
    if (!final) showText(next);
  };
  const dispatch = (/** @type {string} */ event, /** @type {string} */ data) => {
    if (event === 'end') return;
    let payload;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    if (event === 'error') {
      const e = payload?.error;
      failed = typeof e === 'object' && e ? `${e.code ?? 'error'}: ${e.message ?? ''}` : `${e ?? 'error'}${payload?.message ? `: ${payload.message}` : ''}`;
      return;
    }
    if (event === 'values') {
      if (typeof payload?.reply === 'string' || 'state' in (payload ?? {})) {
        final = true;
        if (payload.reply) showText(payload.reply);
        applyResult(payload);
        return;
      }
      // Intermediate values: the whole conversation; this turn is what follows the last human message.
      const msgs = Array.isArray(payload?.messages) ? payload.messages : [];
      const lastHuman = msgs.map(normalizeMessage).map((/** @type {import('./lib.js').ChatMessage} */ m) => m.type).lastIndexOf('human');
      for (const raw of msgs.slice(lastHuman + 1)) onMessage(raw, 'values');
      return;
    }
    if (event.startsWith('messages')) {
      // [message, metadata] tuples, or a list of messages (messages/partial, messages/complete).
      const items = Array.isArray(payload) && payload.length === 2 && payload[1] && typeof payload[1] === 'object' && !('content' in payload[1]) && !('kwargs' in payload[1]) ? [payload[0]] : Array.isArray(payload) ? payload : [payload];
      // A batch that holds a human message starts with the thread's history: keep what follows it.
      const lastHuman = items.map(normalizeMessage).map((/** @type {import('./lib.js').ChatMessage} */ m) => m.type).lastIndexOf('human');
      for (const raw of items.slice(lastHuman + 1)) onMessage(raw, event);
    }
  };
  try {
    const t0 = Date.now();
    const res = await fetch(`/threads/${encodeURIComponent(thread)}/runs/stream`, {
      method: 'POST',
      signal: ctrl.signal,
      cache: 'no-store',
      headers: { ...authHeaders(), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ assistant_id: assistant.assistant_id, input: { messages: [{ role: 'user', content: text }] }, stream_mode: ['values', 'messages'] }),
    });
    observeResponse(res, t0, Date.now());
    if (!res.ok || !res.body) {
      const err = await res.json().catch(() => null);
      throw apiError(res, err);
    }
    const parser = sseParser(dispatch);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
    if (failed) throw new ApiError(500, 'stream', failed);
    // No final result in the stream (an older server, or a cut connection): read the thread's state.
    if (!final && state.thread === thread) await loadThreadState({ messages: false });
    if (!body.textContent) showText(final ? '' : t('streamFailed'));
  } catch (e) {
    if (!body.textContent) li.remove();
    throw e;
  } finally {
    li.classList.remove('streaming');
    li.removeAttribute('aria-busy');
    setProgress('');
    if (state.streaming === ctrl) state.streaming = null;
    button('send').disabled = false;
    void syncClock();
    void loadThreads().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- RFQ card

/** @param {unknown} n @param {string} ccy */
const formatSize = (n, ccy) => sizeText(n, ccy, lang);

/** @param {any} ins */
function instrumentLabel(ins) {
  if (!ins) return '—';
  if (ins.name && ins.code) return `${ins.name} (${ins.code})`;
  return ins.name ?? ins.code ?? ([ins.issuer, ins.tenor, ins.kind].filter(Boolean).join(' ') || '—');
}

/** @param {number | null | undefined} x */
const level = (x) => (typeof x === 'number' ? String(x) : '—');

const LIVE = ['QUOTED', 'COUNTERED', 'ACCEPTED'];

function renderRfq() {
  const card = $('rfq');
  const rfq = state.rfq;
  clearInterval(state.pendingTimer);
  state.pendingTimer = undefined;
  if (!rfq) {
    card.hidden = true;
    return;
  }
  const q = rfq.quote;
  const pending = rfq.status === 'PENDING_APPROVAL';
  card.hidden = false;
  card.dataset.status = rfq.status;
  card.dataset.firm = String(Boolean(q?.firm));
  $('rfq-id').textContent = rfq.id;
  $('rfq-status').textContent = `${label(STATUS, rfq.status)} (${rfq.status})`;
  $('rfq-instrument').textContent = instrumentLabel(rfq.instrument);
  $('rfq-client').textContent = rfq.client ?? '—';
  $('rfq-side').textContent = label(SIDES, rfq.side);
  $('rfq-size').textContent = formatSize(rfq.notional, rfq.currency);
  $('rfq-level').textContent = q ? `${level(q.bid)} / ${level(q.offer)} ${label(LEVEL_TYPES, q.levelType)}` : '—';
  const firm = $('rfq-firm');
  firm.textContent = pending ? tf('pending')(state.approvalId ?? '') : q ? (q.firm ? t('firm') : t('indicative')) : '—';
  firm.className = pending ? 'badge pending' : q?.firm ? 'badge firm' : 'badge indicative';
  $('rfq-settle').textContent = rfq.settle ?? '—';
  $('rfq-note').textContent = pending ? t('pendingNote') : rfq.reason ?? '';
  tick();
  // The desk head decides elsewhere: re-read the state until the RFQ leaves PENDING_APPROVAL.
  if (pending) state.pendingTimer = window.setInterval(() => {
    if (!state.streaming) void loadThreadState({ messages: false }).catch(fail);
  }, PENDING_POLL_MS);
}

/** Updates the countdowns (the card's and the queue's) against the server's clock. */
function tick() {
  const now = serverNow();
  const el = $('rfq-countdown');
  const rfq = state.rfq;
  const until = rfq?.quote?.firm && rfq.quote.validUntil && LIVE.includes(rfq.status) ? Date.parse(rfq.quote.validUntil) : NaN;
  if (Number.isFinite(until) && !clock.source) {
    el.textContent = '…';
    delete el.dataset.msLeft;
  } else if (Number.isFinite(until)) {
    const left = until - now;
    el.textContent = left > 0 ? formatLeft(left) : t('expired');
    el.dataset.msLeft = String(Math.max(0, Math.round(left)));
    el.className = left <= 0 ? 'countdown expired' : left < 10_000 ? 'countdown urgent' : 'countdown';
    // Once it has run out, ask the server (which moves the RFQ to EXPIRED on read) — once.
    if (left <= 0 && el.dataset.expiredFor !== rfq.id) {
      el.dataset.expiredFor = rfq.id;
      void loadThreadState({ messages: false }).catch(fail);
    }
  } else {
    el.textContent = rfq?.status === 'EXPIRED' ? t('expired') : t('noTtl');
    el.className = 'countdown';
    delete el.dataset.msLeft;
  }
  for (const li of document.querySelectorAll('#approval-list [data-expires]')) {
    const left = Date.parse(li.getAttribute('data-expires') ?? '') - now;
    const out = li.querySelector('.expires');
    if (out) out.textContent = !clock.source ? '…' : left > 0 ? tf('expiresIn')(formatLeft(left)) : t('expired');
  }
}

// ---------------------------------------------------------------- approvals (desk heads)

function startQueue() {
  $('approvals').hidden = false;
  void loadApprovals().catch(fail);
  clearInterval(state.queueTimer);
  state.queueTimer = window.setInterval(() => {
    if (document.visibilityState === 'visible') void loadApprovals().catch(fail);
  }, QUEUE_POLL_MS);
}

async function loadApprovals() {
  if (!state.token) return;
  let list;
  try {
    list = await api('GET', '/approvals');
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      // Not an approver after all (the server decides): no queue.
      clearInterval(state.queueTimer);
      $('approvals').hidden = true;
      return;
    }
    throw e;
  }
  state.approvals = Array.isArray(list) ? list : list?.approvals ?? [];
  renderApprovals();
}

/** Adds new requests and drops decided ones, leaving the others (and a half-typed reason) alone. */
function renderApprovals() {
  const ul = $('approval-list');
  const ids = new Set(state.approvals.map((a) => String(a.id)));
  for (const li of [...ul.children]) if (!ids.has(li.getAttribute('data-approval-id') ?? '')) li.remove();
  const shown = new Set([...ul.children].map((li) => li.getAttribute('data-approval-id')));
  for (const a of state.approvals) if (!shown.has(String(a.id))) ul.append(approvalItem(a));
  $('approvals-empty').hidden = state.approvals.length > 0;
  tick();
}

/** @param {any} a */
function approvalItem(a) {
  const e = a.economics ?? {};
  const reasonId = `reason-${a.id}`;
  const reason = h('input', { id: reasonId, type: 'text', maxlength: '500', autocomplete: 'off' });
  const approveBtn = h('button', { type: 'button', class: 'approve', 'data-decision': 'approve' }, [t('approve')]);
  const rejectBtn = h('button', { type: 'button', class: 'reject', 'data-decision': 'reject' }, [t('reject')]);
  const li = h('li', { class: 'approval', 'data-approval-id': String(a.id), 'data-expires': String(a.expiresAt ?? '') }, [
    h('div', { class: 'row' }, [h('strong', {}, [String(a.id)]), h('span', { class: 'item-sub' }, [`${a.rfqId ?? e.rfqId ?? ''} · ${tf('requestedBy')(String(a.requestedBy ?? ''))}`])]),
    h('div', {}, [`${instrumentLabel(e.instrument)} · ${label(SIDES, e.side)} · ${formatSize(e.notional, e.currency ?? 'CNY')}`]),
    h('div', {}, [`${t('client')} ${e.client ?? '—'} · ${level(e.bid)} / ${level(e.offer)} ${label(LEVEL_TYPES, e.levelType)}`]),
    h('div', { class: 'expires item-sub' }, ['']),
    h('label', { for: reasonId, class: 'item-sub' }, [t('reason')]),
    reason,
    h('div', { class: 'row buttons' }, [approveBtn, rejectBtn]),
  ]);
  for (const b of [approveBtn, rejectBtn]) {
    b.addEventListener('click', async () => {
      const decision = b.getAttribute('data-decision') === 'reject' ? 'reject' : 'approve';
      approveBtn.setAttribute('disabled', '');
      rejectBtn.setAttribute('disabled', '');
      try {
        const r = await api('POST', `/approvals/${encodeURIComponent(String(a.id))}`, { decision, reason: /** @type {HTMLInputElement} */ (reason).value.trim() || undefined });
        notify(tf('decided')(String(r?.approval?.id ?? a.id), decision), 'info');
        li.remove();
        await loadApprovals();
      } catch (e) {
        approveBtn.removeAttribute('disabled');
        rejectBtn.removeAttribute('disabled');
        fail(e);
        void loadApprovals().catch(() => undefined);
      }
    });
  }
  return li;
}

// ---------------------------------------------------------------- wiring

function init() {
  applyLabels();
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = input('token').value.trim();
    if (!token) return input('token').focus();
    signIn(token)
      .then(() => {
        input('token').value = '';
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) notify(t('badToken'));
        else fail(e);
        input('token').select();
      });
  });
  $('logout').addEventListener('click', () => signOut());
  $('lang-toggle').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, lang);
    applyLabels();
    renderWho();
    renderAssistants();
    renderThreads();
    renderRfq();
    $('approval-list').replaceChildren();
    renderApprovals();
  });
  button('new-thread').addEventListener('click', () => void newThread().then(() => input('message').focus(), fail));
  $('composer').addEventListener('submit', (ev) => void onSend(/** @type {SubmitEvent} */ (ev)));
  input('message').addEventListener('keydown', (ev) => {
    // Enter sends; not while an IME is composing (Chinese input confirms candidates with Enter).
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      /** @type {HTMLFormElement} */ ($('composer')).requestSubmit();
    }
  });
  $('rfq-refresh').addEventListener('click', () => void loadThreadState({ messages: false }).catch(fail));
  $('approvals-refresh').addEventListener('click', () => void loadApprovals().catch(fail));
  window.setInterval(tick, 250);
  if (state.token) {
    signIn(state.token).catch((e) => {
      if (e instanceof ApiError && e.status === 401) signOut(t('badToken'));
      else fail(e);
    });
  } else {
    input('token').focus();
  }
}

init();
