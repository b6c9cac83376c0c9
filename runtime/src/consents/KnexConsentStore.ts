/**
 * The consent registry (personal-data.md §4): each record holds the person (keyed hash of the ID
 * number, masked forms for display), purpose, data categories, recipients, the separate-consent
 * flag, guardian, evidence, time and withdrawal. Recording and withdrawing are audited in the same
 * transaction; a withdrawal blocks every later check. Reads are scoped in SQL by the resident's org.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { maskValue } from '@tongban/engine';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import type { Action, AppAbility } from '../authz/defineAbilities.ts';
import { ConflictError, NotFoundError } from '../errors/DomainError.ts';
import { orgLevelsOf } from '../identity/orgPath.ts';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import type { ConsentProblem, ConsentPurpose } from './consentPurposes.ts';

/** A consent as the API shows it (never the ID number or the full name). */
export interface Consent {
  id: string; subjectName: string; subjectIdNumber: string; orgPath: string; purpose: ConsentPurpose; dataCategories: string[]; recipients: string[];
  separate: boolean; guardianName: string | null; evidence: string; grantedAt: number; expiresAt: number | null; status: 'active' | 'withdrawn';
  recordedBy: string; recordedAt: number; withdrawnBy: string | null; withdrawnAt: number | null; withdrawReason: string | null;
}

/** What recording a consent takes. */
export interface ConsentInput {
  subjectName: string; subjectIdNumber: string; orgPath: string; purpose: ConsentPurpose; dataCategories: string[]; recipients: string[];
  guardianName?: string; evidence: string; grantedAt: number; expiresAt?: number;
  /** a fixed id (seeding the sample county only; the API always lets the store choose) */
  id?: string;
}

/** How a consent stands at a moment (`standing`): no person in it. */
export interface ConsentStanding { purpose: ConsentPurpose; status: 'active' | 'withdrawn' | 'expired'; grantedAt: number; expiresAt: number | null; withdrawnAt: number | null }

/** Who did it (audit). */
export interface ConsentActor { id: string; roles: string[] }

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toConsent(r: Row): Consent {
  return {
    id: String(r.id), subjectName: String(r.subject_name_masked), subjectIdNumber: String(r.subject_id_masked), orgPath: String(r.org_path),
    purpose: r.purpose as ConsentPurpose, dataCategories: JSON.parse(String(r.data_categories)) as string[], recipients: JSON.parse(String(r.recipients)) as string[],
    separate: Boolean(r.separate), guardianName: (r.guardian_name_masked as string | null) ?? null, evidence: String(r.evidence),
    grantedAt: Number(r.granted_at), expiresAt: num(r.expires_at), status: r.status as Consent['status'], recordedBy: String(r.recorded_by), recordedAt: Number(r.recorded_at),
    withdrawnBy: (r.withdrawn_by as string | null) ?? null, withdrawnAt: num(r.withdrawn_at), withdrawReason: (r.withdraw_reason as string | null) ?? null,
  };
}

/** The consent registry on the runtime's database. */
export class KnexConsentStore {
  constructor(private readonly knex: Knex, private readonly dialect: 'sqlite' | 'mysql', private readonly codec: PiiCodec) {}

  /** Records a separate consent; audited (`consent.recorded`, no personal data in the entry). */
  async record(input: ConsentInput, actor: ConsentActor, at: number): Promise<Consent> {
    const row = {
      id: input.id ?? `cs-${randomUUID()}`, subject_hmac: this.codec.hmac(input.subjectIdNumber),
      subject_name_masked: String(maskValue('name', input.subjectName)), subject_id_masked: String(maskValue('id-number', input.subjectIdNumber)),
      org_path: input.orgPath, ...orgLevelsOf(input.orgPath), purpose: input.purpose, data_categories: JSON.stringify(input.dataCategories), recipients: JSON.stringify(input.recipients),
      separate: true, guardian_name_masked: input.guardianName ? String(maskValue('name', input.guardianName)) : null, evidence: input.evidence,
      granted_at: input.grantedAt, expires_at: input.expiresAt ?? null, status: 'active', recorded_by: actor.id, recorded_at: at,
      withdrawn_by: null, withdrawn_at: null, withdraw_reason: null,
    };
    await this.knex.transaction(async (trx) => {
      await trx('consents').insert(row);
      await appendAudit(trx, this.dialect, [{ at, actorId: actor.id, actorRoles: actor.roles, orgPath: input.orgPath, action: 'consent.recorded',
        detail: { consentId: row.id, purpose: input.purpose, dataCategories: input.dataCategories, recipients: input.recipients } }]);
    });
    return toConsent(row);
  }

  /** True when a consent with this id is recorded (seeding stays idempotent). */
  async exists(id: string): Promise<boolean> {
    return !!(await this.knex('consents').where({ id }).first('id'));
  }

  /** One consent the caller may `action` (404 otherwise: out of scope looks like absent). */
  async get(id: string, ability: AppAbility, action: Action = 'read'): Promise<Consent> {
    const q = this.knex('consents').where({ id }).first();
    const row = applyScope(q, this.knex, ability, action, 'Consent', 'consents') ? ((await q) as Row | undefined) : undefined;
    if (!row) throw new NotFoundError('consent.not-found', { id });
    return toConsent(row);
  }

  /** Withdraws a consent the caller may manage; audited. Later checks refuse it. */
  async withdraw(id: string, reason: string, ability: AppAbility, actor: ConsentActor, at: number): Promise<Consent> {
    const current = await this.get(id, ability, 'manage');
    if (current.status !== 'active') throw new ConflictError('consent.already-withdrawn', { id });
    await this.knex.transaction(async (trx) => {
      const n = await trx('consents').where({ id, status: 'active' }).update({ status: 'withdrawn', withdrawn_by: actor.id, withdrawn_at: at, withdraw_reason: reason });
      if (n !== 1) throw new ConflictError('consent.already-withdrawn', { id });
      await appendAudit(trx, this.dialect, [{ at, actorId: actor.id, actorRoles: actor.roles, orgPath: current.orgPath, action: 'consent.withdrawn', detail: { consentId: id, purpose: current.purpose } }]);
    });
    return { ...current, status: 'withdrawn', withdrawnBy: actor.id, withdrawnAt: at, withdrawReason: reason };
  }

  /** Consents in the caller's scope, newest first, by person (ID number → keyed hash), purpose and status. */
  async list(ability: AppAbility, f: { idNumber?: string; purpose?: string; status?: string; cursor?: string; limit: number }): Promise<{ items: Consent[]; nextCursor: string | null }> {
    const q = this.knex('consents').orderBy([{ column: 'recorded_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(f.limit);
    if (!applyScope(q, this.knex, ability, 'read', 'Consent', 'consents')) return { items: [], nextCursor: null };
    if (f.idNumber) q.where('subject_hmac', this.codec.hmac(f.idNumber));
    if (f.purpose) q.where('purpose', f.purpose);
    if (f.status && f.status !== 'all') q.where('status', f.status);
    if (f.cursor) {
      const [at, id] = Buffer.from(f.cursor, 'base64url').toString().split('|');
      q.where((w) => w.where('recorded_at', '<', Number(at)).orWhere((x) => x.where('recorded_at', Number(at)).where('id', '<', id ?? '')));
    }
    const items = ((await q) as Row[]).map(toConsent);
    const last = items[items.length - 1];
    return { items, nextCursor: items.length === f.limit && last ? Buffer.from(`${last.recordedAt}|${last.id}`).toString('base64url') : null };
  }

  /**
   * How consents `ids` stand at `at`, for a case page that refers to them: purpose, active, withdrawn
   * or expired, and when. Nothing about the person. Unscoped: whoever may read the case may see
   * whether its consents hold (a responder deciding to open a door), not whose they are.
   */
  async standing(ids: string[], at: number): Promise<Map<string, ConsentStanding>> {
    const out = new Map<string, ConsentStanding>();
    if (!ids.length) return out;
    const rows = (await this.knex('consents').whereIn('id', ids).select('id', 'purpose', 'status', 'granted_at', 'expires_at', 'withdrawn_at')) as Row[];
    for (const r of rows) {
      const expiresAt = num(r.expires_at);
      const status = r.status !== 'active' ? 'withdrawn' : expiresAt !== null && expiresAt <= at ? 'expired' : 'active';
      out.set(String(r.id), { purpose: r.purpose as ConsentPurpose, status, grantedAt: Number(r.granted_at), expiresAt, withdrawnAt: num(r.withdrawn_at) });
    }
    return out;
  }

  /**
   * Whether consent `ref` allows `purpose` now (for the person with `subjectIdNumber`, when given):
   * the check every sharing runs first. Unscoped: the runtime asks, not a user.
   */
  async check(ref: unknown, want: { purpose: string; subjectIdNumber?: string; at: number }, trx: Knex | Knex.Transaction = this.knex): Promise<{ ok: true } | { ok: false; code: ConsentProblem }> {
    if (typeof ref !== 'string' || !ref) return { ok: false, code: 'consent.not-found' };
    const row = (await trx('consents').where({ id: ref }).first()) as Row | undefined;
    if (!row) return { ok: false, code: 'consent.not-found' };
    if (row.status !== 'active') return { ok: false, code: 'consent.withdrawn' };
    if (row.expires_at !== null && row.expires_at !== undefined && Number(row.expires_at) <= want.at) return { ok: false, code: 'consent.expired' };
    if (row.purpose !== want.purpose) return { ok: false, code: 'consent.purpose-mismatch' };
    if (want.subjectIdNumber !== undefined && this.codec.hmac(want.subjectIdNumber) !== row.subject_hmac) return { ok: false, code: 'consent.subject-mismatch' };
    return { ok: true };
  }
}
