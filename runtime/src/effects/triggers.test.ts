import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/testDbs.ts';
import { effectsWorld, type EffectsWorld } from '../testing/effectsWorld.ts';
import { GRID1 } from '../testing/testRuntime.ts';
import { sealAudit } from '../audit/auditStaging.ts';
import { effectsIncident } from './fixtures/definitions.ts';

describe.each(testDialects)('inbound triggers on %s', (dialect) => {
  let w: EffectsWorld;
  const post = (path: string, body: unknown) => w.api('POST', `/ext/echo${path}`, { body });
  beforeAll(async () => {
    w = await effectsWorld(dialect);
    await w.api('PUT', '/api/adapters/echo/config', { token: await w.token('admin'), body: { config: { target: 'x' } } });
  });
  afterAll(async () => w?.close());

  it('starts a case as the external actor through the command path, once per event id, and audits it', async () => {
    const first = await post('/report', { id: 'ev-100', orgPath: GRID1, description: '路灯不亮' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'created', caseId: expect.any(String), caseRef: expect.stringMatching(/^TB\d{8}/) });
    const again = await post('/report', { id: 'ev-100', orgPath: GRID1, description: '路灯不亮' });
    expect(again.body).toEqual({ status: 'duplicate', caseId: first.body.caseId, caseRef: first.body.caseRef });
    const twice = await Promise.all([1, 2, 3].map(() => post('/report', { id: 'ev-101', orgPath: GRID1, description: '并发' })));
    expect(new Set(twice.map((r) => r.body.caseId)).size).toBe(1);
    expect(twice.map((r) => r.body.status).sort()).toEqual(['created', 'duplicate', 'duplicate']);
    const rows = await w.db.knex('cases').where({ definition_id: 'effects-incident', created_by: 'external' }).select('id');
    expect(rows.map((r: { id: string }) => r.id).sort()).toEqual([first.body.caseId, twice[0]!.body.caseId].sort());
    // the community officer's queue has the new case's task, as for a case a person reported
    const queue = await w.api('GET', '/api/tasks?status=open&limit=200', { token: await w.token('officer') });
    expect(queue.body.items.map((x: { caseId: string }) => x.caseId)).toContain(first.body.caseId);
    await sealAudit(w.db.knex);
    const audit = await w.db.knex('audit_log').where({ case_id: first.body.caseId, action: 'case.created' }).first('actor_id');
    expect(audit.actor_id).toBe('external');
  });

  it('rejects with a coded reason: intake rules, unknown org units, undeclared items; nothing is created', async () => {
    const before = Number(((await w.db.knex('cases').count({ n: '*' }).first()) as { n: number }).n);
    const long = await post('/report', { id: 'ev-200', orgPath: GRID1, description: 'x'.repeat(2001) });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ status: 'rejected', reason: { code: 'trigger.data-invalid' } });
    expect((await post('/report', { id: 'ev-201', orgPath: '/510722/510722999', description: 'x' })).body.reason.code).toBe('trigger.unknown-org');
    expect((await post('/report', { id: 'bad id!', orgPath: GRID1, description: 'x' })).status).toBe(400);
    expect(Number(((await w.db.knex('cases').count({ n: '*' }).first()) as { n: number }).n)).toBe(before);
    expect(await w.db.knex('trigger_events').whereIn('event_id', ['ev-200', 'ev-201']).select()).toEqual([]);
  });

  it('advances a case with an event its state accepts from external senders, once; refuses what the state does not accept', async () => {
    // accepted, the case waits in a state that takes no remote note and calls nothing (the item's own 'calling'
    // state would let the dispatcher finish the case first on a busy machine, and a closed case answers case-closed)
    const accept = effectsIncident.states.accept;
    await w.rt.definitions.publishBody({ ...effectsIncident, id: 'effects-hold', states: { ...effectsIncident.states,
      accept: { ...accept, on: { ...accept.on, accept: { target: 'held' } } }, held: { on: { 'echo.ok': { target: 'sent' } } } } } as never, 'u-admin');
    const id = (await w.api('POST', '/api/cases', { token: await w.token('grid1'), body: { definitionId: 'effects-hold', orgPath: GRID1, data: { description: '井盖缺失' } } })).body.id as string;
    const note = await post('/note', { id: 'note-1', caseId: id, note: '市民补充：井盖在路口东侧' });
    expect(note.body).toMatchObject({ status: 'advanced', caseId: id });
    expect((await post('/note', { id: 'note-1', caseId: id, note: '重复' })).body.status).toBe('duplicate');
    const events = await w.db.knex('case_events').where({ case_id: id, type: 'remote.note' }).select('actor_id');
    expect(events).toEqual([{ actor_id: 'external' }]);
    await w.accept(id); // held: no longer accepts remote.note
    expect(await w.state(id)).toBe('held');
    const late = await post('/note', { id: 'note-2', caseId: id, note: '迟到' });
    expect(late.body).toMatchObject({ status: 'rejected', reason: { code: 'trigger.event-refused' } });
    expect((await post('/note', { id: 'note-3', caseId: '00000000-0000-0000-0000-000000000000', note: 'x' })).body.reason.code).toBe('trigger.unknown-case');
  });

  it('rate-limits one client address per plugin', async () => {
    const { inboundRoutes } = await import('../adapters/inboundRoutes.ts');
    const express = (await import('express')).default;
    const app = express();
    app.use('/ext', inboundRoutes(() => w.rt.adapters.host, w.rt.logger, { perMinute: 3 }));
    const server = app.listen(0);
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/ext/echo/unknown`;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(url, { method: 'POST', body: '{}' })).status);
    server.close();
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});
