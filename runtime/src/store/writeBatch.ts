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
  flush(): Promise<void>;
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

/** The session variable holding the row count of a batch's versioned UPDATE (MySQL). */
const COUNT = '@tongban_versioned_rows';

/** A deadlock (1213) or lock wait timeout (1205): InnoDB rolled back the statement or the transaction; no further statement may run. */
const lockFailure = (err: unknown) => [1205, 1213].includes(Number((err as { errno?: unknown } | null)?.errno));

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
    async flush() {
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

function mysqlBatch(trx: Knex.Transaction): WriteBatch {
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
    async flush() {
      const qs = queued.splice(0);
      const v = versioned;
      versioned = undefined;
      if (!qs.length) return;
      const natives = qs.map((q) => nativeOf(q, 'mysql'));
      // the versioned UPDATE's row count is kept in a session variable, cleared first: when a later
      // statement fails, the batch's results are lost, but the variable says what the UPDATE did
      if (v) natives.splice(0, 1, { sql: `set ${COUNT} = null`, bindings: [] }, natives[0]!, { sql: `set ${COUNT} = row_count()`, bindings: [] });
      let results: unknown;
      try {
        [results] = (await trx.raw(natives.map((n) => n.sql).join(';\n'), natives.flatMap((n) => n.bindings) as Knex.RawBinding[])) as unknown as [unknown];
      } catch (err) {
        // A stale versioned UPDATE changes no row and the batch runs on: the command's event then
        // meets the winner's (same case, same seq) and the batch fails there. That is a stale write.
        if (v && !lockFailure(err)) {
          const [rows] = (await trx.raw(`select ${COUNT} as n`)) as unknown as [Array<{ n: unknown }>];
          if (rows[0]?.n !== null && Number(rows[0]?.n) === 0) throw new StaleWriteError();
        }
        throw err;
      }
      if (v && Number(resultAt(results, 1, natives.length).affectedRows) !== 1) throw new StaleWriteError();
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

/** Creates a batch for a transaction on the given dialect. */
export function writeBatch(trx: Knex.Transaction, dialect: 'sqlite' | 'mysql'): WriteBatch {
  return dialect === 'sqlite' ? sqliteBatch(trx) : mysqlBatch(trx);
}
