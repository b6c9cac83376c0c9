/**
 * Residents from a sheet: each row read into a resident (grid code, 男/女, categories by their
 * Chinese names, one emergency contact), checked like the API checks one (GB 11643, mobile, grid),
 * de-duplicated within the sheet (ID number, phone), scoped to the admin's subtree, and planned as an
 * upsert by ID number (keyed hash): new, changed or unchanged — so a re-import changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../errors/DomainError.ts';
import { orgPathOf } from '../../identity/orgPath.ts';
import { mayAt } from '../registryScope.ts';
import { residentCategories, residentCategoryIds, type ResidentCategory } from '../registryKinds.ts';
import { checkResident, normalizeResident, residentOf, residentRow, type ResidentInput, type ResidentRow } from '../residents/residentRecord.ts';
import { changedFields } from '../residents/KnexResidentStore.ts';
import { insertChunks, type ImportPlan, type KindImporter } from './importContext.ts';
import type { ProblemList, SheetRecord } from './importReport.ts';

const categoryByLabel = new Map<string, ResidentCategory>(residentCategoryIds.flatMap((id) => [[id, id], [residentCategories[id].zh, id], [residentCategories[id].en.toLowerCase(), id]] as Array<[string, ResidentCategory]>));
const sexByLabel: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
/** Where an API field's problem sits in the sheet. */
const columnOfField = (field: string) => (field === 'orgPath' ? 'gridCode' : field.startsWith('emergencyContacts') ? 'contactPhone' : field);

/** A row as a resident input (cells that could not be read are left empty; their problems are reported). */
function inputOf(rec: SheetRecord, problems: ProblemList): ResidentInput {
  const v = rec.values;
  const orgPath = v.gridCode ? orgPathOf(v.gridCode) : undefined;
  if (v.gridCode && !orgPath) problems.add(rec, 'gridCode', 'org.bad-code');
  const sex = v.sex ? sexByLabel[v.sex.toLowerCase()] : undefined;
  if (v.sex && !sex) problems.add(rec, 'sex', 'sex.invalid');
  const birthDate = v.birthDate?.replace(/[/.年月]/g, '-').replace(/日$/, '').replace(/-(\d)(?=-|$)/g, '-0$1');
  if (birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) problems.add(rec, 'birthDate', 'date.invalid');
  const categories = (v.categories ?? '').split(/[、,，;；\s]+/).filter(Boolean).map((c) => {
    const id = categoryByLabel.get(c.toLowerCase());
    if (!id) problems.add(rec, 'categories', 'category.unknown');
    return id;
  }).filter((x): x is ResidentCategory => !!x);
  // the other fields are still checked when one cell failed (an unreadable grid is '' here, its
  // problem already reported): the report lists every problem of the row
  const input: ResidentInput = { name: v.name ?? '', idNumber: v.idNumber ?? '', orgPath: orgPath ?? '', sex, birthDate, phone: v.phone, address: v.address, categories, householdId: v.householdId, householdRelation: v.householdRelation };
  if (v.contactName || v.contactPhone) input.emergencyContacts = [{ name: v.contactName ?? '', phone: v.contactPhone ?? '', ...(v.contactRelation ? { relation: v.contactRelation } : {}) }];
  return normalizeResident(input);
}

/** Keeps the stored value of every field whose column the sheet does not have. */
function mergeAbsent(rec: SheetRecord, input: ResidentInput, before: ResidentInput): ResidentInput {
  const out = { ...input };
  const has = (k: string) => k in rec.at;
  if (!has('sex')) out.sex = before.sex ?? input.sex;
  if (!has('birthDate')) out.birthDate = before.birthDate ?? input.birthDate;
  for (const k of ['phone', 'address', 'categories', 'householdId', 'householdRelation'] as const) if (!has(k)) (out as Record<string, unknown>)[k] = before[k];
  if (!has('contactName') && !has('contactPhone')) out.emergencyContacts = before.emergencyContacts;
  out.userId = before.userId;
  return out;
}

export const residentImporter: KindImporter = {
  async plan(records, problems, ctx): Promise<ImportPlan> {
    const { codec, knex } = ctx;
    const ok: Array<{ rec: SheetRecord; input: ResidentInput; hmac: string }> = [];
    const seenId = new Map<string, number>();
    const seenPhone = new Map<string, number>();
    for (const rec of records) {
      const input = inputOf(rec, problems);
      for (const p of checkResident(input, (path) => ctx.orgPaths.has(path))) if (!problems.hasAt(rec.row, columnOfField(p.field))) problems.add(rec, columnOfField(p.field), p.code, p.severity);
      if (!input.idNumber) continue;
      if (seenId.has(input.idNumber)) problems.add(rec, 'idNumber', 'id-number.duplicate');
      else seenId.set(input.idNumber, rec.row);
      if (input.phone) { if (seenPhone.has(input.phone)) problems.add(rec, 'phone', 'phone.duplicate'); else seenPhone.set(input.phone, rec.row); }
      if (!problems.hasError(rec.row) && !mayAt(ctx.ability, 'manage', 'Resident', input.orgPath)) problems.add(rec, 'gridCode', 'org.out-of-scope');
      if (!problems.hasError(rec.row)) ok.push({ rec, input, hmac: codec.hmac(input.idNumber) });
    }
    // what is stored under these ID numbers (and these phones, for residents the sheet does not name)
    const stored = new Map<string, ResidentRow>();
    const phoneOwners = new Map<string, string>();
    for (let i = 0; i < ok.length; i += 500) {
      const part = ok.slice(i, i + 500);
      for (const r of (await knex('residents').whereIn('id_hmac', part.map((x) => x.hmac))) as ResidentRow[]) stored.set(r.id_hmac, r);
      const phones = part.map((x) => x.input.phone).filter((p): p is string => !!p).map((p) => codec.hmac(p));
      for (const r of (await knex('residents').whereIn('phone_hmac', phones).select('phone_hmac', 'id_hmac')) as Array<{ phone_hmac: string; id_hmac: string }>) phoneOwners.set(r.phone_hmac, r.id_hmac);
    }
    // sealed only when written: a dry run encrypts nothing
    const inserts: Array<() => ResidentRow> = [];
    const updates: Array<() => ResidentRow> = [];
    let unchanged = 0;
    const paths = new Set<string>();
    const at = Date.now();
    for (const x of ok) {
      const before = stored.get(x.hmac);
      if (before && !mayAt(ctx.ability, 'manage', 'Resident', before.org_path)) { problems.add(x.rec, 'idNumber', 'org.out-of-scope'); continue; }
      const owner = x.input.phone ? phoneOwners.get(codec.hmac(x.input.phone)) : undefined;
      if (owner && owner !== x.hmac) problems.add(x.rec, 'phone', 'phone.taken', 'warning');
      if (!before) { paths.add(x.input.orgPath); inserts.push(() => residentRow(`r-${randomUUID()}`, x.input, codec, { version: 1, createdAt: at, at, by: ctx.actor.id })); continue; }
      const old = residentOf(before, codec);
      const input = mergeAbsent(x.rec, x.input, old);
      if (!changedFields(old, input).length) { unchanged++; continue; }
      updates.push(() => residentRow(before.id, input, codec, { version: Number(before.version) + 1, createdAt: Number(before.created_at), at, by: ctx.actor.id }));
      paths.add(input.orgPath);
    }
    return {
      created: inserts.length, updated: updates.length, unchanged,
      orgPaths: [...paths],
      async write(trx) {
        await insertChunks(trx, 'residents', inserts.map((seal) => seal()));
        // the version read at planning time guards each update: an edit made meanwhile fails the import
        for (const r of updates.map((seal) => seal())) if (!(await trx('residents').where({ id: r.id, version: r.version - 1 }).update(r))) throw new ConflictError('resident.version-conflict', { id: r.id });
      },
    };
  },
};
