/**
 * Throughput: `audit_pending`, where commands stage audit entries for the sealer to chain in
 * batches (see audit/auditStaging.ts), so no command holds the chain head until its commit;
 * queue indexes for `sort=priority` on the candidate-group and assignee scope branches (without
 * them MariaDB sorted a township group's whole backlog: 3 s at 200k cases) and for a service-item
 * filter on the group and assignee branches (each scanned its backlog row by row until 51 rows
 * matched: 1.3 s at 1M cases). Every scope branch now has (branch…, definition_id, status, due_at, id).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_pending', (t) => {
    t.bigIncrements('id'); // staging order; the chain's seq is given when sealed
    t.bigInteger('at').notNullable();
    t.string('actor_id', 64);
    t.string('actor_roles', 400);
    t.string('org_path', 191);
    t.string('action', 64).notNullable();
    t.string('case_id', 36);
    t.text('detail', 'longtext').notNullable();
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['group_role', 'group_org', 'status', 'priority', 'due_at', 'id'], 'tasks_group_prio_idx');
    t.index(['assignee', 'status', 'priority', 'due_at', 'id'], 'tasks_assignee_prio_idx');
    t.index(['group_role', 'group_org', 'definition_id', 'status', 'due_at', 'id'], 'tasks_group_def_idx');
    t.index(['assignee', 'definition_id', 'status', 'due_at', 'id'], 'tasks_assignee_def_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex([], 'tasks_group_prio_idx');
    t.dropIndex([], 'tasks_assignee_prio_idx');
    t.dropIndex([], 'tasks_group_def_idx');
    t.dropIndex([], 'tasks_assignee_def_idx');
  });
  await knex.schema.dropTableIfExists('audit_pending');
}
