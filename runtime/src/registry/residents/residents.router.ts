/**
 * 居民档案: list and search (name, or phone / ID number through the keyed hash), read (masked),
 * create and edit (county admins, in their scope, `expectedVersion`), reveal with a purpose (audited),
 * retire (moved away, deceased: out of lists and device bindings, kept in history, audited).
 */
import { ForbiddenError, RefusedError } from '../../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation } from '../../http/operation.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Services } from '../../services.ts';
import { mayAny, mayAt } from '../registryScope.ts';
import { residentCategoryIds } from '../registryKinds.ts';
import { checkResident, normalizeResident, type ResidentInput } from './residentRecord.ts';
import { mayRevealResidentField, residentView } from './residentView.ts';
import { residentComponents, residentCreateBody, residentRetireBody, residentRevealBody, residentUpdateBody } from './residentSchemas.ts';
import { valuesAt } from '../../pii/dataPaths.ts';
import type { UserRecord } from '../../identity/KnexIdentityStore.ts';

const rolesOf = (u: UserRecord) => u.roles.map((r) => r.role);
const actorOf = (u: UserRecord) => ({ id: u.id, roles: rolesOf(u) });

/** Operations of the resident registry. */
export function residentOperations(s: Services): Operation[] {
  const store = s.registry.residents;
  const schemas = residentComponents;

  /** Normalizes and checks an input; a bad one is refused with every field problem. */
  async function checked(body: Record<string, unknown>): Promise<ResidentInput> {
    const { expectedVersion: _v, ...fields } = body;
    const input = normalizeResident(fields as unknown as ResidentInput);
    const known = await s.registry.orgPaths();
    const problems = checkResident(input, (p) => known.has(p));
    if (problems.some((p) => p.severity === 'error')) throw new RefusedError('resident.invalid', { problems });
    return input;
  }

  return [
    defineOperation({ method: 'get', path: '/api/residents', operationId: 'listResidents', tag: 'registry', schemas, responses: ok('ResidentPage'), summary: '居民档案列表（辖区内，可按姓名、手机号、身份证号查找） Residents in scope',
      query: { q: { type: 'string', maxLength: 50 }, phone: { type: 'string', maxLength: 20 }, idNumber: { type: 'string', maxLength: 30 }, orgPath: S.orgPath,
        category: { type: 'string', enum: residentCategoryIds }, householdId: { type: 'string', maxLength: 64 }, limit: S.limit, cursor: S.cursor,
        status: { type: 'string', enum: ['active', 'retired', 'all'], default: 'active', description: '在册（默认）、已注销或全部 Registered (default), retired or all' } },
      async handler({ user, ability, query }) {
        if (!mayAny(ability, 'read', 'Resident')) throw new ForbiddenError('authz.forbidden');
        // a filter on a special identity tells who is in that group: only roles that may see it
        if (query.category && !mayRevealResidentField('categories', rolesOf(user))) throw new ForbiddenError('pii.reveal-denied', { field: 'categories' });
        const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
        const page = await store.list(ability, { ...query, limit: Number(query.limit ?? 50), after });
        // a lookup by phone or ID number is a search for a person: audited (which fields, never the values)
        if (query.phone || query.idNumber) await s.registry.auditLookup(actorOf(user), user.orgPath, { by: [query.phone && 'phone', query.idNumber && 'idNumber'].filter(Boolean), found: page.items.length });
        return { body: { items: page.items.map((r) => residentView(r, rolesOf(user))), nextCursor: page.next ? encodeCursor(page.next) : undefined } };
      } }),
    defineOperation({ method: 'get', path: '/api/residents/{id}', operationId: 'getResident', tag: 'registry', schemas, responses: ok('Resident'), summary: '居民档案（脱敏） A resident (masked)',
      params: { id: S.id },
      async handler({ user, ability, params }) {
        if (!mayAny(ability, 'read', 'Resident')) throw new ForbiddenError('authz.forbidden');
        return { body: residentView(await store.get(ability, params.id), rolesOf(user)) };
      } }),
    defineOperation({ method: 'post', path: '/api/residents', operationId: 'createResident', tag: 'registry', schemas, responses: created('Resident'), summary: '登记居民 Register a resident',
      body: residentCreateBody,
      async handler({ user, ability, body }) {
        if (!mayAny(ability, 'manage', 'Resident')) throw new ForbiddenError('authz.forbidden');
        const input = await checked(body);
        if (!mayAt(ability, 'manage', 'Resident', input.orgPath)) throw new ForbiddenError('org.out-of-scope', { orgPath: input.orgPath });
        const r = await store.create(input, actorOf(user));
        await s.registry.changed();
        return { status: 201, body: residentView(r, rolesOf(user)) };
      } }),
    defineOperation({ method: 'put', path: '/api/residents/{id}', operationId: 'updateResident', tag: 'registry', schemas, responses: ok('Resident'), summary: '修改居民档案（expectedVersion） Edit a resident',
      params: { id: S.id }, body: residentUpdateBody,
      async handler({ user, ability, params, body }) {
        if (!mayAny(ability, 'manage', 'Resident')) throw new ForbiddenError('authz.forbidden');
        await store.get(ability, params.id, 'manage'); // out of scope: 404 before the body is judged
        const input = await checked(body);
        if (!mayAt(ability, 'manage', 'Resident', input.orgPath)) throw new ForbiddenError('org.out-of-scope', { orgPath: input.orgPath });
        const r = await store.update(ability, params.id, input, body.expectedVersion, actorOf(user));
        await s.registry.changed();
        return { body: residentView(r, rolesOf(user)) };
      } }),
    defineOperation({ method: 'post', path: '/api/residents/{id}/retire', operationId: 'retireResident', tag: 'registry', schemas, responses: ok('ResidentRetired'),
      summary: '注销居民（迁出或去世；保留历史，解除设备绑定） Retire a resident (moved away or deceased; history kept, devices unbound)',
      params: { id: S.id }, body: residentRetireBody,
      async handler({ user, ability, params, body }) {
        if (!mayAny(ability, 'manage', 'Resident')) throw new ForbiddenError('authz.forbidden');
        const out = await store.retire(ability, params.id, { reason: body.reason, expectedVersion: body.expectedVersion }, actorOf(user));
        await s.registry.changed(); // the device adapters drop the bindings
        return { body: { resident: residentView(out.resident, rolesOf(user)), unboundDevices: out.unboundDevices } };
      } }),
    defineOperation({ method: 'post', path: '/api/residents/{id}/reveal', operationId: 'revealResident', tag: 'registry', schemas, responses: ok('ResidentReveal'), summary: '查看居民个人信息原文（须说明目的，留痕） Reveal a resident’s personal data (audited)',
      params: { id: S.id }, body: residentRevealBody,
      async handler({ user, ability, params, body }) {
        if (!mayAny(ability, 'read', 'Resident')) throw new ForbiddenError('authz.forbidden');
        const r = await store.get(ability, params.id);
        const roles = rolesOf(user);
        for (const f of body.fields as string[]) if (!mayRevealResidentField(f, roles)) throw new ForbiddenError('pii.reveal-denied', { field: f });
        const values: Record<string, unknown> = {};
        for (const f of body.fields as string[]) values[f] = f.includes('[]') ? valuesAt(r, f) : valuesAt(r, f)[0] ?? null;
        await s.registry.auditReveal(actorOf(user), r.orgPath, { residentId: r.id, fields: body.fields, purpose: body.purpose, channel: 'api' });
        return { body: { values } };
      } }),
  ];
}

