/**
 * Storage behind small interfaces: SQLite (embedded default) and PostgreSQL are two implementations
 * of the same repositories, not two code paths. Every method is async so that one tool body runs
 * on either engine; a state change that must be atomic runs in `Storage.transaction`.
 *
 * Concurrency contract (both engines, proven by tests):
 * - `RfqRepository.applyEvent` is a compare-and-set on the status: two racing calls cannot both move
 *   an RFQ; the loser gets a `ToolRefusal('rfq_state')` naming the real status.
 * - `TicketRepository.insert` yields at most one ticket per RFQ (unique `rfq_id`).
 * - `IdempotencyRepository` keys are unique: the same tool call retried returns the first result.
 * - `AuditRepository.append` keeps the hash chain linear with many writers.
 * - `Storage.transaction` retries the whole unit of work on a serialisation conflict or a unique-key
 *   race (the retry then sees the winner's row), so callers write straight-line code.
 *
 * Every instant passed in or returned as a string is an ISO instant in `Date.toISOString()` form
 * (`2025-12-26T02:00:00.000Z`): both engines return exactly that form.
 */
import type { AuditOutbox } from './audit-outbox.js';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { Driver } from './postgres/driver.js';
import type { ListTicketsOptions, NewTicket, Ticket } from '../dealing/booking/ticket.js';
import type { NewRfq, Rfq, RfqEventLogEntry, RfqPatch } from '../dealing/rfq/model.js';
import type { RfqEvent, RfqStatus } from '../dealing/rfq/state-machine.js';
import type { AuditEntry, AuditRecord } from '../runtime/audit-chain.js';

export type StorageEngine = 'sqlite' | 'postgres';

export interface RfqRepository {
  /** Creates an RFQ in REQUESTED (id `RFQ-<Shanghai date>-<global seq>`) and records the `create` event. */
  create(input: NewRfq, at: Date, actor: string): Promise<Rfq>;
  /** The RFQ, or a `ToolRefusal('rfq_not_found')`. */
  get(id: string): Promise<Rfq>;
  find(id: string): Promise<Rfq | null>;
  /** The thread's most recent RFQ (any status): the thread's context lives here, not in the model. */
  latestForThread(thread: string): Promise<Rfq | null>;
  latestWithStatus(thread: string, status: RfqStatus): Promise<Rfq | null>;
  lastClientForThread(thread: string): Promise<string | null>;
  /** Compare-and-set transition (legal per the state machine), with its event row. */
  applyEvent(rfq: Rfq, event: RfqEvent, at: Date, actor: string, patch?: RfqPatch, detail?: Record<string, unknown>): Promise<Rfq>;
  eventLog(rfqId: string): Promise<RfqEventLogEntry[]>;
}

export interface TicketPage {
  tickets: Array<Ticket & { cursor: number }>;
  /** The last cursor returned (or the one given when nothing is new): pass it as `since` next time. */
  cursor: number;
}

export interface TicketRepository {
  /** Inserts the RFQ's ticket; a second insert for the same RFQ returns the first ticket. */
  insert(t: NewTicket, at: Date): Promise<Ticket>;
  get(tradeId: string): Promise<Ticket>;
  byRfq(rfqId: string): Promise<Ticket | null>;
  /** Live (booked or pending) tickets of one trade date: intraday usage for credit and limits. */
  liveOn(tradeDate: string): Promise<Ticket[]>;
  list(opts?: ListTicketsOptions): Promise<Ticket[]>;
  /** Tickets after a cursor (blotter sequence), oldest first: exports resume without duplicates. */
  since(cursor: number, limit?: number): Promise<TicketPage>;
}

export interface IdempotencyRepository {
  /** The stored result for this key, or undefined; a key used by another tool is an error. */
  recall(key: string, tool: string): Promise<unknown>;
  remember(key: string, tool: string, result: unknown, at: Date): Promise<void>;
}

export interface AuditHead {
  id: number;
  hash: string;
}

export interface AuditRepository {
  /** Appends one record after the current head (linear chain, even with many writers). */
  append(entry: AuditEntry): Promise<AuditRecord>;
  head(): Promise<AuditHead | null>;
  /** Records in id order from `fromId` (inclusive), in pages: verification streams the whole chain. */
  range(fromId: number, limit: number): Promise<AuditRecord[]>;
  byThread(thread: string): Promise<AuditRecord[]>;
  count(): Promise<number>;
}

export interface ThreadInfo {
  id: string;
  agent: string;
  /** The user who started the thread: only they may continue it. */
  owner: string;
  createdAt: string;
  updatedAt: string;
  metadata: Record<string, unknown>;
}

export interface ThreadSearch {
  /** Only threads owned by one of these users (undefined = any owner: callers check the caller's rights). */
  owners?: string[];
  agent?: string;
  /** Every key/value must equal the thread's metadata value. */
  metadata?: Record<string, unknown>;
  limit?: number;
  offset?: number;
}

export interface ThreadRepository {
  /** Creates the thread, or returns the existing one unchanged (the caller checks agent and owner). */
  create(info: Omit<ThreadInfo, 'updatedAt'>): Promise<{ thread: ThreadInfo; created: boolean }>;
  get(id: string): Promise<ThreadInfo | null>;
  touch(id: string, at: Date): Promise<void>;
  search(q: ThreadSearch): Promise<ThreadInfo[]>;
}

export interface TokenRecord {
  id: string;
  userId: string;
  /** SHA-256 of the token (hex): the token itself is shown once and never stored. */
  hash: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface TokenRepository {
  create(rec: Omit<TokenRecord, 'revokedAt'>): Promise<TokenRecord>;
  findByHash(hash: string): Promise<TokenRecord | null>;
  list(userId?: string): Promise<TokenRecord[]>;
  /** True when a live token was revoked now; false when unknown or already revoked. */
  revoke(id: string, at: Date): Promise<boolean>;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'superseded';

/**
 * A desk head's approval of one firm quote, bound to its exact economics: the hash covers
 * instrument, side, size, level(s), client and quote version. Anything else changes the hash and
 * needs a new approval; the approval lapses with the quote.
 */
export interface ApprovalRecord {
  id: string;
  rfqId: string;
  thread: string;
  /** The trader who asked for the quote (never the approver). */
  requestedBy: string;
  desk: string | null;
  economics: Record<string, unknown>;
  economicsHash: string;
  quoteVersion: number;
  status: ApprovalStatus;
  requestedAt: string;
  /** A pending approval lapses at this instant; an approved one with its firm quote's validity. */
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface ApprovalFilter {
  status?: ApprovalStatus;
  desk?: string;
  rfqId?: string;
  limit?: number;
}

export interface ApprovalRepository {
  create(rec: Omit<ApprovalRecord, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'reason'>): Promise<ApprovalRecord>;
  get(id: string): Promise<ApprovalRecord | null>;
  latestForRfq(rfqId: string): Promise<ApprovalRecord | null>;
  list(filter?: ApprovalFilter): Promise<ApprovalRecord[]>;
  /** Compare-and-set from `pending`; null when it was not pending any more (decided, expired…). */
  decide(id: string, to: Exclude<ApprovalStatus, 'pending'>, by: string | null, at: Date, reason: string | null): Promise<ApprovalRecord | null>;
}

/** Small JSON documents per namespace (analyst sessions, plug-in assistants' own state). */
export interface KeyValueRepository {
  get<T = unknown>(namespace: string, key: string): Promise<T | null>;
  put(namespace: string, key: string, value: unknown, at: Date): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
}

/** The repositories of one connection or transaction. */
export interface Stores {
  rfqs: RfqRepository;
  tickets: TicketRepository;
  idempotency: IdempotencyRepository;
  audit: AuditRepository;
  threads: ThreadRepository;
  tokens: TokenRepository;
  approvals: ApprovalRepository;
  kv: KeyValueRepository;
}

export interface TransactionOptions {
  /** Attempts on a serialisation conflict or unique-key race before giving up (default 5). */
  attempts?: number;
}

export interface Storage {
  readonly engine: StorageEngine;
  /** Where the data lives, for messages (`/home/x/.finagent/finagent.db`, `postgres://host/db`; no password). */
  readonly location: string;
  /** Autocommit repositories: each call is its own unit of work. */
  readonly stores: Stores;
  /**
   * Runs `fn` as one atomic unit of work. Nested calls join the outer transaction. On a conflict the
   * whole function is re-run (it must not have side effects outside the stores it is given).
   */
  transaction<T>(fn: (tx: Stores) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** The LangGraph checkpointer that keeps conversation threads in the same database. */
  checkpointer(): BaseCheckpointSaver;
  /** Applies pending schema migrations (versioned; safe when several processes start together). */
  migrate(): Promise<{ applied: string[]; current: number }>;
  close(): Promise<void>;
  /** PostgreSQL only: the connection pool and schema, on which the knowledge stores keep their tables. */
  readonly pg?: PgAccess;
  /**
   * Optional: where turns hold audit records until their next commit, when the engine's checkpointer
   * commits them with the thread's checkpoint (SQLite). Without one, the runtime holds them itself.
   */
  readonly auditOutbox?: AuditOutbox;
}

/** How the knowledge store reaches the app's PostgreSQL database (same pool, schema and migrations). */
export interface PgAccess {
  driver: Driver;
  schema: string;
}
