/**
 * Operations: one heartbeat row per running worker process (what `/readyz` reads to say whether
 * anything fires timers and delivers the outbox), and the index dead-letter views page timers by.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('worker_heartbeats', (t) => {
    t.string('id', 64).primary(); // the process's owner id (the timer runner's claim owner)
    t.string('role', 16).notNullable(); // all | worker
    t.string('host', 191).notNullable();
    t.integer('pid').notNullable();
    t.bigInteger('started_at').notNullable();
    t.bigInteger('seen_at').notNullable();
    t.index(['seen_at']);
  });
  await knex.schema.alterTable('timers', (t) => {
    t.index(['status', 'case_id', 'timer_key'], 'timers_status_case_key');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => { t.dropIndex(['status', 'case_id', 'timer_key'], 'timers_status_case_key'); });
  await knex.schema.dropTableIfExists('worker_heartbeats');
}
