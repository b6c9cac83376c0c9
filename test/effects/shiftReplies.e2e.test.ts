/**
 * Issue 13, volunteer shift reminders take SMS replies: the reminder 2 hours before a shift goes through
 * sms-gateway to the local carrier stand-in with a reply code per volunteer ("回复1确认参加，回复2请假");
 * "1" is recorded as that volunteer's confirmation, "2" takes them off the roster (the place is free) and
 * the organiser is told; a second "2" from someone no longer on the roster is answered and changes nothing.
 * The case learns who replied from the code, never from the number. On SQLite and MariaDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCarrier, type FakeCarrier } from '../../adapters/sms-gateway/src/testing/fakeCarrier.ts';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const secrets = { accessKey: 'ak-e2e-shift-1', signingSecret: 'e2e-shift-signing-secret-01' };
const COMMUNITY = '/510722/510722100/510722100001';
const volunteers = [
  { user: 'resident-510722100001001-2', id: 'u-resident-510722100001001-2', phone: '13981110001' },
  { user: 'resident-510722100001001-1', id: 'u-resident-510722100001001-1', phone: '13981110002' },
];

/** The local (UTC+8) date `days` from now. */
const localDate = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDialects)('volunteer shift reminder replies on %s', (dialect) => {
  let w: E2eWorld;
  let carrier: FakeCarrier;

  beforeAll(async () => {
    carrier = await startFakeCarrier({ accessKey: secrets.accessKey });
    w = await e2eWorld(dialect, ['sms-gateway']);
    expect((await w.api('PUT', '/api/adapters/sms-gateway/config', { user: 'county-admin', body: { config: { baseUrl: carrier.url, signName: '涪江县民政' }, secrets } })).status).toBe(200);
    // each volunteer's phone is in their notification preferences (texts at any hour)
    for (const v of volunteers) {
      const r = await w.api('PUT', '/api/me/notification-preferences', { user: v.user, body: { locale: 'zh-CN', sms: true, phone: v.phone } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  }, 60_000);
  afterAll(async () => { await w?.close(); await carrier?.close(); });

  const pendingTask = async (caseId: string) => (await w.db.knex('tasks').where({ case_id: caseId, status: 'pending' }).first('id')) as { id: string };
  const complete = async (user: string, caseId: string, outcome: string) => {
    const t = await pendingTask(caseId);
    // a candidate claims first; a task assigned to its user already (the organiser's draft) answers 409 and is theirs
    expect([200, 409]).toContain((await w.api('POST', `/api/tasks/${t.id}/claim`, { user, body: {} })).status);
    const r = await w.api('POST', `/api/tasks/${t.id}/complete`, { user, body: { outcome, data: {} } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('1 confirms, 2 takes leave and frees the place (the organiser told), a reply off the roster is answered', async () => {
    const shiftDay = localDate(6);
    const made = await w.api('POST', '/api/cases', { user: 'organiser-510722100001', body: { definitionId: 'volunteer-task', orgPath: COMMUNITY, data: {
      kind: 'project', projectName: '金鱼社区敬老助餐志愿服务', category: 'elderly', organiserOrg: COMMUNITY, leader: { name: '何建华', phone: '13812340003' },
      gridCode: '510722100001001', location: '金鱼社区老年食堂', startDate: shiftDay, endDate: localDate(20), shifts: [{ date: shiftDay, start: '09:00', end: '11:00' }],
      headcount: 2, requirements: '身体健康，热心公益', recruitmentDeadline: localDate(3) } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const caseId = made.body.id as string;
    await complete('organiser-510722100001', caseId, 'submit');
    await complete('officer-510722100001', caseId, 'approve_project');
    for (const v of volunteers) expect((await w.api('POST', `/api/cases/${caseId}/events`, { user: v.user, body: { type: 'enrol' } })).status).toBe(200);
    // the reminder's timer fires (2 hours before 09:00 local on the shift day)
    const remindAt = Date.parse(`${shiftDay}T07:00:00+08:00`);
    const timer = (await w.db.knex('timers').where({ case_id: caseId }).where('due_at', remindAt).first('timer_key')) as { timer_key: string } | undefined;
    expect(timer, 'the shift reminder armed at 07:00 local').toBeDefined();
    await w.rt.timers.runDue(remindAt + 1000, { caseId });
    const texts = await w.until('both reminders at the carrier', async () => {
      await w.rt.dispatch();
      const got = carrier.messages.filter((m) => m.template === 'shift_reminder');
      return got.length === 2 ? got : undefined;
    });
    const to = (phone: string) => texts.find((m) => m.to === phone)!;
    for (const v of volunteers) {
      expect(to(v.phone).extendCode).toMatch(/^\d{6}$/);
      expect(String(to(v.phone).params.text)).toContain('回复1确认参加，回复2请假');
      expect(String(to(v.phone).params.text)).toContain(`回复编号${to(v.phone).extendCode}`);
    }
    const [a, b] = volunteers as [typeof volunteers[0], typeof volunteers[0]];
    // the first volunteer confirms, the second takes leave
    expect(await carrier.reply(w.url, secrets.signingSecret, { from: a.phone, content: '1', destCode: to(a.phone).extendCode, seq: `mo-${caseId}-1` })).toEqual({ status: 200, body: { results: ['advanced'] } });
    expect(await carrier.reply(w.url, secrets.signingSecret, { from: b.phone, content: '2', destCode: to(b.phone).extendCode, seq: `mo-${caseId}-2` })).toEqual({ status: 200, body: { results: ['advanced'] } });
    const data = (await w.api('GET', `/api/cases/${caseId}`, { user: 'organiser-510722100001' })).body.data;
    expect(data.enrolledVolunteers).toEqual([a.id]);
    expect(data.shiftConfirmations.map((x: { volunteerUserId: string }) => x.volunteerUserId)).toEqual([a.id]);
    expect(data.shiftLeaves.map((x: { volunteerUserId: string }) => x.volunteerUserId)).toEqual([b.id]);
    const timeline = (await w.api('GET', `/api/cases/${caseId}/timeline`, { user: 'organiser-510722100001' })).body.items.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['shift_confirmed', 'shift_leave']));
    // the organiser hears of the leave in the workbench
    await w.until('the organiser told of the leave', async () => {
      await w.rt.dispatch();
      return ((await w.db.knex('notifications').where({ case_id: caseId, user_id: 'u-organiser-510722100001' }).select('body')) as Array<{ body: string }>).find((n) => n.body.includes('名额已释放'));
    });
    // a second "2" from the volunteer now off the roster: answered, nothing changes
    const again = await carrier.reply(w.url, secrets.signingSecret, { from: b.phone, content: '2', destCode: to(b.phone).extendCode, seq: `mo-${caseId}-3` });
    expect(again.body.results).toEqual(['sms.reply-too-late']);
    expect(carrier.messages.find((m) => m.outId === `reply-answer:mo-${caseId}-3`)).toMatchObject({ to: b.phone, template: 'reply_answer' });
    // a reply from another number with a real code reaches no case
    expect((await carrier.reply(w.url, secrets.signingSecret, { from: '13700000001', content: '1', destCode: to(a.phone).extendCode, seq: `mo-${caseId}-4` })).body.results).toEqual(['sms.reply-wrong-sender']);
    const after = (await w.api('GET', `/api/cases/${caseId}`, { user: 'organiser-510722100001' })).body.data;
    expect(after.enrolledVolunteers).toEqual([a.id]);
    expect(after.shiftLeaves).toHaveLength(1);
    // the place is free: one on the roster of a headcount of two (recruitment itself closed at its deadline, before the shift)
    expect(after.enrolledVolunteers.length).toBeLessThan(after.headcount);
  }, 90_000);
});
