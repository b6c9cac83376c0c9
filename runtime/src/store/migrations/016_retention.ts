/**
 * Retention (issue 14.8, PIPL): when a closed case's personal data was anonymised, so the daily job
 * passes over it, and an index that finds closed cases by the time they last changed (their close).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.bigInteger('anonymised_at');
    t.index(['status', 'updated_at'], 'cases_status_updated_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['status', 'updated_at'], 'cases_status_updated_at_index');
    t.dropColumn('anonymised_at');
  });
}
