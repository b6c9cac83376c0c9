/**
 * The break-glass review queue (personal-data.md §3: a supervisor reviews every emergency reveal
 * afterwards). Each `pii.break-glass` audit entry gets a row here in the same transaction; the
 * review is written back to the row and appended to the audit chain as `pii.break-glass.reviewed`.
 */
import type { Knex } from 'knex';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import { orgLevelsOf } from '../identity/orgPath.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors/DomainError.ts';

/** A break-glass reveal as the review queue shows it. */
export interface BreakGlassItem { id: number; caseId: string; actorId: string; orgPath: string; at: number; status: string; reviewerId: string | null; outcome: string | null; note: string | null; reviewedAt: number | null }

type Row = { audit_seq: number | string; case_id: string; actor_id: string; org_path: string; at: number | string; status: string; reviewer_id: string | null; outcome: string | null; note: string | null; reviewed_at: number | string | null };

/** Maps a stored row. */
export function toBreakGlassItem(r: Row): BreakGlassItem {
  return { id: Number(r.audit_seq), caseId: r.case_id, actorId: r.actor_id, orgPath: r.org_path, at: Number(r.at), status: r.status,
    reviewerId: r.reviewer_id, outcome: r.outcome, note: r.note, reviewedAt: r.reviewed_at === null ? null : Number(r.reviewed_at) };
}

/** Queues the reveal whose audit entry (`auditSeq`) was just chained, inside the same transaction. */
export async function queueForReview(trx: Knex.Transaction, r: { auditSeq: number; caseId: string; actorId: string; orgPath: string; at: number }): Promise<void> {
  await trx('break_glass').insert({ audit_seq: r.auditSeq, case_id: r.caseId, actor_id: r.actorId, org_path: r.orgPath, ...orgLevelsOf(r.orgPath), status: 'pending', at: r.at });
}

/** Records a review of a row the caller may see (`scoped` restricts the lookup); audited in the same transaction. */
export async function recordReview(knex: Knex, dialect: 'sqlite' | 'mysql', scoped: (q: Knex.QueryBuilder) => boolean,
  review: { id: number; reviewerId: string; reviewerRoles: string[]; outcome: string; note?: string; at: number }): Promise<BreakGlassItem> {
  return knex.transaction(async (trx) => {
    const q = trx('break_glass').where('audit_seq', review.id).first();
    const row = scoped(q) ? ((await (dialect === 'mysql' ? q.forUpdate() : q)) as Row | undefined) : undefined;
    if (!row) throw new NotFoundError('break-glass.not-found', { id: review.id });
    if (row.actor_id === review.reviewerId) throw new ForbiddenError('break-glass.self-review', { id: review.id });
    const patch = { status: 'reviewed', reviewer_id: review.reviewerId, outcome: review.outcome, note: review.note ?? null, reviewed_at: review.at };
    const n = await trx('break_glass').where({ audit_seq: review.id, status: 'pending' }).update(patch);
    if (n !== 1) throw new ConflictError('break-glass.already-reviewed', { id: review.id });
    await appendAudit(trx, dialect, [{ at: review.at, actorId: review.reviewerId, actorRoles: review.reviewerRoles, orgPath: row.org_path, caseId: row.case_id,
      // The note may name people: the chain records that one was given, the review row holds it.
      action: 'pii.break-glass.reviewed', detail: { breakGlassSeq: review.id, outcome: review.outcome, note: review.note ? 'given' : null } }]);
    return toBreakGlassItem({ ...row, ...patch });
  });
}

/** The reveal records of one runtime: audited reveals (a break-glass one queued for review) and the review queue. */
export function createRevealRecords(knex: Knex, dialect: 'sqlite' | 'mysql') {
  return {
    /** Chains a reveal (`pii.reveal` / `pii.break-glass`) and, for break-glass, queues it for review, in one transaction. */
    async record(entry: { at: number; actorId: string; actorRoles: string[]; orgPath: string; caseId: string; breakGlass: boolean; detail: Record<string, unknown> }): Promise<void> {
      await knex.transaction(async (trx) => {
        const [seq] = await appendAudit(trx, dialect, [{ at: entry.at, actorId: entry.actorId, actorRoles: entry.actorRoles, orgPath: entry.orgPath, caseId: entry.caseId,
          action: entry.breakGlass ? 'pii.break-glass' : 'pii.reveal', detail: entry.detail }]);
        if (entry.breakGlass) await queueForReview(trx, { auditSeq: seq!, caseId: entry.caseId, actorId: entry.actorId, orgPath: entry.orgPath, at: entry.at });
      });
    },
    /** The review queue in the caller's `review BreakGlass` scope (in SQL), newest first, keyset-paged by audit seq. */
    async queue(ability: AppAbility, q: { status: 'pending' | 'reviewed' | 'all'; cursor?: number; limit: number }): Promise<BreakGlassItem[]> {
      const query = knex('break_glass').orderBy('audit_seq', 'desc').limit(q.limit);
      applyScope(query, knex, ability, 'review', 'BreakGlass', 'break_glass');
      if (q.status !== 'all') query.where('status', q.status);
      if (q.cursor) query.where('audit_seq', '<', q.cursor);
      return ((await query) as Row[]).map(toBreakGlassItem);
    },
    /** Records a review of a row in the caller's scope (see recordReview). */
    review: (ability: AppAbility, review: Parameters<typeof recordReview>[3]) =>
      recordReview(knex, dialect, (q) => applyScope(q, knex, ability, 'review', 'BreakGlass', 'break_glass'), review),
  };
}

/** The reveal records type. */
export type RevealRecords = ReturnType<typeof createRevealRecords>;
