/** An error answer of the API (`{ error: { code, message, details } }`), or a network failure, as one typed value. */
export class ApiError extends Error {
  constructor(
    /** the API's stable code, or `network.offline` / `network.failed` when no answer came */
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True for a stale version (someone acted first). */
  get isConflict(): boolean {
    return this.code === 'case.version-conflict';
  }

  /** True when no answer came from the server (offline, DNS, reset). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: Record<string, unknown> } };

/** Turns an error body (or anything thrown by fetch) into an ApiError. */
export function toApiError(body: unknown, status: number): ApiError {
  const e = (body as ErrorBody | undefined)?.error;
  if (e?.code) return new ApiError(e.code, e.message ?? e.code, status, e.details ?? {});
  return new ApiError(status === 0 ? 'network.failed' : 'http.unexpected', status === 0 ? '网络连接失败' : `HTTP ${status}`, status);
}
