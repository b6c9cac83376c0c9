import { cstParts, parseIso } from '../expr/index.ts';

/** Locales notification texts are written in. */
export type Locale = 'zh-CN' | 'en';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats an instant in UTC+8: `2026年3月4日 09:12` (zh-CN) or `2026-03-04 09:12` (en).
 * Accepts epoch milliseconds or an ISO string (zone-less strings are UTC+8 local time);
 * a date-only string prints the date only. Anything else prints ''.
 */
export function formatDate(value: unknown, locale: Locale): string {
  let ms: number | null = null;
  let dateOnly = false;
  if (typeof value === 'number' && Number.isFinite(value)) ms = value;
  else if (typeof value === 'string') {
    const p = parseIso(value.trim());
    if (p) [ms, dateOnly] = [p.epochMs, p.dateOnly];
  }
  if (ms === null) return '';
  const t = cstParts(ms);
  const date = locale === 'en' ? `${t.year}-${pad(t.month)}-${pad(t.day)}` : `${t.year}年${t.month}月${t.day}日`;
  return dateOnly ? date : `${date} ${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * Formats a duration in milliseconds, truncated to minutes: `1天2小时30分` / `1d 2h 30m`;
 * zero-valued units are left out (`2小时`, `0分`). Non-numbers print ''.
 */
export function formatDuration(value: unknown, locale: Locale): string {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(ms)) return '';
  const total = Math.floor(Math.abs(ms) / 60_000);
  const units: Array<[number, string, string]> = [
    [Math.floor(total / 1440), '天', 'd'],
    [Math.floor((total % 1440) / 60), '小时', 'h'],
    [total % 60, '分', 'm'],
  ];
  const shown = units.filter(([n]) => n > 0);
  const parts = (shown.length > 0 ? shown : [[0, '分', 'm'] as [number, string, string]]).map(([n, zh, en]) => `${n}${locale === 'en' ? en : zh}`);
  const sign = ms < 0 && total > 0 ? '-' : '';
  return sign + parts.join(locale === 'en' ? ' ' : '');
}
