/**
 * A resident as the API and the importer give it, its checks (GB 11643 ID number, mainland mobile,
 * a grid of the county, known categories) and its row form with personal data sealed: ID number,
 * phone and emergency contacts encrypted, keyed hashes for lookup (personal-data.md §2 storage).
 */
import { idNumberProblem, idNumberBirthDate, idNumberSex } from '@tongban/engine';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';
import { depthOfPath, isOrgPath, orgLevelsOf } from '../../identity/orgPath.ts';
import { fieldProblem, type FieldProblem } from '../fieldProblems.ts';
import { residentCategoryIds, type ResidentCategory, type ResidentRetireReason } from '../registryKinds.ts';
import { normalizeIdNumber, normalizePhone } from '../normalizeText.ts';

/** An emergency contact. */
export interface Contact { name: string; phone: string; relation?: string }

/** A resident's editable fields (plain values). */
export interface ResidentInput {
  name: string; idNumber: string; orgPath: string;
  sex?: 'male' | 'female'; birthDate?: string; phone?: string; address?: string;
  categories?: ResidentCategory[]; householdId?: string; householdRelation?: string;
  emergencyContacts?: Contact[]; userId?: string;
}

/** A stored resident, opened (plain values). */
export interface Resident extends ResidentInput {
  id: string; version: number; createdAt: number; updatedAt: number; updatedBy?: string;
  /** set when the resident moved away or died: out of lists and device bindings, kept for the history */
  retiredAt?: number; retiredReason?: ResidentRetireReason;
}

/** The stored row. */
export interface ResidentRow {
  id: string; name: string; name_sort: string; sex: string | null; birth_date: string | null; id_number: string; id_hmac: string;
  phone: string | null; phone_hmac: string | null; address: string | null; categories: string; household_id: string | null; household_relation: string | null;
  contacts: string | null; user_id: string | null; version: number; created_at: number; updated_at: number; updated_by: string | null;
  retired_at?: number | null; retired_reason?: string | null;
  org_path: string; org_l1: string | null; org_l2: string | null; org_l3: string | null; org_l4: string | null;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** A resident's own phone may be a landline (area code + number): the care hotline matches callers by it. */
const PHONE = /^(?:1[3-9]\d{9}|0\d{9,11})$/;


/** Normalizes the typed forms (full-width, spaces) of an input, without judging it. */
export function normalizeResident(input: ResidentInput): ResidentInput {
  const out: ResidentInput = { ...input, name: input.name.trim(), idNumber: normalizeIdNumber(input.idNumber) };
  if (input.phone !== undefined) out.phone = normalizePhone(input.phone) || undefined;
  if (input.emergencyContacts) out.emergencyContacts = input.emergencyContacts.map((c) => ({ ...c, phone: normalizePhone(c.phone) }));
  if (!out.birthDate) out.birthDate = idNumberBirthDate(out.idNumber);
  if (!out.sex && !idNumberProblem(out.idNumber)) out.sex = idNumberSex(out.idNumber);
  return out;
}

/** Field problems of a normalized input; `orgExists` says whether a grid path is a unit of the county. */
export function checkResident(r: ResidentInput, orgExists: (path: string) => boolean): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!r.name) p.push(fieldProblem('name', 'required'));
  else if ([...r.name].length > 50) p.push(fieldProblem('name', 'too-long'));
  if (!r.idNumber) p.push(fieldProblem('idNumber', 'required'));
  else {
    const bad = idNumberProblem(r.idNumber);
    if (bad) p.push(fieldProblem('idNumber', `id-number.${bad}`));
    else {
      if (r.birthDate && r.birthDate !== idNumberBirthDate(r.idNumber)) p.push(fieldProblem('birthDate', 'birth-date.mismatch'));
      if (r.sex && r.sex !== idNumberSex(r.idNumber)) p.push(fieldProblem('sex', 'sex.mismatch'));
    }
  }
  if (r.phone && !PHONE.test(r.phone)) p.push(fieldProblem('phone', 'phone.invalid-or-landline'));
  if (!isOrgPath(r.orgPath)) p.push(fieldProblem('orgPath', 'org.bad-code'));
  else if (depthOfPath(r.orgPath) !== 4) p.push(fieldProblem('orgPath', 'org.not-grid'));
  else if (!orgExists(r.orgPath)) p.push(fieldProblem('orgPath', 'org.unknown'));
  for (const c of r.categories ?? []) if (!residentCategoryIds.includes(c)) p.push(fieldProblem('categories', 'category.unknown'));
  if (r.address && [...r.address].length > 200) p.push(fieldProblem('address', 'too-long'));
  r.emergencyContacts?.forEach((c, i) => { if (!MOBILE.test(c.phone)) p.push(fieldProblem(`emergencyContacts/${i}/phone`, 'phone.invalid')); });
  return p;
}

/** The row of a checked input: personal data sealed, keyed hashes for lookups, org levels for scope. */
export function residentRow(id: string, r: ResidentInput, codec: PiiCodec, meta: { version: number; createdAt: number; at: number; by?: string }): ResidentRow {
  return {
    id, name: r.name, name_sort: r.name.slice(0, 100), sex: r.sex ?? null, birth_date: r.birthDate ?? null,
    id_number: codec.encrypt(r.idNumber), id_hmac: codec.hmac(r.idNumber),
    phone: r.phone ? codec.encrypt(r.phone) : null, phone_hmac: r.phone ? codec.hmac(r.phone) : null,
    address: r.address ?? null, categories: (r.categories ?? []).join(','), household_id: r.householdId ?? null, household_relation: r.householdRelation ?? null,
    contacts: r.emergencyContacts?.length ? codec.encrypt(JSON.stringify(r.emergencyContacts)) : null, user_id: r.userId ?? null,
    version: meta.version, created_at: meta.createdAt, updated_at: meta.at, updated_by: meta.by ?? null,
    org_path: r.orgPath, ...orgLevelsOf(r.orgPath),
  };
}

/** A stored row opened: plain values (masking happens at the API boundary, residentView.ts). */
export function residentOf(row: ResidentRow, codec: PiiCodec): Resident {
  const out: Resident = {
    id: row.id, name: row.name, idNumber: codec.decrypt(row.id_number), orgPath: row.org_path,
    categories: row.categories ? (row.categories.split(',') as ResidentCategory[]) : [],
    version: Number(row.version), createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
  };
  if (row.sex) out.sex = row.sex as 'male' | 'female';
  if (row.birth_date) out.birthDate = row.birth_date;
  if (row.phone) out.phone = codec.decrypt(row.phone);
  if (row.address) out.address = row.address;
  if (row.household_id) out.householdId = row.household_id;
  if (row.household_relation) out.householdRelation = row.household_relation;
  if (row.contacts) out.emergencyContacts = JSON.parse(codec.decrypt(row.contacts)) as Contact[];
  if (row.user_id) out.userId = row.user_id;
  if (row.updated_by) out.updatedBy = row.updated_by;
  if (row.retired_at !== null && row.retired_at !== undefined) out.retiredAt = Number(row.retired_at);
  if (row.retired_reason) out.retiredReason = row.retired_reason as ResidentRetireReason;
  return out;
}
