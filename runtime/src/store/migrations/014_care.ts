/**
 * Elderly care and referral (issue 13): the consent registry (单独同意, PIPL arts. 23 and 29) and the
 * per-resident counters of care events (repeated falls across cases).
 *
 * A consent is keyed to its person by the same keyed hash (HMAC) as the ID-number lookup
 * (`pii_lookup.hmac`), so the resident registry being built beside it can join on it without
 * decrypting anything; only masked forms of the name and number are kept for display.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consents', (t) => {
    t.string('id', 40).primary();
    t.string('subject_hmac', 64).notNullable().index();
    t.string('subject_name_masked', 40).notNullable();
    t.string('subject_id_masked', 24).notNullable();
    // the org unit of the resident: scope of who may list, read and withdraw it
    t.string('org_path', 100).notNullable();
    t.string('org_l1', 100).nullable();
    t.string('org_l2', 100).nullable().index();
    t.string('org_l3', 100).nullable().index();
    t.string('org_l4', 100).nullable().index();
    t.string('purpose', 40).notNullable();
    t.text('data_categories').notNullable(); // JSON array of x-pii kinds
    t.text('recipients').notNullable(); // JSON array of names of the receiving processors
    t.boolean('separate').notNullable(); // 单独同意: a consent of its own, not bundled
    t.string('guardian_name_masked', 40).nullable();
    t.string('evidence', 200).notNullable(); // e.g. the signed form's archive number
    t.bigInteger('granted_at').notNullable();
    t.bigInteger('expires_at').nullable();
    t.string('status', 16).notNullable(); // active | withdrawn
    t.string('recorded_by', 64).notNullable();
    t.bigInteger('recorded_at').notNullable();
    t.string('withdrawn_by', 64).nullable();
    t.bigInteger('withdrawn_at').nullable();
    t.string('withdraw_reason', 500).nullable();
    t.index(['subject_hmac', 'purpose', 'status']);
  });
  await knex.schema.createTable('care_counts', (t) => {
    t.increments('id').primary();
    t.string('counter', 64).notNullable(); // `<definition id>.<data field>`
    t.string('key_hmac', 64).notNullable(); // keyed hash of the resident key (never the key itself)
    t.string('case_id', 64).notNullable();
    t.bigInteger('at').notNullable();
    t.unique(['counter', 'case_id']);
    t.index(['counter', 'key_hmac', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('care_counts');
  await knex.schema.dropTableIfExists('consents');
}
