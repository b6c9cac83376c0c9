/**
 * The consent registry's API: record a separate consent (单独同意) for a resident of one's scope,
 * list and read them (scoped; by ID number through its keyed hash), withdraw one. Recording and
 * withdrawing are audited; the ID number is never stored or answered in clear.
 */
import { isCnIdNumber, PiiKinds } from '@tongban/engine';
import { ForbiddenError, RefusedError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation, type Schema } from '../http/operation.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { orgLevelsOf } from '../identity/orgPath.ts';
import { consentPurposeIds } from './consentPurposes.ts';
import type { KnexConsentStore } from './KnexConsentStore.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const purpose = { type: 'string', enum: consentPurposeIds };
const consentId = { type: 'string', minLength: 4, maxLength: 40, pattern: '^cs-[0-9a-f-]{36}$' };

const Consent: Schema = {
  type: 'object', additionalProperties: false,
  properties: {
    id: str, subjectName: str, subjectIdNumber: str, orgPath: str, purpose, dataCategories: { type: 'array', items: str }, recipients: { type: 'array', items: str },
    separate: { type: 'boolean' }, guardianName: nullable(str), evidence: str, grantedAt: int, expiresAt: nullable(int), status: { type: 'string', enum: ['active', 'withdrawn'] },
    recordedBy: str, recordedAt: int, withdrawnBy: nullable(str), withdrawnAt: nullable(int), withdrawReason: nullable(str),
  },
  required: ['id', 'subjectName', 'subjectIdNumber', 'orgPath', 'purpose', 'dataCategories', 'recipients', 'separate', 'guardianName', 'evidence', 'grantedAt', 'expiresAt', 'status',
    'recordedBy', 'recordedAt', 'withdrawnBy', 'withdrawnAt', 'withdrawReason'],
};
const schemas: Record<string, Schema> = {
  Consent,
  ConsentPage: { type: 'object', additionalProperties: false, properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Consent' } }, nextCursor: nullable(str) }, required: ['items', 'nextCursor'] },
};

/** May the caller record a consent for a resident of `orgPath` (their consent scope covers it)? */
function canManageAt(ability: AppAbility, orgPath: string): boolean {
  const levels = orgLevelsOf(orgPath);
  const fields: Record<string, string | null> = { orgL1: levels.org_l1, orgL2: levels.org_l2, orgL3: levels.org_l3, orgL4: levels.org_l4 };
  return ability.rulesFor('manage', 'Consent').some((r) => Object.entries(r.conditions ?? {}).every(([k, v]) => fields[k] === v));
}

function mustHandleConsents(ability: AppAbility, action: 'read' | 'manage'): void {
  if (!ability.rulesFor(action, 'Consent').length) throw new ForbiddenError('consent.forbidden');
}

/** Operations of the consent registry. */
export function consentOperations(store: KnexConsentStore, onChange: () => Promise<void> = async () => {}): Operation[] {
  return [
    defineOperation({ method: 'post', path: '/api/consents', operationId: 'recordConsent', schemas, responses: created('Consent'), tag: 'consents', summary: '登记单独同意（留痕） Record a separate consent (audited)',
      body: S.object({
        subjectName: { type: 'string', minLength: 1, maxLength: 30 }, subjectIdNumber: { type: 'string', minLength: 15, maxLength: 18 }, orgPath: S.orgPath, purpose,
        dataCategories: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', enum: [...PiiKinds] } },
        recipients: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } },
        guardianName: { type: 'string', minLength: 1, maxLength: 30 }, evidence: { type: 'string', minLength: 1, maxLength: 200 },
        grantedAt: { type: 'integer', minimum: 0 }, expiresAt: { type: 'integer', minimum: 0 },
      }, ['subjectName', 'subjectIdNumber', 'orgPath', 'purpose', 'dataCategories', 'recipients', 'evidence']),
      async handler({ ability, user, body }) {
        mustHandleConsents(ability, 'manage');
        if (!canManageAt(ability, body.orgPath)) throw new ForbiddenError('org.out-of-scope', { orgPath: body.orgPath });
        if (!isCnIdNumber(body.subjectIdNumber)) throw new RefusedError('consent.bad-id-number', { path: '/subjectIdNumber' });
        const now = Date.now();
        if (body.expiresAt !== undefined && body.expiresAt <= (body.grantedAt ?? now)) throw new RefusedError('consent.bad-period', { path: '/expiresAt' });
        const c = await store.record({ ...body, grantedAt: body.grantedAt ?? now }, { id: user.id, roles: user.roles.map((r) => r.role) }, now);
        await onChange(); // the device adapters' bindings carry the resident's consents in force
        return { status: 201, body: c };
      } }),
    defineOperation({ method: 'get', path: '/api/consents', operationId: 'listConsents', schemas, responses: ok('ConsentPage'), tag: 'consents', summary: '同意记录（辖区内，可按身份证号查） Consent records in scope',
      query: { idNumber: { type: 'string', minLength: 15, maxLength: 18 }, purpose, status: { type: 'string', enum: ['active', 'withdrawn', 'all'], default: 'all' }, cursor: S.cursor, limit: S.limit },
      async handler({ ability, query }) {
        mustHandleConsents(ability, 'read');
        return { body: await store.list(ability, query) };
      } }),
    defineOperation({ method: 'get', path: '/api/consents/{id}', operationId: 'getConsent', schemas, responses: ok('Consent'), tag: 'consents', summary: '一条同意记录 One consent record', params: { id: consentId },
      async handler({ ability, params }) {
        mustHandleConsents(ability, 'read');
        return { body: await store.get(params.id, ability) };
      } }),
    defineOperation({ method: 'post', path: '/api/consents/{id}/withdraw', operationId: 'withdrawConsent', schemas, responses: ok('Consent'), tag: 'consents', summary: '撤回同意（留痕，此后不再共享） Withdraw a consent (audited; blocks later sharing)',
      params: { id: consentId }, body: S.object({ reason: { type: 'string', minLength: 1, maxLength: 500 } }, ['reason']),
      async handler({ ability, user, params, body }) {
        mustHandleConsents(ability, 'manage');
        const c = await store.withdraw(params.id, body.reason, ability, { id: user.id, roles: user.roles.map((r) => r.role) }, Date.now());
        await onChange(); // a withdrawn consent leaves the device adapters' bindings
        return { body: c };
      } }),
  ];
}
