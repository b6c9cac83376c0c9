/**
 * A command whose BEGIN SQLite refuses ("database is locked" at once, as the command bench met it
 * under a WAL checkpoint) writes nothing on that attempt, and its retry is the only write: one case
 * on create, the task step applied once and answered 200. Before the fix knex ran the transaction's
 * body although its BEGIN had failed; the command's writes, which go to the connection directly,
 * committed one by one outside any transaction, and the retry then created a second case or
 * answered a version conflict for the user's own step.
 *
 * SQLite's immediate BUSY at BEGIN depends on the timing of another connection's checkpoint, so the
 * driver's error is injected at the connection: the first BEGIN after `failNextBegins` throws
 * SQLITE_BUSY as better-sqlite3 does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';

type Statement = { reader: boolean; run(...a: unknown[]): unknown; all(...a: unknown[]): unknown; safeIntegers?(b: boolean): unknown };
type Conn = { prepare(sql: string): Statement };

let t: TestRuntime;
let failBegins = 0;

beforeAll(async () => {
  t = await createTestRuntime('sqlite', { guard: false });
  const client = t.db.knex.client as { acquireConnection(): Promise<Conn>; releaseConnection(c: Conn): Promise<void> };
  const conn = await client.acquireConnection();
  await client.releaseConnection(conn);
  const prepare = conn.prepare.bind(conn);
  conn.prepare = (sql: string) => {
    const st = prepare(sql);
    if (!/^BEGIN/i.test(sql)) return st;
    return {
      reader: false,
      run: (...a: unknown[]) => {
        if (failBegins > 0) {
          failBegins--;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
        return st.run(...a);
      },
      all: (...a: unknown[]) => st.all(...a),
    };
  };
}, 120_000);
afterAll(async () => { await t?.close(); });

const rows = async (table: string, where: Record<string, unknown>) => Number(((await t.db.knex(table).where(where).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);

describe('a command whose BEGIN is refused', () => {
  it('creates one case, not two, and its step is applied once and answered 200', async () => {
    const grid1 = await t.token('grid1');
    const before = await rows('cases', { definition_id: 'tiny-incident' });
    failBegins = 1;
    const c = await t.api('POST', '/api/cases', { token: grid1, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: '井盖缺失', reporterPhone: '13812341234' } } });
    expect(failBegins).toBe(0); // the injected refusal was met
    expect(c.status).toBe(201);
    expect(await rows('cases', { definition_id: 'tiny-incident' })).toBe(before + 1);
    expect(await rows('case_events', { case_id: c.body.id })).toBe(1);

    failBegins = 1;
    const officer = await t.token('officer');
    const r = await t.api('POST', `/api/tasks/${c.body.id}:t1/complete`, { token: officer, body: { outcome: 'accept', expectedVersion: 1 } });
    expect(failBegins).toBe(0);
    expect(r.status).toBe(200);
    expect(await rows('case_events', { case_id: c.body.id })).toBe(2);
    expect(((await t.db.knex('cases').where({ id: c.body.id }).first('version')) as { version: number }).version).toBe(2);
  });
});
