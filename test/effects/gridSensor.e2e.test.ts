/**
 * Issue 13 (field), grid sensors over MQTT: a smoke sensor registered at a grid with its site (bound to
 * no resident) publishes through Mosquitto; mqtt-devices opens a grid incident through the device
 * channel — location from the registry binding, no photo, no address, no reporter — and repeated
 * alarms of the same device go into that open case (counted, not opened again). Once the case ended
 * (voided), the sensor's next alarm opens a new case. On SQLite and MariaDB.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const broker = process.env.TONGBAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';
const GRID = '/510722/510722001/510722001001/510722001001001';
const site = { lat: 30.5021, lng: 105.5833, datum: 'CGCS2000', place: '幸福小区5栋1单元楼道', buildingId: 'B-005' };

describe.each(testDialects)('grid sensor → grid incident over Mosquitto on %s', (dialect) => {
  const county = String(100000 + Math.floor(Math.random() * 899999));
  const deviceId = `gs-${county}`;
  let w: E2eWorld;
  const pub = (body: Record<string, unknown>) => execFileSync('mosquitto_pub', ['-L', `${broker}/zhsq/v1/${county}/smoke/${deviceId}/event`, '-q', '1', '-m',
    JSON.stringify({ eventId: randomUUID(), ts: new Date(Date.now() - 1000).toISOString(), type: 'smoke', battery: 90, ...body })]);
  const sensorCases = async () => (await w.db.knex('cases').where({ definition_id: 'grid-incident', org_path: GRID, created_by: 'device' }).orderBy('created_at').select('id', 'ref', 'state', 'status')) as Array<{ id: string; ref: string; state: string; status: string }>;
  const dataOf = async (id: string) => (await w.api('GET', `/api/cases/${id}`, { user: 'grid-leader-510722001001' })).body.data as Record<string, unknown>;
  const adapterUp = () => w.until('mqtt-devices to subscribe', async () => (await w.api('GET', '/api/adapters', { user: 'county-admin' })).body.items.find((a: { id: string }) => a.id === 'mqtt-devices')?.health.status === 'up');

  beforeAll(async () => {
    w = await e2eWorld(dialect, ['mqtt-devices']);
    expect((await w.api('PUT', '/api/adapters/mqtt-devices/config', { user: 'county-admin', body: { config: { brokerUrl: broker, county } } })).status).toBe(200);
    await adapterUp();
  }, 60_000);
  afterAll(async () => { await w?.close(); });

  it('a sensor registered with its site (no resident) is bound with that site; one with neither is not bound', async () => {
    const bad = await w.api('POST', '/api/devices', { user: 'county-admin', body: { id: `${deviceId}-x`, type: 'smoke', orgPath: GRID, site: { ...site, lat: 80 } } });
    expect(bad.status).toBe(400);
    const made = await w.api('POST', '/api/devices', { user: 'county-admin', body: { id: deviceId, type: 'smoke', orgPath: GRID, site } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.site).toEqual(site);
    expect((await w.api('POST', '/api/devices', { user: 'county-admin', body: { id: `${deviceId}-bare`, type: 'smoke', orgPath: GRID } })).status).toBe(201);
    const registry = ((await w.rt.adapters.configs.get('mqtt-devices'))!.secrets as { registry: Array<{ id: string; site?: unknown; elder?: unknown }> }).registry;
    expect(registry.find((d) => d.id === deviceId)).toEqual({ id: deviceId, type: 'smoke', gridPath: GRID, site });
    expect(registry.map((d) => d.id)).not.toContain(`${deviceId}-bare`);
    // the sample county's own grid sensors are bound by the seed, with their sites
    expect(registry.find((d) => d.id === 'gs-smoke-0601-001')).toMatchObject({ site: { place: '幸福小区3栋2单元楼道' } });
    await adapterUp();
  }, 60_000);

  it('its alarm opens a grid incident with the site’s location and no photo; repeats go into the open case; after the case ended, a new case', async () => {
    pub({});
    const [first] = await w.until('the grid incident', async () => { const c = await sensorCases(); return c.length === 1 ? c : undefined; });
    expect(first!.state).toBe('urgent_reported');
    const data = await dataOf(first!.id);
    expect(data).toMatchObject({ sourceChannel: 'sensor', deviceId, urgency: 'urgent', majorClass: '06', minorClass: '0601', gridCode: '510722001001001', buildingId: 'B-005', title: '烟感报警：幸福小区5栋1单元楼道' });
    expect(data.location).toBeDefined();
    for (const absent of ['photosBefore', 'address', 'reporter']) expect(data[absent], absent).toBeUndefined();
    // the same sensor twice more: both go into the open case
    pub({});
    pub({});
    await w.until('two repeats recorded', async () => (await dataOf(first!.id)).sensorRepeats === 2);
    expect(await sensorCases()).toHaveLength(1);
    const timeline = (await w.api('GET', `/api/cases/${first!.id}/timeline`, { user: 'grid-leader-510722001001' })).body.items.map((e: { type: string }) => e.type);
    expect(timeline.filter((t: string) => t === 'sensor_repeat')).toHaveLength(2);
    // the grid leader finds a false alarm and voids the case: it has ended
    const task = await w.db.knex('tasks').where({ case_id: first!.id, status: 'pending' }).first('id');
    await w.api('POST', `/api/tasks/${task.id}/claim`, { user: 'grid-leader-510722001001', body: {} });
    const voided = await w.api('POST', `/api/tasks/${task.id}/complete`, { user: 'grid-leader-510722001001', body: { outcome: 'void', comment: '楼道有人吸烟，非火情' } });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect((await sensorCases())[0]!.status).toBe('done');
    // the next alarm of the sensor opens a new case
    pub({});
    const both = await w.until('the second case', async () => { const c = await sensorCases(); return c.length === 2 ? c : undefined; });
    expect(both[1]!.state).toBe('urgent_reported');
    expect((await dataOf(both[1]!.id)).sensorRepeats ?? 0).toBe(0);
    // the device is alive in the registry
    expect((await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body).toMatchObject({ status: 'active', site });
  }, 90_000);
});
