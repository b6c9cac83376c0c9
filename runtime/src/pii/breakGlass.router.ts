/** `GET /api/audit/break-glass` (the review queue, in scope) and `POST /api/audit/break-glass/{id}/review`. */
import { ForbiddenError } from '../errors/DomainError.ts';
import { ok, defineOperation, S, type Operation } from '../http/operation.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import type { Services } from '../services.ts';

/** Review outcomes a supervisor may record. */
export const reviewOutcomes = ['justified', 'unjustified'] as const;

function mustReview(ability: AppAbility): void {
  if (!ability.can('review', 'BreakGlass')) throw new ForbiddenError('authz.forbidden');
}

/** Break-glass review operations. */
export function breakGlassOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/audit/break-glass', operationId: 'breakGlassQueue', responses: ok('BreakGlassPage'), tag: 'audit', summary: '紧急查看待复核（辖区内） Break-glass reveals to review',
      query: { status: { type: 'string', enum: ['pending', 'reviewed', 'all'], default: 'pending' }, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
      async handler({ ability, query }) {
        mustReview(ability);
        const items = await s.reveals.queue(ability, { status: query.status, cursor: query.cursor, limit: query.limit });
        return { body: { items, nextCursor: items.length === query.limit ? items[items.length - 1]!.id : null } };
      } }),
    defineOperation({ method: 'post', path: '/api/audit/break-glass/{id}/review', operationId: 'reviewBreakGlass', responses: ok('BreakGlassItem'), tag: 'audit', summary: '复核紧急查看（留痕） Review a break-glass reveal (audited)',
      params: { id: { type: 'integer', minimum: 1 } },
      body: S.object({ outcome: { type: 'string', enum: [...reviewOutcomes] }, note: S.text(1000) }, ['outcome']),
      async handler({ ability, user, params, body }) {
        mustReview(ability);
        const item = await s.reveals.review(ability, { id: params.id, reviewerId: user.id, reviewerRoles: user.roles.map((r) => r.role), outcome: body.outcome, note: body.note, at: Date.now() });
        return { body: item };
      } }),
  ];
}
