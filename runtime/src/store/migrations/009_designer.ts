/**
 * The designer's server side: drafts being edited (with a revision, so two admins saving one draft
 * get a conflict instead of a lost edit) and the scenarios saved with a definition, which every
 * publish replays.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('designer_drafts', (t) => {
    t.string('id', 100).primary(); // definition id: one working draft per item
    t.integer('revision').notNullable(); // +1 on every save; a save names the revision it was based on
    t.text('body', 'longtext').notNullable();
    t.string('updated_by', 64).notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('definition_scenarios', (t) => {
    t.string('definition_id', 100).primary();
    t.text('body', 'longtext').notNullable(); // JSON array of { name, script, expect }
    t.string('updated_by', 64).notNullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('definition_scenarios');
  await knex.schema.dropTableIfExists('designer_drafts');
}
