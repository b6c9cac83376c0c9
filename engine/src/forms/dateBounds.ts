/** The `x-notFuture` / `x-notPast` keywords: a date or date-time compared with a `now` passed in. */
import type { FuncKeywordDefinition } from 'ajv';
import { durationMs, localDayOf, parseDateTime, parseLocalDate } from './instant.ts';

/** What the validator is called with (ajv `passContext`): the instant and zone to compare against. */
export interface FormContext {
  now: number;
  utcOffsetMinutes: number;
}

/** `true`, or an ISO duration of tolerance (a phone clock a few minutes fast is not an error). */
export type BoundSetting = boolean | string;

function toleranceOf(setting: BoundSetting): number {
  return typeof setting === 'string' ? (durationMs(setting) ?? 0) : 0;
}

/**
 * Compares a date (by local day) or date-time (by instant) with now: -1 before, 0 same, 1 after.
 * Returns undefined for values that are not dates (the `format` keyword reports those).
 */
export function compareWithNow(value: string, ctx: FormContext, tolerance = 0): -1 | 0 | 1 | undefined {
  const day = parseLocalDate(value);
  if (day !== undefined) {
    const today = localDayOf(ctx.now, ctx.utcOffsetMinutes);
    return day < today ? -1 : day > today ? 1 : 0;
  }
  const at = parseDateTime(value, ctx.utcOffsetMinutes);
  if (at === undefined) return undefined;
  if (at > ctx.now + tolerance) return 1;
  if (at < ctx.now - tolerance) return -1;
  return 0;
}

function isContext(v: unknown): v is FormContext {
  return typeof v === 'object' && v !== null && typeof (v as FormContext).now === 'number';
}

/** ajv keyword definitions; without a context (no `now`) the keywords pass rather than guess. */
export const dateBoundKeywords: FuncKeywordDefinition[] = [
  {
    keyword: 'x-notFuture',
    type: 'string',
    schemaType: ['boolean', 'string'],
    errors: true,
    validate: function notFuture(this: unknown, setting: BoundSetting, data: string): boolean {
      if (setting === false || !isContext(this)) return true;
      return compareWithNow(data, this, toleranceOf(setting)) !== 1;
    },
  },
  {
    keyword: 'x-notPast',
    type: 'string',
    schemaType: ['boolean', 'string'],
    errors: true,
    validate: function notPast(this: unknown, setting: BoundSetting, data: string): boolean {
      if (setting === false || !isContext(this)) return true;
      return compareWithNow(data, this, toleranceOf(setting)) !== -1;
    },
  },
];
