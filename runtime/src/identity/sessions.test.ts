/**
 * Issue 7.4 — sessions end when they should: logout, a password change and disabling the user
 * revoke every token at once (a per-user epoch checked on each request); a token with anything
 * appended is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const login = async (t: TestRuntime, username: string, password = 'Tongban@2025') => {
  const r = await t.api('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': `10.2.0.${username.length}` } });
  expect(r.status).toBe(200);
  return r.body.token as string;
};

describe.each(testDialects)('sessions on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => { t = await createTestRuntime(dialect); });
  afterAll(async () => t.close());

  it('logout ends every session of the user', async () => {
    const [a, b] = [await login(t, 'grid2'), await login(t, 'grid2')];
    expect((await t.api('POST', '/api/auth/logout', { token: a })).status).toBe(200);
    for (const token of [a, b]) expect((await t.api('GET', '/api/me', { token })).body.error.code).toBe('auth.token-revoked');
    expect((await t.api('GET', '/api/me', { token: await login(t, 'grid2') })).status).toBe(200);
  });

  it('a password change ends every session; the old password no longer works', async () => {
    const token = await login(t, 'leader');
    const weak = await t.api('POST', '/api/me/password', { token, body: { current: 'Tongban@2025', next: 'password' } });
    expect(weak.body.error.code).toBe('auth.weak-password');
    const wrong = await t.api('POST', '/api/me/password', { token, body: { current: 'nope', next: 'Tongban@2026' } });
    expect(wrong.body.error.code).toBe('auth.bad-credentials');
    expect((await t.api('POST', '/api/me/password', { token, body: { current: 'Tongban@2025', next: 'Tongban@2026' } })).status).toBe(200);
    expect((await t.api('GET', '/api/me', { token })).body.error.code).toBe('auth.token-revoked');
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'leader', password: 'Tongban@2025' }, headers: { 'x-forwarded-for': '10.2.9.9' } })).status).toBe(401);
    expect((await t.api('GET', '/api/me', { token: await login(t, 'leader', 'Tongban@2026') })).status).toBe(200);
  });

  it('disabling a user ends their sessions at once', async () => {
    const token = await login(t, 'grid3');
    await t.rt.identity.setDisabled('u-grid3', true);
    expect((await t.api('GET', '/api/me', { token })).body.error.code).toBe('auth.token-revoked');
    const again = await t.api('POST', '/api/auth/login', { body: { username: 'grid3', password: 'Tongban@2025' }, headers: { 'x-forwarded-for': '10.2.8.8' } });
    expect(again.body.error.code).toBe('auth.bad-credentials');
  });

  it('refuses a token with extra segments', async () => {
    const token = await login(t, 'officer');
    for (const forged of [`${token}.x`, `${token}.`, `x.${token}`]) expect((await t.api('GET', '/api/me', { token: forged })).body.error.code).toBe('auth.token-invalid');
  });
});
