/** Attachments, comments, notifications, the hash-chained audit log, PII lookups, rate limits. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (t) => {
    t.string('id', 36).primary();
    t.string('case_id', 36).notNullable().index();
    t.string('name', 200).notNullable();
    t.string('mime', 100).notNullable();
    t.integer('size').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('uploaded_by', 64).notNullable();
    t.bigInteger('created_at').notNullable();
  });
  await knex.schema.createTable('comments', (t) => {
    t.bigIncrements('id');
    t.string('case_id', 36).notNullable();
    t.string('user_id', 64).notNullable();
    t.text('body').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['case_id', 'id']);
  });
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    t.string('user_id', 64).notNullable();
    t.string('kind', 16).notNullable(); // notify | cc | urge
    t.string('case_id', 36);
    t.string('task_id', 100);
    t.string('title', 400).notNullable();
    t.string('dedupe_key', 191).notNullable().unique();
    t.bigInteger('read_at');
    t.bigInteger('created_at').notNullable();
    t.index(['user_id', 'read_at', 'id']);
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.bigInteger('seq').primary();
    t.bigInteger('at').notNullable();
    t.string('actor_id', 64);
    t.string('actor_roles', 400);
    t.string('org_path', 191);
    for (const l of [1, 2, 3, 4]) t.string(`org_l${l}`, 191);
    t.string('action', 64).notNullable();
    t.string('case_id', 36);
    t.text('detail', 'longtext').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.index(['org_l1', 'seq']);
    t.index(['org_l2', 'seq']);
    t.index(['org_l3', 'seq']);
    t.index(['case_id', 'seq']);
  });
  // One row: the chain head, locked while appending so concurrent writers stay in one chain.
  await knex.schema.createTable('audit_head', (t) => {
    t.integer('id').primary();
    t.bigInteger('seq').notNullable();
    t.string('hash', 64).notNullable();
  });
  await knex('audit_head').insert({ id: 1, seq: 0, hash: '0'.repeat(64) });
  await knex.schema.createTable('pii_index', (t) => {
    t.string('case_id', 36).notNullable();
    t.string('field', 100).notNullable();
    t.string('hmac', 64).notNullable();
    t.primary(['case_id', 'field']);
    t.index(['hmac']);
  });
  await knex.schema.createTable('rate_limits', (t) => {
    t.string('key', 191).notNullable();
    t.bigInteger('window_start').notNullable();
    t.integer('count').notNullable();
    t.primary(['key', 'window_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['rate_limits', 'pii_index', 'audit_head', 'audit_log', 'notifications', 'comments', 'attachments']) {
    await knex.schema.dropTableIfExists(t);
  }
}
