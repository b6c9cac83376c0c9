/**
 * `{{mask value "kind"}}` in notification texts: the same masking as API responses
 * (pii/maskValue.ts, one rule in one place); a kind that is hidden prints `****`, a missing value ''.
 */
import { maskValue } from '../pii/maskValue.ts';

/** The masked text of a value for a template. */
export function mask(value: unknown, kind: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const m = maskValue(String(kind), value);
  return typeof m === 'string' ? m : '****';
}
