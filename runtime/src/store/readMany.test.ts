/** Independent reads in one round trip on MariaDB (counted on the wire), one by one on SQLite; rows in the order asked, values bound. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { readMany } from './readMany.ts';

describe.each(testDialects)('readMany on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
    await db.knex.schema.createTable('rm_rows', (c) => { c.string('id', 10).primary(); c.string('v', 60); });
    await db.knex('rm_rows').insert([{ id: 'a', v: 'x' }, { id: 'b', v: "y'; drop table rm_rows; --" }, { id: 'c', v: 'z' }]);
  });
  afterAll(async () => db.dispose());

  it('answers each query with its own rows, in order', async () => {
    const k = db.knex;
    const [one, two, none] = await readMany(db, [k('rm_rows').where({ id: 'b' }).select('v'), k('rm_rows').whereIn('id', ['a', 'c']).orderBy('id').select('id'), k('rm_rows').where({ id: 'nobody' })]);
    expect(one).toEqual([{ v: "y'; drop table rm_rows; --" }]);
    expect(two).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(none).toEqual([]);
    expect(await k('rm_rows').count({ n: '*' }).first()).toMatchObject({ n: 3 });
  });

  // the round trip saved is MariaDB's; SQLite has none to save
  if (dialect === 'mysql') it('sends the reads as one query', async () => {
    const sent: string[] = [];
    const onQuery = (q: { sql: string }) => sent.push(q.sql);
    db.commandKnex!.on('query', onQuery);
    try {
      await readMany(db, [db.knex('rm_rows').where({ id: 'a' }), db.knex('rm_rows').where({ id: 'c' })]);
    } finally { db.commandKnex!.off('query', onQuery); }
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^select \* from `rm_rows` where `id` = \?;\nselect \* from `rm_rows` where `id` = \?$/);
  });
});
