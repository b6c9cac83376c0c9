import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from './createDb.ts';
import { startWalCheckpointer } from './walCheckpointer.ts';

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
});
