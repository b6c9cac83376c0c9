/**
 * Signed, expiring access tokens (HMAC-SHA256 over a small JSON payload). They carry the user id
 * and the user's token epoch: roles are read from role assignments on every request, so revoking a
 * role takes effect at once, and bumping the epoch (logout, disable, password change) ends every
 * session of the user. An SSO login (OIDC) can issue the same token after mapping its subject to a user.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a valid token says. */
export interface TokenClaims { sub: string; iat: number; exp: number; jti: string; /** the user's token epoch when issued */ ep: number }

/** Issues and checks access tokens. */
export interface TokenService {
  issue(userId: string, now?: number, epoch?: number): { token: string; expiresAt: number };
  verify(token: string, now?: number): { ok: true; claims: TokenClaims } | { ok: false; code: 'auth.token-invalid' | 'auth.token-expired' };
}

/** Creates a token service over a secret key and a lifetime in seconds. */
export function createTokenService(secret: Buffer, ttlSeconds: number): TokenService {
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
  return {
    issue(userId, now = Date.now(), epoch = 0) {
      const claims: TokenClaims = { sub: userId, iat: now, exp: now + ttlSeconds * 1000, jti: randomBytes(9).toString('base64url'), ep: epoch };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { token: `tb1.${body}.${sign(body)}`, expiresAt: claims.exp };
    },
    verify(token, now = Date.now()) {
      const parts = token.split('.');
      // exactly three segments: a token with anything appended is not the token that was signed
      if (parts.length !== 3) return { ok: false, code: 'auth.token-invalid' };
      const [prefix, body, mac] = parts;
      if (prefix !== 'tb1' || !body || !mac) return { ok: false, code: 'auth.token-invalid' };
      const good = Buffer.from(sign(body));
      const given = Buffer.from(mac);
      if (good.length !== given.length || !timingSafeEqual(good, given)) return { ok: false, code: 'auth.token-invalid' };
      let claims: TokenClaims;
      try {
        claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      } catch {
        return { ok: false, code: 'auth.token-invalid' };
      }
      if (!claims || typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.ep !== 'number') return { ok: false, code: 'auth.token-invalid' };
      if (claims.exp <= now) return { ok: false, code: 'auth.token-expired' };
      return { ok: true, claims };
    },
  };
}
