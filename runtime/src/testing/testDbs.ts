/**
 * Test stores: every integration test runs once on a fresh SQLite file and once on a fresh
 * MariaDB database (`tongban_test_<random>`) on the shared server, created and dropped per use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openDb, type Db, type Dialect } from '../store/createDb.ts';
import { migrateLatest } from '../store/migrate.ts';
import { parseMysqlUrl, withDatabase } from '../store/mysqlUrl.ts';

/** The server MariaDB tests use (TONGBAN_TEST_MYSQL overrides; `?socket=/path` connects over the Unix socket). */
export const testMysqlServer = () => process.env.TONGBAN_TEST_MYSQL || 'mysql://root@127.0.0.1:3306';

/** The URL of one database on the test server (read when called: the bench picks the transport at its start). */
export const testMysqlUrl = (database: string) => withDatabase(testMysqlServer(), database);

/** A one-connection knex on the test server's `test` database, for creating and dropping databases. */
const adminKnex = () => knexFactory({ client: 'mysql2', connection: parseMysqlUrl(testMysqlUrl('test')), pool: { min: 0, max: 1 } });

/** The dialects every integration suite is parameterised over. */
export const testDialects: Dialect[] = ['sqlite', 'mysql'];

/** A fresh, migrated store plus how to throw it away. */
export interface TestDb extends Db {
  dispose(): Promise<void>;
  databaseUrl?: string;
  sqliteFile?: string;
}

async function createMysqlDatabase(): Promise<string> {
  const name = 'tongban_test_' + randomBytes(6).toString('hex');
  const admin = adminKnex();
  try {
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.destroy();
  }
  return name;
}

async function dropMysqlDatabase(name: string): Promise<void> {
  const admin = adminKnex();
  try {
    await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.destroy();
  }
}

/** Opens a fresh store of the given dialect, optionally migrated. */
export async function createTestDb(dialect: Dialect, opts: { migrate?: boolean; poolMax?: number; /** the nested-acquire guard (default on; benchmarks run without it, as production does) */ guard?: boolean } = {}): Promise<TestDb> {
  let db: Db;
  let cleanup: () => Promise<void>;
  let databaseUrl: string | undefined;
  let sqliteFile: string | undefined;
  if (dialect === 'mysql') {
    const name = await createMysqlDatabase();
    databaseUrl = testMysqlUrl(name);
    db = openDb({ databaseUrl, poolMax: opts.poolMax, guard: opts.guard ?? true });
    cleanup = () => dropMysqlDatabase(name);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-test-'));
    sqliteFile = join(dir, 'test.sqlite');
    // benchmarks (guard off) run the SQLite store as production does, checkpointing from a worker thread
    db = openDb({ sqliteFile, guard: opts.guard ?? true, walCheckpointer: opts.guard === false });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  if (opts.migrate !== false) await migrateLatest(db.knex);
  return {
    ...db, databaseUrl, sqliteFile,
    dispose: async () => {
      await db.close();
      await cleanup();
    },
  };
}

/**
 * A second handle on the same store, as a restarted process would open it (same SQLite file or
 * MariaDB database, guarded pool). Dispose the original to drop the store.
 */
export async function reopenTestDb(db: TestDb): Promise<Db> {
  return db.databaseUrl ? openDb({ databaseUrl: db.databaseUrl, guard: true }) : openDb({ sqliteFile: db.sqliteFile!, guard: true, walCheckpointer: false });
}
