/**
 * Staged audit entries. A command inserts its entries into `audit_pending` (plain auto-increment
 * rows, no shared row touched) in its own transaction, so they commit or roll back with it. A
 * sealer then moves pending rows into the hash chain in one short transaction per batch: lock the
 * head, read pending, chain, insert, delete, move the head. Before, each command locked the head
 * from its audit write to its commit (fsync included), which serialised all commands on MySQL.
 *
 * Pending rows are unchained for as long as the sealer's delay (~100 ms); `verifyAudit` seals
 * first, so `tongban audit verify` always proves every committed entry.
 */
import type { Knex } from 'knex';
import { dialectOf } from '../store/createDb.ts';
import type { Write } from '../store/compileWrite.ts';
import { lockHead, toUnchained, writeChained, type AuditEntry, type UnchainedRow } from './chain.ts';

/** The insert staging entries inside the caller's (command) transaction; run it or batch it. */
export function stagedAudit(entries: AuditEntry[]): Write {
  return { insert: 'audit_pending', rows: entries.map(toUnchained) };
}

/** Chains up to `batch` pending entries per transaction until none are left; returns how many. */
export async function sealAudit(knex: Knex, batch = 1000): Promise<number> {
  const dialect = dialectOf(knex);
  let total = 0;
  for (;;) {
    const n = await knex.transaction(async (trx) => {
      // Locking the head first: the pending read below then sees every batch another sealer
      // committed before we got the lock (its first plain read opens our snapshot after it).
      const head = await lockHead(trx, dialect);
      const rows = (await trx('audit_pending').orderBy('id').limit(batch)) as Array<UnchainedRow & { id: number }>;
      if (!rows.length) return 0;
      await writeChained(trx, dialect, rows.map(({ id: _id, ...r }) => r), head);
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 500) await trx('audit_pending').whereIn('id', ids.slice(i, i + 500)).delete();
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

const sealers = new WeakMap<Knex, { timer?: NodeJS.Timeout; running: boolean; again: boolean }>();

/**
 * Asks for a seal soon (after `delayMs`), once per burst: commands committing meanwhile join the
 * same batch (at 200 cmd/s, 100 ms gathers ~20 commands' entries into one seal transaction). Errors are dropped on purpose: pending rows stay committed and the next seal (or
 * `verifyAudit`) chains them, so a failed seal loses nothing.
 */
export function scheduleSeal(knex: Knex, delayMs = 100): void {
  let s = sealers.get(knex);
  if (!s) sealers.set(knex, (s = { running: false, again: false }));
  if (s.running) { s.again = true; return; }
  if (s.timer) return;
  const state = s;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    state.running = true;
    sealAudit(knex).catch(() => undefined).finally(() => {
      state.running = false;
      if (state.again) { state.again = false; scheduleSeal(knex, delayMs); }
    });
  }, delayMs);
  state.timer.unref();
}
