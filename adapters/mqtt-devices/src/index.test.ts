/** mqtt-devices against the Mosquitto broker running on this machine (127.0.0.1:1883, TONGBAN_TEST_MQTT overrides). */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost, type TestHost } from '@tongban/plugin-sdk';
import mqttDevices from './index.ts';

const broker = process.env.TONGBAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';
const county = String(100000 + Math.floor(Math.random() * 899999)); // a county of our own: parallel runs never hear each other
const grid = '/510722/510722001/510722001001/510722001001001';
const device = { id: 'dev-001', type: 'sos_button', gridPath: grid, elder: { name: '于军', residentId: 'r-1' }, emergencyContacts: [{ name: '董杰', phone: '13928007919', relation: '儿子' }], location: { room: '卧室' } };
const topic = (kind: string, id = device.id, type = device.type) => `zhsq/v1/${county}/${type}/${id}/${kind}`;
const event = (extra: Record<string, unknown> = {}) => JSON.stringify({ eventId: randomUUID(), ts: new Date().toISOString().replace('Z', '+00:00'), type: 'sos', severity: 'critical', battery: 82, cid: { q: 1, code: '101', zone: '003' }, ...extra });

let peer: MqttClient;
let host: TestHost;
const replies: Array<{ topic: string; body: Record<string, unknown> }> = [];
const until = async (what: string, ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) { if (Date.now() > end) throw new Error(`timed out waiting for ${what}`); await new Promise((r) => setTimeout(r, 20)); }
};

beforeAll(async () => {
  peer = await mqtt.connectAsync(broker, { clientId: `peer-${county}` });
  await peer.subscribeAsync(`zhsq/v1/${county}/+/+/cmd`, { qos: 1 });
  peer.on('message', (t, b) => replies.push({ topic: t, body: JSON.parse(b.toString()) as Record<string, unknown> }));
});
afterAll(async () => { await peer.endAsync(); });
const start = async (extra: Record<string, unknown> = {}) => {
  host = await createTestHost(mqttDevices, { config: { brokerUrl: broker, county, ...extra }, secrets: { registry: [device] }, now: Date.now() });
  await host.start();
};
afterEach(async () => { await host?.stop(); replies.length = 0; });

describe('mqtt-devices on Mosquitto', () => {
  it('an alarm published with mosquitto_pub opens a case as the device, bound by the registry; the device hears it was received', async () => {
    await start();
    const id = randomUUID();
    execFileSync('mosquitto_pub', ['-L', `${broker}/${topic('event')}`, '-q', '1', '-m', event({ eventId: id, loc: { addressId: 'A-1029', room: '卧室' } })]);
    await until('the alarm', () => host.emitted.length === 1);
    const [e] = host.emitted;
    expect(e!.trigger).toBe('alarm');
    expect(e!.event).toMatchObject({ eventId: id, source: 'device', start: { orgPath: grid, definition: 'elderly-call' } });
    expect(e!.event.data).toMatchObject({ eventId: id, deviceId: 'dev-001', deviceType: 'sos_button', eventType: 'sos', gridCode: '510722001001001', alarmCode: '101', battery: 82,
      elder: { name: '于军' }, emergencyContacts: [{ phone: '13928007919' }], location: { room: '卧室', addressId: 'A-1029' } });
    await until('the receipt', () => replies.length === 1);
    expect(replies[0]).toMatchObject({ topic: topic('cmd'), body: { command: 'received', eventId: id, caseRef: 'TB-TEST-1' } });
    host.assertNothingPersonalLogged(['于军', '董杰']);
  });

  it('a redelivered event id and a repeat of the same alarm within 60 s open nothing more; junk, unknown devices and a flood are dropped and counted', async () => {
    await start({ floodPerMinute: 5 });
    const id = randomUUID();
    await peer.publishAsync(topic('event'), event({ eventId: id }), { qos: 1 });
    await peer.publishAsync(topic('event'), event({ eventId: id }), { qos: 1 });
    await peer.publishAsync(topic('event'), event(), { qos: 1 }); // same device, same type, 60 s rule
    await peer.publishAsync(topic('event'), '{not json', { qos: 1 });
    await peer.publishAsync(topic('event'), event({ ts: new Date(Date.now() + 3_600_000).toISOString() }), { qos: 1 });
    await peer.publishAsync(topic('event', 'dev-999'), event(), { qos: 1 });
    for (let i = 0; i < 6; i++) await peer.publishAsync(topic('event'), event({ type: 'fall' }), { qos: 1 });
    const health = async () => JSON.parse((await mqttDevices.health!(host.context)).detail!) as Record<string, number>;
    await until('the counters', () => host.emitted.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(host.emitted.map((e) => e.event.data.eventType)).toEqual(['sos', 'fall']);
    // 8 well-formed events reach the per-device window of 5: sos, repeat, fall, repeat, repeat, then 3 over the cap
    expect(await health()).toMatchObject({ 'mqtt.duplicate': 1, 'mqtt.repeat-alarm': 3, 'mqtt.bad-json': 1, 'mqtt.bad-time': 1, 'mqtt.unknown-device': 1, 'mqtt.flood': 3 });
    host.assertNothingPersonalLogged(['于军', '董杰']);
  });

  it('a periodic test is recorded against the device (last test, count), answered and reported as a sign of life, never opened as a case; consents in the registry ride on alarms', async () => {
    host = await createTestHost(mqttDevices, { config: { brokerUrl: broker, county }, now: Date.now(),
      secrets: { registry: [{ ...device, consents: { sensor: 'cs-s', door: 'cs-d' }, doorDeviceId: 'dev-007' }] } });
    await host.start();
    const first = randomUUID();
    await peer.publishAsync(topic('event'), event({ eventId: first, type: 'test', cid: { q: 1, code: '602', zone: '000' }, battery: 77 }), { qos: 1 });
    await until('the receipt', () => replies.length === 1);
    await peer.publishAsync(topic('event'), event({ type: 'test' }), { qos: 1 });
    await until('the second receipt', () => replies.length === 2);
    // signs of life for the registry's last seen: no case started or advanced
    expect(host.emitted.map((e) => [e.trigger, e.event.alive, e.event.start, e.event.advance, e.result.status])).toEqual([['device-seen', { deviceId: 'dev-001' }, undefined, undefined, 'recorded'], ['device-seen', { deviceId: 'dev-001' }, undefined, undefined, 'recorded']]);
    expect(replies[0]!.body).toMatchObject({ command: 'received', eventId: first });
    expect(await host.context.store.get('test:dev-001')).toMatchObject({ count: 2, battery: 82 });
    expect(JSON.parse((await mqttDevices.health!(host.context)).detail!)).toMatchObject({ 'mqtt.test-recorded': 2 });
    await peer.publishAsync(topic('event'), event(), { qos: 1 });
    await until('the alarm', () => host.emitted.length === 3);
    expect(host.emitted[2]!.event.data).toMatchObject({ sensorConsentRef: 'cs-s', doorConsentRef: 'cs-d', doorDeviceId: 'dev-007' });
  });

  it('a device whose Last Will says offline gets a technical ticket, closed when it is back online', async () => {
    await start();
    await peer.publishAsync(topic('status'), 'offline', { qos: 1, retain: false });
    await until('the ticket', () => host.emitted.length === 1);
    expect(host.emitted[0]!.event.data).toMatchObject({ eventType: 'offline', deviceId: 'dev-001' });
    await peer.publishAsync(topic('status'), 'online', { qos: 1 });
    await until('the restore', () => host.emitted.length === 2);
    expect(host.emitted[1]).toMatchObject({ trigger: 'device-status', event: { advance: { caseId: 'case-1', event: 'device_restored' } } });
  });

  it('a silent device becomes a ticket once the offline time passes', async () => {
    await start({ offlineAfterMinutes: 1 });
    await peer.publishAsync(topic('state'), '{"battery":80}', { qos: 1 });
    await new Promise((r) => setTimeout(r, 200)); // the broker delivers the state message: the device is seen
    await host.clock.advance(60_000);
    expect(host.emitted).toHaveLength(0); // silent for exactly the limit: not yet
    await host.clock.advance(60_000);
    await until('the ticket', () => host.emitted.length === 1);
    expect(host.emitted[0]!.event.data.eventType).toBe('offline');
  });

  it('a grid sensor (a site, no resident) opens a grid incident with the registry’s location and no photo; its repeats go into the open case until that case ends', async () => {
    const smoke = { id: 'gs-smoke-01', type: 'smoke', gridPath: grid, site: { lat: 30.8712, lng: 105.3821, datum: 'WGS84', place: '金鱼路12号3单元楼道', buildingId: 'B-12' } };
    let caseIs: 'open' | 'busy' | 'ended' = 'open';
    const refusal = (code: string) => ({ status: 'rejected' as const, reason: { code, message: code } });
    host = await createTestHost(mqttDevices, { config: { brokerUrl: broker, county }, secrets: { registry: [device, smoke] }, now: Date.now(),
      onEmit: (_t, e) => e.advance ? (caseIs === 'open' ? { status: 'advanced', caseId: e.advance.caseId } : refusal(caseIs === 'busy' ? 'trigger.event-refused' : 'trigger.case-closed'))
        : { status: 'created', caseId: `case-${e.eventId.slice(0, 8)}`, caseRef: `TB-${e.eventId.slice(0, 4)}` } });
    await host.start();
    const first = randomUUID();
    execFileSync('mosquitto_pub', ['-L', `${broker}/${topic('event', smoke.id, 'smoke')}`, '-q', '1', '-m', event({ eventId: first, type: 'smoke', cid: { q: 1, code: '111', zone: '001' } })]);
    await until('the grid alarm', () => host.emitted.length === 1);
    expect(host.emitted[0]).toMatchObject({ trigger: 'grid-alarm', event: { eventId: first, source: 'device', start: { orgPath: grid, definition: 'grid-incident' } } });
    const data = host.emitted[0]!.event.data;
    expect(data).toMatchObject({ sourceChannel: 'sensor', deviceId: 'gs-smoke-01', urgency: 'urgent', majorClass: '06', minorClass: '0601', isDispute: false, gridCode: '510722001001001',
      location: { lat: 30.8712, lng: 105.3821, datum: 'WGS84' }, buildingId: 'B-12', title: '烟感报警：金鱼路12号3单元楼道' });
    expect(data).not.toHaveProperty('photosBefore');
    expect(data).not.toHaveProperty('address');
    expect(data).not.toHaveProperty('elder');
    const caseId = host.emitted[0]!.result.caseId!;
    // the same sensor again, twice, at once: folded into the open case, never a new case (no 60 s window here: every repeat is recorded)
    await peer.publishAsync(topic('event', smoke.id, 'smoke'), event({ type: 'smoke' }), { qos: 1 });
    await peer.publishAsync(topic('event', smoke.id, 'smoke'), event({ type: 'smoke' }), { qos: 1 });
    await until('the repeats', () => host.emitted.length === 3);
    expect(host.emitted.slice(1).map((e) => [e.trigger, e.event.advance])).toEqual([['grid-repeat', { caseId, event: 'sensor_repeat' }], ['grid-repeat', { caseId, event: 'sensor_repeat' }]]);
    expect(Object.keys(host.emitted[1]!.event.data)).toEqual(['lastAlarmAt']);
    // open, in a state that records no repeats: counted and logged, still no second case
    caseIs = 'busy';
    await peer.publishAsync(topic('event', smoke.id, 'smoke'), event({ type: 'smoke' }), { qos: 1 });
    await until('the busy repeat', () => host.emitted.length === 4);
    await new Promise((r) => setTimeout(r, 200));
    expect(host.emitted).toHaveLength(4);
    // the case ended: the next alarm is refused by it, so it opens a new case
    caseIs = 'ended';
    await peer.publishAsync(topic('event', smoke.id, 'smoke'), event({ type: 'smoke' }), { qos: 1 });
    await until('the new case', () => host.emitted.length === 6);
    expect(host.emitted[4]!.result.status).toBe('rejected');
    expect(host.emitted[5]).toMatchObject({ trigger: 'grid-alarm', result: { status: 'created' } });
    expect(host.emitted[5]!.result.caseId).not.toBe(caseId);
    // a test event from a grid sensor is recorded, a low battery opens nothing
    await peer.publishAsync(topic('event', smoke.id, 'smoke'), event({ type: 'low_battery' }), { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(host.emitted).toHaveLength(6);
    expect(JSON.parse((await mqttDevices.health!(host.context)).detail!)).toMatchObject({ 'mqtt.repeat-folded': 2, 'mqtt.repeat-not-recorded': 1, 'mqtt.open-case-ended': 1, 'mqtt.grid-ignored-type': 1 });
  });

  it('a registry entry with neither an elder nor a site is refused by the settings', async () => {
    await expect(createTestHost(mqttDevices, { config: { brokerUrl: broker, county }, secrets: { registry: [{ id: 'x-1', type: 'smoke', gridPath: grid }] } })).rejects.toThrow(/registry/);
  });

  it('commands go to the device and wait for its ack; no ack is retryable, an unknown device permanent', async () => {
    await start({ ackTimeoutMs: 500 });
    const answer = (m: { topic: string; body: Record<string, unknown> }) => peer.publishAsync(m.topic + '/ack', JSON.stringify({ cmdId: m.body.cmdId, ok: true }), { qos: 1 });
    peer.on('message', (t, b) => { if (t.endsWith('/cmd')) { const body = JSON.parse(b.toString()) as Record<string, unknown>; if (body.command === 'ack') void answer({ topic: t, body }); } });
    expect(await host.invoke('command', { deviceId: 'dev-001', command: 'ack' }, { idempotencyKey: 'case-1:r1' })).toMatchObject({ ok: true, output: { acked: true, cmdId: 'case-1:r1' } });
    expect(await host.invoke('command', { deviceId: 'dev-001', command: 'silence' })).toMatchObject({ ok: false, error: { code: 'mqtt.no-ack', retryable: true } });
    expect(await host.invoke('command', { deviceId: 'dev-404', command: 'ack' })).toMatchObject({ ok: false, error: { code: 'mqtt.unknown-device', retryable: false } });
  });
});
