/**
 * Opens the store: embedded SQLite (better-sqlite3, WAL) by default, or MySQL/MariaDB when a
 * mysql:// URL is given. Both speak the same knex schema (see ./migrations).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { deferBegin, type QueryingConnection } from './deferredBegin.ts';
import { parseMysqlUrl } from './mysqlUrl.ts';
import { guardPool } from './poolGuard.ts';
import { JOURNAL_SIZE_LIMIT, startWalCheckpointer } from './walCheckpointer.ts';

/** Which SQL dialect a store speaks. */
export type Dialect = 'sqlite' | 'mysql';

/** A knex handle plus its dialect (a few statements differ: upserts, row locks). */
export interface Db {
  knex: Knex;
  dialect: Dialect;
  /**
   * The pool command transactions run on (default: `knex`). On MySQL it is a second pool whose
   * connections accept multi-statement batches (see writeBatch.ts); only the command path uses
   * it, with knex-built SQL and bound values, so the wider statement syntax stays out of reach
   * of every other query.
   */
  commandKnex?: Knex;
  close(): Promise<void>;
}

/** Options for opening a store. */
export interface OpenDbOptions {
  databaseUrl?: string;
  /** SQLite file; ':memory:' for a throwaway store */
  sqliteFile?: string;
  dataDir?: string;
  poolMax?: number;
  /** fail at once when code inside a transaction asks the pool for another connection (tests; TONGBAN_STRICT_POOL=1) */
  guard?: boolean;
  /** SQLite: checkpoint the WAL from a worker thread instead of inside commits (default true) */
  walCheckpointer?: boolean;
  /** hears what the checkpointer could not do, and each blocking truncate it had to make (logged by the runtime) */
  onCheckpoint?: (event: { error: string } | { truncated: { frames: number; ms: number; done: boolean } }) => void;
}

/** The dialect a knex handle speaks (for code given only a knex, e.g. the audit sealer). */
export function dialectOf(knex: Knex): Dialect {
  return String(knex.client.config.client).startsWith('mysql') ? 'mysql' : 'sqlite';
}

type SqliteConn = { pragma(s: string): unknown; prepare(sql: string): unknown };

/**
 * Caches prepared statements by SQL text: knex prepares every query afresh, and preparing was
 * ~7% of a command's CPU. Safe because knex runs each statement to completion (`all`/`run`) before
 * the next use. Transactions begin IMMEDIATE: the write lock is taken up front, so another
 * process writing the same file (CLI, a second runtime) waits on busy_timeout instead of failing
 * with SQLITE_BUSY when a read-then-write transaction tries to upgrade its lock.
 */
function cachePrepared(conn: SqliteConn): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    const text = sql === 'BEGIN;' ? 'BEGIN IMMEDIATE;' : sql;
    let st = cache.get(text);
    if (!st) {
      if (cache.size >= 1000) cache.clear(); // ad-hoc SQL (bulk inserts of varying width) must not grow it forever
      st = prepare(text);
      cache.set(text, st);
    }
    return st;
  };
}

function openSqlite(file: string, manualCheckpoints: boolean): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection is the single writer: no two transactions ever contend for the file lock.
    pool: {
      min: 1, max: 1,
      afterCreate(conn: SqliteConn, done: (err: Error | null, c: unknown) => void) {
        // WAL lets readers proceed while one writer commits; NORMAL sync is durable in WAL mode.
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = NORMAL');
        conn.pragma('foreign_keys = ON');
        // long enough to outlast another process's write or a rare blocking checkpoint on a slow disk
        conn.pragma('busy_timeout = 15000');
        // checkpoints run in a worker thread (walCheckpointer.ts), never inside a command's commit
        if (manualCheckpoints) conn.pragma('wal_autocheckpoint = 0');
        // the writer restarts the WAL once a checkpoint has copied it all; this trims the file then
        conn.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
        // a savepoint (each command of a commit group: groupCommit.ts) keeps the pages it changes in
        // a sub-journal; in memory that is a copy, in a temp file it was two more writes per page
        conn.pragma('temp_store = MEMORY');
        cachePrepared(conn);
        done(null, conn);
      },
    },
  });
}

/**
 * A knex pool on MariaDB/MySQL. `multipleStatements` lets a query carry several statements (the
 * command pool's batches); `deferBegin` (default: with multipleStatements) sends a transaction's
 * BEGIN with its first statement. The bench's floor opens one without it: plain knex.
 */
export function openMysql(url: string, poolMax: number, multipleStatements = false, deferBeginOn = multipleStatements): Knex {
  return knexFactory({
    client: 'mysql2',
    connection: { ...parseMysqlUrl(url), charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: false, timezone: 'Z', multipleStatements },
    // the command pool's connections send a transaction's BEGIN with its first statement
    pool: { min: 0, max: poolMax, ...(deferBeginOn ? { afterCreate(conn: QueryingConnection, done: (err: Error | null, c: unknown) => void) { deferBegin(conn); done(null, conn); } } : {}) },
  });
}

/** Opens the configured store. */
export function openDb(opts: OpenDbOptions): Db {
  const guard = opts.guard ?? process.env.TONGBAN_STRICT_POOL === '1';
  if (opts.databaseUrl) {
    const knex = openMysql(opts.databaseUrl, opts.poolMax ?? 16);
    const commandKnex = openMysql(opts.databaseUrl, opts.poolMax ?? 16, true);
    if (guard) { guardPool(knex, 'main'); guardPool(commandKnex, 'command'); }
    return { knex, commandKnex, dialect: 'mysql', close: async () => { await Promise.all([knex.destroy(), commandKnex.destroy()]); } };
  }
  let file = opts.sqliteFile;
  if (!file) {
    const dir = opts.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'tongban.sqlite');
  }
  const checkpoints = opts.walCheckpointer !== false && file !== ':memory:';
  const knex = openSqlite(file, checkpoints);
  if (guard) guardPool(knex, 'sqlite');
  const on = opts.onCheckpoint;
  const checkpointer = checkpoints ? startWalCheckpointer(file, on && { onError: (error) => on({ error }), onTruncated: (truncated) => on({ truncated }) }) : undefined;
  return { knex, dialect: 'sqlite', close: async () => { await checkpointer?.stop(); await knex.destroy(); } };
}
