/**
 * Opens the store: embedded SQLite (better-sqlite3, WAL) by default, or MySQL/MariaDB when a
 * mysql:// URL is given. Both speak the same knex schema (see ./migrations).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';

/** Which SQL dialect a store speaks. */
export type Dialect = 'sqlite' | 'mysql';

/** A knex handle plus its dialect (a few statements differ: upserts, row locks). */
export interface Db {
  knex: Knex;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Options for opening a store. */
export interface OpenDbOptions {
  databaseUrl?: string;
  /** SQLite file; ':memory:' for a throwaway store */
  sqliteFile?: string;
  dataDir?: string;
  poolMax?: number;
}

function openSqlite(file: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1, max: 1,
      afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, c: unknown) => void) {
        // WAL lets readers proceed while one writer commits; NORMAL sync is durable in WAL mode.
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = NORMAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
  });
}

function openMysql(url: string, poolMax: number): Knex {
  const u = new URL(url);
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password), database: u.pathname.slice(1), charset: 'utf8mb4',
      supportBigNumbers: true, bigNumberStrings: false, timezone: 'Z',
    },
    pool: { min: 0, max: poolMax },
  });
}

/** Opens the configured store. */
export function openDb(opts: OpenDbOptions): Db {
  if (opts.databaseUrl) {
    const knex = openMysql(opts.databaseUrl, opts.poolMax ?? 16);
    return { knex, dialect: 'mysql', close: () => knex.destroy() };
  }
  let file = opts.sqliteFile;
  if (!file) {
    const dir = opts.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'tongban.sqlite');
  }
  const knex = openSqlite(file);
  return { knex, dialect: 'sqlite', close: () => knex.destroy() };
}
