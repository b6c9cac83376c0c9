/** A case as one viewer may see it: personal data masked or hidden per role and step. */
import type { CaseSnapshot, Definition, FieldAccess } from '@tongban/engine';
import type { Knex } from 'knex';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import { piiFieldsOf } from '../pii/piiFields.ts';
import { viewData, type Viewer } from '../pii/viewPolicy.ts';
import { toCaseSummary, type CaseSummary } from './KnexCaseQueries.ts';
import type { CaseRow } from './createCaseCommands.ts';

/** The viewer of a case: roles plus the field matrix of an open task they hold on it. */
export async function viewerOf(knex: Knex, user: UserRecord, caseId: string): Promise<Viewer> {
  const t = (await openTaskSpecs(knex, caseId, [user.id]).first('spec')) as { spec: string } | undefined;
  return viewerWith(user, t?.spec);
}

/** The open tasks the users hold on a case (select `spec`, and `assignee` for several users). */
export const openTaskSpecs = (knex: Knex, caseId: string, userIds: string[]) =>
  knex('tasks').where({ case_id: caseId }).whereIn('assignee', userIds).whereIn('status', ['pending', 'waiting', 'delegated']);

/** The viewer a user is, given the spec of an open task they hold on the case (if any). */
export function viewerWith(user: UserRecord, spec: string | undefined): Viewer {
  const stepFields = spec ? (JSON.parse(spec) as { fields?: Record<string, FieldAccess> }).fields : undefined;
  return { roles: user.roles.map((r) => r.role), stepFields };
}

/** A case view: summary, masked data and its open tasks. */
export interface CaseView extends CaseSummary { data: Record<string, unknown>; masked: string[]; hidden: string[]; outcome?: string; openTasks: Array<{ id: string; state: string; assignee?: string; status: string }> }

/** Builds the view; sealed values are never decrypted here (masking works on the stored form only when revealed). */
export function caseView(row: CaseRow, def: Definition, data: Record<string, unknown>, viewer: Viewer): CaseView {
  const snap = JSON.parse(row.snapshot) as CaseSnapshot;
  const v = viewData(piiFieldsOf(def), data, viewer);
  const openTasks = Object.values(snap.context.tasks).map((t) => ({ id: t.id, state: t.state, assignee: t.assignee, status: t.status }));
  return { ...toCaseSummary(row), data: v.data, masked: v.masked, hidden: v.hidden, outcome: snap.context.outcome, openTasks };
}
