/**
 * The audit hash chain: each entry's hash covers the previous hash and the entry's canonical JSON.
 * `writeChained` appends entries after the chain head, holding the head row's lock (MySQL) so
 * every writer of the chain — the inline path and the sealer — forms one sequence.
 *
 * Chain version 2 (issue 7.6) also hashes the org levels (`org_l1`…`org_l4`) that decide who may
 * read an entry, and the version itself. Entries written by version 1 keep their hashes; for them
 * `verifyAudit` checks that the levels are the ones their (hashed) org path implies.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { compileWrite, type Write } from '../store/compileWrite.ts';
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
export interface AuditRow {
  seq: number; at: number; actor_id: string | null; actor_roles: string | null; org_path: string | null; action: string; case_id: string | null; detail: string; prev_hash: string; hash: string;
  org_l1?: string | null; org_l2?: string | null; org_l3?: string | null; org_l4?: string | null; chain_version?: number;
}

/** The chain version new entries are written with. */
export const CHAIN_VERSION = 2;

/** An entry in row form, before it has a place in the chain. */
export type UnchainedRow = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical((v as Record<string, unknown>)[k])).join(',') + '}';
  }
  return JSON.stringify(v ?? null);
}

/** The hash of an entry given its predecessor's hash (by the entry's chain version). */
export function entryHash(prev: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const body: Record<string, unknown> = { seq: Number(row.seq), at: Number(row.at), actor_id: row.actor_id, actor_roles: row.actor_roles, org_path: row.org_path, action: row.action, case_id: row.case_id, detail: row.detail };
  if (Number(row.chain_version ?? 1) >= 2) {
    Object.assign(body, { chain_version: Number(row.chain_version), org_l1: row.org_l1 ?? null, org_l2: row.org_l2 ?? null, org_l3: row.org_l3 ?? null, org_l4: row.org_l4 ?? null });
  }
  return createHash('sha256').update(prev + '\n' + canonical(body)).digest('hex');
}

/** An entry as a row (detail as JSON text, roles comma-joined). */
export function toUnchained(e: AuditEntry): UnchainedRow {
  return { at: e.at, actor_id: e.actorId ?? null, actor_roles: e.actorRoles?.join(',') ?? null, org_path: e.orgPath ?? null, action: e.action, case_id: e.caseId ?? null, detail: JSON.stringify(e.detail) };
}

/** The chain head: last seq and hash. */
export interface ChainHead { seq: number | string; hash: string }

/** Reads the head; on MySQL with a locking read, so chain writers queue on it. */
export async function lockHead(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql'): Promise<ChainHead> {
  const q = trx('audit_head').where({ id: 1 }).first('seq', 'hash');
  return (await (dialect === 'mysql' ? q.forUpdate() : q)) as ChainHead;
}

/** The writes appending `entries` after `head`: the chained rows (in chunks) and the new head. */
export function chainWrites(head: ChainHead, entries: UnchainedRow[]): Write[] {
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows: Record<string, unknown>[] = [];
  for (const e of entries) {
    seq += 1;
    const levels = e.org_path ? orgLevelsOf(e.org_path) : { org_l1: null, org_l2: null, org_l3: null, org_l4: null };
    const base = { ...e, seq, at: Number(e.at), ...levels, chain_version: CHAIN_VERSION };
    const hash = entryHash(prev, base);
    rows.push({ ...base, prev_hash: prev, hash });
    prev = hash;
  }
  // Chunks keep each statement under the placeholder limits (SQLite 32766, packets on MySQL).
  const out: Write[] = [];
  for (let i = 0; i < rows.length; i += 200) out.push({ insert: 'audit_log', rows: rows.slice(i, i + 200) });
  out.push({ update: 'audit_head', where: { id: 1 }, set: { seq, hash: prev } });
  return out;
}

/**
 * Appends rows after the head (read here, or `locked` already) inside the caller's transaction;
 * returns their seq numbers. On MySQL the head is read with a locking read, so concurrent chain
 * writers queue here.
 */
export async function writeChained(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql', entries: UnchainedRow[], locked?: ChainHead): Promise<number[]> {
  if (!entries.length) return [];
  const head = locked ?? await lockHead(trx, dialect);
  for (const w of chainWrites(head, entries)) { const n = compileWrite(w, dialect); await trx.raw(n.sql, n.bindings as Knex.RawBinding[]); }
  return entries.map((_, i) => Number(head.seq) + i + 1);
}
