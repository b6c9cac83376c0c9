/**
 * `notify`: one inbox row per user recipient, rendered for that user (language, masking); SMS and
 * WeChat go out as `notify.send` calls through the adapters' operations (`sms-gateway.send`,
 * `wechat-template.send`), retried and dead-lettered like any adapter call. Residents named in the
 * case data by phone number are reached by SMS. What is not urgent respects the recipient's channel
 * preferences and quiet hours (it waits, it is not dropped). The same text to the same person about
 * the same case within ten minutes is sent once; redelivery of the row is harmless (keys per recipient).
 * A case is urgent when any of its steps is priority urgent: urgent notices skip preferences and quiet hours.
 * An SMS notice that declares `replies` (a family member's "1" accept / "2" decline) is sent with the case and
 * the replies it takes: the gateway gives the text a reply code, and a reply carrying it comes back as the event;
 * sent to a user (a volunteer's "回复1确认参加，回复2请假"), the reply also brings the user's id (`replier`).
 */
import { valuesAt } from '../../pii/dataPaths.ts';
import { createHash } from 'node:crypto';
import { isCnMobile, parseDuration, type Effect } from '@tongban/engine';
import { piiFieldsOf } from '../../pii/piiFields.ts';
import { openTaskSpecs, viewerWith } from '../../cases/caseView.ts';
import type { UserRecord } from '../../identity/KnexIdentityStore.ts';
import type { Viewer } from '../../pii/viewPolicy.ts';
import { readMany } from '../../store/readMany.ts';
import { writeBatch } from '../../store/writeBatch.ts';
import type { Services } from '../../services.ts';
import { outboundStatus, OutboxOrigin, settle, type OutboxRow } from '../claimOutbox.ts';
import { openSealed } from '../openSealed.ts';
import { afterQuietHours, prefsFrom, prefsQuery, RESIDENT_QUIET, type PrefsRow } from './notificationPrefs.ts';
import { renderNotice, type NoticeCase } from './renderNotice.ts';

type Notify = Extract<Effect, { kind: 'notify' }>;

/** Operations that carry notices to phones and WeChat. */
export const channelOperations = { sms: 'sms-gateway.send', wechat: 'wechat-template.send' } as const;
/** The same text to the same person about the same case within this window is sent once. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;

/** Minutes of a reply window (`PT30M`), at least one, at most a week. */
export function replyMinutes(iso: string | undefined): number {
  const d = parseDuration(iso ?? 'PT30M');
  const v = d.ok ? d.value : { weeks: 0, days: 0, hours: 0, minutes: 30 };
  return Math.min(10_080, Math.max(1, Math.round(v.weeks * 10_080 + v.days * 1440 + v.hours * 60 + v.minutes)));
}

/** The value at a dotted case-data path (`landlord.phone`), or undefined. */
const valueAt = (data: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), data);

async function recipients(s: Pick<Services, 'runOptions' | 'identity' | 'principals'>, e: Notify, createdBy: string | null, data: Record<string, unknown>) {
  const dir = (await s.runOptions.get()).directory;
  const named = new Set(e.recipients.users ?? []);
  for (const org of [e.recipients.orgPath, ...(e.recipients.orgPaths ?? [])]) if (e.recipients.role && org) for (const u of dir.usersWithRole(e.recipients.role, org)) named.add(u);
  const users = [];
  const phones: string[] = [];
  for (const id of named) {
    // the principal cache: the user as requests see them (dropped at once on a change here, aged
    // out within seconds for a change in another process), two reads fewer per recipient
    const u = (await s.principals.get(id))?.user;
    if (u && !u.disabled) users.push(u);
    else if (!u && isCnMobile(id)) phones.push(id); // a resident (a landlord, a family member) named by phone in the case data
  }
  // a resident (a landlord, a family member) named by a phone field (`to: { phoneField }`): the effect carries the path, not the number
  for (const path of e.recipients.phoneFields ?? []) {
    // `contacts[].phone` names every element's number (each emergency contact at once)
    for (const phone of path.includes('[]') ? valuesAt(data, path) : [valueAt(data, path)]) {
      if (typeof phone === 'string' && isCnMobile(phone) && !phones.includes(phone)) phones.push(phone);
    }
  }
  // a notice with nobody to reach goes to whoever opened the case; one for residents named by phone (family,
  // emergency contacts) whose case has none on file reaches nobody: the contacts' text is not the opener's business
  const forResidents = !!e.recipients.phoneFields?.length && !e.recipients.role && !e.recipients.users?.length;
  if (!users.length && !phones.length && createdBy && !forResidents) { const u = (await s.principals.get(createdBy))?.user; if (u) users.push(u); }
  return { users, phones };
}

/** What a notice needs to know of its users, read in one round trip: preferences, open tasks on the case (their view of it), what they were sent lately. */
async function aboutUsers(s: Pick<Services, 'db' | 'codec'>, users: UserRecord[], caseId: string, now: number) {
  const ids = users.map((u) => u.id);
  if (!ids.length) return { prefs: prefsFrom(s.codec, [], []), viewers: new Map<string, Viewer>(), recent: new Set<string>() };
  const knex = s.db.knex;
  const [prefRows, specRows, sentRows] = (await readMany(s.db, [
    prefsQuery(knex, ids),
    openTaskSpecs(knex, caseId, ids).select('assignee', 'spec'),
    knex('notifications').where({ case_id: caseId }).whereIn('user_id', ids).where('created_at', '>', now - DEDUPE_WINDOW_MS).select('user_id', 'title'),
  ])) as [PrefsRow[], Array<{ assignee: string; spec: string }>, Array<{ user_id: string; title: string }>];
  const specs = new Map<string, string>();
  for (const r of specRows) if (!specs.has(r.assignee)) specs.set(r.assignee, r.spec);
  return {
    prefs: prefsFrom(s.codec, ids, prefRows),
    viewers: new Map(users.map((u) => [u.id, viewerWith(u, specs.get(u.id))])),
    // the same text to the same person about the same case within the window is sent once
    recent: new Set(sentRows.map((r) => `${r.user_id}\n${r.title}`)),
  };
}

/** Runs one claimed `notify` row. */
export async function executeNotify(s: Pick<Services, 'db' | 'runOptions' | 'identity' | 'principals' | 'definitions' | 'codec'>, row: OutboxRow, now: number): Promise<void> {
  const knex = s.db.knex;
  const e = JSON.parse(row.payload) as Notify;
  // urgent: the case carries urgent work (a step of it is priority urgent, e.g. an alarm's answering), whatever its step now
  const cr = (await knex('cases').where({ id: row.case_id }).first('id', 'ref', 'state', 'org_path', 'definition_id', 'definition_version', 'created_by',
    knex.raw('exists (select 1 from tasks where tasks.case_id = cases.id and tasks.priority = 0) as urgent'))) as
    { id: string; ref: string; state: string; org_path: string; definition_id: string; definition_version: number; created_by: string | null; urgent: number | boolean } | undefined;
  if (!cr) { await settle(knex, row, { status: 'done', last_error: 'case missing' }); return; }
  const def = (await s.definitions.compiledFor(cr.definition_id, Number(cr.definition_version))).definition;
  const fields = piiFieldsOf(def);
  // the org's name from the directory the engine runs with (kept current on org changes), read from the store only when it has none
  const orgName = (await s.runOptions.get()).directory.orgName(cr.org_path) ?? (await s.identity.getOrg(cr.org_path))?.name ?? '';
  const c: NoticeCase = { id: cr.id, ref: cr.ref, state: cr.state, orgPath: cr.org_path, orgName };
  const vars = { ...e.vars, data: openSealed(s.codec, e.vars.data ?? {}) };
  const urgent = !!Number(cr.urgent);
  const { users, phones } = await recipients(s, e, cr.created_by, vars.data as Record<string, unknown>);
  const { prefs, viewers, recent } = await aboutUsers(s, users, cr.id, now);
  const kind = e.channel === 'cc' ? 'cc' : e.template === 'urge' ? 'urge' : 'notify';
  const taskId = typeof e.vars.taskId === 'string' ? e.vars.taskId : null;
  const origin = row.origin === OutboxOrigin.seed ? OutboxOrigin.seed : null;
  const inbox: Record<string, unknown>[] = [];
  const sends: Record<string, unknown>[] = [];
  const send = (channel: 'sms' | 'wechat', to: string, input: Record<string, unknown>, at: number) => {
    // one key per (case, channel, recipient, text, ten-minute window): a repeat of the same text is sent once
    const digest = createHash('sha256').update(JSON.stringify([channel, to, (input.params ?? input.data) as unknown])).digest('hex').slice(0, 32);
    const key = `notify:${cr.id}:${digest}:${Math.floor(now / DEDUPE_WINDOW_MS)}`;
    // a notice of seeded history reaches the inbox, but its text is never sent to a phone
    sends.push({ case_id: cr.id, kind: 'notify.send', operation: channelOperations[channel], idempotency_key: key.slice(0, 191), status: outboundStatus(origin), origin, attempts: 0, available_at: at, created_at: now,
      payload: JSON.stringify({ operation: channelOperations[channel], input, idempotencyKey: key }) });
  };
  for (const u of users) {
    const p = prefs.get(u.id)!;
    const { text } = renderNotice(def, fields, e.template, vars, c, viewers.get(u.id)!, p.locale);
    const title = text.slice(0, 400);
    if (recent.has(`${u.id}\n${title}`)) continue;
    inbox.push({ user_id: u.id, kind, case_id: cr.id, task_id: taskId, title, body: text, dedupe_key: `${row.idempotency_key}:${u.id}`.slice(0, 191), created_at: now });
    const at = urgent ? now : afterQuietHours(now, p.quietHours);
    // a user's text that takes replies (a volunteer's shift reminder) names the user: the reply comes back as theirs
    const replies = e.replies ? { caseId: cr.id, replies: e.replies, replyWithinMinutes: replyMinutes(e.replyWithin), replier: u.id } : {};
    if (e.channel === 'sms' && p.phone && (urgent || p.sms)) send('sms', p.phone, { to: p.phone, templateId: e.template, params: { text }, ...replies }, at);
    if (e.channel === 'wechat' && p.wechatOpenId && (urgent || p.wechat)) send('wechat', p.wechatOpenId, { openId: p.wechatOpenId, templateId: e.template, data: { text } }, at);
  }
  for (const phone of phones) {
    // a resident sees what a role-less viewer sees: every personal field masked or hidden
    const { text } = renderNotice(def, fields, e.template, vars, c, { roles: [] }, 'zh-CN');
    // replies come back to the case by the reply code the gateway puts in the text (never by the phone alone)
    const replies = e.replies ? { caseId: cr.id, replies: e.replies, replyWithinMinutes: replyMinutes(e.replyWithin) } : {};
    send('sms', phone, { to: phone, templateId: e.template, params: { text }, ...replies }, urgent ? now : afterQuietHours(now, RESIDENT_QUIET));
  }
  // one round trip on MySQL: BEGIN, the rows and COMMIT go as one batch on the command pool (writeBatch.ts)
  await (s.db.commandKnex ?? knex).transaction(async (trx) => {
    const batch = writeBatch(trx, s.db.dialect, { ownsTransaction: true });
    if (inbox.length) batch.add(trx('notifications').insert(inbox).onConflict('dedupe_key').ignore());
    if (sends.length) batch.add(trx('outbox').insert(sends).onConflict('idempotency_key').ignore());
    batch.add(settle(trx, row, { status: 'done', result: JSON.stringify({ inbox: inbox.length, sends: sends.length }) }));
    await batch.flush({ commit: true });
  });
}
