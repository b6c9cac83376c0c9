import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

describe.each(testDialects)('fuzz every OpenAPI operation on %s', (dialect) => {
  let t: TestRuntime;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x' } } });
    const task = (await t.db.knex('tasks').where({ case_id: c.body.id }).first()) as { id: string };
    ids = { id: c.body.id, attachmentId: 'none', code: '510722100', version: '1' };
    ids.taskId = task.id;
  });
  afterAll(async () => t.close());

  it('finds no 500 with random valid-shaped and invalid bodies, params and queries', async () => {
    const doc = t.rt.openapi as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const tokens = [await t.token('admin'), await t.token('officer'), 'garbage'];
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }));
    const body = fc.oneof(fc.dictionary(fc.constantFrom('outcome', 'data', 'users', 'type', 'fields', 'purpose', 'comment', 'expectedVersion', 'items', 'action', 'definitionId', 'orgPath', 'username', 'password', 'x'), value, { maxKeys: 5 }), value);
    const ops = Object.entries(doc.paths).flatMap(([path, m]) => Object.keys(m).map((method) => ({ path, method })));
    for (const op of ops) {
      await fc.assert(fc.asyncProperty(body, fc.constantFrom(...tokens), fc.boolean(), fc.string({ maxLength: 12 }), async (b, token, realIds, junk) => {
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(realIds ? (name === 'id' && op.path.startsWith('/api/tasks') ? ids.taskId! : ids[name] ?? junk) : junk || 'x'));
        const r = await t.api(op.method.toUpperCase(), `${path}?limit=${encodeURIComponent(junk)}`, { token, body: op.method === 'get' ? undefined : b });
        expect(r.status, `${op.method} ${path}: ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(500);
      }), { numRuns: 12 });
    }
  });
});
