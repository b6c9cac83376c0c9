/** Bounds that keep every loop finite on absurd input (a typo such as P99999D). */

/** Longest duration accepted, in days of clock time (about ten years). */
export const MAX_DURATION_DAYS = 3660;

/** Longest span `elapsed` will measure, in calendar days (about a century). */
export const MAX_SPAN_DAYS = 36_600;

/** Consecutive non-working days after which the data is taken to be wrong. */
export const MAX_IDLE_DAYS = 366;

/** Earliest and latest instants accepted: 0001-01-01 and 10000-01-01 UTC (exclusive). */
export const MIN_INSTANT = -62_135_596_800_000;
export const MAX_INSTANT = 253_402_300_800_000;
