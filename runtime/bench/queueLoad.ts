/**
 * Loads (or reuses) the queue bench database: `tongban_bench_queue` on the test MariaDB server,
 * migrated, with N cases and their tasks. Loading streams generated TSV through LOAD DATA LOCAL
 * INFILE with the tables' secondary indexes dropped, then adds them back in one ALTER per table
 * (a sorted build instead of 2.5M random index inserts). A marker row records N and the
 * migrations applied, so later runs with the same N and schema reuse the data.
 */
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import type { Knex } from 'knex';
import { openDb } from '../src/store/createDb.ts';
import { migrateLatest, migrationStatus } from '../src/store/migrate.ts';
import { testMysqlUrl } from '../src/testing/testDbs.ts';
import { parseMysqlUrl } from '../src/store/mysqlUrl.ts';
import { caseCols, caseRows, taskCols, taskRows } from './queueData.ts';

type IndexDef = { name: string; unique: boolean; cols: string[] };

async function secondaryIndexes(k: Knex, table: string): Promise<IndexDef[]> {
  const [rows] = (await k.raw(`select index_name as name, non_unique as nu, column_name as col from information_schema.statistics
    where table_schema = database() and table_name = ? and index_name <> 'PRIMARY' order by index_name, seq_in_index`, [table])) as [Array<{ name: string; nu: number; col: string }>];
  const by = new Map<string, IndexDef>();
  for (const r of rows) {
    const d = by.get(r.name) ?? { name: r.name, unique: Number(r.nu) === 0, cols: [] };
    d.cols.push(r.col);
    by.set(r.name, d);
  }
  return [...by.values()];
}

function* toBuffers(chunks: Iterable<string>): Generator<Buffer> {
  for (const c of chunks) yield Buffer.from(c, 'utf8'); // the protocol writer copies Buffers, not strings
}

async function loadTable(url: string, table: string, cols: string[], rows: () => Iterable<string>): Promise<void> {
  const conn = await mysql.createConnection({ uri: url, flags: ['+LOCAL_FILES'], charset: 'utf8mb4' });
  try {
    await conn.query('SET unique_checks = 0, foreign_key_checks = 0');
    const sql = `LOAD DATA LOCAL INFILE 'gen.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${cols.map((c) => '`' + c + '`').join(',')})`;
    await conn.query({ sql, infileStreamFactory: () => Readable.from(toBuffers(rows()), { objectMode: false }) } as never);
  } finally {
    await conn.end();
  }
}

/** Drops `table`'s secondary indexes, runs `load`, then rebuilds them all in one ALTER. */
async function withoutIndexes(k: Knex, table: string, load: () => Promise<void>): Promise<void> {
  const defs = await secondaryIndexes(k, table);
  if (defs.length) await k.raw(`ALTER TABLE \`${table}\` ${defs.map((d) => `DROP INDEX \`${d.name}\``).join(', ')}`);
  await load();
  if (defs.length) await k.raw(`ALTER TABLE \`${table}\` ${defs.map((d) => `ADD ${d.unique ? 'UNIQUE ' : ''}INDEX \`${d.name}\` (${d.cols.map((c) => '`' + c + '`').join(',')})`).join(', ')}`);
}

async function marker(k: Knex): Promise<string | undefined> {
  await k.raw('CREATE TABLE IF NOT EXISTS bench_meta (k VARCHAR(64) PRIMARY KEY, v VARCHAR(2000) NOT NULL)');
  const [rows] = (await k.raw("select v from bench_meta where k = 'queue'")) as [Array<{ v: string }>];
  return rows[0]?.v;
}

/** Ensures the database holds exactly `n` loaded cases; returns its URL and whether it loaded now. */
export async function ensureQueueData(n: number, dbName = 'tongban_bench_queue'): Promise<{ url: string; loadedRowsPerSecond?: number }> {
  const admin = mysql.createPool(parseMysqlUrl(testMysqlUrl('test')));
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const url = testMysqlUrl(dbName);
  const db = openDb({ databaseUrl: url, poolMax: 2 });
  try {
    await migrateLatest(db.knex);
    const want = `${n}|${(await migrationStatus(db.knex)).applied.join(',')}`;
    if ((await marker(db.knex)) === want) return { url };
    const t0 = performance.now();
    await db.knex.raw("DELETE FROM bench_meta WHERE k = 'queue'");
    for (const t of ['tasks', 'cases']) await db.knex.raw(`TRUNCATE TABLE \`${t}\``);
    const now = Date.now();
    await withoutIndexes(db.knex, 'cases', () => loadTable(url, 'cases', caseCols, () => caseRows(0, n, n, now)));
    await withoutIndexes(db.knex, 'tasks', () => loadTable(url, 'tasks', taskCols, () => taskRows(0, n, n, now)));
    await db.knex.raw('ANALYZE TABLE cases, tasks');
    const [[{ c }]] = (await db.knex.raw('select count(*) as c from cases')) as [[{ c: number }]];
    if (Number(c) !== n) throw new Error(`loaded ${c} cases, wanted ${n}`);
    const [[{ t }]] = (await db.knex.raw('select count(*) as t from tasks')) as [[{ t: number }]];
    await db.knex.raw("INSERT INTO bench_meta (k, v) VALUES ('queue', ?)", [want]);
    return { url, loadedRowsPerSecond: (n + Number(t)) / ((performance.now() - t0) / 1000) };
  } finally {
    await db.close();
  }
}
