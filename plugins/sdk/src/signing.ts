/**
 * HMAC signing for outbound calls and signature checks with replay protection for inbound
 * callbacks (carriers' receipts, webhooks): `t=<epoch s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as
 * Stripe-style webhooks do. A callback is accepted once: within the tolerance window, and never
 * with a signature already seen (kept in the plugin's store for that window).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PluginClock, PluginStore } from './context.ts';

/** The signature header value for a body at a time. */
export function signBody(secret: string, body: string | Buffer, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Why a signed request was refused. */
export type SignatureProblem = 'signature.missing' | 'signature.malformed' | 'signature.mismatch' | 'signature.expired' | 'signature.replayed';

/** Checks a signature header; a valid one is remembered so a replay is refused. */
export async function verifySigned(opts: { secret: string; header: string | undefined; body: Buffer; clock: PluginClock; store: PluginStore; toleranceMs?: number }): Promise<{ ok: true } | { ok: false; problem: SignatureProblem }> {
  if (!opts.header) return { ok: false, problem: 'signature.missing' };
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(opts.header.trim());
  if (!m) return { ok: false, problem: 'signature.malformed' };
  const t = Number(m[1]) * 1000;
  const expected = createHmac('sha256', opts.secret).update(`${m[1]}.`).update(opts.body).digest();
  if (!timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'))) return { ok: false, problem: 'signature.mismatch' };
  const tolerance = opts.toleranceMs ?? 5 * 60_000;
  const now = opts.clock.now();
  if (Math.abs(now - t) > tolerance) return { ok: false, problem: 'signature.expired' };
  const key = `replay:${m[2]!.slice(0, 48)}`;
  if (await opts.store.get(key)) return { ok: false, problem: 'signature.replayed' };
  await opts.store.put(key, { at: now });
  return { ok: true };
}

/** Forgets remembered signatures older than the tolerance window (call now and then). */
export async function pruneReplays(store: PluginStore, clock: PluginClock, toleranceMs = 5 * 60_000): Promise<number> {
  let n = 0;
  for (const { key, value } of await store.list<{ at: number }>('replay:', 10_000)) {
    if (clock.now() - value.at > 2 * toleranceMs) { await store.delete(key); n++; }
  }
  return n;
}
