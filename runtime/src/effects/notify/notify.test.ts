import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/testDbs.ts';
import { effectsWorld, type EffectsWorld } from '../../testing/effectsWorld.ts';
import { texts } from '../fixtures/echoPlugin.ts';

const H = 3_600_000;
const day = Math.floor((Date.now() + 8 * H) / 86_400_000) + 1; // tomorrow, Beijing time: every row is due by then
/** Epoch ms of hh:mm Beijing time, `plus` days after tomorrow. */
const at = (hh: number, mm = 0, plus = 0) => (day + plus) * 86_400_000 + (hh * 60 + mm) * 60_000 - 8 * H;

describe.each(testDialects)('notifications on %s', (dialect) => {
  let w: EffectsWorld;
  const inbox = async (user: string, caseId: string) => (await w.api('GET', '/api/notifications?limit=200', { token: await w.token(user) })).body.items.filter((n: { caseId: string }) => n.caseId === caseId);
  const sends = (caseId: string) => w.db.knex('outbox').where({ case_id: caseId, kind: 'notify.send' }).orderBy('id').select('status', 'available_at', 'payload');
  beforeAll(async () => {
    // the test's clock alone performs the notices: the worker's one-second poll would render them at the wall clock
    w = await effectsWorld(dialect, { env: { TONGBAN_EFFECTS_POLL_MS: '3600000' } });
    expect((await w.api('PUT', '/api/me/notification-preferences', { token: await w.token('grid1'), body: { locale: 'en' } })).status).toBe(200);
    const officer = await w.api('PUT', '/api/me/notification-preferences', { token: await w.token('officer'), body: { phone: '13600001234', quietHours: { start: '22:00', end: '07:00' } } });
    expect(officer.body).toMatchObject({ locale: 'zh-CN', sms: true, phone: '136****1234', quietHours: { start: '22:00', end: '07:00' } });
  });
  afterAll(async () => w?.close());
  beforeEach(() => { texts.length = 0; });

  it('renders the template per recipient: language, and personal data masked as that recipient sees it', async () => {
    const id = await w.open();
    await w.accept(id);
    await w.rt.effects.tick(at(10));
    await w.rt.effects.tick(at(10, 1));
    const ref = ((await w.db.knex('cases').where({ id }).first('ref')) as { ref: string }).ref;
    expect((await inbox('grid1', id)).map((n: { title: string }) => n.title)).toEqual([`[Accepted] Case ${ref}: reporter 张*丰, phone 138****1234`]);
    // the officer no longer holds the 受理 task, so their text masks the phone like their case view does
    expect((await inbox('officer', id)).map((n: { title: string }) => n.title)).toEqual([`【受理】案件${ref}已受理，上报人张*丰，电话138****1234`]);
    // the landlord is a resident named by phone: reached by SMS, everything personal masked
    expect(texts.map((x) => [x.to, x.templateId, x.text])).toEqual(expect.arrayContaining([
      ['13700001111', 'accepted', `【受理】案件${ref}已受理，上报人张*丰，电话138****1234`],
      ['13600001234', 'accepted', `【受理】案件${ref}已受理，上报人张*丰，电话138****1234`],
    ]));
    // what leaves through the SMS adapter carries the masked text only, never the reporter's number
    expect(JSON.stringify(await sends(id))).not.toContain('13812341234');
  });

  it('holds what is not urgent until quiet hours end; urgent goes at once', async () => {
    const id = await w.open();
    await w.accept(id);
    await w.rt.effects.tick(at(23));
    const held = await sends(id);
    expect(held.map((r: { available_at: number }) => Number(r.available_at)).sort()).toEqual([at(7, 0, 1), at(7, 30, 1)]); // officer 07:00, resident 07:30
    expect((await inbox('officer', id))).toHaveLength(1); // the inbox is never held back
    await w.rt.effects.tick(at(23, 30));
    expect(texts).toEqual([]);
    await w.rt.effects.tick(at(7, 31, 1));
    await w.rt.effects.tick(at(7, 32, 1));
    expect(texts.map((x) => x.to).sort()).toEqual(['13600001234', '13700001111']);

    texts.length = 0;
    const urgent = await w.open({ description: '燃气泄漏' });
    await w.db.knex('tasks').where({ case_id: urgent }).update({ priority: 0 });
    await w.accept(urgent);
    await w.rt.effects.tick(at(23, 5));
    await w.rt.effects.tick(at(23, 6));
    expect(texts.map((x) => x.to).sort()).toEqual(['13600001234', '13700001111']);
  });

  it('sends the same text to the same person about the same case once within ten minutes', async () => {
    const id = await w.open();
    await w.accept(id);
    await w.rt.effects.tick(at(11));
    const row = await w.db.knex('outbox').where({ case_id: id, kind: 'notify' }).first();
    const { id: _drop, ...copy } = row;
    await w.db.knex('outbox').insert({ ...copy, idempotency_key: `${row.idempotency_key}:again`, status: 'pending', available_at: 0, claim_token: null, claimed_until: null });
    await w.rt.effects.tick(at(11, 5));
    await w.rt.effects.tick(at(11, 6));
    // each recipient of the notice (the reporter, the officer) once: the check covers all of them at once
    expect(await inbox('grid1', id)).toHaveLength(1);
    expect(await inbox('officer', id)).toHaveLength(1);
    expect(texts.filter((x) => x.to === '13700001111')).toHaveLength(1);
  });

  it('refuses a malformed phone or quiet-hours value with a coded error', async () => {
    const token = await w.token('grid2');
    expect((await w.api('PUT', '/api/me/notification-preferences', { token, body: { phone: '12345' } })).body.error.code).toBe('case.data-invalid');
    expect((await w.api('PUT', '/api/me/notification-preferences', { token, body: { quietHours: { start: '25:00', end: '07:00' } } })).body.error.code).toBe('request.invalid');
  });
});
