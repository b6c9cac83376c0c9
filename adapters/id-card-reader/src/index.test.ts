import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHost } from '@tongban/plugin-sdk';
import idCardReader from './index.ts';
import { isValidIdNumber, type Card } from './card.ts';
import { createBridge, type Bridge } from './bridge/createBridge.ts';
import { simulatorDriver, type Recorded } from './bridge/simulatorDriver.ts';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/cards.json', import.meta.url), 'utf8')) as Recorded[];
const card = recorded[0] as Card;
const ORIGIN = 'http://localhost:3000';
let bridge: Bridge | undefined;
afterEach(async () => { await bridge?.close(); bridge = undefined; });

async function ask(port: number, msg: object, origin = ORIGIN): Promise<Record<string, unknown>> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { origin });
  try {
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const answer = new Promise<Record<string, unknown>>((r) => ws.once('message', (d) => r(JSON.parse(String(d)) as Record<string, unknown>)));
    ws.send(JSON.stringify(msg));
    return await answer;
  } finally { ws.terminate(); }
}

describe('GB 11643', () => {
  it('checks the check digit and the date', () => {
    expect(isValidIdNumber('510722193601011005')).toBe(true);
    expect(isValidIdNumber('510722193601011006')).toBe(false);
    expect(isValidIdNumber('11010119900230123X')).toBe(false);
    expect(isValidIdNumber('51072219360101100')).toBe(false);
  });
});

describe('the bridge with the simulator', () => {
  it('reads the recorded card for the workbench origin (no photo unless asked), reports no_card / no_reader / timeout, refuses other origins', async () => {
    const codes: string[] = [];
    bridge = await createBridge({ driver: simulatorDriver([...recorded, 'hang']), allowedOrigins: [ORIGIN], timeoutMs: 200, log: (c) => codes.push(c) });
    const first = await ask(bridge.port, { op: 'read', requestId: 'r1' });
    expect(first).toMatchObject({ requestId: 'r1', name: '于军', idNumber: '510722193601011005', validTo: '长期', samId: expect.any(String) });
    expect(first.photo).toBeUndefined();
    expect(await ask(bridge.port, { op: 'read', requestId: 'r2' })).toEqual({ requestId: 'r2', error: 'no_card' });
    expect(await ask(bridge.port, { op: 'read', requestId: 'r3' })).toEqual({ requestId: 'r3', error: 'no_reader' });
    expect(await ask(bridge.port, { op: 'read', requestId: 'r4' })).toEqual({ requestId: 'r4', error: 'timeout' });
    expect(await ask(bridge.port, { op: 'scan' })).toEqual({ error: 'bad_request' });
    await expect(ask(bridge.port, { op: 'read', requestId: 'r5' }, 'https://evil.example')).rejects.toThrow();
    expect(codes).toEqual(['bridge.read', 'bridge.no_card', 'bridge.no_reader', 'bridge.timeout', 'bridge.origin-refused']);
    expect(codes.join()).not.toContain('5107');
  });
});

describe('filling a form from the card', () => {
  it('returns only the fields the form maps, the photo never unless mapped; refuses bad check digits, expired cards and unknown forms; logs nothing personal', async () => {
    const h = await createTestHost(idCardReader, { now: Date.UTC(2025, 2, 4) });
    const ok = await h.request('POST', '/fill', { body: { form: 'volunteer-task.enrol', card } });
    expect(ok).toMatchObject({ status: 200, body: { values: { name: '于军', sex: 'female', birthDate: '1936-01-01', idNumber: '510722193601011005' } } });
    expect(JSON.stringify(ok.body)).not.toContain('UklGR');
    expect((await h.request('POST', '/fill', { body: { form: 'referral.request', card } })).body).toEqual({ values: { patientIdNumber: '510722193601011005' } });
    const bad = await h.request('POST', '/fill', { body: { form: 'referral.request', card: { ...card, idNumber: '510722193601011006' } } });
    expect(bad).toMatchObject({ status: 422, body: { error: { code: 'card.bad-id-number' } } });
    expect((await h.request('POST', '/fill', { body: { form: 'referral.request', card: { ...card, validTo: '20200101' } } })).body).toMatchObject({ error: { code: 'card.expired' } });
    expect((await h.request('POST', '/fill', { body: { form: 'nope.form', card } })).body).toMatchObject({ error: { code: 'card.unknown-form' } });
    expect((await h.request('POST', '/fill', { body: '{' })).status).toBe(400);
    expect(await h.invoke('read', { form: 'referral.request', card })).toMatchObject({ ok: true, output: { values: { patientIdNumber: '510722193601011005' } } });
    h.assertNothingPersonalLogged(['于军', '510722193601011005']);
  });
});
