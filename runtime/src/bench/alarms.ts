/**
 * Alarms per second from an MQTT publish to a committed elderly-call case (with its operators' task),
 * through Mosquitto, the mqtt-devices adapter, the trigger path and the command transaction; latency
 * from publish to commit (`trigger_events.created_at` is written inside the case's transaction).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import pino from 'pino';
import { devices, residents } from '@tongban/examples';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime } from '../createRuntime.ts';
import { seedRuntime } from '../seed/seedRuntime.ts';
import type { Dialect } from '../store/createDb.ts';
import { createTestDb } from '../testing/testDbs.ts';
import { percentile } from '../../bench/stats.ts';

const TYPES = ['sos', 'fall', 'smoke', 'gas', 'door_open_abnormal'];

/** Figures of one run. */
export interface AlarmFigures { dialect: Dialect; published: number; committed: number; rate: number; p50: number; p99: number }

/** Publishes `rate` alarms/s for `seconds` and measures. */
export async function benchAlarms(dialect: Dialect, rate: number, seconds: number, broker = process.env.TONGBAN_TEST_MQTT ?? 'mqtt://127.0.0.1:1883'): Promise<AlarmFigures> {
  const db = await createTestDb(dialect);
  const config = loadConfig({ TONGBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tongban-bench-')), PORT: '0', LOG_LEVEL: 'silent' });
  const adapter = fileURLToPath(new URL('../../../adapters/mqtt-devices/src/index.ts', import.meta.url));
  const rt = await createRuntime(config, { db, logger: pino({ level: 'silent' }), jobs: 'off', adapters: [adapter] });
  try {
    await seedRuntime(rt, { cases: false });
    // enough devices that the care flow's "same device and type within 60 s" rule never merges two alarms
    const county = String(100000 + Math.floor(Math.random() * 899999));
    const elders = devices.map((d) => ({ d, r: residents.find((x) => x.id === d.residentId) })).filter((x) => x.r?.emergencyContacts?.length);
    const total = rate * seconds;
    const count = Math.ceil(total / TYPES.length) + 1;
    const registry = Array.from({ length: count }, (_, i) => { const { d, r } = elders[i % elders.length]!; return { id: `b-${i}`, type: 'sos_button', gridPath: d.gridPath, elder: { name: r!.name, residentId: r!.id }, emergencyContacts: r!.emergencyContacts }; });
    const res = await rt.adapters.configure('mqtt-devices', { config: { brokerUrl: broker, county, floodPerMinute: 600 }, secrets: { registry } }, 'bench');
    if (!res.ok) throw new Error(JSON.stringify(res.problems));
    await rt.adapters.start();
    await new Promise((r) => setTimeout(r, 500));
    const pub = await mqtt.connectAsync(broker, { clientId: `bench-${county}` });
    const sent = new Map<string, number>();
    const t0 = Date.now();
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const eventId = randomUUID();
      const device = `b-${Math.floor(i / TYPES.length)}`;
      sent.set(eventId, Date.now());
      void pub.publishAsync(`zhsq/v1/${county}/sos_button/${device}/event`, JSON.stringify({ eventId, ts: new Date().toISOString(), type: TYPES[i % TYPES.length], battery: 80 }), { qos: 1 });
    }
    const deadline = Date.now() + 60_000;
    let rows: Array<{ event_id: string; created_at: number | string }> = [];
    while (Date.now() < deadline) {
      rows = await db.knex('trigger_events').where({ plugin_id: 'mqtt-devices' }).select('event_id', 'created_at');
      if (rows.length >= total) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await pub.endAsync();
    const lat = rows.map((r) => Number(r.created_at) - (sent.get(r.event_id) ?? Number(r.created_at)));
    const last = Math.max(...rows.map((r) => Number(r.created_at)));
    return { dialect, published: total, committed: rows.length, rate: rows.length / ((last - t0) / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99) };
  } finally {
    await rt.close().catch(() => undefined);
    await db.dispose().catch(() => undefined);
  }
}
