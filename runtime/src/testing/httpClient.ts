/** A small JSON client for a runtime under test: `api()` calls, `token()` logs a sample user in once. */

/** What `api` answers: the status, the parsed body (or text) and the headers. */
export interface ApiResponse { status: number; body: any; headers: Headers }

/** Options of one call. */
export interface ApiOptions { token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> }

/** The client. */
export interface HttpClient {
  api(method: string, path: string, opts?: ApiOptions): Promise<ApiResponse>;
  /** a bearer token for a user with the demo password, cached per username */
  token(username: string, password?: string): Promise<string>;
}

/** Creates a client for a runtime listening at `url`; `check` (e.g. the OpenAPI response validator) may refuse an answer. */
export function httpClient(url: string, opts: { check?: (method: string, path: string, status: number, contentType: string, body: unknown) => string | undefined } = {}): HttpClient {
  const tokens = new Map<string, string>();
  const api: HttpClient['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Buffer | undefined = o.raw;
    if (o.body !== undefined) { body = JSON.stringify(o.body); headers['content-type'] ??= 'application/json'; }
    const res = await fetch(url + path, { method, headers, body: body as never });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* raw */ }
    const problem = opts.check?.(method, path, res.status, res.headers.get('content-type') ?? '', parsed);
    if (problem) throw new Error(`response does not match the OpenAPI document: ${problem}`);
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    api,
    async token(username, password = 'Tongban@2025') {
      if (!tokens.has(username)) {
        const r = await api('POST', '/api/auth/login', { body: { username, password } });
        if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
        tokens.set(username, r.body.token);
      }
      return tokens.get(username)!;
    },
  };
}
