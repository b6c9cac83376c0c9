/**
 * Several independent reads in one round trip. On MySQL/MariaDB they go as one multi-statement
 * query on the command pool (its connections accept several statements: createDb), each with its
 * own bound values; on SQLite they run one after another on the one connection, where a read costs
 * no round trip. Only knex-built queries: no caller's text reaches the wider statement syntax.
 */
import type { Knex } from 'knex';
import type { Db } from './createDb.ts';

/** The rows of each query, in the order given. */
export async function readMany(db: Pick<Db, 'knex' | 'dialect' | 'commandKnex'>, queries: Knex.QueryBuilder[]): Promise<unknown[][]> {
  if (db.dialect !== 'mysql' || !db.commandKnex || queries.length < 2) return Promise.all(queries.map(async (q) => (await q) as unknown[]));
  const natives = queries.map((q) => q.toSQL().toNative());
  const [results] = (await db.commandKnex.raw(natives.map((n) => n.sql).join(';\n'), natives.flatMap((n) => n.bindings) as Knex.RawBinding[])) as unknown as [unknown[][]];
  return results;
}
