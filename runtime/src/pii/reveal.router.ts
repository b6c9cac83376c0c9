/**
 * `POST /api/cases/{id}/reveal`: the full value of masked fields for a stated purpose, to the
 * holder of an open task on the case whose role may see that kind; or break-glass (紧急查看)
 * with a written reason for emergency roles. Every reveal is in the audit chain (field names only).
 */
import type { CaseSnapshot } from '@tongban/engine';
import { ForbiddenError, RefusedError } from '../errors/DomainError.ts';
import { ok, defineOperation, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { piiFieldsOf } from './piiFields.ts';
import { breakGlassRoles, mayReveal } from './viewPolicy.ts';
import { openData } from './sealData.ts';
import { valuesAt } from './dataPaths.ts';

/** A data path: a field name, or a nested one in the field matrix's notation (`parties[].idNumber`). */
const dataPathSchema = { type: 'string', minLength: 1, maxLength: 191, pattern: '^[A-Za-z_$][\\w$-]*(\\[\\])?(\\.[A-Za-z_$][\\w$-]*(\\[\\])?)*$' };

/** Purpose codes a reveal must name. */
export const revealPurposes = ['handle-case', 'call-back', 'verify-identity', 'emergency', 'referral'] as const;

/** The reveal operation. */
export function revealOperations(s: Services): Operation[] {
  return [defineOperation({
    method: 'post', path: '/api/cases/{id}/reveal', operationId: 'revealPii', responses: ok('Revealed'), tag: 'cases', summary: '查看个人信息原文（留痕） Reveal personal data (audited)',
    params: { id: S.id },
    body: S.object({ fields: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: dataPathSchema }, purpose: { type: 'string', enum: [...revealPurposes] },
      breakGlass: { type: 'boolean' }, reason: S.text(1000) }, ['fields', 'purpose']),
    async handler({ user, ability, params, body }) {
      const row = await s.cases.getVisible(ability, params.id);
      const { definition } = await s.definitions.get(row.definition_id, Number(row.definition_version));
      const kinds = piiFieldsOf(definition);
      const viewer = await s.caseRecords.viewerOf(user, params.id);
      const roles = user.roles.map((r) => r.role);
      if (body.breakGlass) {
        if (!roles.some((r) => breakGlassRoles.includes(r))) throw new ForbiddenError('pii.reveal-denied', { reason: 'role' });
        if (!body.reason || body.reason.trim().length < 10) throw new RefusedError('pii.reason-required');
      } else if (!viewer.stepFields) throw new ForbiddenError('pii.reveal-denied', { reason: 'not assigned' });
      const data = openData(s.codec, (JSON.parse(row.snapshot) as CaseSnapshot).context.data);
      const values: Record<string, unknown> = {};
      for (const f of body.fields as string[]) {
        const kind = kinds.get(f);
        if (!kind || !(body.breakGlass ? kind !== 'biometric' : mayReveal(kind, f, viewer))) throw new ForbiddenError('pii.reveal-denied', { field: f });
        // a nested path (`parties[].idNumber`) reveals every value under it, in document order
        values[f] = f.includes('[]') ? valuesAt(data, f) : valuesAt(data, f)[0];
      }
      const at = Date.now();
      await s.reveals.record({ at, actorId: user.id, actorRoles: roles, orgPath: row.org_path, caseId: row.id, breakGlass: !!body.breakGlass,
        detail: { fields: body.fields, purpose: body.purpose, reason: body.reason ?? null, channel: 'api', review: body.breakGlass ? 'pending' : undefined } });
      return { body: { values } };
    },
  })];
}
