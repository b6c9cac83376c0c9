import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryStore, signBody, verifySigned } from './index.ts';

describe('signed callbacks', () => {
  it('accepts a fresh signature once; refuses tampering, staleness, replays and junk', async () => {
    const clock = createManualClock();
    const store = createMemoryStore();
    const body = Buffer.from('{"id":"r-1"}');
    const header = signBody('s3cret', body, clock.now());
    const check = (h: string | undefined, b = body) => verifySigned({ secret: 's3cret', header: h, body: b, clock, store });
    expect(await check(header)).toEqual({ ok: true });
    expect(await check(header)).toEqual({ ok: false, problem: 'signature.replayed' });
    expect(await check(header, Buffer.from('{"id":"r-2"}'))).toEqual({ ok: false, problem: 'signature.mismatch' });
    expect(await check(undefined)).toEqual({ ok: false, problem: 'signature.missing' });
    expect(await check('v1=abc')).toEqual({ ok: false, problem: 'signature.malformed' });
    const old = signBody('s3cret', body, clock.now() - 10 * 60_000);
    expect(await check(old)).toEqual({ ok: false, problem: 'signature.expired' });
  });
});
