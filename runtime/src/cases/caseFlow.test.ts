import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { verifyAudit } from '../audit/KnexAuditLog.ts';

const report = { description: '路灯损坏', reporterName: '张三丰', reporterPhone: '13812341234', idNumber: '51072219800101108X', address: '幸福路12号3栋2单元501室', health: '高血压' };

describe.each(testDialects)('case flow on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => { t = await createTestRuntime(dialect); });
  afterAll(async () => t.close());

  async function taskOf(caseId: string, username: string) {
    const r = await t.api('GET', '/api/tasks/mine?status=pending', { token: await t.token(username) });
    return r.body.items.find((x: { caseId: string }) => x.caseId === caseId);
  }

  it('runs a case end to end: create, accept, review, verify, closed', async () => {
    const grid = await t.token('grid1');
    const created = await t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: report } });
    expect(created.status).toBe(201);
    const caseId = created.body.id;
    const accept = await taskOf(caseId, 'officer');
    expect(accept).toMatchObject({ state: 'accept', assignee: 'u-officer' });
    const officer = await t.token('officer');
    const r1 = await t.api('POST', `/api/tasks/${accept.id}/complete`, { token: officer, body: { outcome: 'accept', data: { note: '已受理' }, expectedVersion: 1 } });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    const review = await taskOf(caseId, 'reviewer.east');
    const r2 = await t.api('POST', `/api/tasks/${review.id}/complete`, { token: await t.token('reviewer.east'), body: { outcome: 'approve', expectedVersion: 2 } });
    expect(r2.status, JSON.stringify(r2.body)).toBe(200);
    const verify = await taskOf(caseId, 'grid1');
    const r3 = await t.api('POST', `/api/tasks/${verify.id}/complete`, { token: grid, body: { outcome: 'close', data: { result: '已修复' } } });
    expect(r3.status, JSON.stringify(r3.body)).toBe(200);
    const c = await t.api('GET', `/api/cases/${caseId}`, { token: grid });
    expect(c.body).toMatchObject({ status: 'done', state: 'closed', version: 4, outcome: 'closed' });
    const timeline = await t.api('GET', `/api/cases/${caseId}/timeline`, { token: grid });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(['case.created', 'task.act', 'task.act', 'task.act']);
    expect(await verifyAudit(t.db.knex)).toMatchObject({ ok: true });
    await t.rt.dispatch();
    const inbox = await t.api('GET', '/api/notifications', { token: grid });
    expect(inbox.body.items.length).toBeGreaterThan(0);
  });

  it('keeps ID numbers encrypted at rest and masks personal data in responses', async () => {
    const grid = await t.token('grid1');
    const created = await t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: report } });
    const id = created.body.id;
    for (const table of ['cases', 'case_events', 'outbox', 'audit_log']) {
      const rows = await t.db.knex(table).select();
      expect(JSON.stringify(rows)).not.toContain('51072219800101108X');
    }
    const idx = await t.db.knex('pii_lookup').where({ case_id: id, field: 'idNumber' }).first();
    expect(idx.hmac).toBe(t.rt.codec.hmac('51072219800101108X'));
    const asReviewer = await t.api('GET', `/api/cases/${id}`, { token: await t.token('reviewer.east') });
    expect(asReviewer.body.data).toMatchObject({ reporterName: '张*丰', reporterPhone: '138****1234', idNumber: '5****************X', address: '幸福路12号3栋2单元****' });
    expect(asReviewer.body.data.health).toBeUndefined();
    const asOfficer = await t.api('GET', `/api/cases/${id}`, { token: await t.token('officer') });
    expect(asOfficer.body.data).toMatchObject({ reporterPhone: '13812341234', idNumber: '510722********108X', health: '高血压' });
  });

  it('reveals to the assignee with a purpose, refuses others, and audits', async () => {
    const created = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: report } });
    const id = created.body.id;
    const officer = await t.token('officer');
    const ok = await t.api('POST', `/api/cases/${id}/reveal`, { token: officer, body: { fields: ['idNumber'], purpose: 'verify-identity' } });
    expect(ok.status).toBe(200);
    expect(ok.body.values.idNumber).toBe('51072219800101108X');
    const denied = await t.api('POST', `/api/cases/${id}/reveal`, { token: await t.token('reviewer.east'), body: { fields: ['idNumber'], purpose: 'handle-case' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('pii.reveal-denied');
    const noReason = await t.api('POST', `/api/cases/${id}/reveal`, { token: await t.token('reviewer.east'), body: { fields: ['reporterPhone'], purpose: 'emergency', breakGlass: true } });
    expect(noReason.body.error.code).toBe('pii.reason-required');
    const glass = await t.api('POST', `/api/cases/${id}/reveal`, { token: await t.token('reviewer.east'), body: { fields: ['reporterPhone'], purpose: 'emergency', breakGlass: true, reason: '老人紧急呼叫，需立即联系报告人核实情况' } });
    expect(glass.status).toBe(200);
    const audit = await t.db.knex('audit_log').where({ case_id: id }).whereIn('action', ['pii.reveal', 'pii.break-glass']);
    expect(audit.map((a) => a.action).sort()).toEqual(['pii.break-glass', 'pii.reveal']);
    expect(JSON.stringify(audit)).not.toContain('13812341234');
  });
});
