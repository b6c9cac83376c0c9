import { describe, expect, it } from 'vitest';
import { createTokenService } from './tokens.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const svc = createTokenService(Buffer.alloc(32, 7), 60);

describe('tokens', () => {
  it('round-trips, expires and rejects forgeries', () => {
    const { token } = svc.issue('u1', 1000);
    expect(svc.verify(token, 2000)).toMatchObject({ ok: true, claims: { sub: 'u1' } });
    expect(svc.verify(token, 1000 + 61_000)).toEqual({ ok: false, code: 'auth.token-expired' });
    const [p, body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: 0, exp: 9e15, jti: 'x' })).toString('base64url');
    expect(svc.verify(`${p}.${forged}.${mac}`, 2000)).toEqual({ ok: false, code: 'auth.token-invalid' });
    expect(svc.verify(`${p}.${body}`, 2000)).toEqual({ ok: false, code: 'auth.token-invalid' });
    expect(createTokenService(Buffer.alloc(32, 8), 60).verify(token, 2000).ok).toBe(false);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const h = await hashPassword('秘密 secret');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('秘密 secret', h)).toBe(true);
    expect(await verifyPassword('wrong', h)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
