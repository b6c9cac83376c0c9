/**
 * Jobs, break-glass review and seed bookkeeping: timer claims (a lease, so two runtimes sharing one
 * database never fire a timer twice and a crashed claim is retried), the break-glass review queue,
 * and which sample seed cases were already loaded (so `tongban seed` is idempotent).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => {
    t.string('claimed_by', 64);
    t.bigInteger('claimed_until'); // lease end: a 'firing' row past it is claimable again
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('fired_at');
    t.string('last_error', 400);
  });
  await knex.schema.createTable('break_glass', (t) => {
    t.bigInteger('audit_seq').primary(); // the `pii.break-glass` audit entry under review
    t.string('case_id', 36).notNullable();
    t.string('actor_id', 64).notNullable();
    t.string('org_path', 191).notNullable();
    for (const l of [1, 2, 3, 4]) t.string(`org_l${l}`, 191);
    t.string('status', 16).notNullable(); // pending | reviewed
    t.bigInteger('at').notNullable();
    t.string('reviewer_id', 64);
    t.string('outcome', 16); // justified | unjustified
    t.string('note', 1000);
    t.bigInteger('reviewed_at');
    t.index(['org_l1', 'status', 'audit_seq']);
    t.index(['org_l2', 'status', 'audit_seq']);
  });
  await knex.schema.createTable('seed_cases', (t) => {
    t.string('seed_id', 64).primary();
    t.string('case_id', 36);
    t.string('status', 16).notNullable(); // running | done | failed
    t.string('detail', 400);
    t.bigInteger('created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seed_cases');
  await knex.schema.dropTableIfExists('break_glass');
  await knex.schema.alterTable('timers', (t) => {
    for (const c of ['claimed_by', 'claimed_until', 'attempts', 'fired_at', 'last_error']) t.dropColumn(c);
  });
}
