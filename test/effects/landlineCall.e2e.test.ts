/**
 * Issue 13 (field), landline callers: the call centre's telephony posts a call (caller number, no device)
 * as a signed inbound event; the elderly-call item matches the number to a resident by the registry's
 * keyed lookup hash (a landline with or without the dash), so the case opens at the resident's grid with
 * the elder and emergency contacts from the registry; an unknown number opens the case where the call
 * came in, marked for triage; a number that is no phone number is refused with a coded problem and
 * nothing is created. A resident with no emergency contacts on file still gets the case (before: the
 * intake refused it), marked `noEmergencyContacts`: the community officer is asked to complete the record,
 * and the dispatch reaches the station and the community, no family text going astray. On SQLite and MariaDB.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '@tongban/plugin-sdk';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const GRID = '/510722/510722001/510722001001/510722001001002';
const inboundSecret = 'cti-inbound-secret-0123456789';

/** A GB 11643 ID number with its check digit. */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

describe.each(testDialects)('landline call → elderly call on %s', (dialect) => {
  let w: E2eWorld;
  const call = async (data: Record<string, unknown>, id = randomUUID()) => {
    const body = JSON.stringify({ id, orgPath: '/510722', definition: 'elderly-call', data: { eventType: 'sos', occurredAt: new Date(Date.now() - 5000).toISOString(), ...data } });
    return { id, ...(await w.api('POST', '/ext/webhook/in', { raw: body, headers: { 'content-type': 'application/json', 'x-tongban-signature': signBody(inboundSecret, body, Date.now()) } })) };
  };
  const caseOf = async (eventId: string) => {
    const t = (await w.db.knex('trigger_events').where({ plugin_id: 'webhook', event_id: eventId }).first('case_id')) as { case_id: string } | undefined;
    return t ? (await w.db.knex('cases').where({ id: t.case_id }).first('id', 'org_path', 'state')) as { id: string; org_path: string; state: string } : undefined;
  };
  let residentId: string;
  let aloneId: string;

  beforeAll(async () => {
    w = await e2eWorld(dialect, ['webhook']);
    expect((await w.api('PUT', '/api/adapters/webhook/config', { user: 'county-admin', body: { config: {}, secrets: { inboundSecret } } })).status).toBe(200);
    const made = await w.api('POST', '/api/residents', { user: 'county-admin', body: { name: '钟秀英', idNumber: idNumber('51072219400312246'), orgPath: GRID, phone: '0825-5551234',
      categories: ['elder', 'living-alone'], emergencyContacts: [{ name: '钟伟', phone: '13981112233', relation: '儿子' }] } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    residentId = made.body.id;
    const alone = await w.api('POST', '/api/residents', { user: 'county-admin', body: { name: '罗文秀', idNumber: idNumber('51072219380521246'), orgPath: GRID, phone: '0825-5554321', categories: ['elder', 'living-alone'] } });
    expect(alone.status, JSON.stringify(alone.body)).toBe(201);
    aloneId = alone.body.id;
  }, 60_000);
  afterAll(async () => { await w?.close(); });

  it('a known landline is matched by its lookup hash: the case opens at the resident’s grid with the registry’s elder and contacts', async () => {
    const r = await call({ callerNumber: '08255551234' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const c = (await caseOf(r.id))!;
    expect(c.org_path).toBe(GRID);
    expect(c.state).toBe('care.answering');
    const data = (await w.api('GET', `/api/cases/${c.id}`, { user: 'call-operator-1' })).body.data;
    expect(data).toMatchObject({ callerUnknown: false, elder: { residentId }, gridCode: '510722001001002' });
    expect(data.emergencyContacts).toHaveLength(1);
    // the operators' 接警 task is in the call centre's queue
    const task = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id');
    expect((await w.api('GET', '/api/tasks?status=open&limit=200', { user: 'call-operator-1' })).body.items.map((x: { id: string }) => x.id)).toContain(task.id);
  }, 60_000);

  it('an unknown number opens the case where the call came in, for triage; a non-number is refused and nothing is created', async () => {
    const r = await call({ callerNumber: '0825-5559999' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const c = (await caseOf(r.id))!;
    expect(c.org_path).toBe('/510722');
    expect(c.state).toBe('care.answering');
    const data = (await w.api('GET', `/api/cases/${c.id}`, { user: 'call-operator-1' })).body.data;
    expect(data.callerUnknown).toBe(true);
    expect(data.elder).toBeUndefined();
    const before = (await w.db.knex('cases').count({ n: '*' }).first()) as { n: number };
    const bad = await call({ callerNumber: '12345' });
    expect(bad.status).toBe(422);
    expect(bad.body.reason.code).toBe('trigger.data-invalid');
    expect(JSON.stringify(bad.body)).toContain('/data/callerNumber');
    expect((await w.db.knex('cases').count({ n: '*' }).first()) as { n: number }).toEqual(before);
  }, 60_000);

  it('a registered landline with no emergency contacts opens the case anyway: flagged, the community asked to complete it, dispatch to the station and the community', async () => {
    const r = await call({ callerNumber: '0825-5554321' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const c = (await caseOf(r.id))!;
    expect(c.org_path).toBe(GRID);
    const data = (await w.api('GET', `/api/cases/${c.id}`, { user: 'call-operator-1' })).body.data;
    expect(data).toMatchObject({ callerUnknown: false, noEmergencyContacts: true, elder: { residentId: aloneId } });
    expect(data.emergencyContacts).toBeUndefined();
    // the community officer is asked, in the workbench inbox, to complete the record
    const asked = await w.until('the complete-the-record notice', async () => {
      const rows = (await w.db.knex('notifications').where({ case_id: c.id }).select('user_id', 'body')) as Array<{ user_id: string; body: string }>;
      return rows.find((x) => x.body.includes('补录紧急联系人'));
    });
    expect(asked.user_id).toMatch(/^u-officer-510722001001$/);
    // the operator answers and dispatches: the station and the community are told at once
    const task = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id');
    expect((await w.api('POST', `/api/tasks/${task.id}/claim`, { user: 'call-operator-1', body: {} })).status).toBe(200);
    expect((await w.api('POST', `/api/tasks/${task.id}/complete`, { user: 'call-operator-1', body: { outcome: 'answer', data: { callId: 'call-0301', notes: '老人称头晕' } } })).status).toBe(200);
    const triage = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id');
    const d = await w.api('POST', `/api/tasks/${triage.id}/complete`, { user: 'call-operator-1', body: { outcome: 'dispatch', data: { triageClass: 'emergency_medical' } } });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    const told = await w.until('the dispatch notices', async () => {
      const rows = (await w.db.knex('notifications').where({ case_id: c.id }).select('user_id', 'body')) as Array<{ user_id: string; body: string }>;
      const dispatch = rows.filter((x) => x.body.includes('先接单者前往'));
      return dispatch.some((x) => x.user_id.startsWith('u-provider-')) && dispatch.some((x) => x.user_id.startsWith('u-officer-')) ? rows : undefined;
    });
    // the family's text has no one to go to: it is sent to nobody (not to whoever opened the case)
    expect(told.filter((x) => x.body.includes('您的家人'))).toEqual([]);
    expect(await w.db.knex('outbox').where({ case_id: c.id, kind: 'notify' }).whereNot({ status: 'done' }).count({ n: '*' }).first()).toMatchObject({ n: 0 });
  }, 60_000);
});
