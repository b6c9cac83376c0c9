/**
 * `points.award` from the outbox: credits the ledger's rule for an activity to each person the case
 * named (or, for a reversal, takes that credit back). The ledger keeps one award per person, rule and
 * activity, so a row retried after a crash, a second round of the same meeting or a second case for
 * the same activity credits nothing more: each participant is credited exactly once. A person the
 * ledger cannot credit (unknown user, disabled rule) is logged and audited, never retried forever.
 * Hours (a volunteer's, ×k) may be corrected by a later award for the same activity: the later row
 * supersedes the earlier, whichever is delivered first, so one award for the final hours stays.
 */
import type { Effect } from '@tongban/engine';
import type { Services } from '../services.ts';
import { settle, type OutboxRow } from '../effects/claimOutbox.ts';
import { DomainError } from '../errors/DomainError.ts';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import { KnexPointsLedger, type LedgerActor } from './KnexPointsLedger.ts';

type Award = Extract<Effect, { kind: 'points.award' }>;

/** The ledger's actor for awards a case makes: the system, on the case's behalf. */
const SYSTEM: LedgerActor = { id: 'system', roles: ['system'] };

/** Credits (or reverses) one person; answers what happened, for the log and the audit entry. */
async function one(s: Pick<Services, 'db' | 'identity'>, ledger: KnexPointsLedger, e: Award, personId: string, caseId: string, revision: number): Promise<string> {
  const person = await s.identity.getUser(personId);
  if (!person) return 'unknown-person';
  if (e.reverse) {
    // the award still in force (after a correction, the earlier revisions are already reversed)
    const entry = (await s.db.knex('points_entries').where({ person_id: personId, rule_id: e.rule, activity_ref: e.activity, kind: 'earn' })
      .whereNotIn('id', s.db.knex('points_entries').whereNotNull('reverses').where({ person_id: personId }).select('reverses')).first('id')) as { id: string } | undefined;
    if (!entry) return 'nothing-to-reverse';
    await ledger.reverse({ personId, entryId: entry.id, reason: `案件撤销积分 Revoked by case ${caseId}` }, SYSTEM);
    return 'reversed';
  }
  // hours are a statement the case may correct (异议更正): the row's place in the outbox orders the statements
  await ledger.award({ personId, orgPath: person.orgPath, ruleId: e.rule, activityRef: e.activity, hours: e.hours, note: `案件 ${caseId}`, revision: e.hours === undefined ? undefined : revision }, SYSTEM);
  return 'credited';
}

/** Runs one claimed `points.award` row: every person in turn; a credit already made counts as done. */
export async function executeAward(s: Pick<Services, 'db' | 'identity' | 'logger'>, row: OutboxRow): Promise<void> {
  const e = JSON.parse(row.payload) as Award;
  const ledger = new KnexPointsLedger(s.db);
  const results: Record<string, string> = {};
  for (const personId of e.people) {
    try {
      results[personId] = await one(s, ledger, e, personId, row.case_id, row.id);
    } catch (err) {
      // the ledger's own refusals are final (already credited or reversed, unknown rule, too few points to take back)
      if (!(err instanceof DomainError)) throw err;
      results[personId] = err.code;
    }
  }
  const skipped = Object.entries(results).filter(([, r]) => !['credited', 'reversed', 'points.duplicate', 'points.already-reversed', 'points.superseded'].includes(r));
  if (skipped.length) s.logger.warn({ outbox: row.id, rule: e.rule, skipped }, 'points not credited for some people');
  await s.db.knex.transaction(async (trx) => {
    await appendAudit(trx, s.db.dialect, [{ at: Date.now(), actorId: 'system', actorRoles: ['system'], caseId: row.case_id, action: e.reverse ? 'points.case-reversed' : 'points.case-awarded', detail: { rule: e.rule, activity: e.activity, results } }]);
    await settle(trx, row, { status: 'done', result: JSON.stringify({ ok: true, results }) });
  });
}
