/**
 * The DC-09 TCP receiver: splits the stream into frames, answers each (ACK, NAK for bad CRC,
 * length or time, DUH for what we do not support), caps frames per connection, and turns Contact ID
 * events into alarms: new events open cases as the device, restores close technical tickets (never
 * care cases), heartbeats and re-reports only prove the panel is alive.
 */
import net from 'node:net';
import type { PluginContext } from '@tongban/plugin-sdk';
import { ack, duh, nak, parseContactId, parseDc09Time, parseFrame, type Dc09Frame } from './dc09.ts';
import { eventTypeOf, TECHNICAL } from './codes.ts';
import type { ReceiverConfig, ReceiverSecrets } from './settings.ts';

type Ctx = PluginContext<ReceiverConfig, ReceiverSecrets>;

/** An event id from frame parts (a timestamp's `:` and `,` are not id characters). */
const idOf = (...parts: string[]) => parts.join('-').replace(/[^A-Za-z0-9._:@-]/g, '.').slice(0, 128);

/** Counters by code, for the health check. */
export const counters = new WeakMap<object, Record<string, number>>();

/** Starts listening; resolves with the bound port and the stop function. */
export async function startReceiver(ctx: Ctx): Promise<{ port: number; stop: () => Promise<void> }> {
  const accounts = new Map((ctx.secrets.accounts ?? []).map((a) => [a.account, a]));
  const count: Record<string, number> = {};
  counters.set(ctx.config, count);
  const bump = (code: string) => { count[code] = (count[code] ?? 0) + 1; };

  async function event(f: Dc09Frame): Promise<void> {
    const a = accounts.get(f.account);
    if (!a) { bump('dc09.unknown-account'); ctx.logger.warn({ code: 'dc09.unknown-account' }, 'frame from an unregistered panel account'); return; }
    const cid = parseContactId(f.data);
    if (!cid) { bump('dc09.bad-data'); return; }
    const type = eventTypeOf(cid.code);
    if (type === 'heartbeat' || cid.q === '6') {
      bump('dc09.heartbeat');
      // a periodic test or a re-report proves the device alive: its last seen in the registry, never a case
      await ctx.emit('device-seen', { eventId: idOf('seen', a.account, f.seq, cid.code, f.timestamp ?? String(ctx.clock.now())), source: 'device', alive: { deviceId: a.deviceId }, data: { eventType: 'heartbeat' } });
      return;
    }
    if (!type) { bump('dc09.unmapped-code'); ctx.logger.warn({ code: 'dc09.unmapped-code', event: cid.code }, 'event code not mapped'); return; }
    const ticketKey = `ticket:${a.account}:${type}`;
    if (cid.q === '3') {
      // a restore closes the technical ticket it belongs to, never a care case
      const t = TECHNICAL.has(type) ? await ctx.store.get<{ caseId: string }>(ticketKey) : undefined;
      if (t) { await ctx.store.delete(ticketKey); await ctx.emit('restore', { eventId: idOf('restore', a.account, f.seq, cid.code, f.timestamp ?? ''), source: 'device', data: {}, advance: { caseId: t.caseId, event: 'device_restored' } }); }
      bump('dc09.restore');
      return;
    }
    const at = f.timestamp ? parseDc09Time(f.timestamp) : ctx.clock.now();
    const r = await ctx.emit('alarm', {
      eventId: idOf('dc09', a.account, f.seq, cid.code, cid.zone, f.timestamp ?? String(Math.floor(ctx.clock.now() / 600_000))), source: 'device',
      start: { orgPath: a.gridPath, definition: ctx.config.definition },
      data: { deviceId: a.deviceId, deviceType: a.deviceType ?? 'sos_button', eventType: type, alarmCode: cid.code, occurredAt: new Date(at).toISOString(), receivedAt: new Date(ctx.clock.now()).toISOString(),
        gridCode: a.gridPath.split('/').pop(), elder: a.elder, emergencyContacts: a.emergencyContacts, ...(a.livingStatus ? { livingStatus: a.livingStatus } : {}) },
    });
    bump(`emit.${r.status}`);
    if (r.status === 'created' && TECHNICAL.has(type) && r.caseId) await ctx.store.put(ticketKey, { caseId: r.caseId });
    if (r.status === 'rejected') ctx.logger.warn({ code: r.reason?.code }, 'alarm refused by the case service');
  }

  async function onFrame(raw: string, socket: net.Socket): Promise<void> {
    const p = parseFrame(raw);
    if (!p.ok) {
      bump(p.problem);
      ctx.logger.warn({ code: p.problem }, 'DC-09 frame refused');
      if (p.problem !== 'dc09.too-large') socket.write(nak(ctx.clock.now()));
      return;
    }
    const f = p.frame;
    if (f.timestamp) {
      const t = parseDc09Time(f.timestamp);
      if (Number.isNaN(t) || Math.abs(t - ctx.clock.now()) > ctx.config.toleranceMinutes * 60_000) { bump('dc09.time'); socket.write(nak(ctx.clock.now())); return; }
    }
    if (f.encrypted || !['ADM-CID', 'NULL'].includes(f.id)) { bump('dc09.unsupported'); socket.write(duh(f)); return; }
    if (f.id === 'NULL') { bump('dc09.null'); socket.write(ack(f)); return; }
    // the event is recorded before the ACK: a panel that gets no ACK sends it again, and the event id de-duplicates
    try { await event(f); socket.write(ack(f)); } catch (err) { bump('dc09.handler-error'); ctx.logger.error({ code: 'dc09.handler-error', err: (err as Error).name }, 'alarm not recorded; no ACK, the panel will resend'); }
  }

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buf = '';
    let window = { start: ctx.clock.now(), n: 0 };
    let chain = Promise.resolve();
    socket.setEncoding('latin1');
    socket.setTimeout(5 * 60_000, () => socket.destroy());
    socket.on('error', () => bump('dc09.socket-error'));
    socket.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.length > 8192) { bump('dc09.too-large'); socket.destroy(); return; }
      for (let end = buf.indexOf('\r'); end >= 0; end = buf.indexOf('\r')) {
        const start = buf.lastIndexOf('\n', end);
        const raw = start >= 0 ? buf.slice(start, end + 1) : buf.slice(0, end + 1);
        buf = buf.slice(end + 1);
        if (ctx.clock.now() - window.start >= 60_000) window = { start: ctx.clock.now(), n: 0 };
        if (++window.n > ctx.config.framesPerMinute) { bump('dc09.flood'); ctx.logger.warn({ code: 'dc09.flood' }, 'panel connection flooding: closed'); socket.destroy(); return; }
        chain = chain.then(() => onFrame(raw, socket)).catch(() => undefined);
      }
    });
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(ctx.config.port, ctx.config.host, () => resolve()); });
  server.on('error', () => bump('dc09.server-error'));
  const port = (server.address() as net.AddressInfo).port;
  await ctx.store.put('listening', { host: ctx.config.host, port });
  ctx.logger.info({ host: ctx.config.host, port }, 'DC-09 receiver listening');
  return { port, stop: () => new Promise<void>((r) => { server.close(() => r()); for (const s of sockets) s.destroy(); }) };
}
