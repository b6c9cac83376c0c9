/**
 * Issue 7.7 — bad bodies: each answer is a coded 4xx and nothing changes. Findings of the outside
 * test: a JSON `null` body, an unsupported Content-Encoding and a value nested 30,000 levels deep
 * answered 500; `__proto__` keys and control characters went into case data.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe.each(testDialects)('bad bodies on %s', (dialect) => {
  let t: TestRuntime;
  let caseId: string;
  let taskId: string;
  const snapshot = async () => JSON.stringify(await t.db.knex('cases').orderBy('id').select('id', 'version', 'snapshot'));
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const c = await t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'x' } } });
    caseId = c.body.id;
    taskId = ((await t.db.knex('tasks').where({ case_id: caseId }).first()) as { id: string }).id;
  });
  afterAll(async () => t.close());

  it('answers each with a coded 4xx and a JSON path where one applies, changing nothing', async () => {
    const officer = await t.token('officer');
    const grid = await t.token('grid1');
    const json = { 'content-type': 'application/json' };
    const before = await snapshot();
    const cases: Array<[string, () => Promise<{ status: number; body: any }>, number, string, string?]> = [
      ['null body on an operation with a body', () => t.api('POST', `/api/tasks/${taskId}/complete`, { token: officer, raw: 'null', headers: json }), 400, 'request.invalid', '/body'],
      ['null body on an operation without one', () => t.api('POST', '/api/auth/logout', { token: officer, raw: 'null', headers: json }), 400, 'request.invalid', '/body'],
      ['a number as the body', () => t.api('POST', '/api/cases', { token: grid, raw: '42', headers: json }), 400, 'request.invalid', '/body'],
      ['a string as the body', () => t.api('POST', `/api/cases/${caseId}/comments`, { token: grid, raw: '"hi"', headers: json }), 400, 'request.invalid', '/body'],
      ['unsupported content encoding', () => t.api('POST', `/api/cases/${caseId}/comments`, { token: grid, raw: '{"body":"x"}', headers: { ...json, 'content-encoding': 'zstd' } }), 415, 'request.unsupported-encoding'],
      ['a gzip body that is not gzip', () => t.api('POST', `/api/cases/${caseId}/comments`, { token: grid, raw: '{"body":"x"}', headers: { ...json, 'content-encoding': 'gzip' } }), 400, 'request.bad-encoding'],
      ['nested 30,000 levels (arrays)', () => t.api('POST', '/api/cases', { token: grid, raw: `{"definitionId":"tiny-incident","orgPath":"${GRID1}","data":{"description":${deep(30_000)}}}`, headers: json }), 400, 'request.too-deep', '/body/data/description'],
      ['nested 30,000 levels (objects)', () => t.api('PUT', `/api/tasks/${taskId}/draft`, { token: officer, raw: `{"data":${deepObject(30_000)}}`, headers: json }), 400, 'request.too-deep', '/body/data'],
      ['__proto__ in case data', () => t.api('POST', '/api/cases', { token: grid, raw: `{"definitionId":"tiny-incident","orgPath":"${GRID1}","data":{"description":"x","__proto__":{"admin":true}}}`, headers: json }), 400, 'request.forbidden-key', '/body/data/__proto__'],
      ['constructor deep in a draft', () => t.api('PUT', `/api/tasks/${taskId}/draft`, { token: officer, body: { data: { note: { list: [{ constructor: { prototype: 1 } }] } } } }), 400, 'request.forbidden-key', '/body/data/note/list/0/constructor'],
      ['NUL in free text', () => t.api('POST', `/api/cases/${caseId}/comments`, { token: grid, body: { body: 'a\u0000b' } }), 400, 'request.control-characters', '/body/body'],
      ['bidi override in case data', () => t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '发票\u202Efdp.exe' } } }), 400, 'request.control-characters', '/body/data/description'],
      ['bidi override in an attachment name', () => t.api('POST', `/api/cases/${caseId}/attachments?name=${encodeURIComponent('photo\u202Egpj.exe')}`, { token: grid, raw: 'hello', headers: { 'content-type': 'text/plain' } }), 400, 'request.control-characters', '/query/name'],
    ];
    for (const [name, call, status, code, path] of cases) {
      const r = await call();
      expect({ name, status: r.status, code: r.body?.error?.code }).toEqual({ name, status, code });
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      if (path) expect({ name, path: JSON.stringify(r.body.error.details) }).toEqual({ name, path: expect.stringContaining(`"${path}`) });
    }
    expect(await snapshot()).toBe(before);
    expect(await t.db.knex('comments').where({ case_id: caseId }).count({ n: '*' }).then((r) => Number((r as Array<{ n: number }>)[0]!.n))).toBe(0);
  });

  it('keeps tabs and line breaks in free text, and takes a real gzip body', async () => {
    const grid = await t.token('grid1');
    const r = await t.api('POST', `/api/cases/${caseId}/comments`, { token: grid, raw: gzipSync(JSON.stringify({ body: '第一行\n第二行\t完' })), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(r.status).toBe(201);
    const list = await t.api('GET', `/api/cases/${caseId}/comments`, { token: grid });
    expect(list.body.items.at(-1).body).toBe('第一行\n第二行\t完');
  });
});
