/**
 * The one API client of the workbench, generated from /api/openapi.json (`openapi-fetch` over the
 * `openapi-typescript` types in openapiTypes.ts). A middleware adds the bearer token and the
 * language; a 401 ends the session and sends the user to the login page, coming back afterwards.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './openapiTypes.ts';
import { ApiError, toApiError } from './ApiError.ts';
import { getSession, setSession } from '../shell/session.ts';
import i18n from '../i18n/i18n.ts';

/** Called when the server answers 401 (the session expired or was revoked). */
let onExpired: () => void = () => undefined;
/** Lets the shell decide where an expired session goes (the login page, with a way back). */
export function setSessionExpiredHandler(handler: () => void): void {
  onExpired = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const s = getSession();
    if (s) request.headers.set('authorization', `Bearer ${s.token}`);
    request.headers.set('accept-language', i18n.language === 'en' ? 'en' : 'zh-CN');
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/auth/login')) {
      setSession(null);
      onExpired();
    }
    return response;
  },
};

/** The typed client. */
// fetch is looked up on each call (not captured at import), so tests and the offline journey see the current one
export const api = createClient<paths>({ baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin, fetch: (req) => globalThis.fetch(req) });
api.use(auth);

/** Unwraps an openapi-fetch answer: the data, or an ApiError with the server's code and message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let out: { data?: T; error?: unknown; response: Response };
  try {
    out = await call;
  } catch (err) {
    throw new ApiError(navigator.onLine === false ? 'network.offline' : 'network.failed', String((err as Error).message ?? err), 0);
  }
  if (out.error !== undefined || !out.response.ok) throw toApiError(out.error, out.response.status);
  return out.data as T;
}

/** A fetch for paths outside the typed client (files, the designer's ShellApi), with the same token and 401 handling. */
export async function authedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const s = getSession();
  if (s) headers.set('authorization', `Bearer ${s.token}`);
  headers.set('accept-language', i18n.language === 'en' ? 'en' : 'zh-CN');
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401) {
    setSession(null);
    onExpired();
  }
  return res;
}
