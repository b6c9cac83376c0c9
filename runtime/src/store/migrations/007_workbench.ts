/**
 * What the workbench needs from the store: each task's warning instant (预警, the SLA's `warnAt`
 * point on its own clock) and clock, so queues filter and count "at risk" in SQL; saved queue views
 * per user; intake drafts (发起草稿) kept on the server while a field worker types.
 */
import type { Knex } from 'knex';

const open = ['pending', 'waiting', 'delegated'];

/** Fills warn_at / sla_clock of open tasks from their case snapshots (the engine's timer records). */
async function backfill(knex: Knex): Promise<void> {
  const tasks = (await knex('tasks').whereIn('status', open).select('id', 'case_id')) as Array<{ id: string; case_id: string }>;
  const byCase = new Map<string, string[]>();
  for (const t of tasks) byCase.set(t.case_id, [...(byCase.get(t.case_id) ?? []), t.id]);
  for (const [caseId, ids] of byCase) {
    const row = (await knex('cases').where({ id: caseId }).first('snapshot')) as { snapshot: string } | undefined;
    if (!row) continue;
    const timers = Object.values((JSON.parse(row.snapshot) as { context?: { timers?: Record<string, { owner: string; purpose: string; dueAt: number; clock: string }> } }).context?.timers ?? {});
    for (const id of ids) {
      const mine = timers.filter((t) => t.owner === id);
      const due = mine.find((t) => t.purpose === 'sla.due');
      if (!due) continue;
      await knex('tasks').where({ id }).update({ sla_clock: due.clock, warn_at: mine.find((t) => t.purpose === 'sla.warn')?.dueAt ?? null });
    }
  }
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.bigInteger('warn_at'); // null: no warning point (the status goes from on track to overdue)
    t.string('sla_clock', 16); // natural | working | urgent; null without an SLA
  });
  await backfill(knex);
  await knex.schema.createTable('saved_views', (t) => {
    t.string('id', 36).primary();
    t.string('user_id', 64).notNullable();
    t.string('screen', 32).notNullable(); // queue | cases
    t.string('name', 60).notNullable();
    t.string('query', 1000).notNullable(); // the screen's URL search string
    t.bigInteger('created_at').notNullable();
    t.unique(['user_id', 'screen', 'name']);
  });
  await knex.schema.createTable('intake_drafts', (t) => {
    t.string('id', 64).notNullable();
    t.string('user_id', 64).notNullable();
    t.string('definition_id', 100).notNullable();
    t.string('org_path', 191);
    t.integer('step').notNullable().defaultTo(0);
    t.text('data', 'longtext').notNullable(); // ID numbers sealed like case data
    t.integer('revision').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['user_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('intake_drafts');
  await knex.schema.dropTableIfExists('saved_views');
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumn('warn_at');
    t.dropColumn('sla_clock');
  });
}
