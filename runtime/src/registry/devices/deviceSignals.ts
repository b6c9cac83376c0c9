/**
 * What the device adapters tell the runtime about a device, read off the inbound events they emit
 * (mqtt-devices, alarm-receiver): any event from a device marks it seen and active; the technical
 * ticket an adapter opens for a silent device (`eventType: offline`) marks it silent, and the
 * `device_restored` event that closes that ticket, or any later event, marks it active again. Retired
 * devices stay retired. A sign of life that opens no case (a periodic test, a panel heartbeat: an
 * `alive` event) marks it seen and active too.
 * Wraps the trigger sink, so it records after the event was handled (accepted or refused by the item).
 */
import type { EmitResult, TriggerEvent } from '@tongban/plugin-sdk';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

type Sink = (pluginId: string, trigger: string, event: TriggerEvent) => Promise<EmitResult>;

/** Applies one accepted event to the device registry. */
export async function applyDeviceSignal(knex: Knex, ev: TriggerEvent, out: EmitResult, at: number): Promise<void> {
  // A device that spoke is alive even when the service item refused what it said (a rejected alarm
  // is the case service's business); a duplicate is an old message redelivered, not a sign of life.
  if (ev.source !== 'device' || out.status === 'duplicate') return;
  const notRetired = (q: Knex.QueryBuilder) => q.whereNot('status', 'retired');
  const deviceId = typeof ev.data?.deviceId === 'string' ? ev.data.deviceId : undefined;
  if (ev.advance) {
    if (ev.advance.event === 'device_restored' && out.status !== 'rejected') await notRetired(knex('devices').where({ silent_case: ev.advance.caseId })).update({ status: 'active', silent_case: null, last_seen_at: at });
    // a repeated alarm that advances the open case still shows the device alive
    else if (deviceId) await notRetired(knex('devices').where({ id: deviceId })).update({ status: 'active', last_seen_at: at });
    return;
  }
  if (!deviceId) return;
  if (ev.data.eventType === 'offline') {
    const since = Date.parse(String(ev.data.occurredAt ?? '')) || at;
    await notRetired(knex('devices').where({ id: deviceId })).update({ status: 'silent', silent_case: out.caseId ?? null, last_seen_at: since });
  } else await notRetired(knex('devices').where({ id: deviceId })).update({ status: 'active', last_seen_at: at });
}

/** A sign of life (a periodic test, a heartbeat): the device is seen and active again unless retired. */
export async function applyAlive(knex: Knex, deviceId: string, at: number): Promise<void> {
  await knex('devices').where({ id: deviceId }).whereNot('status', 'retired').update({ status: 'active', last_seen_at: at });
}

/**
 * The sink with the registry updated after each accepted device event (a failed update is logged,
 * never fails the alarm). Signs of life (`alive`) stop here: they touch no case, so they need
 * neither the case service nor its de-duplication (recording one twice changes nothing).
 */
export function withDeviceSignals(sink: Sink, knex: Knex, logger: Logger, now: () => number = Date.now): Sink {
  return async (pluginId, trigger, event) => {
    if (event.alive) {
      if (event.source === 'device') await applyAlive(knex, event.alive.deviceId, now());
      return { status: 'recorded' };
    }
    const out = await sink(pluginId, trigger, event);
    await applyDeviceSignal(knex, event, out, now()).catch((err) => logger.warn({ plugin: pluginId, code: 'registry.device-signal-failed', err: (err as Error).message }, 'device status not recorded'));
    return out;
  };
}
