/**
 * The listener: subscribes to the county's device topics and turns events into alarms — checked,
 * de-duplicated by event id (QoS 1 delivers at least once) and by device + type within 60 s (the
 * care flow's rule), capped per device per minute, bound to the resident and grid by the registry —
 * then answers the device on its `cmd` topic. Silent or `offline` devices become technical tickets;
 * a device back online closes its ticket. Periodic tests are recorded against the device (its last
 * test and a count in the adapter's store), not opened as tickets. A grid sensor (bound to a site, not a
 * resident) opens a grid incident; its repeated alarms go into that open case (`sensor_repeat`) until the
 * case no longer takes them, and only then does a new alarm open a new case.
 */
import type { PluginContext } from '@tongban/plugin-sdk';
import { connectionFor, closeConnection, count, type Connection } from './connection.ts';
import { parseDeviceEvent, parseTopic, type DeviceEvent } from './parseDeviceEvent.ts';
import type { MqttConfig, MqttSecrets, RegisteredDevice } from './settings.ts';
import { gridAlarmTypes, gridIncidentData, repeatData } from './gridAlarm.ts';

type Ctx = PluginContext<MqttConfig, MqttSecrets>;
interface Seen { lastSeen: number; window: { start: number; n: number }; lastByType: Map<string, number>; offline: boolean }

const CARE_DEDUPE_MS = 60_000;

/**
 * Emits, retrying what failed on our side (a busy store, a lost race): MQTT has already acknowledged
 * the message, so giving up here would lose the alarm. The event id makes a retry harmless.
 */
async function emitWithRetry(ctx: Ctx, trigger: string, event: Parameters<Ctx['emit']>[1]) {
  for (let attempt = 1; ; attempt++) {
    try { return await ctx.emit(trigger, event); } catch (err) {
      if (attempt >= 6 || (err as { retryable?: boolean }).retryable === false) throw err;
      await ctx.clock.sleep(100 * 2 ** attempt, ctx.signal);
    }
  }
}
const RECENT_IDS = 20_000;

function caseData(d: RegisteredDevice, ev: DeviceEvent, ctx: Ctx): Record<string, unknown> {
  const gridCode = d.gridPath.split('/').pop()!;
  const data: Record<string, unknown> = {
    eventId: ev.eventId, deviceId: d.id, deviceType: d.type, eventType: ev.type, occurredAt: ev.ts, receivedAt: new Date(ctx.clock.now()).toISOString(),
    gridCode, elder: d.elder, emergencyContacts: d.emergencyContacts,
  };
  if (ev.battery !== undefined) data.battery = ev.battery;
  if (ev.cid) data.alarmCode = ev.cid;
  if (d.ageBand) data.ageBand = d.ageBand;
  if (d.livingStatus) data.livingStatus = d.livingStatus;
  const location = { ...(d.location ?? {}), ...(ev.room ? { room: ev.room } : {}), ...(ev.addressId ? { addressId: ev.addressId } : {}) };
  if (Object.keys(location).length) data.location = location;
  if (ev.type === 'service_request') data.serviceType = ctx.config.serviceType;
  if (d.consents?.sensor) data.sensorConsentRef = d.consents.sensor;
  if (d.consents?.door) data.doorConsentRef = d.consents.door;
  if (d.consents?.provider) data.providerConsentRef = d.consents.provider;
  if (d.doorDeviceId) data.doorDeviceId = d.doorDeviceId;
  return data;
}

/** Starts listening; returns the stop function. */
export async function listen(ctx: Ctx): Promise<() => Promise<void>> {
  const registry = new Map((ctx.secrets.registry ?? []).map((d) => [d.id, d]));
  const conn: Connection = connectionFor(ctx.config, ctx.secrets, `tongban-${ctx.config.county}-${Math.random().toString(16).slice(2, 10)}`);
  const seen = new Map<string, Seen>();
  const recent = new Set<string>();
  const prefix = `zhsq/v1/${ctx.config.county}`;
  const stateOf = (id: string): Seen => {
    let s = seen.get(id);
    if (!s) seen.set(id, (s = { lastSeen: ctx.clock.now(), window: { start: ctx.clock.now(), n: 0 }, lastByType: new Map(), offline: false }));
    return s;
  };
  const reply = (d: RegisteredDevice, body: object) => { conn.client.publish(`${prefix}/${d.type}/${d.id}/cmd`, JSON.stringify(body), { qos: 1 }); };

  async function ticket(d: RegisteredDevice, type: 'offline', since: number): Promise<void> {
    if (await ctx.store.get(`ticket:${d.id}`)) return;
    const ev: DeviceEvent = { eventId: `offline-${d.id}-${since}`, ts: new Date(since).toISOString(), type };
    const r = await ctx.emit('alarm', { eventId: ev.eventId, source: 'device', start: { orgPath: d.gridPath, definition: ctx.config.definition }, data: caseData(d, ev, ctx) });
    if (r.caseId && r.status !== 'rejected') await ctx.store.put(`ticket:${d.id}`, { caseId: r.caseId });
  }

  async function back(d: RegisteredDevice, s: Seen): Promise<void> {
    s.offline = false;
    const t = await ctx.store.get<{ caseId: string }>(`ticket:${d.id}`);
    if (!t) return;
    await ctx.store.delete(`ticket:${d.id}`);
    await ctx.emit('device-status', { eventId: `restored-${d.id}-${ctx.clock.now()}`, source: 'device', data: {}, advance: { caseId: t.caseId, event: 'device_restored' } });
  }

  async function recordTest(d: RegisteredDevice, ev: DeviceEvent): Promise<void> {
    const prev = await ctx.store.get<{ count: number }>(`test:${d.id}`);
    await ctx.store.put(`test:${d.id}`, { lastAt: ev.ts, eventId: ev.eventId, battery: ev.battery ?? null, count: (prev?.count ?? 0) + 1 });
    count(conn, 'mqtt.test-recorded');
    // the registry's last seen: a test is a sign of life, never a case
    await emitWithRetry(ctx, 'device-seen', { eventId: ev.eventId, source: 'device', alive: { deviceId: d.id }, data: { eventType: 'test', occurredAt: ev.ts } });
  }

  /** A grid sensor's alarm: folded into the open case of this sensor, else a new grid incident. */
  async function gridAlarm(d: RegisteredDevice & { site: NonNullable<RegisteredDevice['site']> }, ev: DeviceEvent): Promise<void> {
    if (!gridAlarmTypes.has(ev.type)) { count(conn, 'mqtt.grid-ignored-type'); ctx.logger.info({ device: d.id, code: 'mqtt.grid-ignored-type', type: ev.type }, 'grid sensor event opens nothing'); return; }
    const key = `open:${d.id}`;
    const open = await ctx.store.get<{ caseId: string; caseRef?: string }>(key);
    if (open) {
      const r = await emitWithRetry(ctx, 'grid-repeat', { eventId: ev.eventId, source: 'device', data: repeatData(ev), advance: { caseId: open.caseId, event: 'sensor_repeat' } });
      const ended = r.status === 'rejected' && (r.reason?.code === 'trigger.case-closed' || r.reason?.code === 'trigger.unknown-case');
      if (!ended) {
        // still open: recorded in the case where its state takes repeats, otherwise only counted and logged (never a second case)
        count(conn, r.status === 'rejected' ? 'mqtt.repeat-not-recorded' : 'mqtt.repeat-folded');
        if (r.status === 'rejected') ctx.logger.info({ device: d.id, code: r.reason?.code }, 'repeat alarm folded into the open case without a record');
        reply(d, { command: 'received', eventId: ev.eventId, caseRef: open.caseRef });
        return;
      }
      // the case ended (closed, voided): the sensor's alarm is a new incident
      count(conn, 'mqtt.open-case-ended');
      ctx.logger.info({ device: d.id, code: r.reason?.code }, 'the sensor’s case takes no more repeats: a new case');
      await ctx.store.delete(key);
    }
    const data = gridIncidentData(d, ev, ctx.config.gridClasses ?? {});
    if (!data) { count(conn, 'mqtt.no-grid-class'); ctx.logger.warn({ device: d.id, code: 'mqtt.no-grid-class', type: ev.type }, 'no county class for this sensor alarm'); return; }
    const r = await emitWithRetry(ctx, 'grid-alarm', { eventId: ev.eventId, source: 'device', start: { orgPath: d.gridPath, definition: ctx.config.gridDefinition }, data });
    count(conn, `emit.${r.status}`);
    if (r.status === 'rejected') { ctx.logger.warn({ device: d.id, code: r.reason?.code }, 'grid alarm rejected by the case service'); return; }
    if (r.caseId) await ctx.store.put(key, { caseId: r.caseId, caseRef: r.caseRef });
    reply(d, { command: 'received', eventId: ev.eventId, caseRef: r.caseRef });
  }

  async function onEvent(d: RegisteredDevice, s: Seen, body: Buffer): Promise<void> {
    const now = ctx.clock.now();
    const parsed = parseDeviceEvent(body, now);
    if (!parsed.ok) { count(conn, parsed.problem); ctx.logger.warn({ device: d.id, code: parsed.problem }, 'device event refused'); return; }
    const ev = parsed.event;
    if (recent.has(ev.eventId)) { count(conn, 'mqtt.duplicate'); return; }
    recent.add(ev.eventId);
    if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value as string);
    if (now - s.window.start >= 60_000) s.window = { start: now, n: 0 };
    if (++s.window.n > ctx.config.floodPerMinute) { count(conn, 'mqtt.flood'); if (s.window.n === ctx.config.floodPerMinute + 1) ctx.logger.warn({ device: d.id, code: 'mqtt.flood' }, 'device flood: events dropped'); return; }
    if (ev.type === 'restore') { await back(d, s); return; }
    // a periodic test (CID 602) is recorded against the device (last test, count), never opened as a ticket
    if (ev.type === 'test') { await recordTest(d, ev); reply(d, { command: 'received', eventId: ev.eventId }); return; }
    if (d.site && !d.elder) { await gridAlarm(d as RegisteredDevice & { site: NonNullable<RegisteredDevice['site']> }, ev); return; }
    const last = s.lastByType.get(ev.type);
    if (last !== undefined && now - last < CARE_DEDUPE_MS) { count(conn, 'mqtt.repeat-alarm'); return; }
    s.lastByType.set(ev.type, now);
    const r = await emitWithRetry(ctx, 'alarm', { eventId: ev.eventId, source: 'device', start: { orgPath: d.gridPath, definition: ctx.config.definition }, data: caseData(d, ev, ctx) });
    count(conn, `emit.${r.status}`);
    if (r.status === 'rejected') ctx.logger.warn({ device: d.id, code: r.reason?.code }, 'alarm rejected by the case service');
    else reply(d, { command: 'received', eventId: ev.eventId, caseRef: r.caseRef });
  }

  async function onMessage(topic: string, body: Buffer): Promise<void> {
    const t = parseTopic(topic);
    if (!t || t.county !== ctx.config.county) { count(conn, 'mqtt.bad-topic'); return; }
    const d = registry.get(t.id);
    if (!d) { count(conn, 'mqtt.unknown-device'); ctx.logger.warn({ code: 'mqtt.unknown-device', device: t.id }, 'message from an unregistered device'); return; }
    if (d.type !== t.type) { count(conn, 'mqtt.type-mismatch'); return; }
    const s = stateOf(d.id);
    s.lastSeen = ctx.clock.now();
    if (t.kind === 'cmd/ack') {
      try { const a = JSON.parse(body.toString()) as { cmdId?: string; ok?: boolean }; if (a.cmdId) conn.acks.get(a.cmdId)?.(a.ok !== false); } catch { count(conn, 'mqtt.bad-json'); }
      return;
    }
    if (t.kind === 'status') {
      const v = body.toString().trim();
      if (v === 'offline') { s.offline = true; await ticket(d, 'offline', ctx.clock.now()); } else if (v === 'online' && (s.offline || (await ctx.store.get(`ticket:${d.id}`)))) await back(d, s);
      return;
    }
    if (s.offline) await back(d, s);
    if (t.kind === 'event') await onEvent(d, s, body);
  }

  conn.client.on('message', (topic, body) => { onMessage(topic, body).catch((err) => { count(conn, 'mqtt.handler-error'); ctx.logger.error({ code: 'mqtt.handler-error', err: (err as Error).name }, 'device message failed'); }); });
  await conn.client.subscribeAsync([`${prefix}/+/+/event`, `${prefix}/+/+/status`, `${prefix}/+/+/state`, `${prefix}/+/+/cmd/ack`], { qos: 1 });
  const offlineAfter = ctx.config.offlineAfterMinutes * 60_000;
  const stopSweep = ctx.clock.every(Math.min(60_000, offlineAfter), async () => {
    const now = ctx.clock.now();
    for (const [id, s] of seen) if (!s.offline && now - s.lastSeen > offlineAfter) { s.offline = true; await ticket(registry.get(id)!, 'offline', s.lastSeen); }
  });
  return async () => { stopSweep(); await closeConnection(ctx.config); };
}
