import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, GRID1, type TestRuntime } from '../testing/testRuntime.ts';
import { testDialects } from '../testing/testDbs.ts';

/** Pages through a queue with `limit` and returns every id in the order served. */
async function allPages(t: TestRuntime, token: string, query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const r = await t.api('GET', `/api/tasks?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(r.status).toBe(200);
    ids.push(...r.body.items.map((x: { id: string }) => x.id));
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

describe.each(testDialects)('queue keyset paging on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const grid = await t.token('grid1');
    for (let i = 0; i < 7; i++) await t.api('POST', '/api/cases', { token: grid, body: { definitionId: 'tiny-incident', orgPath: GRID1, data: { description: 'p' + i } } });
  });
  afterAll(async () => t.close());

  it.each(['', '&sort=priority', '&status=open', '&status=open&sort=priority'])('pages of 2 (%s) give the one-page list: no gaps, no repeats', async (query) => {
    const token = await t.token('officer');
    const whole = await allPages(t, token, query, 50);
    expect(whole).toHaveLength(7);
    expect(await allPages(t, token, query, 2)).toEqual(whole);
  });
});
