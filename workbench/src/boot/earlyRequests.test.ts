import { describe, expect, it } from 'vitest';
import { apiPath, earlyFetch, earlyMaxAgeMs, earlyRequestsFor, rememberEarly, takeEarly } from './earlyRequests.ts';
const earlyRequestFor = (p: string, s: string, now: number) => earlyRequestsFor(p, s, now)?.paths[0];
import { queueQuery } from '../tasks/queueParams.ts';

describe('early requests at boot', () => {
  const now = 1_700_000_000_000;

  it('knows the queue\'s first page from the URL, as the queue screen will ask for it', () => {
    expect(earlyRequestFor('/tasks', '', now)).toBe('/api/tasks?status=open&limit=50');
    expect(earlyRequestFor('/tasks/', '?tab=mine&definitionId=grid-incident', now)).toBe(apiPath('/api/tasks', queueQuery(new URLSearchParams('tab=mine&definitionId=grid-incident'), now)));
    expect(earlyRequestFor('/tasks', '?orgPath=/510722/510722100', now)).toBe('/api/tasks?status=open&limit=50&orgPath=%2F510722%2F510722100');
  });

  it('sends nothing for other screens, nor for a due window (relative to when the screen reads it)', () => {
    for (const p of ['/', '/login', '/tasks/done', '/cases', '/cases/mine', '/cases/a/b', '/oversight']) expect(earlyRequestFor(p, '', now)).toBeUndefined();
    expect(earlyRequestFor('/tasks', '?due=3d', now)).toBeUndefined();
  });

  it('knows a case page\'s first reads: the case, its overview and its actions', () => {
    expect(earlyRequestsFor('/cases/c-1:x', '', now)).toEqual({ screen: 'case', paths: ['/api/cases/c-1%3Ax', '/api/cases/c-1%3Ax/overview', '/api/cases/c-1%3Ax/actions'] });
    expect(earlyRequestsFor('/tasks', '', now)?.screen).toBe('queue');
  });

  it('hands an answer over once, and not when it is too old', async () => {
    const answer = Promise.resolve(new Response('{"items":[]}'));
    rememberEarly('/api/tasks?status=open&limit=50', answer, now);
    expect(takeEarly('/api/tasks?status=open&limit=10', now)).toBeUndefined();
    expect(takeEarly('/api/tasks?status=open&limit=50', now + 100)).toBe(answer);
    expect(takeEarly('/api/tasks?status=open&limit=50', now + 200)).toBeUndefined();
    rememberEarly('/api/tasks?status=open&limit=50', answer, now);
    expect(takeEarly('/api/tasks?status=open&limit=50', now + earlyMaxAgeMs + 1)).toBeUndefined();
    rememberEarly('/api/cases/c1', answer);
    expect(earlyFetch('/api/cases/c1').fetch?.()).toBe(answer);
    expect(earlyFetch('/api/cases/c1')).toEqual({});
    expect(await answer.then((r) => r.json())).toEqual({ items: [] });
  });

  it('a failed early request is not an unhandled rejection; the screen sees the failure when it takes it', async () => {
    const failed = Promise.reject(new TypeError('network down'));
    rememberEarly('/api/tasks?x=1', failed, now);
    await new Promise((r) => setTimeout(r, 10));
    await expect(takeEarly('/api/tasks?x=1', now)).rejects.toThrow('network down');
  });
});
