import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost, type TestHost } from '@tongban/plugin-sdk';
import fhirReferral from './index.ts';
import { validateFhir } from './validateFhir.ts';
import { startFakeHospital, type FakeHospital } from './testing/fakeHospital.ts';
import { organizations, referralTask } from './testing/referralTask.ts';

const TOKEN = 'county-hospital-token-0001';
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/fhir+json' };
let hospital: FakeHospital;
beforeAll(async () => { hospital = await startFakeHospital(); });
afterAll(() => hospital.close());
const host = (push = false): Promise<TestHost> => createTestHost(fhirReferral, { config: { organizations, ...(push ? { hospitalBaseUrl: hospital.url } : {}) }, secrets: { clients: [{ name: 'county-hospital', token: TOKEN }] }, now: Date.UTC(2025, 2, 4, 2) });
const json = (r: { body?: unknown }) => JSON.parse(String(r.body)) as Record<string, any>;

describe('FHIR R4 validation', () => {
  it('accepts the interfaces.md examples and refuses bad codes, unknown elements, inv-1 and prr-1', () => {
    const task = { resourceType: 'Task', id: 't-1', status: 'requested', intent: 'order', priority: 'urgent', code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
      focus: { reference: 'ServiceRequest/sr-1' }, for: { reference: 'Patient/p-1' }, authoredOn: '2025-03-04T09:12:00+08:00', lastModified: '2025-03-04T09:12:00+08:00',
      requester: { reference: 'Organization/station-03' }, owner: { reference: 'Organization/county-hospital' } };
    expect(validateFhir(task)).toEqual([]);
    expect(validateFhir({ resourceType: 'ServiceRequest', id: 'sr-1', status: 'active', intent: 'order', priority: 'urgent', code: { text: '上转 心内科门诊' }, subject: { reference: 'Patient/p-1' } })).toEqual([]);
    expect(validateFhir({ ...task, status: 'bogus', colour: 'red' }).map((i) => i.expression)).toEqual(['Task.colour', 'Task.status']);
    expect(validateFhir({ ...task, lastModified: '2025-03-01T00:00:00+08:00' })).toEqual([expect.objectContaining({ text: expect.stringMatching(/^inv-1/) })]);
    expect(validateFhir({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p' }, orderDetail: [{ text: 'x' }] })).toEqual([expect.objectContaining({ text: expect.stringMatching(/^prr-1/) })]);
    expect(validateFhir(referralTask())).toEqual([]);
  });
});

describe('fhir-referral endpoint', () => {
  it('a hospital’s new Task opens a down-referral case; read, search and a repeated POST answer without a second case', async () => {
    const h = await host();
    const created = await h.request('POST', '/Task', { headers: auth, body: referralTask() });
    expect(created.status).toBe(201);
    expect(created.headers).toMatchObject({ etag: 'W/"1"', location: 'Task/hosp-t-1/_history/1', 'content-type': expect.stringContaining('application/fhir+json') });
    expect(h.emitted[0]!.event).toMatchObject({ source: 'external', start: { orgPath: '/510722/510722100/510722100902', definition: 'referral' } });
    expect(h.emitted[0]!.event.data).toMatchObject({ direction: 'down', requestedService: 'follow-up', referringOrg: '/510722/510722903', targetOrg: '/510722/510722100/510722100902',
      patient: { name: '吕桂兰', sex: 'female', age: 76, phone: '17728095028', insuranceType: 'urban-rural-resident' }, patientIdNumber: '510722194805013963', diagnosisCode: 'I25.1',
      consentRef: 'CONSENT-2025-0042', revisitDate: '2099-06-01', fhirTaskId: 'hosp-t-1' });
    expect(json(await h.request('GET', '/Task/hosp-t-1', { headers: auth }))).toMatchObject({ id: 'hosp-t-1', status: 'requested', meta: { versionId: '1' } });
    expect(json(await h.request('GET', '/Task', { headers: auth, query: { status: 'requested' } }))).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(json(await h.request('GET', '/Task', { headers: auth, query: { status: 'accepted' } })).total).toBe(0);
    expect((await h.request('POST', '/Task', { headers: auth, body: referralTask() })).status).toBe(200);
    expect(h.emitted).toHaveLength(1);
    h.assertNothingPersonalLogged(['吕桂兰', '510722194805013963']);
  });

  it('status moves advance the case under If-Match; illegal moves, stale versions, bad resources and missing tokens are refused with OperationOutcomes', async () => {
    const h = await host();
    await h.request('POST', '/Task', { headers: auth, body: referralTask('t-2') });
    const cur = json(await h.request('GET', '/Task/hosp-t-2', { headers: auth }));
    const cancel = await h.request('PUT', '/Task/hosp-t-2', { headers: { ...auth, 'if-match': 'W/"1"' }, body: { ...cur, status: 'cancelled', statusReason: { text: '患者转院' } } });
    expect(cancel.status).toBe(200);
    expect(h.emitted[1]!.event.advance).toEqual({ caseId: 'case-1', event: 'cancel', comment: '患者转院' });
    expect((await h.request('PUT', '/Task/hosp-t-2', { headers: { ...auth, 'if-match': 'W/"1"' }, body: { ...cur, status: 'cancelled' } })).status).toBe(412);
    await h.request('POST', '/Task', { headers: auth, body: referralTask('t-5') });
    const t5 = json(await h.request('GET', '/Task/hosp-t-5', { headers: auth }));
    expect((await h.request('PUT', '/Task/hosp-t-5', { headers: auth, body: { ...t5, status: 'accepted', restriction: { period: { start: '2025-03-06T09:30:00+08:00' } } } })).status).toBe(200);
    expect(h.emitted.at(-1)!.event).toMatchObject({ data: { appointmentAt: '2025-03-06T09:30:00+08:00' }, advance: { event: 'fhir.accepted' } });
    const back = await h.request('PUT', '/Task/hosp-t-2', { headers: auth, body: { ...cur, status: 'in-progress' } });
    expect(back.status).toBe(422);
    expect(json(back)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule' }] });
    const bad = await h.request('POST', '/Task', { headers: auth, body: { ...referralTask('t-3'), status: 'bogus' } });
    expect(bad.status).toBe(400);
    expect(json(bad).issue[0]).toMatchObject({ code: 'invalid', expression: ['Task.status'] });
    const gaps = await h.request('POST', '/Task', { headers: auth, body: { ...referralTask('t-4'), owner: { reference: 'Organization/unknown' } } });
    expect(json(gaps).issue.map((i: { diagnostics: string }) => i.diagnostics)).toEqual(['missing Task.owner (a known Organization)']);
    expect((await h.request('GET', '/Task/hosp-t-2')).status).toBe(401);
    expect((await h.request('POST', '/Task', { headers: auth, body: '{' })).status).toBe(400);
  });
});

describe('fhir-referral operations', () => {
  it('create-task builds a valid up-referral and puts it to the hospital (idempotent id); no consent, no health data leaves', async () => {
    const h = await host(true);
    const input = { direction: 'up', priority: 'urgent', service: 'outpatient', owner: '/510722/510722903', requester: '/510722/510722100/510722100902', diagnosisCode: 'I20.9', consentRef: 'CONSENT-2025-0031', caseId: 'case-9' };
    const a = await h.invoke('create-task', input, { idempotencyKey: 'case-9:r1' });
    expect(a).toMatchObject({ ok: true, output: { id: expect.stringMatching(/^tb-/) } });
    expect(await h.invoke('create-task', input, { idempotencyKey: 'case-9:r1', attempt: 2 })).toEqual(a.ok ? { ...a, ms: expect.any(Number) } : a);
    const id = a.ok ? (a.output as { id: string }).id : '';
    expect(hospital.tasks.get(id)).toMatchObject({ status: 'requested', owner: { reference: 'Organization/county-hospital' } });
    expect(await h.invoke('create-task', { ...input, consentRef: undefined, caseId: 'case-10' })).toMatchObject({ ok: false, error: { code: 'fhir.no-consent', retryable: false } });
    expect(await h.invoke('update-task', { taskId: id, status: 'cancelled', statusReason: '患者已好转' })).toMatchObject({ ok: true, output: { status: 'cancelled', version: 2 } });
    expect(hospital.puts.at(-1)).toMatchObject({ id, status: 'cancelled' });
    expect(await h.invoke('update-task', { taskId: id, status: 'accepted' })).toMatchObject({ ok: false, error: { code: 'fhir.invalid-transition' } });
    hospital.script.push(503);
    const h2 = await host(true);
    expect(await h2.invoke('create-task', { ...input, caseId: 'case-11' })).toMatchObject({ ok: false, error: { code: 'http.server-error', retryable: true } });
  });
});
