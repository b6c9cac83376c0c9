import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from './createDb.ts';
import { JOURNAL_SIZE_LIMIT, startWalCheckpointer } from './walCheckpointer.ts';

describe('WAL checkpoints in a worker thread (issue 14.5)', () => {
  it('commits without checkpointing, and the worker gives the WAL back to the database file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tongban-wal-')), 'db.sqlite');
    const db = openDb({ sqliteFile: file });
    try {
      expect((await db.knex.raw('PRAGMA wal_autocheckpoint')) as unknown).toEqual([{ wal_autocheckpoint: 0 }]);
      await db.knex.schema.createTable('t', (t) => { t.increments('id'); t.text('v'); });
      for (let i = 0; i < 40; i++) await db.knex('t').insert(Array.from({ length: 50 }, () => ({ v: 'x'.repeat(2000) })));
      const grown = statSync(file + '-wal').size;
      expect(grown).toBeGreaterThan(1_000_000);
      // the worker's rounds checkpoint the pages into the main file (poll: it runs every second)
      await expect.poll(() => statSync(file).size, { timeout: 20_000, interval: 250 }).toBeGreaterThan(3_000_000);
    } finally {
      await db.close();
    }
  });

  it('stops twice without waiting for a second exit (a runtime closes its store, then its owner disposes it)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tongban-wal-')), 'db.sqlite');
    const db = openDb({ sqliteFile: file, walCheckpointer: false });
    await db.knex.raw('select 1');
    const checkpointer = startWalCheckpointer(file, { intervalMs: 50 });
    await checkpointer.stop();
    // before the fix the second stop posted to an exited worker and never settled
    const second = await Promise.race([checkpointer.stop().then(() => 'stopped'), new Promise((r) => setImmediate(() => setImmediate(() => r('pending'))))]);
    expect(second).toBe('stopped');
    await db.close();
  });

  it('stops when a round that held the stop back reports first (the shutdown of a store under write load)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tongban-wal-')), 'db.sqlite');
    const db = openDb({ sqliteFile: file, walCheckpointer: false });
    await db.knex.raw('PRAGMA wal_autocheckpoint = 0');
    await db.knex.schema.createTable('t', (t) => { t.increments('id'); t.text('v'); });
    await db.knex('t').insert(Array.from({ length: 20 }, () => ({ v: 'x'.repeat(2000) })));
    // a reader in a transaction: every TRUNCATE round waits out the worker's busy timeout (1 s) for it
    const reader = new Database(file);
    reader.prepare('BEGIN').run();
    reader.prepare('select count(*) from t').get();
    const reports: Array<{ done: boolean }> = [];
    const checkpointer = startWalCheckpointer(file, { intervalMs: 10, truncateFrames: 0, onTruncated: (t) => reports.push(t) });
    try {
      await expect.poll(() => reports.length).toBeGreaterThan(0);
      expect(reports[0]!.done).toBe(false);
      // the next round is now blocked: the stop waits behind it, and its report arrives first. The
      // stop used to hear only the first message after it was sent, so it never settled (a runtime's
      // close hung this way after the benchmark's load grew the WAL past the truncate limit)
      await new Promise((r) => setTimeout(r, 200));
      await checkpointer.stop();
    } finally {
      reader.prepare('COMMIT').run();
      reader.close();
      await db.close();
    }
  });
});

describe('WAL size without blocking the writer', () => {
  it('sets journal_size_limit on the writer, which restarts and trims the WAL', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tongban-wal-')), 'db.sqlite');
    const db = openDb({ sqliteFile: file });
    try {
      expect((await db.knex.raw('PRAGMA journal_size_limit')) as unknown).toEqual([{ journal_size_limit: JOURNAL_SIZE_LIMIT }]);
    } finally {
      await db.close();
    }
  });

  it('truncates only a WAL past the limit, and says how long it held the writer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tongban-wal-')), 'db.sqlite');
    const db = openDb({ sqliteFile: file, walCheckpointer: false });
    await db.knex.raw('PRAGMA wal_autocheckpoint = 0');
    await db.knex.schema.createTable('t', (t) => { t.increments('id'); t.text('v'); });
    const truncated: Array<{ frames: number; ms: number; done: boolean }> = [];
    const checkpointer = startWalCheckpointer(file, { intervalMs: 100, truncateFrames: 200, onTruncated: (t) => truncated.push(t) });
    try {
      // small writes stay under the limit: passive rounds only
      await db.knex('t').insert({ v: 'x' });
      await new Promise((r) => setTimeout(r, 400));
      expect(truncated).toEqual([]);
      // one commit: a truncation between batches would leave the later ones in a WAL under the limit, never truncated
      await db.knex.transaction(async (trx) => { for (let i = 0; i < 10; i++) await trx('t').insert(Array.from({ length: 50 }, () => ({ v: 'x'.repeat(2000) }))); });
      await expect.poll(() => truncated.length, { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);
      expect(truncated[0]!.frames).toBeGreaterThan(200);
      expect(truncated[0]!.ms).toBeGreaterThanOrEqual(0);
      expect(truncated.some((t) => t.done)).toBe(true);
      await expect.poll(() => statSync(file + '-wal').size, { timeout: 20_000, interval: 100 }).toBe(0);
    } finally {
      await checkpointer.stop();
      await db.close();
    }
  });
});
