/**
 * The county calendar a task's deadline counts on (issue 12: the definition's `calendar` is
 * honoured). Null is the default calendar — every task written before this migration, since until
 * now a definition naming another calendar could not start a case.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => { t.string('calendar', 64); });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => { t.dropColumn('calendar'); });
}
