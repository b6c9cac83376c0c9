import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The boot script on a case page, signed in: the first three reads go out at once, and as their
 * answers arrive the definition version and the held task are asked for too — before the page has
 * loaded — so the page finds all five answers waiting. (fetch is the boundary here: it records
 * what was asked and answers as the API would.)
 */
describe('the case page\'s follow-up requests at boot', () => {
  afterEach(() => { vi.unstubAllGlobals(); vi.resetModules(); });

  async function boot(answers: Record<string, unknown>) {
    const asked: string[] = [];
    const store = new Map([['tongban.session', JSON.stringify({ token: 't', expiresAt: Date.now() + 60_000, user: { id: 'u' } })]]);
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: () => undefined, removeItem: () => undefined });
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(path);
      return path in answers ? new Response(JSON.stringify(answers[path])) : new Response('{"code":"x"}', { status: 404 });
    });
    const early = await import('./earlyRequests.ts');
    early.startEarlyRequests({ pathname: '/cases/c-1', search: '' });
    await vi.waitFor(() => expect(asked.length).toBeGreaterThanOrEqual(3));
    await new Promise((r) => setTimeout(r, 20));
    return { asked, early };
  }

  it('asks for the definition version and the task whose decision the user holds, and hands them to the page', async () => {
    const { asked, early } = await boot({
      '/api/cases/c-1': { id: 'c-1', definitionId: 'grid incident', definitionVersion: 3 },
      '/api/cases/c-1/overview': {},
      '/api/cases/c-1/actions': { version: 2, items: [{ kind: 'operation', name: 'comment' }, { kind: 'decision', name: 'approve', taskId: 'c-1:t3' }] },
    });
    expect(asked).toEqual(['/api/cases/c-1', '/api/cases/c-1/overview', '/api/cases/c-1/actions', '/api/definitions/grid%20incident/versions/3', '/api/tasks/c-1%3At3']);
    // the page still reads every answer itself (the boot script read copies)
    expect(await (await early.takeEarly('/api/cases/c-1'))!.json()).toMatchObject({ definitionVersion: 3 });
    expect(early.takeEarly(early.definitionPath('grid incident', 3))).toBeDefined();
    expect(early.takeEarly(early.taskPath('c-1:t3'))).toBeDefined();
  });

  it('asks for nothing more when the case is not readable or the user holds no decision', async () => {
    const { asked } = await boot({ '/api/cases/c-1/actions': { version: 1, items: [{ kind: 'claim', name: 'claim', taskId: 'c-1:t1' }] } });
    expect(asked).toEqual(['/api/cases/c-1', '/api/cases/c-1/overview', '/api/cases/c-1/actions']);
  });
});
