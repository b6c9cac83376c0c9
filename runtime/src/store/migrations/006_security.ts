/**
 * Issue 7 (security): named task candidates as indexed rows (a candidate outside the org scope sees
 * the task in their queue; `LIKE` over a JSON column could not be indexed), the PII lookup index
 * with one row per value (nested personal data: several ID numbers under one path), cases by
 * initiator (residents see the cases they started), a per-user token epoch (logout, revocation,
 * disable and password change end sessions at once), and the audit chain version (v2 hashes cover
 * the org levels that decide who may read an entry).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('task_candidates', (t) => {
    t.string('task_id', 100).notNullable();
    t.string('user_id', 64).notNullable();
    t.string('case_id', 36).notNullable();
    t.primary(['task_id', 'user_id']);
    t.index(['user_id', 'task_id']);
    t.index(['case_id']);
  });
  const tasks = (await knex('tasks').select('id', 'case_id', 'candidates')) as Array<{ id: string; case_id: string; candidates: string }>;
  const rows = tasks.flatMap((t) => parseIds(t.candidates).map((user_id) => ({ task_id: t.id, user_id, case_id: t.case_id })));
  for (let i = 0; i < rows.length; i += 500) await knex('task_candidates').insert(rows.slice(i, i + 500));

  await knex.schema.createTable('pii_lookup', (t) => {
    t.string('case_id', 36).notNullable();
    t.string('field', 191).notNullable(); // the data path, `parties[].idNumber` for nested values
    t.string('hmac', 64).notNullable();
    t.primary(['case_id', 'field', 'hmac']);
    t.index(['hmac', 'case_id']);
  });
  const old = (await knex('pii_index').select('case_id', 'field', 'hmac')) as Array<Record<string, string>>;
  for (let i = 0; i < old.length; i += 500) await knex('pii_lookup').insert(old.slice(i, i + 500));
  await knex.schema.dropTable('pii_index');

  await knex.schema.alterTable('cases', (t) => { t.index(['created_by', 'created_at', 'id']); });
  await knex.schema.alterTable('users', (t) => { t.integer('token_epoch').notNullable().defaultTo(0); });
  await knex.schema.alterTable('audit_log', (t) => { t.integer('chain_version').notNullable().defaultTo(1); });
  await knex.schema.createTable('login_throttle', (t) => {
    t.string('key', 191).primary(); // `ip:<addr>` or `pair:<addr>|<username>`
    t.integer('failures').notNullable();
    t.bigInteger('blocked_until').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('login_throttle');
  await knex.schema.alterTable('audit_log', (t) => { t.dropColumn('chain_version'); });
  await knex.schema.alterTable('users', (t) => { t.dropColumn('token_epoch'); });
  await knex.schema.alterTable('cases', (t) => { t.dropIndex(['created_by', 'created_at', 'id']); });
  await knex.schema.createTable('pii_index', (t) => {
    t.string('case_id', 36).notNullable();
    t.string('field', 100).notNullable();
    t.string('hmac', 64).notNullable();
    t.primary(['case_id', 'field']);
    t.index(['hmac']);
  });
  await knex.schema.dropTableIfExists('pii_lookup');
  await knex.schema.dropTableIfExists('task_candidates');
}

function parseIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
