import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration } from './index.ts';

describe('formatDate (UTC+8, pure arithmetic)', () => {
  it.each([
    ['2026-03-04T01:12:00Z', '2026年3月4日 09:12', '2026-03-04 09:12'],
    ['2026-03-04T09:12', '2026年3月4日 09:12', '2026-03-04 09:12'],
    ['2026-03-04T09:12:59.999+08:00', '2026年3月4日 09:12', '2026-03-04 09:12'],
    ['2026-12-31T16:00:00Z', '2027年1月1日 00:00', '2027-01-01 00:00'],
    ['2024-02-29T15:59:00Z', '2024年2月29日 23:59', '2024-02-29 23:59'],
    ['2026-03-04', '2026年3月4日', '2026-03-04'],
    [Date.UTC(2026, 2, 4, 1, 12), '2026年3月4日 09:12', '2026-03-04 09:12'],
    [0, '1970年1月1日 08:00', '1970-01-01 08:00'],
  ])('%j', (input, zh, en) => {
    expect(formatDate(input, 'zh-CN')).toBe(zh);
    expect(formatDate(input, 'en')).toBe(en);
  });

  it.each([[null], [undefined], ['not a date'], ['2026-02-30'], [Number.NaN], [{}], [true]])('%j → empty', (bad) => {
    expect(formatDate(bad, 'zh-CN')).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [9_000_000, '2小时30分', '2h 30m'],
    [7_200_000, '2小时', '2h'],
    [60_000, '1分', '1m'],
    [59_999, '0分', '0m'],
    [0, '0分', '0m'],
    [93_780_000, '1天2小时3分', '1d 2h 3m'],
    [3 * 86_400_000, '3天', '3d'],
    [-5_400_000, '-1小时30分', '-1h 30m'],
    ['1800000', '30分', '30m'],
  ])('%j ms', (ms, zh, en) => {
    expect(formatDuration(ms, 'zh-CN')).toBe(zh);
    expect(formatDuration(ms, 'en')).toBe(en);
  });

  it.each([[null], ['abc'], [''], [Number.POSITIVE_INFINITY], [[]]])('%j → empty', (bad) => {
    expect(formatDuration(bad, 'en')).toBe('');
  });
});
