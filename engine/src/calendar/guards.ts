/** Argument checks shared by the calendar: each failure throws a coded EngineError. */
import { diag } from '../diagnostics/catalog.ts';
import { EngineError, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { DAY_MS } from './localDate.ts';
import { MAX_DURATION_DAYS, MAX_INSTANT, MIN_INSTANT } from './limits.ts';
import { Clock } from './types.ts';

/** Throws an EngineError carrying one diagnostic. */
export function throwDiagnostic(d: Diagnostic): never {
  throw new EngineError(d.code, d.message.en, [d]);
}

/** Builds the diagnostic for `code` and throws it. */
export function fail(code: string, details: Record<string, unknown>, path = ''): never {
  return throwDiagnostic(diag(code, path, details));
}

/** True for an epoch-ms value the calendar can handle. */
export function isInstant(t: unknown): t is number {
  return typeof t === 'number' && Number.isFinite(t) && t >= MIN_INSTANT && t < MAX_INSTANT;
}

/** Rejects NaN, infinities and instants outside years 1–9999. */
export function checkInstant(t: number, name: string): void {
  if (!isInstant(t)) fail('calendar.bad-instant', { name, value: t });
}

/** Rejects negative, non-finite or absurdly large amounts of clock time. */
export function checkAmount(ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) fail('calendar.bad-amount', { value: ms });
  if (ms > MAX_DURATION_DAYS * DAY_MS) {
    fail('calendar.duration-too-long', { duration: `${ms} ms`, maxDays: MAX_DURATION_DAYS });
  }
}

/** Rejects a clock name that is not natural, working or urgent (definitions are data, so anything can arrive). */
export function checkClock(clock: unknown): asserts clock is Clock {
  if (clock !== Clock.natural && clock !== Clock.working && clock !== Clock.urgent) {
    fail('calendar.unknown-clock', { clock: String(clock) });
  }
}
