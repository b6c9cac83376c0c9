import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { appendAudit, verifyAudit } from './KnexAuditLog.ts';

describe.each(testDialects)('audit chain on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => { db = await createTestDb(dialect); });
  afterAll(async () => db.dispose());

  it('chains entries, survives concurrent appends, and detects tampering', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.knex.transaction((trx) =>
      appendAudit(trx, db.dialect, [{ at: i, actorId: 'u' + i, action: 'case.created', orgPath: '/510722/510722100', detail: { i } }]))));
    expect(await verifyAudit(db.knex)).toEqual({ ok: true, entries: 12 });
    await db.knex('audit_log').where({ seq: 5 }).update({ detail: '{"i":99}' });
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: false, brokenAt: 5, reason: 'entry altered' });
    await db.knex('audit_log').where({ seq: 5 }).delete();
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: false, brokenAt: 5 });
  });
});
