import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';
import { queryArbitrary, schemaArbitrary, type Hints } from './schemaArbitrary.ts';

type Param = { name: string; in: 'path' | 'query'; required?: boolean; schema: Record<string, unknown> };
type OpDoc = { parameters: Param[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } };

/** A path parameter: mostly a real id of the right kind (so handlers run), else schema-valid. */
function pathArbitrary(path: string, p: Param, ids: Record<string, string>): fc.Arbitrary<string> {
  const real = p.name === 'id' ? (path.startsWith('/api/tasks') ? ids.taskId : path.startsWith('/api/cases') ? ids.id : undefined) : ids[p.name];
  const derived = schemaArbitrary(p.schema).map(String);
  return real ? fc.oneof({ arbitrary: fc.constant(real), weight: 3 }, { arbitrary: derived, weight: 1 }) : derived;
}

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

  it('finds no 500 with schema-valid params, queries and bodies that reach the handlers', async () => {
    const doc = t.rt.openapi as { paths: Record<string, Record<string, OpDoc>> };
    const tokens = await Promise.all(['admin', 'officer', 'grid1', 'reviewer.east'].map((u) => t.token(u)));
    const hints: Hints = {
      definitionId: ['tiny-incident'], orgPath: [GRID1], users: [['u-grid1'], ['u-rev-east']], fields: [['reporterPhone'], ['idNumber', 'address']],
      outcome: ['accept', 'void', 'approve', 'return', 'close'], type: ['noop', 'report'], taskId: [ids.taskId], caseId: [ids.id], username: ['grid1'],
      password: ['Tongban@2025'], data: [{ description: '路灯' }, { note: '已核实' }, { result: '已处理' }], comment: ['同意'], reason: ['老人报警后无应答，需联系家属'],
      items: [[{ taskId: ids.taskId }]],
    };
    let reached = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters.filter((p) => p.in === 'path');
        const pathArb = fc.tuple(...params.map((p) => pathArbitrary(path, p, ids)));
        const queryArb = queryArbitrary(op.parameters.filter((p) => p.in === 'query'), hints);
        const schema = op.requestBody?.content['application/json']?.schema;
        const bodyArb = schema ? schemaArbitrary(schema, hints) : fc.constant(undefined);
        await fc.assert(fc.asyncProperty(pathArb, queryArb, bodyArb, fc.constantFrom(...tokens), async (values, query, body, token) => {
          let i = 0;
          const url = path.replace(/\{(\w+)\}/g, () => encodeURIComponent(values[i++]!)) + (Object.keys(query).length ? '?' + new URLSearchParams(query).toString() : '');
          const r = await t.api(method.toUpperCase(), url, { token, body });
          if (r.status !== 400 || r.body?.error?.code !== 'request.invalid') reached++;
          expect(r.status, `${method} ${url}: ${JSON.stringify(body)?.slice(0, 200)} → ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(500);
        }), { numRuns: 15 });
      }
    }
    // Most generated requests pass validation: the point is to exercise handlers, not the validator.
    const total = Object.values(doc.paths).reduce((n, m) => n + Object.keys(m).length, 0) * 15;
    expect(reached / total).toBeGreaterThan(0.8);
  });

  it('finds no 500 with bodies of any JSON type, nesting depth and content encoding (issue 7.7)', async () => {
    const doc = t.rt.openapi as { paths: Record<string, Record<string, unknown>> };
    const token = await t.token('officer');
    const nested = fc.integer({ min: 1, max: 40_000 }).map((n) => (n % 2 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + 'null' + '}'.repeat(n)));
    const text = fc.oneof(fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)), nested, fc.string(), fc.constantFrom('null', 'true', '0', '""', '[]', '{"__proto__":{"x":1}}', '{"a":"\u0000"}'));
    const encode: Record<string, (b: Buffer) => Buffer> = { identity: (b) => b, gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync, zstd: (b) => b, bogus: (b) => b, 'gzip-lie': (b) => b };
    const ops = Object.entries(doc.paths).flatMap(([path, m]) => Object.keys(m).filter((x) => x !== 'get').map((method) => ({ path, method })));
    for (const op of ops) {
      await fc.assert(fc.asyncProperty(text, fc.constantFrom(...Object.keys(encode)), async (body, enc) => {
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === 'id' && op.path.startsWith('/api/tasks') ? ids.taskId! : ids[name] ?? 'x'));
        const header = enc === 'gzip-lie' ? 'gzip' : enc;
        const r = await t.api(op.method.toUpperCase(), path, { token, raw: encode[enc]!(Buffer.from(body)), headers: { 'content-type': 'application/json', 'content-encoding': header } });
        expect(r.status, `${op.method} ${path} [${enc}] ${body.slice(0, 80)} → ${JSON.stringify(r.body).slice(0, 200)}`).toBeLessThan(500);
      }), { numRuns: 8 });
    }
  });
});
