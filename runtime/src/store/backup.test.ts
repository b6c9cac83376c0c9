/**
 * Issue 14.8 — an online backup of the embedded store, taken while commands run, restores into a
 * new data folder where the server starts, every backed-up case reads back, attachments download
 * and the audit chain verifies against the copied checkpoints. The CLI refuses what it should.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime } from '../createRuntime.ts';
import { verifyAuditWithCheckpoints } from '../audit/KnexAuditLog.ts';
import { writeCheckpoint } from '../audit/checkpoints.ts';
import { GRID1, tinyCounty, tinyIncident } from '../testing/testRuntime.ts';
import { httpClient } from '../testing/httpClient.ts';
import { seedCounty } from '../seed/seedCounty.ts';
import { backupSqlite, restoreSqlite } from './backup.ts';

const bin = new URL('../../bin/tongban.mjs', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'tongban-backup-'));

describe('backup and restore of the embedded store', () => {
  it('takes a consistent copy while commands run, and the copy restores into a working runtime', async () => {
    const live = join(tmp(), 'data');
    const rt = await createRuntime(loadConfig({ TONGBAN_DATA_DIR: live, LOG_LEVEL: 'silent', TONGBAN_SEED: 'false', PORT: '0' }), { logger: pino({ level: 'silent' }), jobs: 'off' });
    await seedCounty(rt.db.knex, tinyCounty);
    await rt.definitions.publishBody(tinyIncident, 'u-admin');
    const http = httpClient((await rt.listen(0)).url);
    const grid = await http.token('grid1');
    const create = (description: string) => http.api('POST', '/api/cases', { token: grid, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description, reporterPhone: '13812341234' } } });
    const first = await create('备份');
    const att = await http.api('POST', `/api/cases/${first.body.id}/attachments?name=a.txt`, { token: grid, raw: '现场照片说明', headers: { 'content-type': 'text/plain' } });
    expect(att.status).toBe(201);
    await writeCheckpoint(rt.db.knex, rt.config.auditKey, rt.config.auditCheckpointFile);
    // commands in flight while the copy is taken
    const writing = Promise.all(Array.from({ length: 20 }, (_, i) => create(`并发${i}`)));
    const dest = join(tmp(), 'backup');
    const manifest = backupSqlite(live, dest, rt.config.auditCheckpointFile);
    await writing;
    await rt.close();
    expect(manifest.attachments).toBe(1);
    expect(manifest.migrations.length).toBeGreaterThan(5);

    const restored = join(tmp(), 'restored');
    const config2 = loadConfig({ TONGBAN_DATA_DIR: restored, LOG_LEVEL: 'silent', TONGBAN_SEED: 'false', PORT: '0' });
    restoreSqlite(dest, restored, config2.auditCheckpointFile);
    const rt2 = await createRuntime(config2, { logger: pino({ level: 'silent' }), jobs: 'off' });
    try {
      const http2 = httpClient((await rt2.listen(0)).url);
      const token = await http2.token('grid1');
      expect((await http2.api('GET', `/api/cases/${first.body.id}`, { token })).status).toBe(200);
      expect((await http2.api('GET', `/api/cases/${first.body.id}/attachments/${att.body.id}`, { token })).body).toBe('现场照片说明');
      // every case of the copy has its row, its events and its tasks: nothing half-written
      const cases = await rt2.db.knex('cases').select('id', 'version');
      expect(cases.length).toBeGreaterThanOrEqual(1);
      for (const row of cases) {
        const events = await rt2.db.knex('case_events').where({ case_id: row.id }).count({ n: '*' });
        expect(Number((events as Array<{ n: number }>)[0]!.n)).toBe(Number(row.version));
        expect(await rt2.db.knex('tasks').where({ case_id: row.id }).first('id')).toBeDefined();
      }
      expect(await verifyAuditWithCheckpoints(rt2.db.knex, rt2.config.auditKey, rt2.config.auditCheckpointFile)).toMatchObject({ ok: true });
    } finally {
      await rt2.close();
    }
  });

  it('the CLI refuses a non-empty target, a damaged copy, and a restore over a database without --force', () => {
    const run = (args: string[], env: Record<string, string>) => {
      try { return { code: 0, out: execFileSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }; }
      catch (err) { const e = err as { status: number; stdout: string; stderr: string }; return { code: e.status, out: e.stdout + e.stderr }; }
    };
    const data = join(tmp(), 'data');
    expect(run(['migrate'], { TONGBAN_DATA_DIR: data }).code).toBe(0);
    const dest = tmp();
    writeFileSync(join(dest, 'x'), 'x');
    expect(run(['backup', dest], { TONGBAN_DATA_DIR: data })).toMatchObject({ code: 2, out: expect.stringContaining('must be empty') });
    const ok = join(tmp(), 'b');
    expect(run(['backup', ok], { TONGBAN_DATA_DIR: data }).code).toBe(0);
    expect(run(['restore', ok], { TONGBAN_DATA_DIR: data })).toMatchObject({ code: 2, out: expect.stringContaining('--force') });
    writeFileSync(join(ok, 'tongban.sqlite'), 'damaged');
    expect(run(['restore', ok, '--force'], { TONGBAN_DATA_DIR: join(tmp(), 'other') })).toMatchObject({ code: 2, out: expect.stringContaining('checksum') });
  });
});
