/**
 * The outbound HTTP client a plugin uses: fetch bound to the call's AbortSignal, every exchange
 * reported to a recorder (the harness keeps them; the host counts them), and `expectOk` to turn
 * statuses into the right error class (5xx/429 retryable, other 4xx permanent: never retry a 4xx).
 */
import { PermanentError, RetryableError, sdkErrorCatalog } from './errors.ts';

/** One HTTP exchange as recorded at the network boundary. */
export interface HttpExchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  status?: number;
  responseBody?: string;
  error?: string;
  ms: number;
}

/** A response with its body read once. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json<T = unknown>(): T;
}

/** What `ctx.http` offers. */
export interface HttpClient {
  request(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string | Buffer; signal?: AbortSignal; timeoutMs?: number }): Promise<HttpResponse>;
}

/** Creates a client; `signal` is the call's (timeouts and shutdown), `record` sees every exchange. */
export function createHttpClient(opts: { signal?: AbortSignal; record?: (x: HttpExchange) => void; now?: () => number }): HttpClient {
  const now = opts.now ?? (() => performance.now());
  return {
    async request(url, init = {}) {
      const signals = [opts.signal, init.signal, init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
      const signal = signals.length ? AbortSignal.any(signals) : undefined;
      const method = (init.method ?? 'GET').toUpperCase();
      const started = now();
      const ex: HttpExchange = { method, url, headers: { ...(init.headers ?? {}) }, body: init.body === undefined ? undefined : init.body.toString(), ms: 0 };
      try {
        const res = await fetch(url, { method, headers: init.headers, body: init.body as never, signal });
        const text = await res.text();
        Object.assign(ex, { status: res.status, responseBody: text.slice(0, 4000), ms: now() - started });
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => { headers[k] = v; });
        return { status: res.status, headers, text, json: <T>() => JSON.parse(text) as T };
      } catch (err) {
        Object.assign(ex, { error: (err as Error).name, ms: now() - started });
        throw err;
      } finally {
        opts.record?.(ex);
      }
    },
  };
}

/** Throws the right class for a non-2xx status: 5xx and 429 retryable, other 4xx permanent. */
export function expectOk(res: HttpResponse, what = 'request'): HttpResponse {
  if (res.status >= 200 && res.status < 300) return res;
  const details = { status: res.status, what };
  if (res.status === 429) throw new RetryableError('http.rate-limited', sdkErrorCatalog['http.rate-limited'].zh, details);
  if (res.status >= 500) throw new RetryableError('http.server-error', sdkErrorCatalog['http.server-error'].zh, details);
  throw new PermanentError('http.rejected', sdkErrorCatalog['http.rejected'].zh, details);
}
