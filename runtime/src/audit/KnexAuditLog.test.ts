import { mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../testing/testDbs.ts';
import { appendAudit, verifyAudit, verifyAuditWithCheckpoints } from './KnexAuditLog.ts';
import { writeCheckpoint } from './checkpoints.ts';

const KEY = Buffer.alloc(32, 7);
const append = (db: TestDb, n: number, from = 0) => Promise.all(Array.from({ length: n }, (_, i) => db.knex.transaction((trx) =>
  appendAudit(trx, db.dialect, [{ at: from + i, actorId: 'u' + i, action: 'case.created', orgPath: '/510722/510722100', detail: { i: from + i } }]))));

describe.each(testDialects)('audit chain on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => { db = await createTestDb(dialect); });
  afterAll(async () => db.dispose());

  it('chains entries, survives concurrent appends, and detects tampering', async () => {
    await append(db, 12);
    expect(await verifyAudit(db.knex)).toEqual({ ok: true, entries: 12, checkpoints: 0 });
    await db.knex('audit_log').where({ seq: 5 }).update({ detail: '{"i":99}' });
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: false, brokenAt: 5, reason: 'entry altered' });
    await db.knex('audit_log').where({ seq: 5 }).delete();
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: false, brokenAt: 5 });
  });
});

describe.each(testDialects)('what the audit chain detects on %s (issue 7.6)', (dialect) => {
  let db: TestDb;
  let file: string;
  beforeEach(async () => {
    db = await createTestDb(dialect);
    file = join(mkdtempSync(join(tmpdir(), 'tongban-audit-')), 'checkpoints.jsonl');
  });
  afterEach(async () => db.dispose());

  it('covers the org levels that decide who may read an entry', async () => {
    await append(db, 4);
    // moving an entry to another township's readers, without touching the hashed org path
    await db.knex('audit_log').where({ seq: 2 }).update({ org_l2: '/510722/510722200' });
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry altered' });
  });

  it('still verifies entries of chain version 1, checking their levels against their org path', async () => {
    // an entry as the earlier release wrote it: no levels in the hash
    const body = { seq: 1, at: 1, actor_id: 'u', actor_roles: null, org_path: '/510722/510722100', action: 'case.created', case_id: null, detail: '{}' };
    const canonical = '{' + Object.keys(body).sort().map((k) => JSON.stringify(k) + ':' + JSON.stringify((body as Record<string, unknown>)[k])).join(',') + '}';
    const hash = createHash('sha256').update('0'.repeat(64) + '\n' + canonical).digest('hex');
    await db.knex('audit_log').insert({ ...body, prev_hash: '0'.repeat(64), hash, org_l1: '/510722', org_l2: '/510722/510722100', chain_version: 1 });
    await db.knex('audit_head').where({ id: 1 }).update({ seq: 1, hash });
    await append(db, 2, 10);
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: true, entries: 3 });
    await db.knex('audit_log').where({ seq: 1 }).update({ org_l2: '/510722/510722200' });
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: false, brokenAt: 1, reason: 'org levels altered' });
  });

  it('detects a tail cut back with the head moved to match, through a signed checkpoint kept outside the database', async () => {
    await append(db, 10);
    expect(await writeCheckpoint(db.knex, KEY, file)).toMatchObject({ seq: 10 });
    expect(await verifyAuditWithCheckpoints(db.knex, KEY, file)).toMatchObject({ ok: true, entries: 10, checkpoints: 1 });
    const keep = (await db.knex('audit_log').where({ seq: 7 }).first('hash')) as { hash: string };
    await db.knex('audit_log').where('seq', '>', 7).delete();
    await db.knex('audit_head').where({ id: 1 }).update({ seq: 7, hash: keep.hash });
    expect(await verifyAudit(db.knex)).toMatchObject({ ok: true, entries: 7 }); // the walk alone is fooled
    expect(await verifyAuditWithCheckpoints(db.knex, KEY, file)).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated.*entry 10/) });
  });

  it('refuses a forged checkpoint line', async () => {
    await append(db, 3);
    await writeCheckpoint(db.knex, KEY, file);
    appendFileSync(file, JSON.stringify({ seq: 1, hash: 'f'.repeat(64), at: 1, sig: '00' }) + '\n');
    expect(await verifyAuditWithCheckpoints(db.knex, KEY, file)).toMatchObject({ ok: false, reason: expect.stringMatching(/bad signature/) });
  });
});
