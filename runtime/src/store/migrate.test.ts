import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { migrateDownAll, migrateLatest, migrationStatus } from './migrate.ts';

const tables = ['definitions', 'org_units', 'users', 'role_assignments', 'cases', 'case_events', 'tasks',
  'timers', 'outbox', 'attachments', 'audit_log', 'audit_pending', 'notifications', 'pii_lookup', 'task_candidates', 'login_throttle', 'saved_views', 'intake_drafts',
  'adapter_configs', 'plugin_state', 'trigger_events', 'case_links', 'notification_prefs', 'designer_drafts', 'definition_scenarios', 'worker_heartbeats'];

describe.each(testDialects)('migrations on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => { db = await createTestDb(dialect, { migrate: false }); });
  afterAll(async () => db.dispose());

  it('goes up, down and up again', async () => {
    expect(await migrateLatest(db.knex)).toEqual(['001_core', '002_cases', '003_records', '004_perf', '005_jobs_reviews', '006_security', '007_workbench', '008_effects', '009_designer', '010_admin', '011_registry', '012_ops', '014_care', '015_community', '016_retention', '017_task_calendar', '018_device_site', '019_resident_retire', '020_pts_points_revision', '021_gaps_outbox_origin']);
    for (const t of tables) expect(await db.knex.schema.hasTable(t)).toBe(true);
    expect((await migrationStatus(db.knex)).pending).toEqual([]);
    await migrateDownAll(db.knex);
    for (const t of tables) expect(await db.knex.schema.hasTable(t)).toBe(false);
    expect(await migrateLatest(db.knex)).toHaveLength(20);
  });

  it('indexes the queue columns for keyset paging', async () => {
    const sql = db.dialect === 'mysql'
      ? "select index_name as name from information_schema.statistics where table_schema = database() and table_name = 'tasks'"
      : "select name from sqlite_master where type = 'index' and tbl_name = 'tasks'";
    const rows = (await db.knex.raw(sql)) as unknown;
    const list = (db.dialect === 'mysql' ? (rows as [Array<{ name: string }>])[0] : (rows as Array<{ name: string }>));
    expect(list.map((r) => r.name).join(' ')).toContain('org_l2_status_due_at_id');
  });
});
