/**
 * A guard that makes a second connection request from inside a transaction fail at once.
 *
 * Why: SQLite runs on one connection (the single writer), so code inside a command's transaction
 * that reads through the root pool waits for the connection the transaction itself holds, until
 * knex's acquire timeout (60 s) — the restart freeze of issue 7. On MariaDB the same mistake takes
 * a second connection, reads outside the transaction's view and can exhaust the pool under load.
 * Everything inside a transaction must use the transaction; this guard turns a violation into an
 * immediate, named error instead of a hang. It is on in every test store and when
 * `TONGBAN_STRICT_POOL=1`; it costs an AsyncLocalStorage context per transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/** Thrown when code inside a transaction asks a guarded pool for another connection. */
export class NestedAcquireError extends Error {
  readonly code = 'store.nested-acquire';
  constructor(pool: string) {
    super(`a query inside a transaction asked the ${pool} pool for a second connection; pass the transaction (trx) down instead`);
    this.name = 'NestedAcquireError';
  }
}

interface Scope { open: boolean }

const scopes = new AsyncLocalStorage<Scope>();

type Container = (trx: Knex.Transaction) => unknown;
type Guardable = Knex & { context: { transaction: (c?: unknown, cfg?: unknown) => unknown }; client: { acquireConnection: () => Promise<unknown> } };

/** True while the caller runs inside a guarded transaction's callback. */
export function insideTransaction(): boolean {
  return scopes.getStore()?.open === true;
}

/** Installs the guard on one knex instance (each pool of a store). Idempotent. */
export function guardPool(knex: Knex, name: string): void {
  const k = knex as Guardable;
  const client = k.client as Guardable['client'] & { __tongbanGuarded?: boolean };
  if (client.__tongbanGuarded) return;
  client.__tongbanGuarded = true;
  // A transaction's own client (Object.create(root client)) defines its own acquireConnection that
  // returns the transaction's connection, so only requests to the root pool reach this check.
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    if (insideTransaction()) throw new NestedAcquireError(name);
    return acquire();
  };
  const transaction = k.context.transaction.bind(k.context);
  k.context.transaction = (container?: unknown, cfg?: unknown) => {
    if (typeof container !== 'function') return transaction(container, cfg);
    // The scope closes when the callback settles: work it scheduled for later (a timer, a
    // post-commit hint) runs outside the transaction and may use the pool again.
    const run = (trx: Knex.Transaction) => {
      const scope: Scope = { open: true };
      return scopes.run(scope, async () => {
        try { return await (container as Container)(trx); } finally { scope.open = false; }
      });
    };
    return transaction(run, cfg);
  };
}
