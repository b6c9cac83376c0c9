/**
 * One broker connection per configuration, shared by the listener (`start`) and the `command`
 * operation: keyed by the settings object the host hands both (a new configuration gets a new
 * connection), with the pending command acknowledgements it is waiting for.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { MqttConfig, MqttSecrets } from './settings.ts';

/** A live connection and the command acks it waits for. */
export interface Connection { client: MqttClient; acks: Map<string, (ok: boolean) => void>; counters: Record<string, number> }

const connections = new WeakMap<object, Connection>();

/** The connection for these settings, opened on first use (QoS 1, clean session off, auto-reconnect). */
export function connectionFor(config: MqttConfig, secrets: MqttSecrets, clientId: string): Connection {
  let c = connections.get(config);
  if (!c || c.client.disconnected && !c.client.reconnecting && c.client.disconnecting) {
    const client = mqtt.connect(config.brokerUrl, { clientId, username: config.username, password: secrets.password, protocolVersion: 5, keepalive: 30, reconnectPeriod: 2000, connectTimeout: 10_000, clean: false });
    // a broker that is away is a state, not a crash: errors are counted and the client reconnects
    client.on('error', () => { c!.counters['mqtt.client-error'] = (c!.counters['mqtt.client-error'] ?? 0) + 1; });
    c = { client, acks: new Map(), counters: {} };
    connections.set(config, c);
  }
  return c;
}

/** Closes and forgets the connection of these settings. */
export async function closeConnection(config: MqttConfig): Promise<void> {
  const c = connections.get(config);
  if (!c) return;
  connections.delete(config);
  for (const done of c.acks.values()) done(false);
  await c.client.endAsync(true).catch(() => undefined);
}

/** Adds to a named counter (what the health check reports). */
export function count(c: Connection, code: string): void {
  c.counters[code] = (c.counters[code] ?? 0) + 1;
}
