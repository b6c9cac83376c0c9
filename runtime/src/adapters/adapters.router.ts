/**
 * Adapters for admins: manifests with health and last error, settings per deployment (secrets
 * write-only), and the dead letters — calls that failed for good — listed and retried.
 */
import { ForbiddenError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation } from '../http/operation.ts';
import { effectSchemas } from '../effects/effectSchemas.ts';
import type { Services } from '../services.ts';
import { adminRoles } from '../authz/defineAbilities.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';

async function audit(s: Services, user: UserRecord, action: string, detail: Record<string, unknown>): Promise<void> {
  await s.audit.append({ at: Date.now(), actorId: user.id, actorRoles: user.roles.map((r) => r.role), orgPath: user.orgPath, action, detail });
}

function requireAdmin(user: UserRecord): void {
  if (!user.roles.some((r) => adminRoles.includes(r.role))) throw new ForbiddenError('authz.forbidden', { needs: adminRoles });
}

/** Non-secret settings only: a secret is reported as set or not, never shown. */
function settingsView(stored: { config: Record<string, unknown>; secrets: Record<string, unknown> } | undefined, secretsSchema: Record<string, unknown>) {
  const names = Object.keys((secretsSchema.properties ?? {}) as object);
  return { config: stored?.config ?? {}, secretsSet: Object.fromEntries(names.map((n) => [n, stored?.secrets[n] !== undefined && stored.secrets[n] !== ''])) };
}

/** The adapter operations. */
export function adapterOperations(s: Services): Operation[] {
  return [
    defineOperation({
      method: 'get', path: '/api/adapters', operationId: 'listAdapters', tag: 'adapters', responses: ok('AdapterList'), schemas: effectSchemas, summary: '适配器：清单、健康状况、配置 Adapters: manifests, health, settings',
      async handler({ user }) {
        const admin = user.roles.some((r) => adminRoles.includes(r.role));
        const stored = admin ? await s.adapters.configs.all() : new Map();
        const dead = await s.adapters.deadLetters.countsByOperation();
        const items = s.adapters.host.manifests().map((m) => ({
          ...m, health: s.adapters.host.health(m.id), configured: s.adapters.host.isConfigured(m.id),
          deadLetters: dead.filter((d) => d.operation?.startsWith(m.id + '.')).reduce((a, d) => a + Number(d.n), 0),
          // the palette (schemas, labels) is for every designer; settings are for admins only
          ...(admin ? { settings: settingsView(stored.get(m.id), m.config.secrets) } : {}),
        }));
        return { body: { items } };
      },
    }),
    defineOperation({
      method: 'put', path: '/api/adapters/{id}/config', operationId: 'putAdapterConfig', tag: 'adapters', responses: ok('AdapterConfigured'), summary: '保存适配器配置（密钥只写） Save adapter settings (secrets write-only)',
      params: { id: S.id },
      body: S.object({ config: S.anyObject, secrets: S.anyObject }, ['config']),
      async handler({ user, params, body }) {
        requireAdmin(user);
        if (!s.adapters.host.ids().includes(params.id)) throw new NotFoundError('adapter.not-found', { id: params.id });
        const res = await s.adapters.configure(params.id, body, user.id);
        if (!res.ok) throw new RefusedError('adapter.config-invalid', { problems: res.problems });
        await audit(s, user, 'adapter.configured', { adapter: params.id, config: Object.keys(body.config).sort(), secrets: Object.keys(body.secrets ?? {}).sort() });
        return { body: { id: params.id, configured: true, health: s.adapters.host.health(params.id) } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/adapters/dead-letters', operationId: 'listDeadLetters', tag: 'adapters', responses: ok('DeadLetterPage'), summary: '失败调用（死信） Dead letters: calls that failed for good',
      query: { adapter: S.id, cursor: { type: 'string', pattern: '^[0-9]{1,15}$' }, limit: S.limit },
      async handler({ user, query }) {
        requireAdmin(user);
        const rows = await s.adapters.deadLetters.page({ adapter: query.adapter === undefined ? undefined : String(query.adapter), cursor: query.cursor ? Number(query.cursor) : undefined, limit: (query.limit ?? 50) + 1 });
        const more = rows.length > (query.limit ?? 50);
        const items = rows.slice(0, query.limit ?? 50);
        return { body: { items, nextCursor: more ? String(items.at(-1)!.id) : null } };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/adapters/dead-letters/{id}/retry', operationId: 'retryDeadLetter', tag: 'adapters', responses: { '202': { description: '已排队重试 Queued for retry', schema: { $ref: '#/components/schemas/DeadLetterRetried' } } }, summary: '重试失败调用 Retry a dead letter',
      params: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
      async handler({ user, params }) {
        requireAdmin(user);
        if (!(await s.adapters.deadLetters.retry(Number(params.id), Date.now()))) throw new NotFoundError('adapter.dead-letter-not-found', { id: params.id });
        await audit(s, user, 'adapter.dead-letter-retried', { outbox: Number(params.id) });
        s.effects.wake();
        return { status: 202, body: { id: Number(params.id), status: 'pending' } };
      },
    }),
  ];
}
