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
import { orgLevelsOf } from '../identity/orgPath.ts';
import { readCheckpoints, type Checkpoint } from './checkpoints.ts';

export type { AuditEntry, AuditRow } from './chain.ts';
export { entryHash } from './chain.ts';

/** Appends entries to the chain inside the caller's transaction; returns their seq numbers. */
export async function appendAudit(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql', entries: AuditEntry[]): Promise<number[]> {
  return writeChained(trx, dialect, entries.map(toUnchained));
}

/** Result of walking the chain. */
export interface VerifyResult { ok: boolean; entries: number; brokenAt?: number; reason?: string; checkpoints?: number }

/** Options of a verification: signed checkpoints kept outside the database, to detect a cut tail. */
export interface VerifyOptions { pageSize?: number; checkpoints?: Checkpoint[] }

const levelsMatch = (r: AuditRow) => {
  const want = r.org_path ? orgLevelsOf(r.org_path) : { org_l1: null, org_l2: null, org_l3: null, org_l4: null };
  return (['org_l1', 'org_l2', 'org_l3', 'org_l4'] as const).every((k) => (r[k] ?? null) === want[k]);
};

/**
 * Seals staged entries, then recomputes the whole chain in pages; reports the first broken entry.
 * Each signed checkpoint (seq, hash) must still be in the chain: a log cut back to an earlier entry,
 * with its head row moved to match, passes the walk but not the checkpoints.
 */
export async function verifyAudit(knex: Knex, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const pageSize = opts.pageSize ?? 2000;
  await sealAudit(knex);
  const marks = new Map((opts.checkpoints ?? []).map((c) => [c.seq, c.hash]));
  let prev = '0'.repeat(64);
  let expectSeq = 1;
  let version = 1;
  for (;;) {
    const rows = (await knex('audit_log').where('seq', '>=', expectSeq).orderBy('seq').limit(pageSize)) as AuditRow[];
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) return { ok: false, entries: expectSeq - 1, brokenAt: expectSeq, reason: 'missing entry' };
      if (r.prev_hash !== prev) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'previous hash mismatch' };
      const v = Number(r.chain_version ?? 1);
      // a downgrade would take the org levels out of the hash
      if (v < version) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'chain version downgraded' };
      version = v;
      if (entryHash(prev, r) !== r.hash) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'entry altered' };
      if (v < 2 && !levelsMatch(r)) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'org levels altered' };
      const mark = marks.get(seq);
      if (mark !== undefined && mark !== r.hash) return { ok: false, entries: seq - 1, brokenAt: seq, reason: 'checkpoint mismatch' };
      prev = r.hash;
      expectSeq += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = (await knex('audit_head').where({ id: 1 }).first()) as { seq: number | string; hash: string };
  if (Number(head.seq) !== expectSeq - 1 || head.hash !== prev) return { ok: false, entries: expectSeq - 1, brokenAt: expectSeq, reason: 'chain truncated' };
  const beyond = [...marks.keys()].filter((s) => s >= expectSeq).sort((a, b) => a - b)[0];
  if (beyond !== undefined) return { ok: false, entries: expectSeq - 1, brokenAt: expectSeq, reason: `chain truncated: a signed checkpoint names entry ${beyond}` };
  return { ok: true, entries: expectSeq - 1, checkpoints: marks.size };
}

/** Verifies the chain against the signed checkpoints of `file`; an unsigned or altered checkpoint line fails it too. */
export async function verifyAuditWithCheckpoints(knex: Knex, key: Buffer, file: string): Promise<VerifyResult> {
  const { valid, invalid } = readCheckpoints(file, key);
  const r = await verifyAudit(knex, { checkpoints: valid });
  if (r.ok && invalid) return { ...r, ok: false, reason: `${invalid} checkpoint line(s) with a bad signature in ${file}` };
  return r;
}
