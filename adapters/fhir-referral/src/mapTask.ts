/**
 * A hospital's Task (with its ServiceRequest and Patient contained) as referral case data, and the
 * TaskStatus moves each side may make (interfaces.md §3). Pure, so every gap is tested.
 */
import type { OrgMap } from './settings.ts';

type R = Record<string, any>;

/** TaskStatus moves: requester, owner, either side (cancel), requester (entered-in-error). */
export const MOVES: Record<string, string[]> = {
  draft: ['requested', 'cancelled', 'entered-in-error'],
  requested: ['received', 'accepted', 'rejected', 'cancelled', 'entered-in-error'],
  received: ['accepted', 'rejected', 'cancelled', 'entered-in-error'],
  accepted: ['in-progress', 'failed', 'cancelled', 'entered-in-error'],
  'in-progress': ['on-hold', 'completed', 'failed', 'cancelled', 'entered-in-error'],
  'on-hold': ['in-progress', 'cancelled', 'entered-in-error'],
};

/** The case event a status move sends (`fhir.accepted`, `cancel`, …). */
export function eventFor(status: string): string {
  if (status === 'cancelled') return 'cancel';
  if (status === 'entered-in-error') return 'enter_in_error';
  return `fhir.${status.replace(/-/g, '_')}`;
}

const SERVICES = ['outpatient', 'inpatient', 'examination', 'rehabilitation', 'follow-up'];
const INSURANCE = ['urban-employee', 'urban-rural-resident', 'commercial', 'self-pay'];
/** China resident identity card (GB 11643) identifier system. */
export const ID_SYSTEM = 'urn:oid:2.16.156.10011.1.1';
/** Our code systems for what FHIR leaves open. */
export const SYSTEMS = { service: 'urn:tongban:referral-service', insurance: 'urn:tongban:insurance-type', icd10: 'http://hl7.org/fhir/sid/icd-10' };

function contained(task: R, ref: R | undefined, type: string): R | undefined {
  const id = typeof ref?.reference === 'string' && ref.reference.startsWith('#') ? ref.reference.slice(1) : undefined;
  return (task.contained ?? []).find((c: R) => c.resourceType === type && (id === undefined || c.id === id));
}

function age(birthDate: string, now: number): number {
  const b = new Date(birthDate);
  const n = new Date(now);
  return n.getUTCFullYear() - b.getUTCFullYear() - (n.getUTCMonth() * 100 + n.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate() ? 1 : 0);
}

const input = (task: R, name: string) => (task.input ?? []).find((i: R) => i.type?.text === name);

/** Case data for a new down-referral from the hospital, or the list of what is missing. */
export function caseDataOf(task: R, orgs: OrgMap[], now: number): { ok: true; data: R; orgPath: string } | { ok: false; missing: string[] } {
  const sr = contained(task, task.focus, 'ServiceRequest');
  const patient = contained(task, task.for, 'Patient');
  const from = orgs.find((o) => o.reference === task.requester?.reference);
  const to = orgs.find((o) => o.reference === task.owner?.reference);
  const phone = (patient?.telecom ?? []).find((c: R) => c.system === 'phone')?.value;
  const idNumber = (patient?.identifier ?? []).find((i: R) => i.system === ID_SYSTEM)?.value;
  const insurance = (patient?.extension ?? []).find((e: R) => e.url === SYSTEMS.insurance)?.valueCode;
  const service = (sr?.code?.coding ?? []).find((c: R) => c.system === SYSTEMS.service)?.code;
  const reason = sr?.reasonCode?.[0];
  const consent = (sr?.supportingInfo ?? []).map((s: R) => s.reference).find((x: unknown) => typeof x === 'string' && x.startsWith('Consent/'));
  const data: R = {
    direction: 'down', urgency: task.priority ?? 'routine', requestedService: service,
    preferredDate: typeof sr?.occurrenceDateTime === 'string' ? sr.occurrenceDateTime.slice(0, 10) : undefined,
    patient: patient && { name: patient.name?.[0]?.text, sex: patient.gender, age: patient.birthDate ? age(patient.birthDate, now) : undefined, phone, insuranceType: insurance },
    patientIdNumber: idNumber, referringOrg: from?.orgPath, referringClinician: sr?.requester?.display, targetOrg: to?.orgPath, targetDepartment: sr?.performer?.[0]?.display,
    diagnosisCode: (reason?.coding ?? []).find((c: R) => c.system === SYSTEMS.icd10)?.code, diagnosisText: reason?.text, chiefComplaint: sr?.note?.[0]?.text, summary: task.description,
    dischargeDiagnosis: input(task, 'dischargeDiagnosis')?.valueString, rehabPlan: input(task, 'rehabPlan')?.valueString, revisitDate: input(task, 'revisitDate')?.valueDate,
    consentRef: consent?.slice('Consent/'.length),
  };
  const missing = [
    !sr && 'Task.focus → contained ServiceRequest', !patient && 'Task.for → contained Patient', !from && 'Task.requester (a known Organization)', !to && 'Task.owner (a known Organization)',
    !SERVICES.includes(service) && `ServiceRequest.code (${SYSTEMS.service})`, !data.preferredDate && 'ServiceRequest.occurrenceDateTime',
    !data.patient?.name && 'Patient.name.text', !['male', 'female'].includes(data.patient?.sex) && 'Patient.gender', data.patient?.age === undefined && 'Patient.birthDate',
    !phone && 'Patient.telecom (phone)', !INSURANCE.includes(insurance) && `Patient.extension (${SYSTEMS.insurance})`, !idNumber && `Patient.identifier (${ID_SYSTEM})`,
    !data.referringClinician && 'ServiceRequest.requester.display', !data.targetDepartment && 'ServiceRequest.performer.display', !data.diagnosisCode && 'ServiceRequest.reasonCode (ICD-10)',
    !data.consentRef && 'ServiceRequest.supportingInfo (Consent/…)',
  ].filter((x): x is string => typeof x === 'string');
  if (missing.length) return { ok: false, missing };
  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
  return { ok: true, data, orgPath: to!.orgPath };
}
