/**
 * Issue 8, item 5: an alarm published with mosquitto_pub opens an elderly-call case through
 * mqtt-devices, the operators' task shows in the right township's queue (and no other), and once the
 * operator dispatches, the SMS to the family leaves through sms-gateway to the local carrier
 * stand-in while the device receives its acknowledgement over MQTT. The family's SMS reply "1" (to the
 * reply code the text carries) comes back through the stand-in as the case's `family_accepted`; a second
 * contact's later "1" is answered that someone already goes, and a reply without a code reaches no case.
 * On SQLite and MariaDB.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices, residents } from '@tongban/examples';
import { startFakeCarrier, type FakeCarrier } from '../../adapters/sms-gateway/src/testing/fakeCarrier.ts';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const broker = process.env.TONGBAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';
const secrets = { accessKey: 'ak-e2e-12345', signingSecret: 'e2e-signing-secret-0123' };

describe.each(testDialects)('alarm → case → queue → SMS on %s', (dialect) => {
  const county = String(100000 + Math.floor(Math.random() * 899999));
  const device = devices.find((d) => d.id === 'dev-001')!;
  const elder = residents.find((r) => r.id === device.residentId)!;
  let w: E2eWorld;
  let carrier: FakeCarrier;
  let peer: MqttClient;

  beforeAll(async () => {
    carrier = await startFakeCarrier({ accessKey: secrets.accessKey });
    w = await e2eWorld(dialect, ['mqtt-devices', 'sms-gateway']);
    const contacts = [...elder.emergencyContacts!, { name: '李娜', phone: '13700001234', relation: '女儿' }];
    const registry = [{ id: device.id, type: device.type, gridPath: device.gridPath, elder: { name: elder.name, residentId: elder.id }, emergencyContacts: contacts, livingStatus: elder.livingStatus, location: { room: '卧室' } }];
    expect((await w.api('PUT', '/api/adapters/sms-gateway/config', { user: 'county-admin', body: { config: { baseUrl: carrier.url, signName: '涪江县民政' }, secrets } })).status).toBe(200);
    expect((await w.api('PUT', '/api/adapters/mqtt-devices/config', { user: 'county-admin', body: { config: { brokerUrl: broker, county }, secrets: { registry } } })).status).toBe(200);
    // the device: answers command acks, as a terminal does
    peer = await mqtt.connectAsync(broker, { clientId: `e2e-device-${county}` });
    await peer.subscribeAsync(`zhsq/v1/${county}/+/+/cmd`, { qos: 1 });
    peer.on('message', (topic, body) => {
      const cmd = JSON.parse(body.toString()) as { cmdId?: string };
      if (cmd.cmdId) void peer.publishAsync(`${topic}/ack`, JSON.stringify({ cmdId: cmd.cmdId, ok: true }), { qos: 1 });
    });
    await w.until('mqtt-devices to subscribe', async () => (await w.api('GET', '/api/adapters', { user: 'county-admin' })).body.items.find((a: { id: string }) => a.id === 'mqtt-devices')?.health.status === 'up');
  }, 60_000);
  afterAll(async () => { await peer?.endAsync(); await w?.close(); await carrier?.close(); });

  it('runs from the broker to the family’s phone', async () => {
    const eventId = randomUUID();
    const ts = new Date(Date.now() - 2000).toISOString();
    execFileSync('mosquitto_pub', ['-L', `${broker}/zhsq/v1/${county}/${device.type}/${device.id}/event`, '-q', '1', '-m',
      JSON.stringify({ eventId, ts, type: 'sos', severity: 'critical', zone: '003', loc: { addressId: 'A-1029', room: '卧室' }, battery: 82, cid: { q: 1, code: '101', zone: '003' } })]);
    const c = await w.until('the elderly-call case', async () => (await w.db.knex('cases').where({ definition_id: 'elderly-call', org_path: device.gridPath, created_by: 'device' }).first('id', 'ref', 'state')) as { id: string; ref: string; state: string } | undefined);
    expect(c.state).toBe('care.answering');
    expect(await w.db.knex('trigger_events').where({ plugin_id: 'mqtt-devices', event_id: eventId }).first('case_id')).toEqual({ case_id: c.id });
    // the operators' 接警 task is in the device's township queue, not in another township's
    const task = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id', 'state');
    expect(task.state).toMatch(/answering$/);
    const east = await w.api('GET', '/api/tasks?status=open&limit=200', { user: 'township-reviewer-510722001' });
    const west = await w.api('GET', '/api/tasks?status=open&limit=200', { user: 'township-reviewer-510722200' });
    expect(east.body.items.map((x: { id: string }) => x.id)).toContain(task.id);
    expect(west.body.items.map((x: { id: string }) => x.id)).not.toContain(task.id);
    const ops = await w.api('GET', '/api/tasks?status=open&limit=200', { user: 'call-operator-1' });
    expect(ops.body.items.map((x: { id: string }) => x.id)).toContain(task.id);
    // the device heard that its alarm was received, with the case code
    // the operator answers and dispatches
    expect((await w.api('POST', `/api/tasks/${task.id}/claim`, { user: 'call-operator-1', body: {} })).status).toBe(200);
    expect((await w.api('POST', `/api/tasks/${task.id}/complete`, { user: 'call-operator-1', body: { outcome: 'answer', data: { callId: 'call-0001', notes: '老人称胸闷' } } })).status).toBe(200);
    const triage = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id', 'state');
    expect(triage.state).toMatch(/triage$/);
    const d = await w.api('POST', `/api/tasks/${triage.id}/complete`, { user: 'call-operator-1', body: { outcome: 'dispatch', data: { triageClass: 'emergency_medical' } } });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    // the fan-out: every emergency contact by SMS, and at the same time the grid's, the station's and the community's staff
    await w.rt.dispatch();
    const sms = await w.until('the SMS at the carrier', async () => { await w.rt.dispatch(); return carrier.messages.find((m) => m.template === 'alarm_family'); });
    expect(sms).toMatchObject({ to: elder.emergencyContacts![0]!.phone, template: 'alarm_family' });
    expect(sms.outId).toMatch(new RegExp(`^notify:${c.id}:`));
    // every contact's text carries its own reply code, as the extension and in the words
    const second = await w.until('the second contact’s SMS', async () => { await w.rt.dispatch(); return carrier.messages.find((m) => m.template === 'alarm_family' && m.to === '13700001234'); });
    expect(sms.extendCode).toMatch(/^\d{6}$/);
    expect(second.extendCode).not.toBe(sms.extendCode);
    expect(String(sms.params.text)).toContain(`回复编号${sms.extendCode}`);
    // a reply from the son's phone with no code reaches no case (never by the phone alone)
    expect((await carrier.reply(w.url, secrets.signingSecret, { from: sms.to, content: '1', seq: `mo-${c.id}-0` })).body.results).toEqual(['sms.reply-no-code']);
    // the son replies "1" to his code: the case's family_accepted, as `external`
    const reply = await carrier.reply(w.url, secrets.signingSecret, { from: sms.to, content: '1', destCode: sms.extendCode, seq: `mo-${c.id}-1` });
    expect(reply).toEqual({ status: 200, body: { results: ['advanced'] } });
    const after = await w.api('GET', `/api/cases/${c.id}`, { user: 'call-operator-1' });
    expect(JSON.stringify(after.body.state)).toContain('en_route');
    const events = (await w.api('GET', `/api/cases/${c.id}/timeline`, { user: 'call-operator-1' })).body.items as Array<{ type: string; actor?: string; actorId?: string }>;
    expect(events.map((e) => e.type)).toContain('family_accepted');
    // the daughter's "1" comes too late: she is told someone already goes, and the case does not move again
    const late = await carrier.reply(w.url, secrets.signingSecret, { from: '13700001234', content: '1', destCode: second.extendCode, seq: `mo-${c.id}-2` });
    expect(late.body.results).toEqual(['sms.reply-too-late']);
    expect(carrier.messages.find((m) => m.outId === `reply-answer:mo-${c.id}-2`)).toMatchObject({ to: '13700001234', template: 'reply_answer' });
    expect((await w.api('GET', `/api/cases/${c.id}/timeline`, { user: 'call-operator-1' })).body.items.filter((e: { type: string }) => e.type === 'family_accepted')).toHaveLength(1);
    const told = await w.until('the dispatch notices', async () => {
      const rows = (await w.db.knex('notifications').where({ case_id: c.id }).select('user_id', 'body')) as Array<{ user_id: string; body: string }>;
      return rows.some((r) => r.user_id.startsWith('u-grid-worker-')) && rows.some((r) => r.user_id.startsWith('u-officer-')) ? rows : undefined;
    });
    // each staff member had the fan-out notice, and then heard that the family goes
    for (const who of ['u-grid-worker-', 'u-officer-']) {
      const mine = told.filter((r) => r.user_id.startsWith(who));
      expect(mine.some((r) => r.body.includes('先接单者前往')), who).toBe(true);
    }
    await w.until('the taken notices', async () => (await w.db.knex('notifications').where({ case_id: c.id }).select('body') as Array<{ body: string }>).some((r) => r.body.includes('已有人接单')) || undefined);
    await w.until('the device ack answered', async () => (await w.db.knex('outbox').where({ case_id: c.id, kind: 'adapter.invoke', status: 'done' }).count({ n: '*' }).first() as { n: number }).n >= 1 || undefined);
    const timeline = (await w.api('GET', `/api/cases/${c.id}/timeline`, { user: 'call-operator-1' })).body.items.map((e: { type: string }) => e.type);
    expect(timeline.filter((t: string) => t === 'adapter.succeeded')).toHaveLength(1); // the device ack (notices answer no case)
    // a repeated publish of the same event opens nothing
    execFileSync('mosquitto_pub', ['-L', `${broker}/zhsq/v1/${county}/${device.type}/${device.id}/event`, '-q', '1', '-m', JSON.stringify({ eventId, ts, type: 'sos', battery: 82 })]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await w.db.knex('cases').where({ definition_id: 'elderly-call', created_by: 'device' }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
  }, 60_000);
});
