/**
 * Break-glass (紧急查看) records for supervisors: the review queue in their scope (scope in SQL) and
 * recording a review in the audit chain; and recording a reveal or break-glass for the reveal endpoint.
 */
import type { Knex } from 'knex';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import type { Db } from '../store/createDb.ts';
import { queueForReview, recordReview, toBreakGlassItem } from './breakGlassReviews.ts';

/** Creates the break-glass and reveal records service. */
export function createBreakGlassService(db: Db) {
  const { knex, dialect } = db;
  const scoped = (ability: AppAbility) => (q: Knex.QueryBuilder) => applyScope(q, knex, ability, 'review', 'BreakGlass', 'break_glass');
  return {
    /** Break-glass reveals to review in the caller's scope, newest first. */
    async queue(ability: AppAbility, q: { status: string; cursor?: number; limit: number }) {
      const query = knex('break_glass').orderBy('audit_seq', 'desc').limit(q.limit);
      scoped(ability)(query);
      if (q.status !== 'all') query.where('status', q.status);
      if (q.cursor) query.where('audit_seq', '<', q.cursor);
      const items = ((await query) as Array<Record<string, unknown>>).map((r) => toBreakGlassItem(r as never));
      return { items, nextCursor: items.length === q.limit ? items[items.length - 1]!.id : null };
    },
    /** Records a supervisor's review (audited). */
    review: (ability: AppAbility, review: Parameters<typeof recordReview>[3]) => recordReview(knex, dialect, scoped(ability), review),
    /** Records a reveal (or a break-glass, then queued for review) in the audit chain, in one transaction. */
    async recordReveal(entry: { at: number; actorId: string; actorRoles: string[]; orgPath: string; caseId: string; breakGlass: boolean; detail: Record<string, unknown> }): Promise<void> {
      await knex.transaction(async (trx) => {
        const [seq] = await appendAudit(trx, dialect, [{
          at: entry.at, actorId: entry.actorId, actorRoles: entry.actorRoles, orgPath: entry.orgPath, caseId: entry.caseId,
          action: entry.breakGlass ? 'pii.break-glass' : 'pii.reveal', detail: entry.detail,
        }]);
        if (entry.breakGlass) await queueForReview(trx, { auditSeq: seq!, caseId: entry.caseId, actorId: entry.actorId, orgPath: entry.orgPath, at: entry.at });
      });
    },
  };
}

/** The break-glass service type. */
export type BreakGlassService = ReturnType<typeof createBreakGlassService>;
