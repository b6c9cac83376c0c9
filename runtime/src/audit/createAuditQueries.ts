/** The audit log as the API reads it (entries in the caller's scope, scope in SQL, and the chain check), and one-entry appends for routes. */
import type { Knex } from 'knex';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import { ForbiddenError } from '../errors/DomainError.ts';
import { displayNames } from '../identity/displayNames.ts';
import { appendAudit, verifyAuditWithCheckpoints, type AuditEntry } from './KnexAuditLog.ts';
import type { Definition } from '@tongban/engine';
import { auditSummary } from './auditSummary.ts';
import { auditEntryRefs, auditEntryText } from './auditEntryText.ts';
import { roleTitles } from '../identity/roleTitles.ts';

/** Org unit names by path or by code (an entry names a unit either way). */
async function unitNames(knex: Knex, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = (await knex('org_units').whereIn('path', keys).orWhereIn('code', keys).select('path', 'code', 'name')) as Array<{ path: string; code: string; name: string }>;
  return new Map(rows.flatMap((u) => [[u.path, u.name], [u.code, u.name]] as Array<[string, string]>));
}

/** Service item titles by id (the newest version's). */
async function itemTitles(knex: Knex, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = (await knex('definitions').whereIn('id', ids).orderBy('version').select('id', 'title_zh')) as Array<{ id: string; title_zh: string }>;
  return new Map(rows.map((r) => [r.id, r.title_zh]));
}

/** The definition each case runs on (for the entries' summaries); a case whose definition cannot be read is left out. */
export type CaseDefinitions = (caseIds: string[]) => Promise<Map<string, Definition>>;

/** Creates the audit queries. */
export function createAuditQueries(knex: Knex, opts: { auditKey: Buffer; checkpointFile: string; dialect: 'sqlite' | 'mysql'; caseDefinitions?: CaseDefinitions }) {
  return {
    /** Chains one entry in its own transaction (an audited read or an admin's change outside the command path); resolves to its seq. */
    async append(entry: AuditEntry): Promise<number> {
      const [seq] = await knex.transaction((trx) => appendAudit(trx, opts.dialect, [entry]));
      return seq!;
    },
    /** Entries the caller may read, newest first, keyset-paged by seq. */
    async list(ability: AppAbility, q: { caseId?: string; action?: string; /** e.g. `admin.`: the admin audit view */ actionPrefix?: string; actorId?: string; cursor?: number; limit: number }) {
      const query = knex('audit_log').orderBy('seq', 'desc').limit(q.limit);
      if (!applyScope(query, knex, ability, 'read', 'Audit', 'audit_log')) throw new ForbiddenError('authz.forbidden');
      if (q.caseId) query.where({ case_id: q.caseId });
      if (q.action) query.where({ action: q.action });
      if (q.actionPrefix) query.where('action', 'like', `${q.actionPrefix}%`);
      if (q.actorId) query.where({ actor_id: q.actorId });
      if (q.cursor) query.where('seq', '<', q.cursor);
      const rows = (await query) as Array<Record<string, unknown>>;
      const entries = rows.map((r) => ({ action: String(r.action), detail: JSON.parse(String(r.detail)) as Record<string, unknown> }));
      // who acted, and whom and what an entry names, by name beside the id (a colleague in full, a resident masked); the entry itself is as it was chained
      const refs = auditEntryRefs(entries);
      const caseIds = [...new Set(rows.map((r) => r.case_id).filter((x): x is string => typeof x === 'string'))];
      const actorIds = rows.map((r) => r.actor_id).filter((x): x is string => typeof x === 'string');
      const [names, defs, units, titles] = await Promise.all([displayNames(knex, [...new Set([...actorIds, ...refs.users])]),
        opts.caseDefinitions?.(caseIds) ?? new Map<string, Definition>(), unitNames(knex, refs.units), itemTitles(knex, refs.items)]);
      const context = { person: (id: string) => names.get(id), unit: (x: string) => units.get(x), role: (id: string) => roleTitles.get(id), item: (id: string) => titles.get(id) };
      const items = rows.map((r, i) => {
        const { action, detail } = entries[i]!;
        const def = typeof r.case_id === 'string' ? defs.get(r.case_id) : undefined;
        // a step in words (决定：从 → 到) from the case's definition, else the entry's own words; the chained detail is answered as it was
        const summary = (def ? auditSummary(def, detail) : null) ?? auditEntryText(action, detail, { ...context, def });
        return { seq: Number(r.seq), at: Number(r.at), actorId: r.actor_id, actorName: names.get(String(r.actor_id)) ?? null, actorRoles: r.actor_roles, orgPath: r.org_path,
          action, caseId: r.case_id, detail, summary, hash: r.hash };
      });
      return { items, nextCursor: items.length === q.limit ? items[items.length - 1]!.seq : null };
    },
    /** Seals what is pending, then checks the whole hash chain against the checkpoints. */
    verify: () => verifyAuditWithCheckpoints(knex, opts.auditKey, opts.checkpointFile),
  };
}

/** The audit query service type. */
export type AuditQueries = ReturnType<typeof createAuditQueries>;
