import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './cutoff.ts';

describe('retentionCutoff', () => {
  const now = Date.UTC(2026, 10, 30, 12, 0, 0);
  it('goes back by calendar years, months, weeks, days and time', () => {
    expect(retentionCutoff('P3Y', now)).toBe(Date.UTC(2023, 10, 30, 12, 0, 0));
    expect(retentionCutoff('P6M', now)).toBe(Date.UTC(2026, 4, 30, 12, 0, 0));
    expect(retentionCutoff('P1Y2M1W3DT4H5M6S', now)).toBe(Date.UTC(2025, 8, 20, 7, 54, 54));
    expect(retentionCutoff('PT0S', now)).toBe(now);
  });
  it('refuses what is not an ISO 8601 duration', () => {
    for (const bad of ['P', 'PT', '3Y', 'P3', 'P-1Y', 'P1YT', '']) expect(retentionCutoff(bad, now)).toBeUndefined();
  });
});
