/**
 * Issue 9 items 3–4: the resident registry (the people cases are about) and the device registry
 * (device → resident → grid). Residents' ID numbers, phones and emergency contacts are sealed like
 * case data (AES-256-GCM, `enc:v1:`), with keyed hashes for lookup; the ID number's hash is the
 * natural key a spreadsheet re-import upserts by. Both tables carry the org levels so the CASL scope
 * turns into indexed SQL, as for cases.
 */
import type { Knex } from 'knex';

function orgLevels(t: Knex.CreateTableBuilder): void {
  t.string('org_path', 191).notNullable();
  t.string('org_l1', 191);
  t.string('org_l2', 191);
  t.string('org_l3', 191);
  t.string('org_l4', 191);
  t.index(['org_l2', 'name_sort', 'id']);
  t.index(['org_l3', 'name_sort', 'id']);
  t.index(['org_l4', 'name_sort', 'id']);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('residents', (t) => {
    t.string('id', 64).primary();
    t.string('name', 100).notNullable();
    // the sort key of lists (name, then id): keyset paging in the scope indexes
    t.string('name_sort', 100).notNullable();
    t.string('sex', 8);
    t.string('birth_date', 10);
    t.text('id_number').notNullable(); // sealed
    t.string('id_hmac', 64).notNullable().unique();
    t.text('phone'); // sealed
    t.string('phone_hmac', 64);
    t.string('address', 300);
    t.string('categories', 200).notNullable().defaultTo(''); // comma list of resident categories
    t.string('household_id', 64);
    t.string('household_relation', 32);
    t.text('contacts'); // sealed JSON: emergency contacts (names and phones)
    t.string('user_id', 64);
    t.integer('version').notNullable().defaultTo(1);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.string('updated_by', 64);
    orgLevels(t);
    t.index(['phone_hmac']);
    t.index(['household_id']);
  });
  await knex.schema.createTable('devices', (t) => {
    t.string('id', 64).primary(); // the device code in its MQTT topic or panel account
    t.string('type', 32).notNullable();
    t.string('name_sort', 100).notNullable(); // the id again: lists share the scope index shape
    t.string('resident_id', 64);
    t.string('status', 16).notNullable().defaultTo('active'); // active | silent | retired
    t.bigInteger('last_seen_at');
    t.string('account', 16); // an alarm panel's DC-09 account, when it reports through one
    t.string('silent_case', 36); // the technical ticket opened when it went silent; closes it when it reports again
    t.integer('version').notNullable().defaultTo(1);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.string('updated_by', 64);
    orgLevels(t);
    t.index(['resident_id']);
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('devices');
  await knex.schema.dropTableIfExists('residents');
}
