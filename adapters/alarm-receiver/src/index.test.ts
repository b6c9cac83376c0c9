/** The receiver over real TCP, driven by a sender written from the published frame layout. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHost, type TestHost } from '@tongban/plugin-sdk';
import alarmReceiver from './index.ts';
import { dc09Time, frameOf } from './dc09.ts';

const grid = '/510722/510722001/510722001001/510722001001001';
const account = { account: '1234', deviceId: 'panel-7', gridPath: grid, elder: { name: '于军' }, emergencyContacts: [{ name: '董杰', phone: '13928007919' }] };
let host: TestHost;
afterEach(async () => { await host?.stop(); });

/** A panel: sends frames on one connection and collects the replies. */
async function panel(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let buf = '';
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => { buf += d; });
  return {
    async send(frame: string): Promise<string> {
      const before = buf.length;
      socket.write(frame);
      const end = Date.now() + 3000;
      while (!buf.slice(before).includes('\r')) { if (Date.now() > end) return ''; await new Promise((r) => setTimeout(r, 10)); }
      return buf.slice(before);
    },
    closed: () => new Promise<boolean>((r) => { if (socket.destroyed) r(true); socket.once('close', () => r(true)); setTimeout(() => r(socket.destroyed), 1000); }),
    end: () => socket.destroy(),
  };
}
const start = async (extra: Record<string, unknown> = {}) => {
  host = await createTestHost(alarmReceiver, { config: { port: 0, ...extra }, secrets: { accounts: [account] }, now: Date.now() });
  await host.start();
  return ((await host.store.get('listening')) as { port: number }).port;
};
const cid = (seq: string, q: string, code: string, zone = '003', acct = '1234', stamp = true) =>
  frameOf(`"ADM-CID"${seq}L0#${acct}[#${acct}|${q}${code} 01 ${zone}]${stamp ? `_${dc09Time(host.clock.now())}` : ''}`);

describe('alarm-receiver over TCP', () => {
  it('a personal-emergency event opens a case as the device and is ACKed with the same seq; the panel’s resend opens nothing more', async () => {
    const p = await panel(await start());
    const frame = cid('0001', '1', '101');
    expect(await p.send(frame)).toBe(frameOf('"ACK"0001L0#1234[]'));
    expect(await p.send(frame)).toBe(frameOf('"ACK"0001L0#1234[]'));
    expect(host.emitted.map((e) => e.result.status)).toEqual(['created', 'duplicate']);
    expect(host.emitted[0]!.event).toMatchObject({ source: 'device', start: { orgPath: grid, definition: 'elderly-call' }, data: { eventType: 'sos', alarmCode: '101', deviceId: 'panel-7', gridCode: '510722001001001', elder: { name: '于军' } } });
    expect(await p.send('\n11020013"NULL"0003L0#1234[]\r')).toBe(frameOf('"ACK"0003L0#1234[]')); // the interfaces.md heartbeat vector
    p.end();
    host.assertNothingPersonalLogged(['于军', '董杰']);
  });

  it('answers NAK to a bad CRC, a bad length and a stale timestamp; DUH to encrypted frames; drops unknown accounts after ACK', async () => {
    const p = await panel(await start());
    const good = cid('0002', '1', '110');
    const badCrc = good.slice(0, 1) + (good[1] === '0' ? '1' : '0') + good.slice(2);
    expect(await p.send(badCrc)).toMatch(/"NAK"0000R0L0A0\[\]_\d{2}:\d{2}:\d{2},\d{2}-\d{2}-\d{4}\r$/);
    expect(await p.send(good.replace(/^\n(....)0/, '\n$00'.replace('$0', '$1') + '1'))).toMatch(/"NAK"/);
    expect(await p.send(frameOf(`"ADM-CID"0004L0#1234[#1234|1110 01 003]_${dc09Time(host.clock.now() - 3_600_000)}`))).toMatch(/"NAK"/);
    expect(await p.send(frameOf('"*ADM-CID"0005L0#1234[ABCDEF0123]'))).toBe(frameOf('"DUH"0005L0#1234[]'));
    expect(await p.send(cid('0006', '1', '101', '003', '9999'))).toBe(frameOf('"ACK"0006L0#9999[]'));
    expect(host.emitted).toHaveLength(0);
    expect(JSON.parse((await alarmReceiver.health!(host.context)).detail!)).toMatchObject({ 'dc09.crc': 1, 'dc09.time': 1, 'dc09.unsupported': 1, 'dc09.unknown-account': 1 });
    p.end();
  });

  it('a technical event opens a ticket that its restore closes; a restore never touches a care case; heartbeats open nothing', async () => {
    const p = await panel(await start());
    await p.send(cid('0010', '1', '302'));
    expect(host.emitted[0]!.event.data.eventType).toBe('low_battery');
    await p.send(cid('0011', '3', '302'));
    expect(host.emitted[1]).toMatchObject({ trigger: 'restore', event: { advance: { caseId: 'case-1', event: 'device_restored' } } });
    await p.send(cid('0012', '1', '101'));
    await p.send(cid('0013', '3', '101'));
    await p.send(cid('0014', '1', '602'));
    // the periodic test opens nothing: a sign of life for the registry's last seen
    expect(host.emitted.map((e) => e.trigger)).toEqual(['alarm', 'restore', 'alarm', 'device-seen']);
    expect(host.emitted[3]).toMatchObject({ event: { source: 'device', alive: { deviceId: expect.any(String) } }, result: { status: 'recorded' } });
    expect(host.emitted[3]!.event.start).toBeUndefined();
    p.end();
  });

  it('closes a connection that floods', async () => {
    const p = await panel(await start({ framesPerMinute: 3 }));
    for (let i = 0; i < 3; i++) await p.send(frameOf(`"NULL"000${i}L0#1234[]`));
    void p.send(frameOf('"NULL"0009L0#1234[]'));
    expect(await p.closed()).toBe(true);
  });
});
