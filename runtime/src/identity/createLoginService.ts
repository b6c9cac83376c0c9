/**
 * Password login. Every attempt costs one scrypt (unknown users are checked against a dummy hash),
 * an unknown user, a disabled one and a wrong password get the same answer, and repeated failures
 * slow down the address they come from (loginThrottle.ts) instead of locking the account.
 */
import { ForbiddenError, NotAuthenticatedError, RateLimitedError } from '../errors/DomainError.ts';
import { publicUser, type KnexIdentityStore, type PublicUser } from './KnexIdentityStore.ts';
import type { LoginThrottle } from './loginThrottle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

/** Login outcome: a token plus the user. */
export interface LoginResult { token: string; expiresAt: number; user: PublicUser }

/** Creates the login service. */
export function createLoginService(store: KnexIdentityStore, tokens: TokenService, throttle: LoginThrottle) {
  return {
    async login(username: string, password: string, ip: string, now = Date.now()): Promise<LoginResult> {
      const wait = await throttle.waitMs(ip, username, now);
      if (wait > 0) throw new RateLimitedError('auth.rate-limited', { retryAfterSeconds: Math.ceil(wait / 1000) });
      const rec = await store.getLogin(username);
      const good = await verifyPassword(password, rec?.passwordHash);
      if (!rec || rec.disabled || !good) {
        await throttle.fail(ip, username, now);
        throw new NotAuthenticatedError('auth.bad-credentials');
      }
      await throttle.succeed(ip, username);
      const { passwordHash: _h, ...user } = rec;
      const issued = tokens.issue(rec.id, now, rec.tokenEpoch ?? 0);
      // An admin set this password: the token is good for POST /api/me/password (and me, logout) only.
      if (rec.mustChangePassword) throw new ForbiddenError('auth.password-change-required', { token: issued.token, expiresAt: issued.expiresAt });
      return { ...issued, user: publicUser(user) };
    },

    /** Changes the user's own password after checking the current one; every session (this one too) ends. */
    async changePassword(userId: string, current: string, next: string, ip: string): Promise<void> {
      const user = await store.getUser(userId);
      const rec = user ? await store.getLogin(user.username) : undefined;
      if (!rec || !(await verifyPassword(current, rec.passwordHash))) {
        await throttle.fail(ip, user?.username ?? userId);
        throw new NotAuthenticatedError('auth.bad-credentials');
      }
      await store.setPasswordHash(userId, await hashPassword(next));
    },
  };
}
