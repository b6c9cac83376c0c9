/**
 * The boot script: a small script inlined at the top of index.html, run as the HTML is parsed —
 * long before React, antd and the app (most of the initial JavaScript) have loaded and been parsed.
 * When the page opened is a screen whose first data is known from the URL alone (the queue's first
 * page; a case with its overview and actions), it sends those requests now — ahead of the app's own
 * files, which would otherwise hold the browser's six connections — and asks the browser to preload
 * the screen's code, so the server's answer, the download and the parsing overlap instead of
 * following each other. The screen takes the answer once through `takeEarly`; anything not taken
 * (another screen, another query, too old) is simply fetched again by the screen as usual.
 * The boot script is its own bundle (see workbench/vite.config.ts), so the answers it keeps are
 * shared with the app's copy of this module through `globalThis`, not through module state.
 */
import { getSession } from '../shell/session.ts';
import { storedLang } from '../i18n/storedLang.ts';
import { queueQuery } from '../tasks/queueParams.ts';

/** One request sent at boot: its API path with query string, when it was sent, and the answer. */
interface EarlyRequest { path: string; sentAt: number; response: Promise<Response> }

/** An early answer older than this is not used (the screen refetches): a reload later means fresh data. */
export const earlyMaxAgeMs = 10_000;
const shared = globalThis as { __tongbanEarly?: Map<string, EarlyRequest>; __tongbanScreens?: Partial<Record<EarlyScreen, string[]>> };
const pending: Map<string, EarlyRequest> = (shared.__tongbanEarly ??= new Map());

/** The API path and query string for `query` in the order it was given (the key both sides compute). */
export function apiPath(path: string, query: Record<string, string | number | boolean>): string {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `${path}?${qs}` : path;
}

/** The screens whose first requests the boot script sends. */
export type EarlyScreen = 'queue' | 'case';

/** The first API requests of the screen at `pathname` + `search`, when they depend on nothing else. */
export function earlyRequestsFor(pathname: string, search: string, now: number): { screen: EarlyScreen; paths: string[] } | undefined {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/tasks') {
    const params = new URLSearchParams(search);
    // a due window is relative to the moment the screen reads it; the screen computes its own
    if (params.get('due')) return undefined;
    return { screen: 'queue', paths: [apiPath('/api/tasks', queueQuery(params, now))] };
  }
  const id = /^\/cases\/([A-Za-z0-9._:@-]{1,100})$/.exec(path)?.[1];
  if (id && id !== 'mine') return { screen: 'case', paths: casePaths(id) };
  return undefined;
}

/** The case page's first reads: the case, its overview and the actions open to the user. */
export function casePaths(id: string): string[] {
  const base = `/api/cases/${encodeURIComponent(id)}`;
  return [base, `${base}/overview`, `${base}/actions`];
}

/** openapi-fetch options that answer with the early response for `path`, when there is one. */
export function earlyFetch(path: string): { fetch?: () => Promise<Response> } {
  const early = takeEarly(path);
  return early ? { fetch: () => early } : {};
}

/** Sends the current screen's first requests (when signed in and there are some) and starts loading the screen's code. */
export function startEarlyRequests(loc: Pick<Location, 'pathname' | 'search'> = location): void {
  const session = getSession();
  const early = session ? earlyRequestsFor(loc.pathname, loc.search, Date.now()) : undefined;
  if (!session || !early) return;
  const headers = { authorization: `Bearer ${session.token}`, 'accept-language': storedLang() };
  const get = (path: string) => fetch(path, { headers });
  for (const path of early.paths) rememberEarly(path, get(path));
  if (early.screen === 'case') sendCaseFollowUps(early.paths, get);
  preloadScreen(early.screen);
}

/** The definition version a case runs on, as the case page reads it. */
export function definitionPath(id: string, version: number): string {
  return `/api/definitions/${encodeURIComponent(id)}/versions/${version}`;
}

/** The task the case page reads when the user holds a decision on it. */
export function taskPath(id: string): string {
  return `/api/tasks/${encodeURIComponent(id)}`;
}

/**
 * The case page's second round, sent as soon as the first answers arrive instead of after the
 * page has loaded and rendered them: the case's definition version, and the task whose decision
 * the actions offer (the same choice the page makes). Reads a copy of each answer; the page still
 * takes the answer itself.
 */
function sendCaseFollowUps(paths: string[], get: (path: string) => Promise<Response>): void {
  const follow = (path: string | undefined, next: (body: Record<string, unknown>) => string | undefined) => {
    const sent = path ? pending.get(path) : undefined;
    if (!sent) return;
    sent.response.then((r) => (r.ok ? r.clone().json() : undefined)).then((body: Record<string, unknown> | undefined) => {
      const then = body && next(body);
      if (then) rememberEarly(then, get(then));
    }).catch(() => undefined);
  };
  follow(paths[0], (c) => (typeof c.definitionId === 'string' && typeof c.definitionVersion === 'number' ? definitionPath(c.definitionId, c.definitionVersion) : undefined));
  follow(paths[2], (a) => {
    const held = (a.items as Array<{ kind?: string; taskId?: string }> | undefined)?.find((x) => x.kind === 'decision' && x.taskId)?.taskId;
    return held ? taskPath(held) : undefined;
  });
}

/** Asks the browser to fetch the screen's code now (the build lists each screen's files in `__tongbanScreens`). */
function preloadScreen(screen: EarlyScreen): void {
  for (const file of shared.__tongbanScreens?.[screen] ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = file;
    document.head.appendChild(link);
  }
}

/** Keeps an answer sent for `path` at `sentAt` until the screen takes it. */
export function rememberEarly(path: string, response: Promise<Response>, sentAt = Date.now()): void {
  response.catch(() => undefined); // a failure is the screen's to report when it takes the answer
  pending.set(path, { path, sentAt, response });
}

/** The early answer for `path` (taken once), or undefined when there is none or it is too old. */
export function takeEarly(path: string, now = Date.now()): Promise<Response> | undefined {
  const found = pending.get(path);
  pending.delete(path);
  return found && now - found.sentAt <= earlyMaxAgeMs ? found.response : undefined;
}

