/**
 * Login back-off instead of a hard lock (issue 7.4). Failures are counted per source address and
 * per (address, username) pair; past a free allowance each further failure doubles the wait, up to
 * a cap. An outsider can slow down only the guesses made from their own address — never lock a
 * real user out from another — and the key is the username as typed, so an unknown account and a
 * real one answer alike. Counted in the store, so every server of a deployment shares them.
 */
import type { Knex } from 'knex';

/** Allowance and cap of one kind of key. */
interface Rule { free: number; capMs: number }

const rules = { ip: { free: 30, capMs: 15 * 60_000 }, pair: { free: 5, capMs: 15 * 60_000 } } satisfies Record<string, Rule>;

/** Failures older than this are forgotten (a key not failing for a day starts fresh). */
const FORGET_MS = 24 * 3600_000;

/** The wait after `failures` failures under a rule, in ms (0 within the allowance). */
export function backoffMs(rule: Rule, failures: number): number {
  const over = failures - rule.free;
  return over <= 0 ? 0 : Math.min(rule.capMs, 1000 * 2 ** Math.min(over - 1, 30));
}

const keysOf = (ip: string, username: string) => ({ ip: `ip:${ip}`, pair: `pair:${ip}|${username.trim().toLowerCase()}`.slice(0, 191) });

/** The login throttle over the `login_throttle` table. */
export function createLoginThrottle(knex: Knex) {
  return {
    /** ms to wait before another attempt from `ip` for `username` (0 = go ahead). */
    async waitMs(ip: string, username: string, now = Date.now()): Promise<number> {
      const k = keysOf(ip, username);
      const rows = (await knex('login_throttle').whereIn('key', [k.ip, k.pair]).select('blocked_until')) as Array<{ blocked_until: number | string }>;
      return Math.max(0, ...rows.map((r) => Number(r.blocked_until) - now));
    },
    /** Counts a failure on both keys and sets their next allowed time. */
    async fail(ip: string, username: string, now = Date.now()): Promise<void> {
      const k = keysOf(ip, username);
      for (const [kind, key] of [['ip', k.ip], ['pair', k.pair]] as const) {
        const row = (await knex('login_throttle').where({ key }).first('failures', 'updated_at')) as { failures: number; updated_at: number | string } | undefined;
        const failures = row && now - Number(row.updated_at) < FORGET_MS ? Number(row.failures) + 1 : 1;
        const values = { failures, blocked_until: now + backoffMs(rules[kind], failures), updated_at: now };
        await knex('login_throttle').insert({ key, ...values }).onConflict('key').merge(values);
      }
    },
    /** A good password from this address: the pair starts fresh (the address keeps its count). */
    async succeed(ip: string, username: string): Promise<void> {
      await knex('login_throttle').where({ key: keysOf(ip, username).pair }).delete();
    },
  };
}

/** The login throttle type. */
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
