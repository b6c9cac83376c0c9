/**
 * Password login with lockout: after `maxFailures` wrong passwords in a row the account is locked
 * for `lockMs`. The same answer is given for an unknown user and a wrong password.
 */
import { LockedError, NotAuthenticatedError } from '../errors/DomainError.ts';
import type { KnexIdentityStore, UserRecord } from './KnexIdentityStore.ts';
import { verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

/** Login outcome: a token plus the user. */
export interface LoginResult { token: string; expiresAt: number; user: UserRecord }

/** Creates the login service. */
export function createLoginService(store: KnexIdentityStore, tokens: TokenService, opts = { maxFailures: 5, lockMs: 15 * 60_000 }) {
  return {
    async login(username: string, password: string, now = Date.now()): Promise<LoginResult> {
      const rec = await store.getLogin(username);
      if (!rec || rec.disabled) {
        await verifyPassword(password, null); // same work as a real check, so timing does not reveal users
        throw new NotAuthenticatedError('auth.bad-credentials');
      }
      if (rec.lockedUntil && rec.lockedUntil > now) throw new LockedError('auth.locked', { retryAfterSeconds: Math.ceil((rec.lockedUntil - now) / 1000) });
      if (!(await verifyPassword(password, rec.passwordHash))) {
        const locked = await store.recordFailure(rec.id, now, opts.maxFailures, opts.lockMs);
        throw locked ? new LockedError('auth.locked', { retryAfterSeconds: opts.lockMs / 1000 }) : new NotAuthenticatedError('auth.bad-credentials');
      }
      if (rec.failedLogins || rec.lockedUntil) await store.resetFailures(rec.id);
      const { passwordHash: _h, failedLogins: _f, lockedUntil: _l, ...user } = rec;
      return { ...tokens.issue(rec.id, now), user };
    },
  };
}
