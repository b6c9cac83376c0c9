import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../forms/instant.ts';
import { parseLocalDateTime } from './localDateTime.ts';

describe('parseLocalDateTime (the calendar reads date-times as forms do)', () => {
  it('reads a value without an offset in the county zone, and honours Z and explicit offsets', () => {
    expect(parseLocalDateTime('2026-10-01T08:00', 480)).toBe(Date.parse('2026-10-01T08:00+08:00'));
    expect(parseLocalDateTime('2026-10-01 23:30:15', 360)).toBe(Date.parse('2026-10-01T23:30:15+06:00'));
    expect(parseLocalDateTime('2026-10-01T08:00Z', 480)).toBe(Date.parse('2026-10-01T08:00Z'));
    expect(parseLocalDateTime('2026-10-01T08:00-05:30', 480)).toBe(Date.parse('2026-10-01T08:00-05:30'));
    expect(parseLocalDateTime('2026-02-30T08:00', 480)).toBeUndefined();
    expect(parseLocalDateTime('2026-10-01T24:00', 480)).toBeUndefined();
    expect(parseLocalDateTime('next monday', 480)).toBeUndefined();
  });

  it('agrees with the forms parser on any input', () => {
    const dt = fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }),
      fc.constantFrom('', 'Z', '+08:00', '-03:30', '+06:00'), fc.integer({ min: -720, max: 840 }))
      .map(([y, mo, d, h, mi, z, off]) => [`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}${z}`, off] as const);
    fc.assert(fc.property(fc.oneof(dt, fc.tuple(fc.string(), fc.integer({ min: -720, max: 840 }))), ([value, off]) => {
      expect(parseLocalDateTime(value, off)).toBe(parseDateTime(value, off));
    }), { numRuns: 2000 });
  });
});
