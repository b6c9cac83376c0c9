/**
 * Writes that need no answer (inserts, blind updates) collected during a command and sent at
 * once. On MySQL they go as one multi-statement query: one round trip instead of one per
 * statement, which on a busy 2-core host cost ~0.7 ms each (a wake-up of the server and of us).
 * On SQLite they (and the command's case read and versioned update) run on the transaction's own
 * connection, synchronously: knex's runner (pool, promises, event-loop turns) cost ~4× the
 * statement itself there.
 */
import type { Knex } from 'knex';
import { compileRead, compileWrite, isWrite, type Compiled, type Dialect, type Read, type Write } from './compileWrite.ts';

/** A batch bound to one transaction, plus the two statements a command needs answered. */
export interface WriteBatch {
  add(q: Knex.QueryBuilder | Write): void;
  /**
   * A versioned UPDATE that must change exactly one row (the case row at the version the command
   * read). On SQLite it runs now; on MySQL it goes first in the batch, saving the command a round
   * trip. Either way `StaleWriteError` is thrown (now, or by `flush`) when the row had moved on.
   */
  versioned(q: Extract<Write, { update: string }>): Promise<void>;
  /**
   * Sends what was added. `commit`: these are the transaction's last writes; on MySQL, when the batch
   * owns its transaction, COMMIT goes with them (deferredBegin.ts), and the caller must return
   * without another statement. A batch in a caller's transaction (a savepoint) never commits.
   */
  flush(opts?: { commit?: boolean }): Promise<void>;
  /** Runs a one-row read now; its row or undefined. */
  first<T>(q: Knex.QueryBuilder | Read): Promise<T | undefined>;
  /** Runs an UPDATE now; the number of rows it changed. */
  changed(q: Knex.QueryBuilder | Write): Promise<number>;
}

type SqliteStatement = { run(bindings: unknown[]): { changes: number }; get(bindings: unknown[]): unknown };
type SqliteConn = { prepare(sql: string): SqliteStatement; inTransaction: boolean };

/**
 * Thrown when the transaction's connection holds no open transaction. knex runs a transaction's
 * body even when its BEGIN failed (SQLite answered "database is locked" at once, seen under the
 * command bench): its own queries then refuse to run, but these statements go to the connection
 * directly and would each have committed on their own, outside any transaction, while the
 * command's caller saw the BEGIN's error and ran the command again (a second case on create, a
 * version conflict on a task). knex has already rejected the transaction with the BEGIN's error,
 * which is what the caller sees.
 */
export class NoTransactionError extends Error {
  readonly code = 'store.no-transaction';
  constructor() { super('the command transaction is not open (its BEGIN failed); no statement was run'); }
}

/**
 * The row a versioned UPDATE names was changed by another writer first (its version moved on). On
 * MySQL the batch's other statements may have run; the caller throws, so the transaction rolls back.
 */
export class StaleWriteError extends Error {
  readonly code = 'store.stale-write';
  constructor() { super('the versioned row changed before this write'); }
}

/**
 * Follows a batch's versioned UPDATE and fails the batch when it changed no row, so that no later
 * statement runs (nor a COMMIT riding at its end): a scalar subquery that returns two rows is an
 * error (1242) in MySQL and MariaDB alike, where a plain SELECT cannot SIGNAL; `row_count()` is
 * still the UPDATE's while it runs. No other statement of a batch has a scalar subquery, so 1242
 * from a batch with a versioned write means stale.
 */
const STALE_GUARD = 'select (select 1 union all select 1 from dual where row_count() <> 1) as tongban_stale_guard';
const SUBQUERY_ROWS = 1242;

/** Bindings as knex's better-sqlite3 client passes them (no Date or boolean in SQLite). */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.valueOf();
  return typeof v === 'boolean' ? Number(v) : v;
}

/** A statement's SQL and bindings: a description compiled here (cached text), a knex builder compiled by knex. */
function nativeOf(q: Knex.QueryBuilder | Write | Read, dialect: Dialect): Compiled {
  if ('select' in q && !('toSQL' in q)) return compileRead(q as Read, dialect);
  if (isWrite(q)) return compileWrite(q, dialect);
  const n = (q as Knex.QueryBuilder).toSQL().toNative();
  return { sql: n.sql, bindings: dialect === 'sqlite' ? n.bindings.map(sqliteValue) : [...n.bindings] };
}

function sqliteBatch(trx: Knex.Transaction): WriteBatch {
  const queued: Array<Knex.QueryBuilder | Write> = [];
  let conn: Promise<SqliteConn> | undefined;
  /** The statement and bindings of a query, on the transaction's own connection (knex hands it back inside a transaction). */
  const onConnection = async (q: Knex.QueryBuilder | Write | Read): Promise<[SqliteStatement, unknown[]]> => {
    const c = await (conn ??= (trx.client as unknown as { acquireConnection(): Promise<SqliteConn> }).acquireConnection());
    if (!c.inTransaction) throw new NoTransactionError();
    const n = nativeOf(q, 'sqlite');
    return [c.prepare(n.sql), n.bindings];
  };
  return {
    add(q) { queued.push(q); },
    async flush() { // SQLite: the transaction's own COMMIT ends it (one connection, no round trip to save)
      for (const q of queued.splice(0)) {
        const [st, b] = await onConnection(q);
        st.run(b);
      }
    },
    async versioned(q) { const [st, b] = await onConnection(q); if (st.run(b).changes !== 1) throw new StaleWriteError(); },
    async first<T>(q: Knex.QueryBuilder | Read) { const [st, b] = await onConnection(q); return st.get(b) as T | undefined; },
    async changed(q) { const [st, b] = await onConnection(q); return st.run(b).changes; },
  };
}

/** The result of statement `i` of a (multi-statement) query's results. */
function resultAt(results: unknown, i: number, of: number): { affectedRows?: number } {
  return (of === 1 ? results : (results as unknown[])[i]) as { affectedRows?: number };
}

function mysqlBatch(trx: Knex.Transaction, ownsTransaction: boolean): WriteBatch {
  const queued: Array<Knex.QueryBuilder | Write> = [];
  let versioned: (Extract<Write, { update: string }>) | undefined;
  const raw = (n: Compiled) => trx.raw(n.sql, n.bindings as Knex.RawBinding[]);
  return {
    add(q) { queued.push(q); },
    async versioned(q) {
      if (versioned) throw new Error('writeBatch: one versioned write per batch');
      versioned = q;
      queued.unshift(q);
    },
    async flush(opts) {
      const qs = queued.splice(0);
      const v = versioned;
      versioned = undefined;
      if (!qs.length) return;
      const natives = qs.map((q) => nativeOf(q, 'mysql'));
      // the guard stops the batch right after the versioned UPDATE when it changed no row
      if (v) natives.splice(1, 0, { sql: STALE_GUARD, bindings: [] });
      // the transaction's COMMIT rides at the end (taken off the answer by the connection: deferredBegin.ts)
      const commit = opts?.commit && ownsTransaction ? ';\nCOMMIT' : '';
      let results: unknown;
      try {
        [results] = (await trx.raw(natives.map((n) => n.sql).join(';\n') + commit, natives.flatMap((n) => n.bindings) as Knex.RawBinding[])) as unknown as [unknown];
      } catch (err) {
        if (v && Number((err as { errno?: unknown } | null)?.errno) === SUBQUERY_ROWS) throw new StaleWriteError();
        throw err;
      }
      if (v && Number(resultAt(results, 0, natives.length).affectedRows) !== 1) throw new StaleWriteError();
    },
    async first<T>(q: Knex.QueryBuilder | Read) {
      if (!('select' in q && !('toSQL' in q))) return (await q) as T | undefined;
      const [rows] = (await raw(nativeOf(q, 'mysql'))) as unknown as [T[]];
      return rows[0];
    },
    async changed(q) {
      if (!isWrite(q)) return Number(await q);
      const [result] = (await raw(nativeOf(q, 'mysql'))) as unknown as [{ affectedRows: number }];
      return Number(result.affectedRows);
    },
  };
}

/**
 * Creates a batch for a transaction on the given dialect. `ownsTransaction`: the transaction is the
 * batch's own (not a savepoint in a caller's), so its final flush may carry the COMMIT (MySQL).
 */
export function writeBatch(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql', opts?: { ownsTransaction?: boolean }): WriteBatch {
  return dialect === 'sqlite' ? sqliteBatch(trx) : mysqlBatch(trx, opts?.ownsTransaction ?? false);
}
