/**
 * Cases, their append-only events, human tasks, timers and the outbox. Case and task rows carry
 * their org path at each level (org_l1..org_l4) so a scope test is an indexed equality, and the
 * queue index ends in (due_at, id) for keyset paging without a sort.
 */
import type { Knex } from 'knex';

function orgLevels(t: Knex.CreateTableBuilder): void {
  t.string('org_path', 191).notNullable();
  for (const l of [1, 2, 3, 4]) t.string(`org_l${l}`, 191);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cases', (t) => {
    t.string('id', 36).primary();
    t.string('ref', 40).notNullable().unique();
    t.string('definition_id', 100).notNullable();
    t.integer('definition_version').notNullable();
    orgLevels(t);
    t.string('state', 191).notNullable();
    t.string('status', 16).notNullable();
    t.integer('version').notNullable();
    t.text('snapshot', 'longtext').notNullable();
    t.string('created_by', 64);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['org_l2', 'status', 'created_at', 'id']);
    t.index(['org_l3', 'status', 'created_at', 'id']);
    t.index(['org_l4', 'status', 'created_at', 'id']);
    t.index(['definition_id', 'status', 'created_at', 'id']);
  });
  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.string('case_id', 36).notNullable();
    t.integer('seq').notNullable();
    t.string('type', 64).notNullable();
    t.string('actor_id', 64);
    t.text('payload', 'longtext').notNullable();
    t.bigInteger('at').notNullable();
    t.unique(['case_id', 'seq']);
  });
  await knex.schema.createTable('tasks', (t) => {
    t.string('id', 100).primary(); // the engine's task id (`<caseId>:t<n>`), unique across cases
    t.string('case_id', 36).notNullable();
    t.string('task_key', 100).notNullable();
    t.string('definition_id', 100).notNullable();
    orgLevels(t);
    t.string('state', 191).notNullable();
    t.string('title_zh', 200).notNullable();
    t.string('title_en', 200).notNullable();
    t.string('status', 16).notNullable(); // pending | waiting | delegated | done | cancelled
    t.string('assignee', 64);
    t.string('group_role', 64);
    t.string('group_org', 191);
    t.text('candidates').notNullable();
    t.integer('priority').notNullable(); // 0 urgent … 3 low: ascending sorts urgent first
    t.bigInteger('due_at').notNullable(); // far future when there is no SLA, so keyset stays total
    t.string('form', 100);
    t.text('spec', 'longtext').notNullable(); // fields matrix + decisions, from task.create
    t.text('draft', 'longtext');
    t.bigInteger('draft_at');
    t.string('outcome', 64);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('completed_at');
    t.unique(['case_id', 'task_key']);
    t.index(['org_l2', 'status', 'due_at', 'id']);
    t.index(['org_l3', 'status', 'due_at', 'id']);
    t.index(['org_l4', 'status', 'due_at', 'id']);
    t.index(['org_l2', 'definition_id', 'status', 'due_at', 'id']);
    t.index(['org_l2', 'status', 'priority', 'due_at', 'id']);
    t.index(['assignee', 'status', 'due_at', 'id']);
    t.index(['group_role', 'group_org', 'status', 'due_at', 'id']);
  });
  await knex.schema.createTable('timers', (t) => {
    t.string('case_id', 36).notNullable();
    t.string('timer_key', 100).notNullable();
    t.bigInteger('due_at').notNullable();
    t.string('purpose', 100).notNullable();
    t.string('status', 16).notNullable(); // armed | fired | cancelled
    t.primary(['case_id', 'timer_key']);
    t.index(['status', 'due_at']);
  });
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.string('case_id', 36).notNullable();
    t.string('kind', 32).notNullable();
    t.string('idempotency_key', 191).notNullable().unique();
    t.text('payload', 'longtext').notNullable();
    t.string('status', 16).notNullable(); // pending | done | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('available_at').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['status', 'available_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['outbox', 'timers', 'tasks', 'case_events', 'cases']) await knex.schema.dropTableIfExists(t);
}
