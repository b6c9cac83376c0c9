/**
 * A command transaction's BEGIN goes out with its first statement, and its COMMIT with its last
 * batch (real MariaDB, the command pool as createDb opens it, one connection): counted on the wire,
 * and with every answer, commit and rollback as knex alone gave them.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/testDbs.ts';
import { openDb, type Db } from './createDb.ts';
import { writeBatch } from './writeBatch.ts';

describe('deferred BEGIN on the MariaDB command pool', () => {
  let base: TestDb;
  let db: Db;
  let k: Knex;
  /** Queries sent to the server since the last call, in order (one per write of a query packet). */
  let sent: string[] = [];
  beforeAll(async () => {
    base = await createTestDb('mysql', { migrate: false });
    await base.knex.schema.createTable('db_rows', (c) => { c.increments('id'); c.string('v', 20).unique(); });
    db = openDb({ databaseUrl: base.databaseUrl!, poolMax: 1 });
    k = db.commandKnex!;
    const client = k.client as unknown as { acquireConnection(): Promise<{ stream: { write(b: Buffer): boolean } }>; releaseConnection(c: unknown): Promise<void> };
    const conn = await client.acquireConnection();
    const write = conn.stream.write.bind(conn.stream);
    // a COM_QUERY packet: 3 bytes length, 1 byte sequence, command 0x03, then the SQL
    conn.stream.write = (b: Buffer) => { if (b[4] === 3) sent.push(b.subarray(5).toString('utf8')); return write(b); };
    await client.releaseConnection(conn);
  });
  afterAll(async () => { await db.close(); await base.dispose(); });
  const take = () => { const s = sent; sent = []; return s; };

  it('sends BEGIN with the first statement: a read-then-write transaction is three round trips, not four', async () => {
    take();
    const out = await k.transaction(async (trx) => {
      const before = await trx('db_rows').count({ n: '*' }).first();
      const [id] = await trx('db_rows').insert({ v: 'a' });
      return { before: Number(before!.n), id };
    });
    expect(out).toEqual({ before: 0, id: 1 });
    const s = take();
    expect(s).toHaveLength(3);
    expect(s[0]).toMatch(/^BEGIN;\nselect count/);
    expect(s[1]).toMatch(/^insert into `db_rows`/);
    expect(s[2]).toMatch(/^COMMIT/);
  });

  it('answers a multi-statement first query with its own results only', async () => {
    const [results] = (await k.transaction((trx) => trx.raw("select 1 as one;\nselect 'x' as x"))) as unknown as [Array<Array<Record<string, unknown>>>];
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual([{ one: 1 }]);
    expect(results[1]).toEqual([{ x: 'x' }]);
  });

  it('a rolled-back transaction keeps nothing; the connection is clean for the next one', async () => {
    await expect(k.transaction(async (trx) => { await trx('db_rows').insert({ v: 'b' }); throw new Error('changed my mind'); })).rejects.toThrow('changed my mind');
    expect(await k('db_rows').where({ v: 'b' }).first()).toBeUndefined();
    // a failing first statement: BEGIN went with it, so knex's ROLLBACK ends a real transaction
    await expect(k.transaction((trx) => trx('db_rows').insert({ v: 'a' }))).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    const [rows] = (await k.raw('select @@in_transaction as t')) as unknown as [Array<{ t: number }>];
    expect(rows[0]!.t).toBe(0);
    await k.transaction((trx) => trx('db_rows').insert({ v: 'c' }));
    expect((await k('db_rows').orderBy('id').pluck('v'))).toEqual(['a', 'c']);
  });

  it('a transaction with no statement sends nothing at all', async () => {
    take();
    expect(await k.transaction(async () => 'nothing')).toBe('nothing');
    await expect(k.transaction(async () => { throw new Error('before any statement'); })).rejects.toThrow('before any statement');
    expect(take()).toEqual([]);
  });

  it('statements outside a transaction go out as they are', async () => {
    take();
    await k('db_rows').where({ v: 'c' }).first();
    expect(take()).toEqual([expect.stringMatching(/^select \* from `db_rows`/)]);
  });

  it('a final batch carries the COMMIT: read, then writes and COMMIT, is two round trips; knex’s COMMIT sends nothing', async () => {
    take();
    await k.transaction(async (trx) => {
      const b = writeBatch(trx, 'mysql', { ownsTransaction: true });
      await b.first({ select: 'db_rows', where: { v: 'c' } });
      b.add({ insert: 'db_rows', rows: { v: 'd' } });
      b.add({ insert: 'db_rows', rows: { v: 'e' } });
      await b.flush({ commit: true });
    });
    const s = take();
    expect(s).toHaveLength(2);
    expect(s[0]).toMatch(/^BEGIN;\nselect/);
    expect(s[1]).toMatch(/^insert into `db_rows`.*;\ninsert into `db_rows`.*;\nCOMMIT$/s);
    expect(await k('db_rows').whereIn('v', ['d', 'e']).pluck('v')).toEqual(['d', 'e']);
    const [rows] = (await k.raw('select @@in_transaction as t')) as unknown as [Array<{ t: number }>];
    expect(rows[0]!.t).toBe(0);
  });

  it('a final batch that fails did not commit: knex’s ROLLBACK goes out and nothing of it is kept', async () => {
    const err = await k.transaction(async (trx) => {
      const b = writeBatch(trx, 'mysql', { ownsTransaction: true });
      b.add({ insert: 'db_rows', rows: { v: 'f' } });
      b.add({ insert: 'db_rows', rows: { v: 'a' } }); // taken: the batch stops here, before its COMMIT
      await b.flush({ commit: true });
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(await k('db_rows').where({ v: 'f' }).first()).toBeUndefined();
  });

  it('refuses a statement after the COMMIT a batch carried (it would run outside the transaction); the next transaction is clean', async () => {
    const err = await k.transaction(async (trx) => {
      const b = writeBatch(trx, 'mysql', { ownsTransaction: true });
      b.add({ insert: 'db_rows', rows: { v: 'g' } });
      await b.flush({ commit: true });
      await trx('db_rows').insert({ v: 'h' });
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'store.committed-in-batch' });
    expect(await k('db_rows').whereIn('v', ['g', 'h']).pluck('v')).toEqual(['g']); // g committed with its batch; h never ran
    await k.transaction((trx) => trx('db_rows').insert({ v: 'i' }));
    expect(await k('db_rows').where({ v: 'i' }).first()).toBeDefined();
  });

  it('an error after a committed batch cannot roll it back: the caller is told so, not left believing nothing was kept', async () => {
    const err = await k.transaction(async (trx) => {
      const b = writeBatch(trx, 'mysql', { ownsTransaction: true });
      b.add({ insert: 'db_rows', rows: { v: 'k' } });
      await b.flush({ commit: true });
      throw new Error('too late');
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'store.committed-in-batch' });
    expect(await k('db_rows').where({ v: 'k' }).first()).toBeDefined();
  });

  it('a batch in a caller’s transaction (a savepoint) never commits it', async () => {
    await expect(k.transaction(async (outer) => {
      await outer.transaction(async (trx) => {
        const b = writeBatch(trx, 'mysql');
        b.add({ insert: 'db_rows', rows: { v: 'j' } });
        await b.flush({ commit: true });
      });
      throw new Error('the caller rolls back');
    })).rejects.toThrow('the caller rolls back');
    expect(await k('db_rows').where({ v: 'j' }).first()).toBeUndefined();
  });
});
