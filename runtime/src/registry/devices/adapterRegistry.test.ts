import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../testing/testRuntime.ts';
import { testDialects } from '../../testing/testDbs.ts';
import { seedRegistry } from '../seedRegistry.ts';
import { adapterBindings, type CareBinding } from './adapterRegistry.ts';
import { withDeviceSignals } from './deviceSignals.ts';

/** An elder living alone in grid 1 of the sample county, with a watch (dev-005) and a door sensor. */
const ELDER = 'r-510722100001001-1';
const GRID1 = '/510722/510722100/510722100001/510722100001001';

describe.each(testDialects)('device bindings and signs of life on %s', (dialect) => {
  let t: TestRuntime;
  let idNumber = '';
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await seedRegistry(t.db.knex, t.rt.codec);
    const { residents } = await import('@tongban/examples');
    idNumber = residents.find((r) => r.id === ELDER)!.idNumber;
  }, 120_000);
  afterAll(async () => t?.close());

  const ofElder = async () => (await adapterBindings(t.db.knex, t.rt.codec)).filter((b): b is CareBinding => 'elder' in b && b.elder.residentId === ELDER);

  it('bindings carry the consents in force from the consent registry (by the ID number’s keyed hash), not a sample file', async () => {
    expect((await ofElder()).every((b) => b.consents === undefined)).toBe(true);
    let changes = 0;
    t.rt.registry.onChange(async () => { changes++; });
    const admin = await t.token('officer');
    const record = (purpose: string, extra: Record<string, unknown> = {}) => t.api('POST', '/api/consents', { token: admin, body: {
      subjectName: '吕桂兰', subjectIdNumber: idNumber, orgPath: GRID1, purpose, dataCategories: ['name', 'phone'], recipients: ['幸福驿站'], evidence: '纸质同意书', ...extra } });
    const sensor = await record('sensor-monitoring');
    expect(sensor.status, JSON.stringify(sensor.body)).toBe(201);
    const door = await record('door-access');
    const expired = await record('share-provider', { grantedAt: Date.now() - 10_000, expiresAt: Date.now() - 5_000 });
    expect(expired.status, JSON.stringify(expired.body)).toBe(201);
    expect(changes).toBe(3); // each consent change re-syncs the adapters
    const bound = await ofElder();
    expect(bound.length).toBeGreaterThan(0);
    for (const b of bound) expect(b.consents).toEqual({ sensor: sensor.body.id, door: door.body.id });
    // a newer grant of the same purpose wins; a withdrawn one drops out
    const sensor2 = await record('sensor-monitoring', { grantedAt: Date.now() + 1 });
    expect((await ofElder())[0]!.consents).toMatchObject({ sensor: sensor2.body.id });
    for (const id of [sensor2.body.id, sensor.body.id]) expect((await t.api('POST', `/api/consents/${id}/withdraw`, { token: admin, body: { reason: '本人撤回' } })).status).toBe(200);
    expect(changes).toBe(6);
    for (const b of await ofElder()) expect(b.consents).toEqual({ door: door.body.id });
  });

  it('a sign of life (periodic test, heartbeat) updates last seen and wakes a silent device without reaching the case service', async () => {
    const knex = t.db.knex;
    const dev = (await knex('devices').where({ resident_id: ELDER }).orderBy('id').first('id')) as { id: string };
    await knex('devices').where({ id: dev.id }).update({ status: 'silent', last_seen_at: 1000 });
    const sink = withDeviceSignals(async () => { throw new Error('a sign of life must not reach the case service'); }, knex, pino({ level: 'silent' }), () => 5_000_000);
    const out = await sink('mqtt-devices', 'device-seen', { eventId: 'seen-1', source: 'device', alive: { deviceId: dev.id }, data: { eventType: 'test' } });
    expect(out).toEqual({ status: 'recorded' });
    expect(await knex('devices').where({ id: dev.id }).first('status', 'last_seen_at')).toEqual({ status: 'active', last_seen_at: 5_000_000 });
    // a retired device stays retired; an external sender cannot forge one
    await knex('devices').where({ id: dev.id }).update({ status: 'retired' });
    await sink('mqtt-devices', 'device-seen', { eventId: 'seen-2', source: 'device', alive: { deviceId: dev.id }, data: { eventType: 'test' } });
    expect((await knex('devices').where({ id: dev.id }).first('status')).status).toBe('retired');
    await knex('devices').where({ id: dev.id }).update({ status: 'silent', last_seen_at: 1000 });
    await sink('webhook', 'in', { eventId: 'seen-3', source: 'external', alive: { deviceId: dev.id }, data: {} });
    expect(await knex('devices').where({ id: dev.id }).first('status', 'last_seen_at')).toEqual({ status: 'silent', last_seen_at: 1000 });
    await knex('devices').where({ id: dev.id }).update({ status: 'active' });
  });
});
