/**
 * The append-only, hash-chained audit log. Each entry's hash covers the previous hash and the
 * entry's canonical JSON; the chain head row is locked while appending so concurrent commands
 * on MySQL still form one chain. Entries never hold personal data values, only field names.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { orgLevelsOf } from '../identity/orgPath.ts';

/** One audit entry to append. */
export interface AuditEntry {
  at: number;
  actorId?: string;
  actorRoles?: string[];
  orgPath?: string;
  action: string;
  caseId?: string;
  detail: Record<string, unknown>;
}

/** A stored audit entry. */
export interface AuditRow { seq: number; at: number; actor_id: string | null; actor_roles: string | null; org_path: string | null; action: string; case_id: string | null; detail: string; prev_hash: string; hash: string }

function canonical(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical((v as Record<string, unknown>)[k])).join(',') + '}';
  }
  return JSON.stringify(v ?? null);
}

/** The hash of an entry given its predecessor's hash. */
export function entryHash(prev: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const body = { seq: Number(row.seq), at: Number(row.at), actor_id: row.actor_id, actor_roles: row.actor_roles, org_path: row.org_path, action: row.action, case_id: row.case_id, detail: row.detail };
  return createHash('sha256').update(prev + '\n' + canonical(body)).digest('hex');
}

/** Appends entries inside the caller's transaction. */
export async function appendAudit(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql', entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const headQ = trx('audit_head').where({ id: 1 }).first('seq', 'hash');
  const head = (await (dialect === 'mysql' ? headQ.forUpdate() : headQ)) as { seq: number | string; hash: string };
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows: AuditRow[] = [];
  for (const e of entries) {
    seq += 1;
    const base = {
      seq, at: e.at, actor_id: e.actorId ?? null, actor_roles: e.actorRoles?.join(',') ?? null,
      org_path: e.orgPath ?? null, action: e.action, case_id: e.caseId ?? null, detail: JSON.stringify(e.detail),
    };
    const hash = entryHash(prev, base);
    rows.push({ ...base, prev_hash: prev, hash });
    prev = hash;
  }
  await trx('audit_log').insert(rows.map((r) => ({ ...r, ...(r.org_path ? orgLevelsOf(r.org_path) : {}) })));
  await trx('audit_head').where({ id: 1 }).update({ seq, hash: prev });
}

/** Result of walking the chain. */
export interface VerifyResult { ok: boolean; entries: number; brokenAt?: number; reason?: string }

/** Recomputes the whole chain in pages; reports the first broken entry. */
export async function verifyAudit(knex: Knex, pageSize = 2000): Promise<VerifyResult> {
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
