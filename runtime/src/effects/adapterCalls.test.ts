import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/testDbs.ts';
import { effectsWorld, type EffectsWorld } from '../testing/effectsWorld.ts';
import { calls, script } from './fixtures/echoPlugin.ts';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDialects)('adapter calls from the outbox on %s', (dialect) => {
  let w: EffectsWorld;
  let admin: string;
  const rows = (caseId: string) => w.db.knex('outbox').where({ case_id: caseId, kind: 'adapter.invoke' }).select('id', 'status', 'attempts', 'last_error', 'result');
  const keyOf = async (caseId: string) => (JSON.parse(((await w.db.knex('outbox').where({ case_id: caseId, kind: 'adapter.invoke' }).first('payload')) as { payload: string }).payload) as { idempotencyKey: string }).idempotencyKey;
  const drain = async (n = 6) => { for (let i = 0; i < n; i++) { await w.rt.dispatch(); await settle(25); } };
  beforeAll(async () => { w = await effectsWorld(dialect); admin = await w.token('admin'); });
  afterAll(async () => w?.close());
  beforeEach(() => { script.length = 0; });

  it('parks calls while the adapter is unconfigured, resumes them once an admin configures it, and answers the case', async () => {
    const id = await w.open();
    await w.accept(id);
    await drain(2);
    expect(await rows(id)).toMatchObject([{ status: 'parked', attempts: 0, last_error: expect.stringContaining('适配器尚未配置') }]);
    expect((await w.api('PUT', '/api/adapters/echo/config', { token: admin, body: { config: { target: 'x' }, secrets: { token: 'tok-secret-123' } } })).status).toBe(200);
    await drain();
    expect(await w.state(id)).toBe('sent');
    expect(await rows(id)).toMatchObject([{ status: 'done', attempts: 1 }]);
    expect(await keyOf(id)).toMatch(new RegExp(`^${id}:r\\d+$`));
    expect(calls.at(-1)).toMatchObject({ key: await keyOf(id), input: { to: '13812341234', text: '已受理' } });
    const timeline = await w.api('GET', `/api/cases/${id}/timeline`, { token: await w.token('officer') });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('adapter.succeeded');
  });

  it('retries a retryable failure with the same idempotency key, then delivers the success once', async () => {
    const id = await w.open();
    script.push('retry', 'retry');
    await w.accept(id);
    await drain(8);
    expect(await w.state(id)).toBe('sent');
    const key = await keyOf(id);
    const mine = calls.filter((c) => c.key === key);
    expect(mine.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(await rows(id)).toMatchObject([{ status: 'done', attempts: 3 }]);
  });

  it('dead-letters a permanent failure, tells the case, lists it for admins and retries it on request', async () => {
    const id = await w.open();
    script.push('permanent');
    await w.accept(id);
    await drain(3);
    expect(await w.state(id)).toBe('failed');
    const [row] = await rows(id);
    expect(row).toMatchObject({ status: 'dead', last_error: expect.stringContaining('echo.refused') });
    const list = await w.api('GET', '/api/adapters/dead-letters?adapter=echo', { token: admin });
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: Number(row!.id), caseId: id, operation: 'echo.send', lastError: expect.stringContaining('echo.refused') })]));
    expect((await w.api('GET', '/api/adapters/dead-letters', { token: await w.token('officer') })).status).toBe(403);
    expect((await w.api('POST', `/api/adapters/dead-letters/${row!.id}/retry`, { token: admin })).status).toBe(202);
    expect((await w.api('POST', `/api/adapters/dead-letters/${row!.id}/retry`, { token: admin })).body.error.code).toBe('adapter.dead-letter-not-found');
    await drain(3);
    const [again] = await rows(id);
    expect(again).toMatchObject({ status: 'done' });
    // the case already followed its failure path; the late success is recorded, not forced on it
    expect(JSON.parse(again!.result)).toMatchObject({ ok: true, delivered: false });
    expect(await w.state(id)).toBe('failed');
  });

  it('garbage output is a permanent failure; an operation no adapter offers dead-letters with a clear reason', async () => {
    const id = await w.open();
    script.push('garbage');
    await w.accept(id);
    await drain(3);
    expect(await rows(id)).toMatchObject([{ status: 'dead', last_error: expect.stringContaining('plugin.invalid-output') }]);
    const [ghost] = await w.db.knex('outbox').insert({ case_id: id, kind: 'adapter.invoke', operation: 'ghost.call', idempotency_key: `${id}:ghost`, status: 'pending', attempts: 0, available_at: Date.now(), created_at: Date.now(),
      payload: JSON.stringify({ kind: 'adapter.invoke', requestId: 'r9', operation: 'ghost.call', input: {}, retry: { max: 1, backoff: 'PT0S' }, idempotencyKey: 'r9' }) });
    await drain(2);
    expect(await w.db.knex('outbox').where({ id: ghost }).first('status', 'last_error')).toMatchObject({ status: 'dead', last_error: expect.stringContaining('没有已安装的适配器提供该操作') });
  });

  it('shows manifests and health to everyone, settings to admins only, never a secret; refuses bad settings with paths', async () => {
    const mine = await w.api('GET', '/api/adapters', { token: admin });
    const echo = mine.body.items.find((a: { id: string }) => a.id === 'echo');
    expect(echo).toMatchObject({ configured: true, health: { status: expect.any(String) }, settings: { config: { target: 'x' }, secretsSet: { token: true } }, operations: [{ id: 'echo.send' }] });
    expect(JSON.stringify(mine.body)).not.toContain('tok-secret-123');
    const officer = await w.api('GET', '/api/adapters', { token: await w.token('officer') });
    expect(officer.body.items.find((a: { id: string }) => a.id === 'echo').settings).toBeUndefined();
    const bad = await w.api('PUT', '/api/adapters/echo/config', { token: admin, body: { config: { target: 1, extra: true } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'adapter.config-invalid', details: { problems: expect.arrayContaining([expect.objectContaining({ path: '/config/target' })]) } });
    expect((await w.api('PUT', '/api/adapters/echo/config', { token: await w.token('officer'), body: { config: { target: 'y' } } })).status).toBe(403);
    expect((await w.api('PUT', '/api/adapters/nope/config', { token: admin, body: { config: {} } })).status).toBe(404);
    const stored = await w.db.knex('adapter_configs').where({ plugin_id: 'echo' }).first('secrets');
    expect(stored.secrets).toMatch(/^enc:v1:/);
  });
});
