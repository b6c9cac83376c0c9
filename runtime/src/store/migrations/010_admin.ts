/**
 * Issue 9 (county administration): org units and users become edited records, so each carries a
 * version (two admins editing one record: the second gets 409 with the current version); a unit
 * can be retired (kept for history: cases and audit entries still name it); a user can be told to
 * change the password an admin set; a role can be held for a period (an acting reviewer), checked
 * when abilities and the engine's directory are built.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('org_units', (t) => {
    t.integer('version').notNullable().defaultTo(1);
    t.bigInteger('retired_at');
  });
  await knex.schema.alterTable('users', (t) => {
    t.integer('version').notNullable().defaultTo(1);
    t.boolean('must_change_password').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('role_assignments', (t) => {
    t.bigInteger('valid_from'); // null: since always
    t.bigInteger('valid_until'); // null: until removed; past: ignored by abilities and the directory
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('role_assignments', (t) => { t.dropColumn('valid_until'); t.dropColumn('valid_from'); });
  await knex.schema.alterTable('users', (t) => { t.dropColumn('must_change_password'); t.dropColumn('version'); });
  await knex.schema.alterTable('org_units', (t) => { t.dropColumn('retired_at'); t.dropColumn('version'); });
}
