/**
 * The versioned write of a command: it must change exactly one row, or the command is stale. On
 * MySQL it travels with the batch's other writes and a guard right after it stops the batch when it
 * changed no row, so nothing after it runs (not even a COMMIT riding on the batch): the caller sees
 * `StaleWriteError` and, rolling back, keeps nothing of the batch. Real SQLite and MariaDB.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { StaleWriteError, writeBatch } from './writeBatch.ts';

describe.each(testDialects)('a batch with a versioned write on %s', (dialect) => {
  let db: TestDb;
  let k: Knex;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
    k = db.commandKnex ?? db.knex;
    await k.schema.createTable('wb_rows', (c) => { c.string('id', 40).primary(); c.integer('version').notNullable(); c.string('state', 20); });
    await k.schema.createTable('wb_events', (c) => { c.string('row_id', 40); c.integer('seq'); c.string('note', 20); c.primary(['row_id', 'seq']); });
  });
  afterAll(async () => db.dispose());

  /** One command: move `id` from version `from` to `from + 1`, with its event and a note. */
  const command = (id: string, from: number, note = 'ok') => k.transaction(async (trx) => {
    const batch = writeBatch(trx, dialect);
    await batch.versioned({ update: 'wb_rows', where: { id, version: from }, set: { version: from + 1, state: note } });
    batch.add({ insert: 'wb_events', rows: { row_id: id, seq: from + 1, note } });
    await batch.flush();
  });
  const state = async (id: string) => ({
    row: await k('wb_rows').where({ id }).first('version', 'state'),
    events: (await k('wb_events').where({ row_id: id }).orderBy('seq').select('seq', 'note')).map((e: { seq: number; note: string }) => `${e.seq}:${e.note}`),
  });

  it('writes the row and the batch when the version is current', async () => {
    await k('wb_rows').insert({ id: 'a', version: 1, state: 'new' });
    await command('a', 1, 'first');
    expect(await state('a')).toEqual({ row: { version: 2, state: 'first' }, events: ['2:first'] });
  });

  it('a stale version throws StaleWriteError and leaves nothing of the batch', async () => {
    await k('wb_rows').insert({ id: 'b', version: 3, state: 'new' });
    await expect(command('b', 2, 'stale')).rejects.toBeInstanceOf(StaleWriteError);
    expect(await state('b')).toEqual({ row: { version: 3, state: 'new' }, events: [] });
  });

  it('a stale version whose event meets the winner’s is stale, not a duplicate-key error', async () => {
    await k('wb_rows').insert({ id: 'c', version: 1, state: 'new' });
    await command('c', 1, 'winner');
    await expect(command('c', 1, 'loser')).rejects.toBeInstanceOf(StaleWriteError);
    expect(await state('c')).toEqual({ row: { version: 2, state: 'winner' }, events: ['2:winner'] });
  });

  it('a failing write with the version still current is that write’s own error, and nothing is kept', async () => {
    await k('wb_rows').insert({ id: 'd', version: 1, state: 'new' });
    await k('wb_events').insert({ row_id: 'd', seq: 2, note: 'planted' }); // an event no version bump wrote
    const err = await command('d', 1, 'clash').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(StaleWriteError);
    expect(String((err as { code?: string }).code)).toMatch(/DUP|CONSTRAINT/);
    expect(await state('d')).toEqual({ row: { version: 1, state: 'new' }, events: ['2:planted'] });
  });

  it('two commands racing from one version: one wins, the other is stale', async () => {
    await k('wb_rows').insert({ id: 'e', version: 1, state: 'new' });
    const out = await Promise.allSettled([command('e', 1, 'one'), command('e', 1, 'two')]);
    const lost = out.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(StaleWriteError);
    const s = await state('e');
    expect(s.row?.version).toBe(2);
    expect(s.events).toEqual([`2:${s.row?.state}`]);
  });

  it('a stale version stops the batch at once: later writes that would succeed never run, and the COMMIT riding on it never commits', async () => {
    await k('wb_rows').insert({ id: 'f', version: 5, state: 'new' });
    const stale = k.transaction(async (trx) => {
      const batch = writeBatch(trx, dialect, { ownsTransaction: true });
      await batch.versioned({ update: 'wb_rows', where: { id: 'f', version: 4 }, set: { version: 5, state: 'stale' } });
      batch.add({ insert: 'wb_events', rows: { row_id: 'f', seq: 99, note: 'stale' } }); // no clash with any event
      await batch.flush({ commit: true });
    });
    await expect(stale).rejects.toBeInstanceOf(StaleWriteError);
    expect(await state('f')).toEqual({ row: { version: 5, state: 'new' }, events: [] });
  });
});
