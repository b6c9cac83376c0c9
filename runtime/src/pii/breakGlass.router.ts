/** `GET /api/audit/break-glass` (the review queue, in scope) and `POST /api/audit/break-glass/{id}/review`. */
import { ForbiddenError } from '../errors/DomainError.ts';
import { ok, defineOperation, S, type Operation } from '../http/operation.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import type { Services } from '../services.ts';
import { recordReview, toBreakGlassItem } from './breakGlassReviews.ts';

/** Review outcomes a supervisor may record. */
export const reviewOutcomes = ['justified', 'unjustified'] as const;

function mustReview(ability: AppAbility): void {
  if (!ability.can('review', 'BreakGlass')) throw new ForbiddenError('authz.forbidden');
}

/** Break-glass review operations. */
export function breakGlassOperations(s: Services): Operation[] {
  const { knex, dialect } = s.db;
  return [
    defineOperation({ method: 'get', path: '/api/audit/break-glass', operationId: 'breakGlassQueue', responses: ok('BreakGlassPage'), tag: 'audit', summary: '紧急查看待复核（辖区内） Break-glass reveals to review',
      query: { status: { type: 'string', enum: ['pending', 'reviewed', 'all'], default: 'pending' }, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
      async handler({ ability, query }) {
        mustReview(ability);
        const q = knex('break_glass').orderBy('audit_seq', 'desc').limit(query.limit);
        applyScope(q, knex, ability, 'review', 'BreakGlass', 'break_glass');
        if (query.status !== 'all') q.where('status', query.status);
        if (query.cursor) q.where('audit_seq', '<', query.cursor);
        const items = (await q).map(toBreakGlassItem);
        return { body: { items, nextCursor: items.length === query.limit ? items[items.length - 1]!.id : null } };
      } }),
    defineOperation({ method: 'post', path: '/api/audit/break-glass/{id}/review', operationId: 'reviewBreakGlass', responses: ok('BreakGlassItem'), tag: 'audit', summary: '复核紧急查看（留痕） Review a break-glass reveal (audited)',
      params: { id: { type: 'integer', minimum: 1 } },
      body: S.object({ outcome: { type: 'string', enum: [...reviewOutcomes] }, note: S.text(1000) }, ['outcome']),
      async handler({ ability, user, params, body }) {
        mustReview(ability);
        const scoped = (q: import('knex').Knex.QueryBuilder) => applyScope(q, knex, ability, 'review', 'BreakGlass', 'break_glass');
        const item = await recordReview(knex, dialect, scoped, { id: params.id, reviewerId: user.id, reviewerRoles: user.roles.map((r) => r.role), outcome: body.outcome, note: body.note, at: Date.now() });
        return { body: item };
      } }),
  ];
}
