/**
 * The operator endpoints in process, on SQLite and MariaDB: probes, metrics, and dead letters of
 * the outbox and of timers — listed, retried and discarded by county admins only, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { metricValue } from '../testing/metricValue.ts';

describe.each(testDialects)('ops endpoints on %s', (dialect) => {
  let t: TestRuntime;
  let admin: string;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    admin = await t.token('admin');
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '路灯不亮' } } });
    caseId = c.body.id;
  }, 180_000);
  afterAll(async () => t?.close());

  it('answers /healthz, and /readyz once this process (role all) has beaten', async () => {
    expect((await t.api('GET', '/healthz')).body).toMatchObject({ status: 'ok', role: 'all' });
    let r = await t.api('GET', '/readyz');
    while (r.status !== 200) r = await t.api('GET', '/readyz');
    expect(r.body.checks.map((c: { name: string }) => c.name)).toEqual(['database', 'migrations', 'worker']);
  });

  it('counts commands and serves the metrics (open outside production)', async () => {
    const res = await fetch(`${t.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(metricValue(text, 'tongban_commands_total', { role: 'all', command: 'create', outcome: 'ok' })).toBe(1);
    expect(metricValue(text, 'tongban_http_request_duration_seconds_count', { method: 'POST', route: '/api/cases', status: '201' })).toBe(1);
    expect(metricValue(text, 'tongban_timers', { state: 'armed' })).toBeGreaterThan(0);
    expect(metricValue(text, 'tongban_dead_letters', { source: 'outbox' })).toBe(0);
  });

  it('lists, retries and discards dead letters of the outbox and of timers for county admins, audited', async () => {
    const k = t.db.knex;
    // what the runner leaves behind after the last attempt (a timer the engine refused, a call that failed for good)
    const timer = (await k('timers').where({ case_id: caseId, status: 'armed' }).first('timer_key')) as { timer_key: string };
    await k('timers').where({ case_id: caseId, timer_key: timer.timer_key }).update({ status: 'failed', attempts: 5, last_error: 'refused: run.x' });
    await k('outbox').insert({ case_id: caseId, kind: 'notify', idempotency_key: `${caseId}:ops-test`, payload: '{}', status: 'dead', attempts: 5, available_at: 0, created_at: 1, updated_at: 2, last_error: 'boom' });
    expect((await t.api('GET', '/api/ops/dead-letters', { token: await t.token('officer') })).status).toBe(403);
    const timers = await t.api('GET', '/api/ops/dead-letters?source=timer', { token: admin });
    const timerId = `${caseId}/${timer.timer_key}`;
    expect(timers.body.items).toEqual([{ source: 'timer', id: timerId, caseId, kind: expect.any(String), operation: null, attempts: 5, lastError: 'refused: run.x', failedAt: null }]);
    const outbox = await t.api('GET', '/api/ops/dead-letters?source=outbox&limit=1', { token: admin });
    expect(outbox.body.items).toMatchObject([{ source: 'outbox', caseId, kind: 'notify', attempts: 5, lastError: 'boom', failedAt: 2 }]);
    const outboxId = outbox.body.items[0].id as string;

    expect((await t.api('POST', '/api/ops/dead-letters/retry', { token: admin, body: { source: 'timer', id: timerId } })).body).toEqual({ source: 'timer', id: timerId, status: 'armed' });
    // the retry wakes the driver: the timer takes effect (once) without waiting for a poll
    const row = () => k('timers').where({ case_id: caseId, timer_key: timer.timer_key }).first('status', 'attempts') as Promise<{ status: string; attempts: number }>;
    while ((await row()).status !== 'fired') await new Promise((r) => setTimeout(r, 50));
    expect(await row()).toEqual({ status: 'fired', attempts: 1 });
    const again = await t.api('POST', '/api/ops/dead-letters/retry', { token: admin, body: { source: 'timer', id: timerId } });
    expect([again.status, again.body.error.code]).toEqual([404, 'ops.dead-letter-not-found']);
    expect((await t.api('POST', '/api/ops/dead-letters/discard', { token: admin, body: { source: 'outbox', id: outboxId } })).body.status).toBe('discarded');
    expect(await k('outbox').where({ id: Number(outboxId) }).first('status')).toEqual({ status: 'discarded' });
    expect((await t.api('POST', '/api/ops/dead-letters/discard', { token: await t.token('grid1'), body: { source: 'outbox', id: outboxId } })).status).toBe(403);
    expect((await t.api('POST', '/api/ops/dead-letters/discard', { token: admin, body: { source: 'timer', id: 'no-slash' } })).status).toBe(404);

    const audit = (await k('audit_log').whereIn('action', ['ops.dead-letter-retried', 'ops.dead-letter-discarded']).orderBy('seq').select('action', 'actor_id', 'case_id')) as unknown[];
    expect(audit).toEqual([{ action: 'ops.dead-letter-retried', actor_id: 'u-admin', case_id: caseId }, { action: 'ops.dead-letter-discarded', actor_id: 'u-admin', case_id: caseId }]);
  });

  it('refuses the queue board without a county admin token', async () => {
    expect((await fetch(`${t.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${await t.token('officer')}` } })).status).toBe(403);
    // an admin gets through; with the embedded driver there is no queue to show
    const r = await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${admin}` } });
    expect([r.status, ((await r.json()) as { error: { code: string } }).error.code]).toEqual([404, 'route.not-found']);
  });
});
