/**
 * Grid sensors (issue 13, field): a sensor that serves the grid itself (a smoke detector in a stairwell,
 * a water sensor in a pump room) is bound to no resident; its site — a map point with its datum, a place
 * name and a building — is what its alarms bring to a grid incident. Public places, not dwellings: no
 * personal data, so plain columns.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.double('site_lat');
    t.double('site_lng');
    t.string('site_datum', 10);
    t.string('site_place', 60);
    t.string('site_building', 40);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.dropColumn('site_building');
    t.dropColumn('site_place');
    t.dropColumn('site_datum');
    t.dropColumn('site_lng');
    t.dropColumn('site_lat');
  });
}
