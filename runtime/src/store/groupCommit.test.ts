import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './createDb.ts';
import { groupCommitter } from './groupCommit.ts';

let db: Db;
let file: string;
beforeEach(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'tongban-group-')), 'db.sqlite');
  db = openDb({ sqliteFile: file, walCheckpointer: false });
  await db.knex.schema.createTable('parent', (t) => { t.integer('id').primary(); });
  await db.knex.schema.createTable('t', (t) => { t.increments('id'); t.text('v').notNullable(); t.integer('parent_id').references('parent.id'); });
  await db.knex('parent').insert({ id: 1 });
});
afterEach(async () => db.close());

const values = async () => (await db.knex('t').orderBy('id').pluck('v')) as string[];

describe('group commit of SQLite command transactions', () => {
  it('commands queued together commit as one group, each answered with its own result', async () => {
    const g = groupCommitter(db.knex);
    const out = await Promise.all(['a', 'b', 'c', 'd'].map((v) => g.run(async (trx) => { await trx('t').insert({ v }); return v.toUpperCase(); })));
    expect(out).toEqual(['A', 'B', 'C', 'D']);
    expect(g.stats()).toEqual({ groups: 1, commands: 4 });
    expect(await values()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a command that fails rolls back its own writes only; the others in its group commit', async () => {
    const g = groupCommitter(db.knex);
    const runs = ['a', 'bad', 'c'].map((v) => g.run(async (trx) => {
      await trx('t').insert({ v });
      if (v === 'bad') throw new Error('refused after writing');
      return v;
    }));
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('refused after writing');
    expect(await values()).toEqual(['a', 'c']);
  });

  it('no command is answered before its COMMIT: a COMMIT that fails rejects the whole group, writes nothing, and the store goes on', async () => {
    const g = groupCommitter(db.knex);
    const answered: string[] = [];
    // a foreign key checked at COMMIT (deferred) makes the group's COMMIT fail after every command succeeded
    const runs = ['a', 'orphan', 'c'].map((v) => g.run(async (trx) => {
      if (v === 'a') await trx.raw('PRAGMA defer_foreign_keys = ON');
      await trx('t').insert({ v, parent_id: v === 'orphan' ? 99 : 1 });
      return v;
    }).then((r) => { answered.push(r); return r; }));
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(answered).toEqual([]);
    expect(await values()).toEqual([]);
    // the failed transaction was rolled back: the next group begins and commits
    expect(await g.run(async (trx) => { await trx('t').insert({ v: 'after', parent_id: 1 }); return 'ok'; })).toBe('ok');
    expect(await values()).toEqual(['after']);
  });

  it('commands arriving while a group runs join it; a group closes at its size limit', async () => {
    const g = groupCommitter(db.knex, { maxGroup: 3 });
    const later: Array<Promise<string>> = [];
    const first = g.run(async (trx) => {
      // a request parsed while the group runs: queued now, taken before the COMMIT
      later.push(g.run(async (t2) => { await t2('t').insert({ v: 'joined' }); return 'joined'; }));
      await trx('t').insert({ v: 'first' });
      return 'first';
    });
    const rest = ['x', 'y', 'z'].map((v) => g.run(async (trx) => { await trx('t').insert({ v }); return v; }));
    await Promise.all([first, ...rest]);
    await Promise.all(later);
    expect(g.stats()).toEqual({ groups: 2, commands: 5 });
    expect((await values()).sort()).toEqual(['first', 'joined', 'x', 'y', 'z']);
  });

  it('a BEGIN refused by another process\'s lock fails the waiting commands with SQLite\'s busy code (their callers retry), and the next group goes on', async () => {
    const g = groupCommitter(db.knex);
    await db.knex.raw('PRAGMA busy_timeout = 20'); // give up after 20 ms instead of 15 s
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const settled = await Promise.allSettled(['a', 'b'].map((v) => g.run(async (trx) => { await trx('t').insert({ v }); return v; })));
    other.exec('COMMIT');
    other.close();
    // not knex's "Transaction query already complete" from a savepoint on the failed transaction
    expect(settled.map((s) => (s as PromiseRejectedResult).reason?.code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
    expect(await g.run(async (trx) => { await trx('t').insert({ v: 'c' }); return 'c'; })).toBe('c');
    expect(await values()).toEqual(['c']);
  });
});
