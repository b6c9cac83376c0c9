/** Definitions, the org tree, users, role assignments and identity links. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('definitions', (t) => {
    t.string('id', 100).notNullable();
    t.integer('version').notNullable();
    t.string('status', 16).notNullable(); // draft | published | retired
    t.string('title_zh', 200).notNullable();
    t.string('category', 64).notNullable().defaultTo('');
    t.text('body', 'longtext').notNullable();
    t.string('created_by', 64);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('published_at');
    t.primary(['id', 'version']);
    t.index(['status', 'id']);
  });
  await knex.schema.createTable('org_units', (t) => {
    t.string('path', 191).primary();
    t.string('code', 32).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('level', 16).notNullable();
    t.string('parent_path', 191);
    t.index(['parent_path']);
  });
  await knex.schema.createTable('users', (t) => {
    t.string('id', 64).primary();
    t.string('username', 64).notNullable().unique();
    t.string('name', 100).notNullable();
    t.string('org_path', 191).notNullable();
    t.string('password_hash', 200);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.bigInteger('locked_until');
    t.boolean('disabled').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.index(['org_path']);
  });
  await knex.schema.createTable('role_assignments', (t) => {
    t.increments('id');
    t.string('user_id', 64).notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('role', 64).notNullable();
    t.string('org_path', 191).notNullable();
    t.unique(['user_id', 'role', 'org_path']);
    t.index(['role', 'org_path']);
  });
  // An external identity (a county SSO's OIDC subject) maps onto a user; authz stays on role assignments.
  await knex.schema.createTable('identity_links', (t) => {
    t.string('provider', 64).notNullable();
    t.string('subject', 191).notNullable();
    t.string('user_id', 64).notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.primary(['provider', 'subject']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['identity_links', 'role_assignments', 'users', 'org_units', 'definitions']) {
    await knex.schema.dropTableIfExists(t);
  }
}
