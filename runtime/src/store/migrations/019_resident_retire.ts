/**
 * Residents retire rather than go (issue 9): moved away or deceased, they leave lists and device
 * bindings but stay in the history of their cases and in the audit chain.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('residents', (t) => {
    t.bigInteger('retired_at');
    t.string('retired_reason', 16); // moved-away | deceased
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('residents', (t) => {
    t.dropColumn('retired_reason');
    t.dropColumn('retired_at');
  });
}
