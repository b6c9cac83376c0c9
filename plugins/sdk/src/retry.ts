/**
 * Retry policy: the plugin declares what its peer tolerates; a definition may only tighten it
 * (fewer attempts, slower backoff), never make a plugin hammer a carrier harder than its author allowed.
 */
import type { RetryPolicy } from './types.ts';

/** Used when an operation declares none: 5 attempts, 1 s doubling to at most 5 min. */
export const defaultRetry: RetryPolicy = { attempts: 5, backoff: { initialMs: 1000, factor: 2, maxMs: 300_000 } };

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration of days, hours, minutes and seconds (`PT30S`, `P1DT2H`); undefined if malformed. */
export function isoDurationMs(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  return (((d! * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
}

/**
 * The policy a call runs under: the definition's `retry: { max, backoff }` (max = retries after the
 * first attempt) can lower the attempts and raise the initial delay, nothing else.
 */
export function tightenRetry(plugin: RetryPolicy, definition?: { max?: number; backoff?: string }): RetryPolicy {
  if (!definition) return plugin;
  const attempts = definition.max === undefined ? plugin.attempts : Math.max(1, Math.min(plugin.attempts, definition.max + 1));
  const asked = definition.backoff ? isoDurationMs(definition.backoff) : undefined;
  const initialMs = asked === undefined ? plugin.backoff.initialMs : Math.max(plugin.backoff.initialMs, asked);
  return { attempts, backoff: { ...plugin.backoff, initialMs, maxMs: Math.max(plugin.backoff.maxMs, initialMs) } };
}

/** Delay before retry `n` (n = the number of failed attempts so far, ≥ 1); `random` in [0, 1) spreads retries ±20 %. */
export function retryDelay(policy: RetryPolicy, n: number, random = 0.5): number {
  const { initialMs, factor, maxMs } = policy.backoff;
  const base = Math.min(maxMs, initialMs * Math.pow(factor, Math.max(0, n - 1)));
  return Math.round(base * (0.8 + 0.4 * random));
}
