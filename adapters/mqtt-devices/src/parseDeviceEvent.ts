/**
 * A device's event message (interfaces.md §1) checked and mapped to the elderly-call event types.
 * Pure: no clock (the caller passes `now`), so bad input is tested exhaustively.
 */

/** Device event types and the case's `eventType`. */
export const EVENT_TYPES = ['sos', 'fall', 'smoke', 'gas', 'water', 'door_open_abnormal', 'inactivity', 'geofence_exit', 'service_request', 'restore', 'test', 'low_battery', 'tamper', 'offline'] as const;

/** A checked event. */
export interface DeviceEvent { eventId: string; ts: string; type: (typeof EVENT_TYPES)[number]; battery?: number; cid?: string; room?: string; addressId?: string }

/** Why a message was refused. */
export type EventProblem = 'mqtt.bad-json' | 'mqtt.bad-event-id' | 'mqtt.bad-time' | 'mqtt.unknown-type' | 'mqtt.too-large';

const EVENT_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses and checks one message body. */
export function parseDeviceEvent(body: Buffer | string, now: number): { ok: true; event: DeviceEvent } | { ok: false; problem: EventProblem } {
  if (body.length > 16_384) return { ok: false, problem: 'mqtt.too-large' };
  let v: Record<string, unknown>;
  try {
    const parsed = JSON.parse(body.toString()) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'mqtt.bad-json' };
    v = parsed as Record<string, unknown>;
  } catch { return { ok: false, problem: 'mqtt.bad-json' }; }
  if (typeof v.eventId !== 'string' || !EVENT_ID.test(v.eventId)) return { ok: false, problem: 'mqtt.bad-event-id' };
  // a device clock may drift; more than five minutes ahead is refused, as the form does
  if (typeof v.ts !== 'string' || !ISO.test(v.ts) || Number.isNaN(Date.parse(v.ts)) || Date.parse(v.ts) > now + 5 * 60_000) return { ok: false, problem: 'mqtt.bad-time' };
  if (!(EVENT_TYPES as readonly string[]).includes(String(v.type))) return { ok: false, problem: 'mqtt.unknown-type' };
  const loc = (v.loc && typeof v.loc === 'object' ? v.loc : {}) as Record<string, unknown>;
  const cid = (v.cid && typeof v.cid === 'object' ? v.cid : {}) as Record<string, unknown>;
  return { ok: true, event: {
    eventId: v.eventId, ts: v.ts, type: v.type as DeviceEvent['type'],
    battery: Number.isInteger(v.battery) && (v.battery as number) >= 0 && (v.battery as number) <= 100 ? (v.battery as number) : undefined,
    cid: typeof cid.code === 'string' && /^\d{3}$/.test(cid.code) ? cid.code : undefined,
    room: typeof loc.room === 'string' ? loc.room.slice(0, 20) : undefined,
    addressId: typeof loc.addressId === 'string' ? loc.addressId.slice(0, 40) : undefined,
  } };
}

/** The topic parts: `zhsq/v1/{county}/{type}/{id}/{kind}` with kind event | state | status | cmd/ack. */
export function parseTopic(topic: string): { county: string; type: string; id: string; kind: string } | undefined {
  const m = /^zhsq\/v1\/(\d{6})\/([a-z_]{1,32})\/([A-Za-z0-9_-]{1,64})\/(event|state|status|cmd\/ack)$/.exec(topic);
  return m ? { county: m[1]!, type: m[2]!, id: m[3]!, kind: m[4]! } : undefined;
}
