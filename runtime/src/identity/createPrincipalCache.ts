/**
 * What a request needs to authorize — the user, their role assignments, their CASL abilities —
 * cached per user for a short time, so a command reads nothing outside its transaction that the
 * process already knows (issue 14.5). Revocation stays prompt: the process that changes a user
 * (roles, disable, logout, password) drops the entry at once through `invalidate`; every other
 * process sees the change when its entry ages out, within `ttlMs` (5 s by default).
 */
import type { Clock } from '../jobs/JobDriver.ts';
import { defineAbilities, type AppAbility } from '../authz/defineAbilities.ts';
import type { KnexIdentityStore, UserRecord } from './KnexIdentityStore.ts';

/** A signed-in user with their abilities. */
export interface Principal { user: UserRecord; ability: AppAbility }

/** The cache. */
export interface PrincipalCache {
  /** the user and abilities, or undefined for an unknown user (not cached) */
  get(userId: string): Promise<Principal | undefined>;
  /** forget one user (after changing them here), or everyone */
  invalidate(userId?: string): void;
}

/** Creates the cache over the identity store. */
export function createPrincipalCache(identity: KnexIdentityStore, opts: { ttlMs?: number; clock?: Clock; maxEntries?: number } = {}): PrincipalCache {
  const ttl = opts.ttlMs ?? 5_000;
  const clock = opts.clock ?? Date.now;
  const max = opts.maxEntries ?? 10_000;
  const entries = new Map<string, { at: number; value: Promise<Principal | undefined> }>();
  return {
    get(userId) {
      const now = clock();
      const hit = entries.get(userId);
      if (hit && now - hit.at < ttl) return hit.value;
      if (entries.size >= max) entries.clear();
      const value = identity.getUser(userId).then((user) => (user ? { user, ability: defineAbilities(user) } : undefined));
      entries.set(userId, { at: now, value });
      // an unknown user or a failed read is not remembered
      value.then((p) => { if (!p) entries.delete(userId); }, () => entries.delete(userId));
      return value;
    },
    invalidate(userId) {
      if (userId === undefined) entries.clear();
      else entries.delete(userId);
    },
  };
}
