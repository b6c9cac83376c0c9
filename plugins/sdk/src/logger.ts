/**
 * The plugin logger: a pino child whose every line is scrubbed before it is written. Known secret
 * values and the personal values of the current call are replaced wherever they appear (message,
 * fields, nested objects, error text), and anything shaped like a mainland mobile or ID number is
 * masked as a last line of defence, so an integrator's careless `logger.info({ input })` leaks nothing.
 */
import type { Logger } from 'pino';

/** What a plugin logs with (the pino methods it needs). */
export interface PluginLogger {
  trace(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): PluginLogger;
}

/** The text that replaces a redacted value. */
export const REDACTED = '[已脱敏]';
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;

/** Scrubs one string: exact values first (longest first), then the phone and ID-number shapes. */
export function scrubText(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) if (v && out.includes(v)) out = out.split(v).join(REDACTED);
  return out.replace(ID_NUMBER, '$1********$2').replace(MOBILE, '$1****$2');
}

function scrubValue(v: unknown, values: readonly string[], depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v, values);
  if (typeof v === 'number' && values.includes(String(v))) return REDACTED;
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (v instanceof Error) return { type: v.name, message: scrubText(v.message, values) };
  if (Array.isArray(v)) return v.slice(0, 100).map((x) => scrubValue(x, values, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubValue(x, values, depth + 1);
  return out;
}

/** Wraps a pino logger; `values()` is read at every line, so values learnt later (a new secret) count. */
export function createPluginLogger(base: Logger, values: () => readonly string[]): PluginLogger {
  const sorted = () => [...values()].filter((s) => s.length >= 2).sort((a, b) => b.length - a.length);
  const level = (name: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (obj: object | string, msg?: string) => {
    if (!base.isLevelEnabled(name)) return;
    const vs = sorted();
    if (typeof obj === 'string') base[name](scrubText(obj, vs));
    else base[name](scrubValue(obj, vs) as object, msg === undefined ? undefined : scrubText(msg, vs));
  };
  return {
    trace: level('trace'), debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error'),
    child: (bindings) => createPluginLogger(base.child(scrubValue(bindings, sorted()) as Record<string, unknown>), values),
  };
}
