/**
 * Effects that really happen: adapter settings per deployment (secrets sealed like personal data),
 * each plugin's small key-value store, inbound-event de-duplication, parent/child case links, the
 * outbox's claims, retries and dead letters, notification preferences and rendered inbox texts.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('adapter_configs', (t) => {
    t.string('plugin_id', 100).primary();
    t.integer('version').notNullable(); // the plugin's config version the row was written under
    t.text('config', 'longtext').notNullable();
    t.text('secrets', 'longtext').notNullable(); // enc:v1:… (the personal-data codec), never plaintext
    t.string('updated_by', 64);
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('plugin_state', (t) => {
    t.string('plugin_id', 100).notNullable();
    t.string('key', 191).notNullable();
    t.text('value', 'longtext').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['plugin_id', 'key']);
  });
  // One row per accepted inbound event, written in the same transaction as the case change it made.
  await knex.schema.createTable('trigger_events', (t) => {
    t.string('plugin_id', 100).notNullable();
    t.string('event_id', 128).notNullable();
    t.string('trigger', 150).notNullable();
    t.string('case_id', 36).notNullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['plugin_id', 'event_id']);
  });
  await knex.schema.createTable('case_links', (t) => {
    t.string('parent_case_id', 36).notNullable();
    t.string('child_key', 64).notNullable(); // the parent's sub-case id (c1, c2, …)
    t.string('child_case_id', 36).notNullable().unique();
    t.string('definition_id', 100).notNullable();
    t.string('status', 16).notNullable(); // open | delivered | ignored
    t.string('outcome', 100);
    t.string('note', 400);
    t.string('spawned_by', 64);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('delivered_at');
    t.primary(['parent_case_id', 'child_key']);
    t.index(['status', 'child_case_id']);
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.string('operation', 150); // adapter operation id, for dead-letter lists by adapter
    t.string('claim_token', 36); // who holds a 'running' row
    t.bigInteger('claimed_until'); // lease end of a 'running' row
    t.string('last_error', 400);
    t.text('result', 'longtext');
    t.bigInteger('updated_at');
    t.index(['status', 'id']);
  });
  await knex.schema.createTable('notification_prefs', (t) => {
    t.string('user_id', 64).primary();
    t.string('locale', 8).notNullable().defaultTo('zh-CN');
    t.boolean('sms').notNullable().defaultTo(true);
    t.boolean('wechat').notNullable().defaultTo(true);
    t.string('quiet_start', 5); // HH:MM, Beijing time
    t.string('quiet_end', 5);
    t.text('phone'); // sealed
    t.text('wechat_openid'); // sealed
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.text('body');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => { t.dropColumn('body'); });
  await knex.schema.dropTableIfExists('notification_prefs');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex(['status', 'id']);
    for (const c of ['operation', 'claim_token', 'claimed_until', 'last_error', 'result', 'updated_at']) t.dropColumn(c);
  });
  for (const t of ['case_links', 'trigger_events', 'plugin_state', 'adapter_configs']) await knex.schema.dropTableIfExists(t);
}
