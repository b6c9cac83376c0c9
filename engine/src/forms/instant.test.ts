import { describe, it, expect } from 'vitest';
import { daysFromCivil, durationMs, localDayOf, parseDateTime, parseLocalDate } from './instant.ts';

describe('instant arithmetic', () => {
  it('agrees with Date.UTC for civil dates', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2025, 3, 4], [1949, 12, 31], [2100, 3, 1]] as const) {
      expect(daysFromCivil(y, m, d) * 86_400_000).toBe(Date.UTC(y, m - 1, d));
    }
  });

  it('parses date-times with and without a zone (no zone means +08:00)', () => {
    const at = Date.UTC(2025, 2, 4, 1, 12, 7);
    expect(parseDateTime('2025-03-04T09:12:07+08:00', 480)).toBe(at);
    expect(parseDateTime('2025-03-04T01:12:07Z', 480)).toBe(at);
    expect(parseDateTime('2025-03-04T09:12:07', 480)).toBe(at);
    expect(parseDateTime('2025-03-04T09:12:07.500+08:00', 480)).toBe(at + 500);
    expect(parseDateTime('2025-02-30T09:12:07+08:00', 480)).toBeUndefined();
    expect(parseDateTime('2025-03-04T24:00:00+08:00', 480)).toBeUndefined();
  });

  it('rejects impossible dates and finds the local day across midnight', () => {
    expect(parseLocalDate('2025-04-31')).toBeUndefined();
    // 2025-03-03T16:30Z is already 4 March in China.
    expect(localDayOf(Date.UTC(2025, 2, 3, 16, 30), 480)).toBe(parseLocalDate('2025-03-04'));
  });

  it('reads small durations', () => {
    expect(durationMs('PT5M')).toBe(300_000);
    expect(durationMs('P1DT2H')).toBe(93_600_000);
    expect(durationMs('P1M')).toBeUndefined();
  });
});
