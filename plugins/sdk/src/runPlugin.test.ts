import { describe, expect, it } from 'vitest';
import { createTestHost } from './index.ts';
import faulty from './fixtures/faultyPlugin.ts';

describe('runOperation (the path host and harness share)', () => {
  it('classifies a throw, a hang that ignores its signal, garbage output and coded errors, and never throws itself', async () => {
    const host = await createTestHost(faulty, { secrets: { token: 'tok-very-secret-1' } });
    const codes = [];
    for (const name of ['throws', 'hangs', 'garbage', 'retryable', 'permanent', 'nope']) {
      const r = await host.invoke(name, {});
      codes.push(r.ok ? 'ok' : `${r.error.code}:${r.error.retryable}`);
    }
    expect(codes).toEqual(['plugin.threw:true', 'plugin.timeout:true', 'plugin.invalid-output:false', 'faulty.busy:true', 'faulty.bad-number:false', 'plugin.unknown-operation:false']);
  });

  it('defaults apply to config, and the logger redacts the secret and the call’s personal values', async () => {
    const host = await createTestHost(faulty, { secrets: { token: 'tok-very-secret-1' } });
    expect(host.settings.config).toEqual({});
    expect((await host.invoke('fine', { phone: '13912345678', note: 'hello' })).ok).toBe(true);
    const line = JSON.stringify(host.logs.at(-1));
    expect(line).not.toContain('13912345678');
    expect(line).not.toContain('tok-very-secret-1');
    expect(line).toContain('hello');
    host.assertNothingPersonalLogged();
  });

  it('assertNothingPersonalLogged catches a leak', async () => {
    const host = await createTestHost(faulty);
    host.context.logger.info({ note: 'ok' }, 'fine');
    host.assertNothingPersonalLogged();
    host.logs.push({ msg: 'leak 110101199003071234' });
    expect(() => host.assertNothingPersonalLogged()).toThrow(/leaks personal data/);
  });

  it('emit validates the event against the trigger schema before the host sees it', async () => {
    const host = await createTestHost(faulty);
    await expect(host.context.emit('ping', { eventId: 'e 1', data: { n: 'x' }, start: { orgPath: '/510722' } } as never)).rejects.toMatchObject({ code: 'trigger.invalid-payload', details: { problems: [{ path: '/eventId' }, { path: '/data/n' }] } });
    await expect(host.context.emit('pong', { eventId: 'e1', data: {}, start: { orgPath: '/510722' } })).rejects.toMatchObject({ code: 'trigger.unknown' });
    expect(await host.context.emit('ping', { eventId: 'e1', data: { n: 1 }, start: { orgPath: '/510722' } })).toMatchObject({ status: 'created' });
    expect(host.emitted).toHaveLength(1);
  });
});

describe('runOperation and mapped nulls', () => {
  it('takes a null of an optional field as not given (a definition mapped a field the case has not filled)', async () => {
    const host = await createTestHost(faulty);
    const r = await host.invoke('fine', { phone: null, note: 'hello' });
    expect(r).toMatchObject({ ok: true });
  });
});
