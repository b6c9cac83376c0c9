/** `tongban retention run [--dry-run]` on a migrated store: usage, dry run, run (the job itself: retention.test.ts). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../store/createDb.ts';
import { migrateLatest } from '../store/migrate.ts';

const bin = join(new URL('../../../', import.meta.url).pathname, 'runtime/bin/tongban.mjs');
const run = (args: string[], env: Record<string, string>) => {
  try { return { code: 0, out: execFileSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }; }
  catch (err) { const e = err as { status: number; stdout: string; stderr: string }; return { code: e.status, out: e.stdout + e.stderr }; }
};

describe('tongban retention', () => {
  // each spawn compiles the CLI afresh (seconds on a loaded machine): three spawns, the store migrated in-process
  it('refuses bad usage, counts on a dry run and anonymises on a run (nothing due on a fresh store)', async () => {
    const env = { TONGBAN_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'tongban-retention-')), 'data') };
    const db = openDb({ dataDir: env.TONGBAN_DATA_DIR, walCheckpointer: false });
    await migrateLatest(db.knex);
    await db.close();
    expect(run(['retention', 'run', '--force'], env)).toMatchObject({ code: 2, out: expect.stringContaining('tongban retention run [--dry-run]') });
    const dry = run(['retention', 'run', '--dry-run'], env);
    expect(dry).toMatchObject({ code: 0, out: expect.stringContaining('试运行 dry run: 0') });
    expect(run(['retention', 'run'], env)).toMatchObject({ code: 0, out: expect.stringContaining('已匿名化 anonymised 0 cases') });
  }, 180_000);
});

describe('the five service items', () => {
  it('each declares a retention period the job understands', async () => {
    const { serviceItems } = await import('@tongban/definitions/service-items');
    const { retentionCutoff } = await import('./cutoff.ts');
    const periods = Object.values(serviceItems).map((d) => [(d as { id: string }).id, (d as { retention?: string }).retention]);
    expect(periods).toHaveLength(5);
    for (const [, p] of periods) expect(retentionCutoff(String(p), Date.now())).toBeLessThan(Date.now());
  });
});
