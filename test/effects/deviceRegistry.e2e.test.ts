/**
 * Issue 9 item 3: the device adapters read their bindings from the registry and report through the
 * runtime. A call button registered through the API (bound to a resident of the registry) is heard by
 * mqtt-devices at once; its alarm opens a case and marks it seen; going offline marks it silent (the
 * technical ticket), coming back marks it active; a retired button is no longer bound. SQLite and MariaDB.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const broker = process.env.TONGBAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';
const RESIDENT = 'r-510722001001001-1';
const GRID = '/510722/510722001/510722001001/510722001001001';

describe.each(testDialects)('device registry ↔ mqtt-devices on %s', (dialect) => {
  const county = String(100000 + Math.floor(Math.random() * 899999));
  const deviceId = `reg-${county}`;
  let w: E2eWorld;
  const pub = (kind: string, body: string) => execFileSync('mosquitto_pub', ['-L', `${broker}/zhsq/v1/${county}/sos_button/${deviceId}/${kind}`, '-q', '1', '-m', body]);
  const secretsRegistry = async () => ((await w.rt.adapters.configs.get('mqtt-devices'))!.secrets as { registry: Array<{ id: string; elder: { residentId: string } }> }).registry;

  beforeAll(async () => {
    w = await e2eWorld(dialect, ['mqtt-devices']);
    expect((await w.api('PUT', '/api/adapters/mqtt-devices/config', { user: 'county-admin', body: { config: { brokerUrl: broker, county } } })).status).toBe(200);
    await w.until('mqtt-devices to subscribe', async () => (await w.api('GET', '/api/adapters', { user: 'county-admin' })).body.items.find((a: { id: string }) => a.id === 'mqtt-devices')?.health.status === 'up');
  }, 60_000);
  afterAll(async () => { await w?.close(); });

  it('seeds the adapter’s bindings from the registry (not from devices.json)', async () => {
    const seeded = await secretsRegistry();
    const inRegistry = (await w.db.knex('devices').whereNot('status', 'retired').select('id')).map((d: { id: string }) => d.id);
    expect(seeded.length).toBeGreaterThan(0);
    for (const d of seeded) expect(inRegistry).toContain(d.id);
  });

  it('a device registered through the API raises alarms at once, and its status follows the adapter', async () => {
    const made = await w.api('POST', '/api/devices', { user: 'county-admin', body: { id: deviceId, type: 'sos_button', orgPath: GRID, residentId: RESIDENT } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await secretsRegistry()).find((d) => d.id === deviceId)?.elder.residentId).toBe(RESIDENT);
    await w.until('mqtt-devices to resubscribe', async () => (await w.api('GET', '/api/adapters', { user: 'county-admin' })).body.items.find((a: { id: string }) => a.id === 'mqtt-devices')?.health.status === 'up');
    const eventId = randomUUID();
    pub('event', JSON.stringify({ eventId, ts: new Date(Date.now() - 1000).toISOString(), type: 'sos', battery: 90 }));
    await w.until('the alarm case', async () => w.db.knex('trigger_events').where({ plugin_id: 'mqtt-devices', event_id: eventId }).first('case_id'));
    const seen = await w.until('last seen', async () => (await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body.lastSeenAt as number | undefined);
    expect(seen).toBeGreaterThan(Date.now() - 60_000);
    pub('status', 'offline');
    await w.until('silent', async () => (await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body.status === 'silent');
    // the adapter's offline ticket (an event id that is not a UUID: `offline-<device>-<ms>`) opens a technical ticket
    const silent = await w.until('the ticket', async () => (await w.db.knex('devices').where({ id: deviceId }).first('silent_case')) as { silent_case: string | null } | undefined);
    expect(silent.silent_case).toBeTruthy();
    expect(await w.db.knex('cases').where({ id: silent.silent_case }).first('state')).toEqual({ state: 'tech_ticket' });
    pub('status', 'online');
    await w.until('the ticket closed by device_restored', async () => (await w.db.knex('cases').where({ id: silent.silent_case }).first('state') as { state: string }).state === 'tech_closed');
    await w.until('active after the restore', async () => (await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body.status === 'active');
    pub('status', 'offline');
    await w.until('silent again', async () => (await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body.status === 'silent');
    // (a periodic `test` event is recorded by the adapter against the device and does not reach the runtime, and a second SOS within minutes is folded into the first, so a
    // fall alarm shows the device alive here; reporting test heartbeats as last-seen is a follow-up)
    pub('event', JSON.stringify({ eventId: randomUUID(), ts: new Date().toISOString(), type: 'fall', battery: 88 }));
    await w.until('active again', async () => (await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body.status === 'active');
  }, 60_000);

  it('a retired device is unbound from the adapter; a stale edit is refused', async () => {
    const d = (await w.api('GET', `/api/devices/${deviceId}`, { user: 'county-admin' })).body;
    const retired = await w.api('PUT', `/api/devices/${deviceId}`, { user: 'county-admin', body: { type: 'sos_button', orgPath: GRID, residentId: RESIDENT, status: 'retired', expectedVersion: d.version } });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect((await secretsRegistry()).map((x) => x.id)).not.toContain(deviceId);
    const stale = await w.api('PUT', `/api/devices/${deviceId}`, { user: 'county-admin', body: { type: 'sos_button', orgPath: GRID, status: 'active', expectedVersion: d.version } });
    expect(stale.status).toBe(409);
    expect((await w.db.knex('audit_log').whereIn('action', ['device.create', 'device.update']).count({ n: '*' }).first()) as { n: number }).toMatchObject({ n: 2 });
  }, 60_000);
});
