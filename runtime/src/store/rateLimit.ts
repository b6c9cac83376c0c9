/** Fixed-window rate limits counted in the store, so every server of a cluster shares them. */
import type { Knex } from 'knex';

/** Counts a hit for `key` in the current window; true when the hit is within `max`. */
export async function hitRateLimit(knex: Knex, key: string, windowMs: number, max: number, now = Date.now()): Promise<boolean> {
  const windowStart = now - (now % windowMs);
  await knex('rate_limits').insert({ key, window_start: windowStart, count: 1 })
    .onConflict(['key', 'window_start']).merge({ count: knex.raw('?? + 1', ['rate_limits.count']) });
  const row = (await knex('rate_limits').where({ key, window_start: windowStart }).first('count')) as { count: number };
  return row.count <= max;
}

/** Rate limits as a service (routers count hits through this, never through the store directly). */
export function createRateLimits(knex: Knex) {
  return { hit: (key: string, windowMs: number, max: number) => hitRateLimit(knex, key, windowMs, max) };
}

/** The rate-limit service type. */
export type RateLimits = ReturnType<typeof createRateLimits>;
