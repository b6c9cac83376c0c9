/**
 * Errors split by fault, with stable codes: a `RetryableError` is the environment's (a carrier's 500,
 * a timeout: try again later), a `PermanentError` is the request's (a 4xx, a bad number: retrying
 * cannot help). Anything else a plugin throws is classified by `classifyError`.
 */

/** The codes the SDK itself raises, with zh-CN and English messages. Plugins add their own codes. */
export const sdkErrorCatalog = {
  'plugin.timeout': { zh: '适配器调用超时', en: 'The adapter call timed out' },
  'plugin.aborted': { zh: '适配器调用已取消', en: 'The adapter call was cancelled' },
  'plugin.invalid-input': { zh: '调用参数不符合该操作的定义', en: 'The input does not match the operation schema' },
  'plugin.invalid-output': { zh: '适配器返回的数据不符合该操作的定义', en: 'The adapter returned data that does not match the operation schema' },
  'plugin.threw': { zh: '适配器内部错误', en: 'The adapter failed with an unexpected error' },
  'plugin.unknown-operation': { zh: '适配器没有该操作', en: 'The adapter has no such operation' },
  'plugin.not-configured': { zh: '适配器尚未配置或配置无效', en: 'The adapter is not configured, or its configuration is invalid' },
  'plugin.crashed': { zh: '适配器线程崩溃，调用将重试', en: 'The adapter’s thread crashed; the call will be retried' },
  'plugin.overloaded': { zh: '适配器并发调用已满，请稍后重试', en: 'Too many calls in flight for this adapter; retry later' },
  'trigger.invalid-payload': { zh: '入站事件不符合触发器定义', en: 'The inbound event does not match the trigger schema' },
  'trigger.unknown': { zh: '适配器没有该触发器', en: 'The adapter has no such trigger' },
  'http.network': { zh: '网络错误，无法连接对方系统', en: 'Network error: the peer could not be reached' },
  'http.server-error': { zh: '对方系统返回服务器错误', en: 'The peer answered with a server error' },
  'http.rate-limited': { zh: '对方系统限流', en: 'The peer is rate limiting us' },
  'http.rejected': { zh: '对方系统拒绝了请求', en: 'The peer rejected the request' },
  'config.invalid': { zh: '适配器配置不符合定义', en: 'The adapter configuration does not match its schema' },
  'config.migration-missing': { zh: '缺少配置迁移步骤', en: 'A config migration step is missing' },
  'config.version-newer': { zh: '已存配置的版本高于适配器版本', en: 'The stored config is newer than the adapter understands' },
} as const;

/** A code the SDK raises. */
export type SdkErrorCode = keyof typeof sdkErrorCatalog;

/** A problem at a JSON path (inputs, payloads, config). */
export interface PathProblem { path: string; message: string }

/** An error with a stable code and its fault class. */
export class PluginError extends Error {
  constructor(readonly code: string, message: string, readonly retryable: boolean, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

/** The environment's fault: the host retries with backoff. */
export class RetryableError extends PluginError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, true, details);
  }
}

/** The request's fault: the host never retries it (the call dead-letters at once). */
export class PermanentError extends PluginError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, false, details);
  }
}

/** The zh-CN message of an SDK code (English in `details.en`). */
export function sdkError(code: SdkErrorCode, retryable: boolean, details: Record<string, unknown> = {}): PluginError {
  const m = sdkErrorCatalog[code];
  return new PluginError(code, m.zh, retryable, { en: m.en, ...details });
}

/** A coded, classified failure as data (what the host stores and the case receives). */
export interface ClassifiedError { code: string; message: string; retryable: boolean; details?: Record<string, unknown> }

/**
 * Classifies anything thrown: coded plugin errors keep their class; an aborted call is a timeout
 * (retryable); a network `TypeError` from fetch is retryable; any other throw counts as retryable
 * too (the attempt budget bounds it) with code `plugin.threw` and no message text of its own,
 * because a stray message may carry personal data.
 */
export function classifyError(err: unknown, timedOut = false): ClassifiedError {
  if (err instanceof PluginError) return { code: err.code, message: err.message, retryable: err.retryable, details: err.details };
  if (timedOut) return toData(sdkError('plugin.timeout', true));
  const e = err as { name?: string; cause?: unknown } | undefined;
  if (e?.name === 'TimeoutError') return toData(sdkError('plugin.timeout', true));
  if (e?.name === 'AbortError') return toData(sdkError('plugin.aborted', true));
  if (e?.name === 'TypeError' && e.cause) return toData(sdkError('http.network', true));
  return toData(sdkError('plugin.threw', true, { errorName: typeof e?.name === 'string' ? e.name.slice(0, 60) : 'unknown' }));
}

function toData(e: PluginError): ClassifiedError {
  return { code: e.code, message: e.message, retryable: e.retryable, details: e.details };
}
