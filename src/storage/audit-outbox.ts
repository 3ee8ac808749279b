import type { AuditEntry } from '../runtime/audit-chain.js';

/**
 * Audit records a turn holds until its next commit: model outputs and tool results, which precede no
 * effect of their own (see `Runtime.turnAuditor`). The next audited act (a tool call, a refusal, an
 * error) takes them into its own transaction, and the end of the turn commits what is left. An engine
 * whose checkpointer shares the audit table's connection (SQLite) drains them into the thread's
 * checkpoint write at the end of the turn, in the same transaction: the turn's conversation and the
 * rest of its audit trail commit together, in one commit.
 *
 * Keyed by thread: records of two turns on one thread keep their order in whichever commit takes them.
 */
export class AuditOutbox {
  private readonly held = new Map<string, AuditEntry[]>();

  hold(thread: string, entry: AuditEntry): void {
    const list = this.held.get(thread);
    if (list) list.push(entry);
    else this.held.set(thread, [entry]);
  }

  /** Everything held for the thread, oldest first; the outbox forgets it. */
  take(thread: string): AuditEntry[] {
    const list = this.held.get(thread);
    if (!list) return [];
    this.held.delete(thread);
    return list;
  }

  /** Puts records back in front after the commit that took them failed (nothing of them was stored). */
  restore(thread: string, entries: AuditEntry[]): void {
    if (entries.length === 0) return;
    this.held.set(thread, [...entries, ...(this.held.get(thread) ?? [])]);
  }
}
