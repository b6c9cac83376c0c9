/**
 * Community participation points (积分, domain service-items.md §5c): rules as data (attendance +N,
 * a volunteer hour ×k), a reward catalogue per org unit, an append-only ledger (earn, redeem,
 * reversal; a reversal names the entry it undoes, once) and one balance row per resident, updated
 * with a conditional write in the ledger's transaction so two redemptions never overdraw it.
 */
import type { Knex } from 'knex';

/** The county's starting rules (county admins change them; the activity ids are the consultation item's `ruleId`). */
const defaultRules = [
  { id: 'proposal-accepted', title_zh: '议题被采纳', title_en: 'Proposal accepted', unit: 'each', points: 5 },
  { id: 'meeting-attendance', title_zh: '参加议事', title_en: 'Meeting attendance', unit: 'each', points: 2 },
  { id: 'volunteer-hour', title_zh: '志愿服务时长（每小时）', title_en: 'Volunteer service (per hour)', unit: 'hour', points: 10 },
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('points_rules', (t) => {
    t.string('id', 64).primary();
    t.string('title_zh', 100).notNullable();
    t.string('title_en', 100).notNullable();
    t.string('unit', 8).notNullable(); // each | hour (×k: points per hour)
    t.integer('points').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.string('updated_by', 64).notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('points_rewards', (t) => {
    t.string('id', 64).primary();
    t.string('org_path', 191).notNullable(); // offered to residents at or under this org unit
    t.string('org_l1', 191); t.string('org_l2', 191); t.string('org_l3', 191); t.string('org_l4', 191);
    t.string('name_zh', 100).notNullable();
    t.string('name_en', 100).notNullable();
    t.integer('cost').notNullable();
    t.integer('stock'); // null: unlimited
    t.boolean('enabled').notNullable().defaultTo(true);
    t.string('updated_by', 64).notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['org_l3']);
  });
  await knex.schema.createTable('points_entries', (t) => {
    t.string('id', 36).primary();
    t.string('person_id', 64).notNullable();
    t.string('org_path', 191).notNullable(); // the resident's org unit when the entry was made
    t.string('org_l1', 191); t.string('org_l2', 191); t.string('org_l3', 191); t.string('org_l4', 191);
    t.string('kind', 10).notNullable(); // earn | redeem | reversal
    t.string('rule_id', 64);
    t.string('activity_ref', 80);
    t.double('quantity');
    t.integer('points').notNullable(); // signed: + earned or refunded, − redeemed or taken back
    t.string('reward_id', 64);
    t.string('reverses', 36).unique(); // the entry a reversal undoes: at most one reversal each
    t.string('note', 500);
    t.string('created_by', 64).notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['person_id', 'created_at']);
    // one award per person, rule and activity: a repeated award is refused, not doubled
    t.unique(['person_id', 'rule_id', 'activity_ref', 'kind']);
  });
  await knex.schema.createTable('points_balances', (t) => {
    t.string('person_id', 64).primary();
    t.integer('balance').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  // 公示/公告: the community whose residents may read the case while it is in a `public` state (cases/publicScope.ts)
  await knex.schema.alterTable('cases', (t) => {
    t.string('public_l3', 191);
    t.index(['public_l3']);
  });
  // a parent's end told to its running children once (effects/deliverParentOutcomes.ts)
  await knex.schema.alterTable('case_links', (t) => {
    t.bigInteger('parent_told_at');
    t.string('parent_note', 400);
  });
  const now = Date.now();
  await knex('points_rules').insert(defaultRules.map((r) => ({ ...r, enabled: true, updated_by: 'system', updated_at: now })));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_links', (t) => {
    t.dropColumn('parent_note');
    t.dropColumn('parent_told_at');
  });
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['public_l3']);
    t.dropColumn('public_l3');
  });
  await knex.schema.dropTableIfExists('points_balances');
  await knex.schema.dropTableIfExists('points_entries');
  await knex.schema.dropTableIfExists('points_rewards');
  await knex.schema.dropTableIfExists('points_rules');
}
