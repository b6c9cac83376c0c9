/**
 * Where an outbox row came from. Rows written while the sample county is seeded carry `seed`: the
 * seeded cases are history the county "already lived", so their outbound calls (devices, hospitals,
 * the 12345 platform, SMS) are settled as `seeded` and never dispatched, and rows the runner still
 * performs for them (a notice to the inbox, a sub-case) pass the origin on to what they write.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.string('origin', 16); // null: a live command; 'seed': written while seeding
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('origin');
  });
}
