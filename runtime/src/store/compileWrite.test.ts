/**
 * The compiled descriptions do what knex's builders did for the same calls: each write is applied
 * to two identical tables, once through a knex builder and once compiled here, on real SQLite and
 * MariaDB, and the tables must then hold the same rows.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { compileRead, compileWrite, type Write } from './compileWrite.ts';

const TABLES = ['cw_knex', 'cw_ours'] as const;

/** The knex builder for the same write on `table`. */
function builderOf(k: Knex, table: string, w: Write): Knex.QueryBuilder {
  if ('insert' in w) {
    const q = k(table).insert(w.rows);
    if (!w.conflict) return q;
    const c = q.onConflict(w.conflict.target);
    return (w.conflict.action === 'merge' ? c.merge() : c.ignore()) as unknown as Knex.QueryBuilder;
  }
  let q = 'update' in w ? k(table).where(w.where) : k(table).where(w.where ?? {});
  if (w.whereIn) q = q.whereIn(w.whereIn[0], w.whereIn[1] as string[]);
  return 'update' in w ? q.update(w.set) : q.delete();
}

const retarget = (w: Write, table: string): Write => ('insert' in w ? { ...w, insert: table } : 'update' in w ? { ...w, update: table } : { ...w, delete: table });

describe.each(testDialects)('write descriptions compiled on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
    for (const t of TABLES) {
      await db.knex.schema.dropTableIfExists(t);
      await db.knex.schema.createTable(t, (c) => {
        c.string('id', 40).primary();
        c.integer('k').notNullable().defaultTo(0);
        c.string('v', 40).nullable();
        c.string('d', 40).nullable().defaultTo('dflt'); // a missing value: NULL on SQLite (useNullAsDefault), the default on MySQL
        c.bigInteger('at').nullable();
      });
    }
  });
  afterAll(async () => db.dispose());

  const apply = async (w: Write) => {
    await builderOf(db.knex, TABLES[0], retarget(w, TABLES[0]));
    const n = compileWrite(retarget(w, TABLES[1]), dialect);
    await db.knex.raw(n.sql, n.bindings as Knex.RawBinding[]);
  };
  const rows = (t: string) => db.knex(t).orderBy('id').select('*');

  it('inserts, merges, ignores, updates and deletes to the same rows as knex', async () => {
    const writes: Write[] = [
      { insert: 'x', rows: { id: 'a', k: 1, v: 'one', at: 1_700_000_000_000 } }, // d left out: its default
      { insert: 'x', rows: [{ id: 'b', k: 2, v: null }, { id: 'c', k: 3, d: 'set', v: 'three' }] }, // differing keys
      { insert: 'x', rows: [{ id: 'a', k: 10, v: 'merged', d: 'm' }, { id: 'e', k: 5, v: 'new', d: 'n' }], conflict: { target: ['id'], action: 'merge' } },
      { insert: 'x', rows: [{ id: 'b', k: 99, v: 'ignored' }, { id: 'f', k: 6, v: 'kept' }], conflict: { target: ['id'], action: 'ignore' } },
      { update: 'x', where: { k: 3 }, set: { v: 'updated', d: undefined } }, // undefined in set: left alone
      { update: 'x', where: { v: null }, set: { v: 'was null' } }, // null in where: is null
      { update: 'x', where: { d: 'dflt' }, whereIn: ['id', ['a', 'b', 'f']], set: { k: 7 } },
      { update: 'x', where: { d: 'dflt' }, whereIn: ['id', []], set: { k: 8 } }, // an empty list changes nothing
      { delete: 'x', whereIn: ['id', ['e']] },
      { delete: 'x', where: { id: 'f', k: 7 } },
    ];
    for (const w of writes) {
      await apply(w);
      expect(await rows(TABLES[1]), JSON.stringify(w)).toEqual(await rows(TABLES[0]));
    }
    expect((await rows(TABLES[1])).map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads one row as knex first() does, and answers nothing for no match', async () => {
    const one = compileRead({ select: TABLES[1], where: { id: 'c' }, columns: ['id', 'v'] }, dialect);
    const ours = (r: unknown) => (dialect === 'mysql' ? (r as unknown[][])[0]![0] : (r as unknown[])[0]);
    expect(ours(await db.knex.raw(one.sql, one.bindings as Knex.RawBinding[]))).toEqual(await db.knex(TABLES[0]).where({ id: 'c' }).first('id', 'v'));
    const none = compileRead({ select: TABLES[1], where: { id: 'zz' } }, dialect);
    expect(ours(await db.knex.raw(none.sql, none.bindings as Knex.RawBinding[]))).toBeUndefined();
  });

  it('refuses what knex refuses or what would touch every row: undefined in where, a delete with no condition, an empty insert', () => {
    expect(() => compileWrite({ update: 'x', where: { id: undefined }, set: { k: 1 } }, dialect)).toThrow(/undefined in where/);
    expect(() => compileWrite({ delete: 'x' }, dialect)).toThrow(/no where/);
    expect(() => compileWrite({ insert: 'x', rows: [] }, dialect)).toThrow(/no rows/);
  });
});
