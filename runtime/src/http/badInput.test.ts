import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

describe.each(testDialects)('bad input on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  let taskId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x' } } });
    caseId = c.body.id;
    taskId = ((await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string }).id;
  });
  afterAll(async () => t.close());

  const snapshot = async () => JSON.stringify(await t.db.knex('cases').where({ id: caseId }).first());

  it('answers each bad request with a coded 4xx and changes nothing', async () => {
    const before = await snapshot();
    const officer = await t.token('officer');
    const cases: Array<[string, Promise<{ status: number; body: any }>, number, string]> = [
      ['malformed json', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, raw: '{"outcome":', headers: { 'content-type': 'application/json' } }), 400, 'request.malformed-json'],
      ['wrong type', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 42 } }), 400, 'request.invalid'],
      ['unknown field', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 'accept', sneaky: true } }), 400, 'request.invalid'],
      ['oversized', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 'accept', comment: 'x'.repeat(400_000) } }), 413, 'request.too-large'],
      ['event not accepted', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 'approve' } }), 422, 'case.event-rejected'],
      ['stale version', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 'accept', expectedVersion: 7 } }), 409, 'case.version-conflict'],
      ['read-only field', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 'accept', data: { description: 'changed' } } }), 422, 'task.field-not-writable'],
      ['hidden field', t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, body: { outcome: 'accept', data: { result: 'x' } } }), 422, 'task.field-not-writable'],
      ['bad ID checksum', t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x', idNumber: '510722198001011234' } } }), 422, 'case.data-invalid'],
      ['not a mainland mobile', t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x', reporterPhone: '02812345678' } } }), 422, 'case.data-invalid'],
      ['empty required field', t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '  ' } } }), 422, 'case.data-invalid'],
      ['unknown service item', t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'no-such-item', orgPath: GRID1, data: { description: 'x' } } }), 404, 'definition.not-found'],
      ['forged org', t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'tiny-incident', orgPath: '/510722/510722999', data: {} } }), 404, 'org.not-found'],
      ['org outside scope', t.api('POST', '/api/cases', { token: officer, body: { definitionId: 'tiny-incident', orgPath: '/510722/510722200/510722200001/510722200001001', data: {} } }), 403, 'org.out-of-scope'],
      ['injection in filter', t.api('GET', "/api/tasks?definitionId=x'%20OR%201=1--", { token: officer }), 400, 'request.invalid'],
      ['injection in org filter', t.api('GET', "/api/cases?orgPath=%2F510722'%20OR%20'1'='1", { token: officer }), 400, 'request.invalid'],
      ['path traversal name', t.api('POST', `/api/cases/${caseId}/attachments?name=..%2F..%2Fetc%2Fpasswd`, { token: officer, raw: 'hello', headers: { 'content-type': 'text/plain' } }), 400, 'attachment.bad-name'],
      ['attachment type', t.api('POST', `/api/cases/${caseId}/attachments?name=a.exe`, { token: officer, raw: Buffer.from('MZ\u0090\u0000\u0003\u0000'), headers: { 'content-type': 'application/x-msdownload' } }), 415, 'attachment.type-not-allowed'],
      ['no token', t.api('GET', '/api/me'), 401, 'auth.required'],
      ['forged token', t.api('GET', '/api/me', { token: 'tb1.eyJzdWIiOiJ1LWFkbWluIn0.bad' }), 401, 'auth.token-invalid'],
      ['expired token', t.api('GET', '/api/me', { token: t.rt.tokens.issue('u-officer', Date.now() - 10 * 86400_000).token }), 401, 'auth.token-expired'],
      ['unknown route', t.api('GET', '/api/nope', { token: officer }), 404, 'route.not-found'],
    ];
    for (const [name, p, status, code] of cases) {
      const r = await p;
      expect({ name, status: r.status, code: r.body?.error?.code }).toEqual({ name, status, code });
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof r.body.error.details.en).toBe('string');
    }
    expect(await snapshot()).toBe(before);
  });

  it('sets security headers and request ids, and answers in English on request', async () => {
    const r = await t.api('GET', '/api/me', { headers: { 'accept-language': 'en-US', 'x-request-id': 'abc-123' } });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.body.error.message).toBe('Authentication required');
  });

  it('slows down repeated failed logins from one address without locking the account (issue 7.4)', async () => {
    const login = (ip: string, username: string, password: string) => t.api('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 6; i++) expect((await login('10.0.0.7', 'grid3', 'wrong')).body.error.code).toBe('auth.bad-credentials');
    // past the allowance this address waits, even with the right password, and an unknown account answers alike
    const slowed = await login('10.0.0.7', 'grid3', 'Tongban@2025');
    expect({ status: slowed.status, code: slowed.body.error?.code }).toEqual({ status: 429, code: 'auth.rate-limited' });
    for (let i = 0; i < 6; i++) await login('10.0.0.7', 'nobody', 'x');
    const unknown = await login('10.0.0.7', 'nobody', 'x');
    expect({ status: unknown.status, code: unknown.body.error?.code, retry: unknown.body.error?.details?.retryAfterSeconds > 0 }).toEqual({ status: 429, code: 'auth.rate-limited', retry: true });
    // an outsider cannot lock the real user out: from their own address they log in at once
    expect((await login('10.0.0.8', 'grid3', 'Tongban@2025')).status).toBe(200);
  });

  it('stores attachments checksummed and serves them back', async () => {
    const officer = await t.token('officer');
    const up = await t.api('POST', `/api/cases/${caseId}/attachments?name=${encodeURIComponent('现场照片.txt')}`, { token: officer, raw: 'photo-bytes', headers: { 'content-type': 'text/plain' } });
    expect(up.status).toBe(201);
    expect(up.body.sha256).toHaveLength(64);
    const down = await t.api('GET', `/api/cases/${caseId}/attachments/${up.body.id}`, { token: officer });
    expect(down.body).toBe('photo-bytes');
  });
});
