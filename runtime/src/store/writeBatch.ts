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
    async first<T>(q: Knex.QueryBuilder | Read) { const [st, b] = await onConnection(q); return st.get(b) as T | undefined; },
    async changed(q) { const [st, b] = await onConnection(q); return st.run(b).changes; },
  };
}

function mysqlBatch(trx: Knex.Transaction): WriteBatch {
  const queued: Array<Knex.QueryBuilder | Write> = [];
  const raw = (n: Compiled) => trx.raw(n.sql, n.bindings as Knex.RawBinding[]);
  return {
    add(q) { queued.push(q); },
    async flush() {
      const qs = queued.splice(0);
      if (!qs.length) return;
      const natives = qs.map((q) => nativeOf(q, 'mysql'));
      await trx.raw(natives.map((n) => n.sql).join(';\n'), natives.flatMap((n) => n.bindings) as Knex.RawBinding[]);
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
