/**
 * OIDC sign-in for counties with an identity provider (issue 9.2), with `openid-client`: the
 * authorization-code flow with PKCE. The subject the provider vouches for is mapped to a user
 * through `identity_links (provider, subject)`; authorization stays on that user's role
 * assignments. A disabled user, an unlinked subject, a bad state or a failed exchange all end at
 * the login page with a coded error, never in a session.
 *
 * Between the redirect and the callback, the state, PKCE verifier and return path travel in a short-
 * lived cookie signed with the token secret (HttpOnly, SameSite=Lax), so any runtime of a
 * deployment can finish a flow another one started.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { NotAuthenticatedError } from '../../errors/DomainError.ts';
import type { KnexIdentityStore, UserRecord } from '../KnexIdentityStore.ts';
import type { TokenService } from '../tokens.ts';

/** The provider settings (config `oidc`). */
export interface OidcSettings { issuer: string; clientId: string; clientSecret: string; redirectUri: string; provider: string }

/** The name of the flow cookie. */
export const flowCookie = 'tb_oidc';
const FLOW_MS = 10 * 60_000;

interface Flow { state: string; verifier: string; next: string; exp: number }

function sign(secret: Buffer, flow: Flow): string {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function verify(secret: Buffer, value: string | undefined, now: number): Flow | undefined {
  const [body, mac] = (value ?? '').split('.');
  if (!body || !mac) return undefined;
  // the MAC is compared as the text it was sent as: decoding first would also accept another spelling of
  // the same bytes (a base64url string's last character carries unused bits), so a changed cookie could pass
  const want = Buffer.from(createHmac('sha256', secret).update(body).digest('base64url'));
  const got = Buffer.from(mac);
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flow;
  return flow.exp > now ? flow : undefined;
}

/** Only same-site paths are followed after sign-in. */
export const safeNext = (next: string | undefined) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

/** Creates the OIDC login; the provider's discovery document is fetched once, on first use. */
export function createOidcLogin(settings: OidcSettings, deps: { identity: KnexIdentityStore; tokens: TokenService; secret: Buffer }) {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    // a provider on plain http is accepted only on loopback (tests, a county's local proxy)
    const insecure = settings.issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : undefined;
    discovered ??= client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, insecure);
    discovered.catch(() => { discovered = undefined; });
    return discovered;
  };
  return {
    provider: settings.provider,
    /** Where to send the browser, and the flow cookie to set. */
    async start(next: string | undefined, now = Date.now()): Promise<{ url: string; cookie: string }> {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, { redirect_uri: settings.redirectUri, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
      return { url: url.href, cookie: sign(deps.secret, { state, verifier, next: safeNext(next), exp: now + FLOW_MS }) };
    },
    /** Finishes the flow at the callback URL: our session token for the linked user, and where to go. */
    async finish(callbackUrl: URL, cookie: string | undefined, now = Date.now()): Promise<{ token: string; expiresAt: number; next: string; user: UserRecord }> {
      const flow = verify(deps.secret, cookie, now);
      if (!flow) throw new NotAuthenticatedError('auth.oidc-failed', { reason: 'flow' });
      let subject: string;
      try {
        const tokens = await client.authorizationCodeGrant(await configuration(), callbackUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
        subject = String(tokens.claims()?.sub ?? '');
      } catch {
        throw new NotAuthenticatedError('auth.oidc-failed', { reason: 'exchange' });
      }
      const userId = await deps.identity.linkedUser(settings.provider, subject);
      const user = userId ? await deps.identity.getUser(userId) : undefined;
      if (!user || user.disabled) throw new NotAuthenticatedError('auth.oidc-unlinked');
      return { ...deps.tokens.issue(user.id, now, user.tokenEpoch ?? 0), next: flow.next, user };
    },
  };
}

/** The OIDC login type. */
export type OidcLogin = ReturnType<typeof createOidcLogin>;
