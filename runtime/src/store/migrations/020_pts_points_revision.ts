/**
 * Volunteer hours corrected after a dispute (异议更正, issue 13): an hourly award for an activity may
 * be superseded by a later one. Each award carries the revision it was made at (the order the case
 * produced it; 0 for a one-off award), and the ledger keeps one award per person, rule, activity
 * and revision — the older revisions reversed, so exactly one stays effective.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('points_entries', (t) => {
    t.bigInteger('revision').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('points_entries', (t) => {
    t.dropUnique(['person_id', 'rule_id', 'activity_ref', 'kind']);
    t.unique(['person_id', 'rule_id', 'activity_ref', 'kind', 'revision'], { indexName: 'points_entries_award_revision_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  // the older key cannot hold superseded awards: drop them with their reversals first
  const superseded = knex('points_entries').where('revision', '>', 0).select('id');
  await knex('points_entries').whereIn('reverses', superseded).delete();
  await knex('points_entries').where('revision', '>', 0).delete();
  await knex.schema.alterTable('points_entries', (t) => {
    t.dropUnique(['person_id', 'rule_id', 'activity_ref', 'kind', 'revision'], 'points_entries_award_revision_unique');
    t.unique(['person_id', 'rule_id', 'activity_ref', 'kind']);
  });
  await knex.schema.alterTable('points_entries', (t) => {
    t.dropColumn('revision');
  });
}
