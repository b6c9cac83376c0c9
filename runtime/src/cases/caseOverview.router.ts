/**
 * `GET /api/cases/{id}/overview`: everything the case page shows beside the form, in one answer —
 * the header with the item's title and the case deadline, 流程记录 (done steps with who, when,
 * decision, comment and signature), the current steps with their holders, deadlines and 「为什么是我」,
 * 后续环节 (predicted), parent and child cases (with their item's and state's titles), adapter calls
 * with their delivery status, and the names of the people, units and grids the case's data names by
 * id, path or code (engine's dataRefs): units and grids in or out of the reader's scope, people in full
 * when staff and masked (张*) when a resident, volunteer or provider, whose name is personal data;
 * and how each consent the data names (`x-consent` fields) stands: in force, withdrawn, expired, not
 * found or for another purpose — never whose it is.
 * Scoped like every case read: out of scope is 404.
 */
import type { CaseSnapshot } from '@tongban/engine';
import { dataRefs, secretBallotStates } from '@tongban/engine';
import { defineOperation, ok, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { toTaskSummary } from '../tasks/KnexTaskQueries.ts';
import { caseDeadline, stateSpecAt, stateTitle } from '../deadlines/caseDeadline.ts';
import { predictAhead } from './predictAhead.ts';
import type { CaseBrief } from './createCaseRecords.ts';
import type { ConsentStanding } from '../consents/KnexConsentStore.ts';
import { consentFieldsOf } from '../consents/intakeConsents.ts';
import { overviewSchemas } from './overviewSchemas.ts';

type Event = { type?: string; taskId?: string; action?: string; comment?: string; signature?: string; attachments?: string[] };

/** The case-overview operation. */
export function caseOverviewOperations(s: Services): Operation[] {
  return [defineOperation({
    method: 'get', path: '/api/cases/{id}/overview', operationId: 'caseOverview', tag: 'cases', responses: ok('CaseOverview'), schemas: overviewSchemas,
    summary: '办理页概览：时限、流程记录、后续环节、关联案件、外部调用 Case page overview', params: { id: S.id },
    async handler({ ability, params }) {
      const row = await s.cases.getVisible(ability, params.id);
      const { definition: def } = await s.definitions.compiledFor(row.definition_id, Number(row.definition_version));
      const snap = JSON.parse(row.snapshot) as CaseSnapshot;
      const now = Date.now();
      const calendars = s.tasks.calendars;
      const [taskRows, events, outbox, parents] = await s.caseRecords.pageRows(row.id);
      const acts = new Map<string, Event>();
      for (const e of events) {
        const p = JSON.parse(e.payload) as Event;
        if (p.taskId && p.action) acts.set(`${p.taskId}:${p.action}`, p);
      }
      const refs = dataRefs(def, snap.context.data);
      const ids = new Set<string>([...snap.context.trail.map((t) => t.by), ...taskRows.map((t) => String(t.assignee ?? '')).filter(Boolean)]);
      if (row.created_by) ids.add(row.created_by);
      // who acted, holds a step, started the case or is named in its data: colleagues in full, residents masked (张*)
      const consentFields = consentFieldsOf(def).flatMap((f) => { const ref = snap.context.data[f.field]; return typeof ref === 'string' && ref ? [{ ...f, ref }] : []; });
      const [names, unitNames, standing] = await Promise.all([s.caseRecords.displayNames([...new Set([...ids, ...refs.users])]), s.caseRecords.unitNames([...new Set([row.org_path, ...refs.orgs])], refs.grids),
        s.consents.standing([...new Set(consentFields.map((f) => f.ref))], now)]);
      const current = taskRows.map((t) => {
        const sum = toTaskSummary(t, calendars, now);
        const spec = JSON.parse(String(t.spec)) as { why?: Array<{ 'zh-CN': string; en: string }> };
        const candidates = (JSON.parse(String(t.candidates ?? '[]')) as string[]).length;
        return { taskId: sum.id, state: sum.state, title: sum.title, status: sum.status, assignee: sum.assignee, assigneeName: sum.assignee ? names.get(sum.assignee) ?? null : null,
          group: sum.group, candidates, deadline: sum.deadline, why: spec.why ?? [] };
      });
      // 无记名投票: who voted is shown, not what they chose (the step's outcome shows in the state that follows)
      const secret = secretBallotStates(def, snap.context.data);
      const trail = snap.context.trail.map((t) => {
        if (secret.has(t.state) && t.by !== 'system') {
          return { state: t.state, title: stateTitle(def, t.state), taskId: t.taskId, by: t.by, byName: names.get(t.by) ?? null, decision: 'voted', decisionTitle: { 'zh-CN': '已投票', en: 'Voted' },
            at: t.at, comment: null, signature: null, attachments: [] };
        }
        const act = acts.get(`${t.taskId}:${t.decision}`);
        const decision = findDecisionTitle(def, t.state, t.decision);
        return { state: t.state, title: stateTitle(def, t.state), taskId: t.taskId, by: t.by, byName: names.get(t.by) ?? null, decision: t.decision, decisionTitle: decision,
          at: t.at, comment: act?.comment ?? null, signature: act?.signature ?? null, attachments: act?.attachments ?? [] };
      });
      const childIds = outbox.filter((o) => o.kind === 'case.spawn').map((o) => (JSON.parse(o.payload) as { childId?: string }).childId).filter((x): x is string => !!x);
      const related = await s.caseRecords.briefs([...childIds, ...parents.map((p) => p.case_id)]);
      const relatedDefs = new Map(await Promise.all(related.map(async (c) => [c.id, (await s.definitions.compiledFor(c.definition_id, Number(c.definition_version))).definition] as const)));
      const brief = (c: CaseBrief) => {
        const d = relatedDefs.get(c.id)!;
        return { id: c.id, ref: c.ref, definitionId: c.definition_id, title: d.title, state: c.state, stateTitle: stateTitle(d, c.state.split(',')[0]!), status: c.status };
      };
      const states = row.state.split(',');
      return { body: {
        id: row.id, ref: row.ref, title: def.title, definitionId: row.definition_id, definitionVersion: Number(row.definition_version), orgPath: row.org_path,
        state: row.state, stateTitle: stateTitle(def, states[0]!), status: row.status, version: Number(row.version), createdAt: Number(row.created_at),
        createdBy: row.created_by, createdByName: row.created_by ? names.get(row.created_by) ?? null : null, flags: snap.context.flags ?? [],
        deadline: caseDeadline(calendars.of(def.calendar), def, snap, row.state, current.map((c) => c.deadline), now),
        trail, current, ahead: row.status === 'active' ? predictAhead(def, current.length ? current.map((c) => c.state) : states) : [],
        parent: related.filter((c) => parents.some((p) => p.case_id === c.id)).map(brief)[0] ?? null,
        children: related.filter((c) => childIds.includes(c.id)).map(brief),
        adapterCalls: outbox.filter((o) => o.kind === 'adapter.invoke').map((o) => {
          const p = JSON.parse(o.payload) as { operation?: string; requestId?: string };
          return { operation: p.operation ?? '', requestId: p.requestId ?? '', status: o.status, attempts: Number(o.attempts), at: Number(o.created_at) };
        }),
        userNames: Object.fromEntries(refs.users.filter((id) => names.has(id)).map((id) => [id, names.get(id)!])),
        unitNames: Object.fromEntries(unitNames),
        consents: Object.fromEntries(consentFields.map((f) => [f.field, consentShown(f, standing.get(f.ref))])),
      } };
    },
  })];
}

/** A consent field as the page shows it: the record's standing, or why it does not count (not found, another purpose). */
function consentShown(f: { ref: string; purpose: string }, c: ConsentStanding | undefined) {
  if (!c) return { ref: f.ref, status: 'not-found', grantedAt: null, expiresAt: null, withdrawnAt: null };
  return { ref: f.ref, status: c.purpose === f.purpose ? c.status : 'purpose-mismatch', grantedAt: c.grantedAt, expiresAt: c.expiresAt, withdrawnAt: c.withdrawnAt };
}

function findDecisionTitle(def: import('@tongban/engine').Definition, state: string, decision: string): { 'zh-CN': string; en: string } {
  return stateSpecAt(def, state)?.task?.decisions?.[decision]?.title ?? { 'zh-CN': decision, en: decision };
}
