/**
 * The retention job (issue 14.8, PIPL): the personal data of cases closed longer than their service
 * item declares (`retention`, the latest published version's value) is anonymised — snapshot data
 * and event payloads (tagged values, sealed values, signatures) become tombstones, the case's
 * `pii_lookup` rows, delivered outbox payloads and task drafts are removed, attachments named
 * at tagged paths are deleted (row, then file), and what people wrote freely about the case — its
 * comments and the rendered titles of its notifications (a template may carry a phone or a name) —
 * becomes the tombstone too. Intake drafts of the item left unsent since before the cutoff are
 * deleted (they never became a case, so no case's closing reaches them). One transaction per case, guarded by the case
 * version, with one audit entry per case and one for the run, carrying counts only. Idempotent:
 * an anonymised case is marked (`anonymised_at`) and passed over. `dryRun` counts, writes nothing.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Definition, PiiKind } from '@tongban/engine';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import { piiFieldsOf } from '../pii/piiFields.ts';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { ANONYMISED, anonymiseDocument, stringsAtTaggedPaths } from './anonymise.ts';
import { retentionCutoff } from './cutoff.ts';

/** What the job needs. */
export interface RetentionDeps {
  knex: Knex; dialect: 'sqlite' | 'mysql';
  definitions: { latestPublishedDefinitions(): Promise<Definition[]> };
  codec: Pick<PiiCodec, 'isSealed' | 'decrypt'>;
  /** where attachment files live (`<dataDir>/attachments/<id>`) */
  dataDir: string;
}

/** Per service item: its period, and how many closed cases were (or, dry, would be) anonymised. */
export interface RetentionItem { definitionId: string; retention: string; cutoff: number; cases: number }

/** What one run did. */
export interface RetentionReport { dryRun: boolean; items: RetentionItem[]; cases: number; values: number; events: number; lookups: number; outbox: number; attachments: number; comments: number; notifications: number; intakeDrafts: number; skipped: number }

type CaseRow = { id: string; version: number; org_path: string; snapshot: string };
const BATCH = 100;

/** Closed, not yet anonymised cases of one item that closed (last changed) before `cutoff`, oldest first. */
function dueCases(knex: Knex, definitionId: string, cutoff: number) {
  return knex('cases').where({ status: 'done', definition_id: definitionId }).whereNull('anonymised_at').where('updated_at', '<', cutoff);
}

/** Anonymises one case in a transaction; false when the case changed meanwhile (another worker, a late command). */
async function anonymiseCase(d: RetentionDeps, c: CaseRow, fields: Map<string, PiiKind>, report: RetentionReport, now: number): Promise<boolean> {
  const snapshot = JSON.parse(c.snapshot) as { context?: { data?: Record<string, unknown> } };
  const refsOf = (data: Record<string, unknown>) => [...stringsAtTaggedPaths(data, fields)].map((v) => (d.codec.isSealed(v) ? d.codec.decrypt(v) : v));
  const attachmentRefs = new Set(refsOf(snapshot.context?.data ?? {}));
  let values = anonymiseDocument(snapshot, fields, d.codec.isSealed);
  const removedFiles: string[] = [];
  const done = await d.knex.transaction(async (trx) => {
    // the version guard: a case that moved since we read it is left for the next run
    const n = await trx('cases').where({ id: c.id, version: c.version }).whereNull('anonymised_at').update({ snapshot: JSON.stringify(snapshot), anonymised_at: now });
    if (n !== 1) return false;
    const events = (await trx('case_events').where({ case_id: c.id }).select('id', 'payload')) as Array<{ id: number; payload: string }>;
    let eventsChanged = 0;
    for (const e of events) {
      const payload = JSON.parse(e.payload) as { data?: Record<string, unknown> };
      if (payload.data && typeof payload.data === 'object') for (const s of refsOf(payload.data)) attachmentRefs.add(s);
      const changed = anonymiseDocument(payload, fields, d.codec.isSealed);
      if (changed) { values += changed; eventsChanged++; await trx('case_events').where({ id: e.id }).update({ payload: JSON.stringify(payload) }); }
    }
    const lookups = await trx('pii_lookup').where({ case_id: c.id }).delete();
    // delivered effects keep their payload (a phone number an SMS went to): remove them, and seeded history's settled calls; pending ones stay to be delivered
    const outbox = await trx('outbox').where({ case_id: c.id }).whereIn('status', ['done', 'failed', 'seeded']).delete();
    await trx('tasks').where({ case_id: c.id }).whereNotNull('draft').update({ draft: null, draft_at: null });
    const attachments = attachmentRefs.size ? ((await trx('attachments').where({ case_id: c.id }).whereIn('id', [...attachmentRefs]).pluck('id')) as string[]) : [];
    if (attachments.length) await trx('attachments').whereIn('id', attachments).delete();
    removedFiles.push(...attachments);
    // free text: comments and rendered notification titles may name people or carry their numbers
    const comments = await trx('comments').where({ case_id: c.id }).whereNot('body', ANONYMISED).update({ body: ANONYMISED });
    const notifications = await trx('notifications').where({ case_id: c.id }).whereNot('title', ANONYMISED).update({ title: ANONYMISED });
    const counts = { values, events: eventsChanged, lookups, outbox, attachments: attachments.length, comments, notifications };
    await appendAudit(trx, d.dialect, [{ at: now, actorId: 'system:retention', orgPath: c.org_path, caseId: c.id, action: 'case.anonymised', detail: counts }]);
    Object.assign(report, { cases: report.cases + 1, values: report.values + values, events: report.events + eventsChanged, lookups: report.lookups + lookups, outbox: report.outbox + outbox, attachments: report.attachments + attachments.length, comments: report.comments + comments, notifications: report.notifications + notifications });
    return true;
  });
  // files after the commit: a crash between leaves a file without its row (never a row without its file)
  for (const id of removedFiles) await rm(join(d.dataDir, 'attachments', id), { force: true });
  return done;
}

/** Deletes the item's intake drafts untouched since `cutoff`, with the photos uploaded to them (rows, then files). */
async function deleteStaleDrafts(d: RetentionDeps, definitionId: string, cutoff: number, report: RetentionReport): Promise<number> {
  const files: string[] = [];
  const n = await d.knex.transaction(async (trx) => {
    const drafts = (await trx('intake_drafts').where({ definition_id: definitionId }).where('updated_at', '<', cutoff).select('id', 'user_id')) as Array<{ id: string; user_id: string }>;
    if (!drafts.length) return 0;
    for (const dr of drafts) {
      const ids = (await trx('attachments').where({ case_id: dr.id, uploaded_by: dr.user_id }).pluck('id')) as string[];
      if (ids.length) await trx('attachments').whereIn('id', ids).delete();
      files.push(...ids);
      await trx('intake_drafts').where({ id: dr.id, user_id: dr.user_id }).delete();
    }
    return drafts.length;
  });
  report.attachments += files.length;
  for (const id of files) await rm(join(d.dataDir, 'attachments', id), { force: true });
  return n;
}

/** Runs retention over every item that declares a period. */
export async function runRetention(d: RetentionDeps, opts: { now?: number; dryRun?: boolean } = {}): Promise<RetentionReport> {
  const now = opts.now ?? Date.now();
  const dryRun = opts.dryRun ?? false;
  const report: RetentionReport = { dryRun, items: [], cases: 0, values: 0, events: 0, lookups: 0, outbox: 0, attachments: 0, comments: 0, notifications: 0, intakeDrafts: 0, skipped: 0 };
  for (const def of await d.definitions.latestPublishedDefinitions()) {
    const cutoff = def.retention ? retentionCutoff(def.retention, now) : undefined;
    if (!def.retention || cutoff === undefined) continue;
    const item: RetentionItem = { definitionId: def.id, retention: def.retention, cutoff, cases: 0 };
    report.items.push(item);
    const staleDrafts = () => d.knex('intake_drafts').where({ definition_id: def.id }).where('updated_at', '<', cutoff);
    if (dryRun) {
      const row = (await dueCases(d.knex, def.id, cutoff).count({ n: '*' }).first()) as { n: number | string };
      item.cases = Number(row.n);
      report.cases += item.cases;
      report.intakeDrafts += Number(((await staleDrafts().count({ n: '*' }).first()) as { n: number | string }).n);
      continue;
    }
    report.intakeDrafts += await deleteStaleDrafts(d, def.id, cutoff, report);
    const fields = piiFieldsOf(def);
    let after = '';
    for (;;) {
      const rows = (await dueCases(d.knex, def.id, cutoff).where('id', '>', after).orderBy('id').limit(BATCH).select('id', 'version', 'org_path', 'snapshot')) as CaseRow[];
      for (const c of rows) {
        if (await anonymiseCase(d, { ...c, version: Number(c.version) }, fields, report, now)) item.cases++;
        else report.skipped++;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  // a run that changed nothing leaves no audit entry (it runs daily on every worker); the log says it ran
  if (!dryRun && (report.cases || report.skipped || report.intakeDrafts)) {
    const detail = { items: report.items.map((i) => ({ definitionId: i.definitionId, retention: i.retention, cases: i.cases })), cases: report.cases, values: report.values, events: report.events, lookups: report.lookups, outbox: report.outbox,
      attachments: report.attachments, comments: report.comments, notifications: report.notifications, intakeDrafts: report.intakeDrafts, skipped: report.skipped };
    await d.knex.transaction((trx) => appendAudit(trx, d.dialect, [{ at: now, actorId: 'system:retention', action: 'retention.run', detail }]));
  }
  return report;
}
