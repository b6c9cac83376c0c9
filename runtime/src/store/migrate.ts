/**
 * One list of migrations for SQLite and MySQL/MariaDB, given to knex in code (no directory scan),
 * so they run the same from tsx, tests and the CLI.
 */
import type { Knex } from 'knex';
import * as m001 from './migrations/001_core.ts';
import * as m002 from './migrations/002_cases.ts';
import * as m003 from './migrations/003_records.ts';
import * as m004 from './migrations/004_perf.ts';
import * as m005 from './migrations/005_jobs_reviews.ts';
import * as m006 from './migrations/006_security.ts';
import * as m007 from './migrations/007_workbench.ts';
import * as m008 from './migrations/008_effects.ts';
import * as m009 from './migrations/009_designer.ts';
import * as m010 from './migrations/010_admin.ts';
import * as m011 from './migrations/011_registry.ts';
import * as m012 from './migrations/012_ops.ts';
import * as m014 from './migrations/014_care.ts';
import * as m015 from './migrations/015_community.ts';
import * as m016 from './migrations/016_retention.ts';
import * as m017 from './migrations/017_task_calendar.ts';
import * as m018 from './migrations/018_device_site.ts';
import * as m019 from './migrations/019_resident_retire.ts';
import * as m020 from './migrations/020_pts_points_revision.ts';
import * as m021 from './migrations/021_gaps_outbox_origin.ts';

interface Migration { up(k: Knex): Promise<void>; down(k: Knex): Promise<void> }

const migrations: Record<string, Migration> = {
  '001_core': m001,
  '002_cases': m002,
  '003_records': m003,
  '004_perf': m004,
  '005_jobs_reviews': m005,
  '006_security': m006,
  '007_workbench': m007,
  '008_effects': m008,
  '009_designer': m009,
  '010_admin': m010,
  '011_registry': m011,
  '012_ops': m012,
  '014_care': m014,
  '015_community': m015,
  '016_retention': m016,
  '017_task_calendar': m017,
  '018_device_site': m018,
  '019_resident_retire': m019,
  '020_pts_points_revision': m020,
  '021_gaps_outbox_origin': m021,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

/** Brings the schema up to date; returns the names applied. */
export async function migrateLatest(knex: Knex, opts: { waitMs?: number } = {}): Promise<string[]> {
  // Several processes starting together (servers and workers of one deployment) race for knex's
  // migration lock: the losers wait for the winner, then find nothing left to do.
  const until = Date.now() + (opts.waitMs ?? 60_000);
  for (;;) {
    try {
      const [, applied] = (await knex.migrate.latest({ migrationSource: source })) as [number, string[]];
      return applied;
    } catch (err) {
      if (!/already locked|already exists|ER_DUP_ENTRY|UNIQUE constraint/i.test((err as Error).message) || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Rolls every migration back (down to an empty schema). */
export async function migrateDownAll(knex: Knex): Promise<string[]> {
  const [, undone] = (await knex.migrate.rollback({ migrationSource: source }, true)) as [number, string[]];
  return undone;
}

/** Names of applied and pending migrations. */
export async function migrationStatus(knex: Knex): Promise<{ applied: string[]; pending: string[] }> {
  const [done, pending] = (await knex.migrate.list({ migrationSource: source })) as [Array<{ name: string } | string>, string[]];
  return { applied: done.map((d) => (typeof d === 'string' ? d : d.name)), pending };
}
