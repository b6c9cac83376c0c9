/**
 * Issue 8, item 5: a referral created over FHIR by a hospital client (fhir-kit-client from npm) opens
 * a referral case and its Task moves the case; the case's answer (the health station accepts) reaches
 * the hospital — pushed to the hospital's FHIR server stand-in and readable back by the client.
 * SQLite and MariaDB.
 */
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHospital, type FakeHospital } from '../../adapters/fhir-referral/src/testing/fakeHospital.ts';
import { organizations, referralTask } from '../../adapters/fhir-referral/src/testing/referralTask.ts';
import { testDialects } from '../../runtime/src/testing/testDbs.ts';
import { e2eWorld, type E2eWorld } from './testing/e2eWorld.ts';

const TOKEN = 'county-hospital-e2e-token-01';

describe.each(testDialects)('FHIR referral ↔ case on %s', (dialect) => {
  let w: E2eWorld;
  let hospital: FakeHospital;
  let client: Client;
  beforeAll(async () => {
    hospital = await startFakeHospital();
    w = await e2eWorld(dialect, ['fhir-referral']);
    const put = await w.api('PUT', '/api/adapters/fhir-referral/config', { user: 'county-admin', body: { config: { organizations, hospitalBaseUrl: hospital.url }, secrets: { clients: [{ name: 'county-hospital', token: TOKEN }] } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    client = new Client({ baseUrl: `${w.url}/ext/fhir-referral`, customHeaders: { Authorization: `Bearer ${TOKEN}` } });
  }, 60_000);
  afterAll(async () => { await w?.close(); await hospital?.close(); });

  it('the hospital’s Task opens the case, the station’s acceptance reaches the hospital, the hospital’s update moves the case', async () => {
    // the patient's separate consent to share health data in the referral, in the county's registry (the Task names it)
    const consent = await w.rt.consents.record({ subjectName: '吕桂兰', subjectIdNumber: '510722194805013963', orgPath: '/510722/510722100/510722100902', purpose: 'share-hospital',
      dataCategories: ['health', 'name', 'phone'], recipients: ['县人民医院', '太和镇卫生院'], evidence: '转诊知情同意书', grantedAt: Date.now() }, { id: 'u-county-admin', roles: ['county-admin'] }, Date.now());
    // a Task naming a consent the registry does not hold opens nothing
    await expect(client.create({ resourceType: 'Task', body: referralTask('h-76', new Date(Date.now() - 60_000).toISOString()) as never })).rejects.toMatchObject({ response: { status: 422 } });
    expect(await w.db.knex('cases').where({ definition_id: 'referral' }).first('id')).toBeUndefined();
    const created = (await client.create({ resourceType: 'Task', body: referralTask('h-77', new Date(Date.now() - 60_000).toISOString(), consent.id) as never })) as unknown as { id: string; status: string };
    expect(created).toMatchObject({ id: 'hosp-h-77', status: 'requested' });
    const c = await w.until('the referral case', async () => (await w.db.knex('cases').where({ definition_id: 'referral', created_by: 'external' }).first('id', 'org_path', 'state')) as { id: string; org_path: string; state: string } | undefined);
    expect(c.org_path).toBe('/510722/510722100/510722100902');
    // the create-task call of the case's first step finds the hospital's Task: fhirTaskId is the hospital's
    await w.until('fhir.created', async () => JSON.parse(((await w.db.knex('cases').where({ id: c.id }).first('snapshot')) as { snapshot: string }).snapshot).context.data.fhirTaskId === 'hosp-h-77' || undefined);
    const task = await w.db.knex('tasks').where({ case_id: c.id, status: 'pending' }).first('id', 'state');
    const queue = await w.api('GET', '/api/tasks?status=open&limit=200', { user: 'health-referral-510722100902' });
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(task.id);
    const accept = await w.api('POST', `/api/tasks/${task.id}/complete`, { user: 'health-referral-510722100902', body: { outcome: 'accept', data: { appointmentAt: new Date(Date.now() + 86_400_000).toISOString() } } });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    await w.until('the hospital to hear “accepted”', async () => hospital.puts.find((p) => p.id === 'hosp-h-77' && p.status === 'accepted'));
    const read = (await client.read({ resourceType: 'Task', id: 'hosp-h-77' })) as unknown as { status: string; meta: { versionId: string } };
    expect(read.status).toBe('accepted');
    // the hospital sees the patient arrive: in-progress moves the case
    const updated = (await client.update({ resourceType: 'Task', id: 'hosp-h-77', body: { ...read, status: 'in-progress' } as never, options: { headers: { 'If-Match': `W/"${read.meta.versionId}"` } } })) as unknown as { status: string };
    expect(updated.status).toBe('in-progress');
    expect((await w.db.knex('cases').where({ id: c.id }).first('state')).state).toMatch(/in_progress$/);
    const found = (await client.search({ resourceType: 'Task', searchParams: { status: 'in-progress' } })) as unknown as { total: number; entry: Array<{ resource: { id: string } }> };
    expect(found.entry.map((e) => e.resource.id)).toEqual(['hosp-h-77']);
    // an illegal move is refused with an OperationOutcome and changes nothing
    await expect(client.update({ resourceType: 'Task', id: 'hosp-h-77', body: { ...read, status: 'requested' } as never })).rejects.toMatchObject({ response: { status: 422 } });
  }, 60_000);
});
