/** Pause intervals (挂账 and other clock stops): clipped to a span and merged so none is subtracted twice. */
import { fail, isInstant } from './guards.ts';
import type { Interval } from './types.ts';

/** Clips pauses to [from, to), sorts and merges them into disjoint intervals; rejects malformed ones. */
export function normalizePauses(pauses: readonly Interval[], from: number, to: number): Interval[] {
  const clipped: Interval[] = [];
  pauses.forEach((p, index) => {
    if (!isInstant(p?.from) || !isInstant(p.to) || p.to < p.from) fail('calendar.bad-interval', { index }, `/pauses/${index}`);
    const a = Math.max(p.from, from);
    const b = Math.min(p.to, to);
    if (b > a) clipped.push({ from: a, to: b });
  });
  clipped.sort((x, y) => x.from - y.from);
  const merged: Interval[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}
