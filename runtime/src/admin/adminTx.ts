/**
 * What every admin service function works in: the caller's transaction, the acting admin and the
 * time. The functions check scope and input, write, and append their audit entry to the hash chain
 * inside that transaction, so a change and its audit record commit together or not at all.
 */
import type { Knex } from 'knex';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';

/** The transaction, the acting admin and the time of one admin operation. */
export interface AdminTx {
  trx: Knex.Transaction;
  dialect: 'sqlite' | 'mysql';
  actor: UserRecord;
  now: number;
}

/** Appends one `admin.*` audit entry (no personal data values: ids, codes and field names only). */
export async function auditAdmin(tx: AdminTx, action: `admin.${string}`, orgPath: string, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(tx.trx, tx.dialect, [{ at: tx.now, actorId: tx.actor.id, actorRoles: tx.actor.roles.map((r) => r.role), orgPath, action, detail }]);
}
