/**
 * The append-only, hash-chained audit log (chain rules in ./chain.ts). Two ways in:
 *  - `appendAudit` chains entries inline, in the caller's transaction (reveals, reviews: rare, and
 *    callers need the entry's seq at once);
 *  - commands stage entries in `audit_pending` inside their own transaction and a sealer chains
 *    them in batches (./auditStaging.ts), so no command holds the chain head through its commit.
 * Entries never hold personal data values, only field names.
 */
import type { Knex } from 'knex';
import { toUnchained, writeChained, entryHash, type AuditEntry, type AuditRow } from './chain.ts';
import { sealAudit } from './auditStaging.ts';

export type { AuditEntry, AuditRow } from './chain.ts';
export { entryHash } from './chain.ts';

/** Appends entries to the chain inside the caller's transaction; returns their seq numbers. */
export async function appendAudit(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql', entries: AuditEntry[]): Promise<number[]> {
  return writeChained(trx, dialect, entries.map(toUnchained));
}

/** Result of walking the chain. */
export interface VerifyResult { ok: boolean; entries: number; brokenAt?: number; reason?: string }

/** Seals staged entries, then recomputes the whole chain in pages; reports the first broken entry. */
export async function verifyAudit(knex: Knex, pageSize = 2000): Promise<VerifyResult> {
  await sealAudit(knex);
  let prev = '0'.repeat(64);
  let expectSeq = 1;
  for (;;) {
    const rows = (await knex('audit_log').where('seq', '>=', expectSeq).orderBy('seq').limit(pageSize)) as AuditRow[];
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) return { ok: false, entries: expectSeq - 1, brokenAt: expectSeq, reason: 'missing entry' };
      if (r.prev_hash !== prev) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'previous hash mismatch' };
      if (entryHash(prev, r) !== r.hash) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'entry altered' };
      prev = r.hash;
      expectSeq += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = (await knex('audit_head').where({ id: 1 }).first()) as { seq: number | string; hash: string };
  if (Number(head.seq) !== expectSeq - 1 || head.hash !== prev) return { ok: false, entries: expectSeq - 1, brokenAt: expectSeq, reason: 'chain truncated' };
  return { ok: true, entries: expectSeq - 1 };
}
