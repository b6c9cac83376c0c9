import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { appendAudit, verifyAudit } from './KnexAuditLog.ts';
import type { Knex } from 'knex';
import { sealAudit, stagedAudit } from './auditStaging.ts';
import { compileWrite, type Write } from '../store/compileWrite.ts';
import { dialectOf } from '../store/createDb.ts';

/** Runs a write description in a transaction, as a command's batch does. */
const run = (trx: Knex.Transaction, w: Write) => { const n = compileWrite(w, dialectOf(trx)); return trx.raw(n.sql, n.bindings as Knex.RawBinding[]); };

const entry = (i: number) => ({ at: i, actorId: 'u' + i, action: 'task.completed', orgPath: '/510722/510722100', caseId: 'c' + i, detail: { i } });

describe.each(testDialects)('staged audit entries on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => { db = await createTestDb(dialect); });
  afterAll(async () => db.dispose());

  it('chains committed staged entries (not rolled-back ones) among inline appends, in concurrent seals', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.knex.transaction(async (trx) => {
      await run(trx, stagedAudit([entry(i), entry(100 + i)]));
      if (i % 5 === 0) await appendAudit(trx, db.dialect, [entry(1000 + i)]);
    })));
    await db.knex.transaction(async (trx) => {
      await run(trx, stagedAudit([entry(999)]));
      await trx.rollback();
    }).catch(() => undefined);
    expect(await db.knex('audit_log').count({ n: '*' }).first()).toMatchObject({ n: 4 });
    const sealed = await Promise.all([sealAudit(db.knex, 7), sealAudit(db.knex, 7), sealAudit(db.knex, 7)]);
    expect(sealed.reduce((a, b) => a + b, 0)).toBe(40);
    expect(await db.knex('audit_pending').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    expect(await verifyAudit(db.knex)).toEqual({ ok: true, entries: 44, checkpoints: 0 });
    const actions = (await db.knex('audit_log').where({ case_id: 'c999' })).length;
    expect(actions).toBe(0);
  });

  it('verify seals what is still pending, so it proves every committed entry', async () => {
    await db.knex.transaction((trx) => run(trx, stagedAudit([entry(7)])));
    expect(await verifyAudit(db.knex)).toEqual({ ok: true, entries: 45, checkpoints: 0 });
  });
});
