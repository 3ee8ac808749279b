import type { AuditRepository } from '../storage/types.js';
import { verifyChain, type AuditEntry, type AuditRecord, type StoredAuditRow, type VerifyResult } from './audit-chain.js';

export { AuditKindSchema, AuditRecordSchema, canonicalJson, type AuditEntry, type AuditKind, type AuditRecord, type VerifyResult } from './audit-chain.js';

const PAGE = 2000;

/** Records in id order, page by page, from `fromId` on: verification never loads the whole trail. */
export async function* auditPages(repo: AuditRepository, fromId = 1): AsyncGenerator<StoredAuditRow[]> {
  let next = fromId;
  for (;;) {
    const page = await repo.range(next, PAGE);
    if (page.length === 0) return;
    yield page;
    next = page.at(-1)!.id + 1;
    if (page.length < PAGE) return;
  }
}

/**
 * The append-only, hash-chained audit trail over whichever engine stores it: every user message,
 * model output, tool call and result, refusal, approval and access decision.
 */
export class AuditLog {
  constructor(private readonly repo: AuditRepository) {}

  append(entry: AuditEntry): Promise<AuditRecord> {
    return this.repo.append(entry);
  }

  verify(): Promise<VerifyResult> {
    return verifyChain(auditPages(this.repo));
  }

  byThread(thread: string): Promise<AuditRecord[]> {
    return this.repo.byThread(thread);
  }

  head() {
    return this.repo.head();
  }

  pages(fromId = 1): AsyncGenerator<StoredAuditRow[]> {
    return auditPages(this.repo, fromId);
  }
}
