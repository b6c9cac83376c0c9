/**
 * OIDC sign-in endpoints (public): `GET /api/auth/oidc/start` answers the provider's URL and sets
 * the flow cookie; the provider sends the browser back to the workbench's `/login/oidc`, which posts
 * the callback's query to `POST /api/auth/oidc/callback` and gets a session as a password login
 * would. Without `TONGBAN_OIDC_ISSUER` both answer 422 `auth.oidc-not-configured`.
 */
import { RefusedError } from '../../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation } from '../../http/operation.ts';
import type { Services } from '../../services.ts';
import { publicUser } from '../KnexIdentityStore.ts';
import { flowCookie, type OidcLogin } from './createOidcLogin.ts';

const schemas = {
  OidcStart: { type: 'object', additionalProperties: false, required: ['url'], properties: { url: { type: 'string' } } },
  OidcLoginResult: { type: 'object', additionalProperties: false, required: ['token', 'expiresAt', 'user', 'next'],
    properties: { token: { type: 'string' }, expiresAt: { type: 'integer' }, user: { $ref: '#/components/schemas/User' }, next: { type: 'string' } } },
};

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The OIDC operations (`oidc` undefined: not configured). */
export function oidcOperations(s: Services, oidc: OidcLogin | undefined): Operation[] {
  const need = () => { if (!oidc) throw new RefusedError('auth.oidc-not-configured'); return oidc; };
  const secure = s.config.oidc?.redirectUri.startsWith('https://') ? '; Secure' : '';
  return [
    defineOperation({ method: 'get', path: '/api/auth/oidc/start', operationId: 'oidcStart', responses: ok('OidcStart'), tag: 'auth', auth: false, schemas,
      summary: '统一身份认证登录：跳转地址 OIDC sign-in: where to send the browser', query: { next: S.text(500) },
      async handler({ res, query }) {
        const { url, cookie } = await need().start(query.next);
        res.setHeader('Set-Cookie', `${flowCookie}=${cookie}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600${secure}`);
        return { body: { url } };
      } }),
    defineOperation({ method: 'post', path: '/api/auth/oidc/callback', operationId: 'oidcCallback', responses: ok('OidcLoginResult'), tag: 'auth', auth: false,
      summary: '统一身份认证登录：完成 OIDC sign-in: finish with the provider’s answer', body: S.object({ search: { type: 'string', maxLength: 4000, pattern: '^\\?' } }, ['search']),
      async handler({ req, res, body }) {
        const login = need();
        res.setHeader('Set-Cookie', `${flowCookie}=; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0${secure}`);
        const out = await login.finish(new URL(s.config.oidc!.redirectUri + body.search), cookieOf(req.headers.cookie, flowCookie));
        return { body: { token: out.token, expiresAt: out.expiresAt, next: out.next, user: publicUser(out.user) } };
      } }),
  ];
}
