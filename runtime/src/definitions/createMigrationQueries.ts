/**
 * The dry run of a new version (a draft or a published one) against the running cases of an older
 * one: each case's event log is read and replayed on both versions side by side by the engine
 * (`replayCase`), and the report says which cases would stop, end in another state, or lose or gain
 * tasks. Reads only; nothing is written. Cases are read oldest first, at most `limit`.
 */
import type { Knex } from 'knex';
import { compile, loadDefinition, replayCase, type CaseEvent, type CaseLog, type CaseSnapshot, type Directory, type EventMeta } from '@tongban/engine';
import type { RunOptionsSource } from '../cases/createRunOptions.ts';
import { ConflictError, RefusedError } from '../errors/DomainError.ts';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { openData } from '../pii/sealData.ts';
import type { KnexDefinitionStore } from './KnexDefinitionStore.ts';

/** One case's dry-run result, as the API shows it. */
export interface DryRunCase {
  caseId: string;
  ref: string;
  state: unknown;
  replayedState: unknown;
  stops?: { index: number; type: string; diagnostics: Array<{ code: string; path: string; message: unknown }> };
  changesState: boolean;
  tasks: { lost: string[]; gained: string[] };
}

type StoredEvent = { type: string; meta: { at: number; id: string; actor?: { userId: string; roles: string[] } } } & Record<string, unknown>;

/** The meta a stored event had when it was applied: the actor's org from the directory (the log keeps id and roles only). */
function metaOf(e: StoredEvent, directory: Directory, fallbackOrg: string): EventMeta {
  const a = e.meta.actor;
  return { at: Number(e.meta.at), id: e.meta.id, ...(a ? { actor: { userId: a.userId, roles: a.roles, orgPath: directory.userOrg(a.userId) ?? (a.userId === 'system' || a.userId === 'external' || a.userId === 'device' ? '/' : fallbackOrg) } } : {}) };
}

/** Creates the migration queries. */
export function createMigrationQueries(deps: { knex: Knex; definitions: KnexDefinitionStore; runOptions: RunOptionsSource; codec: PiiCodec }) {
  async function logOf(row: { id: string; org_path: string }, directory: Directory): Promise<CaseLog> {
    const rows = (await deps.knex('case_events').where({ case_id: row.id }).orderBy('seq').select('payload')) as Array<{ payload: string }>;
    const events = rows.map((r) => JSON.parse(r.payload) as StoredEvent);
    const created = events[0]!;
    const rest = events.slice(1).filter((e) => e.type !== 'case.migrated');
    return {
      caseId: row.id, orgPath: row.org_path,
      created: { data: openData(deps.codec, (created.data ?? {}) as Record<string, unknown>), meta: metaOf(created, directory, row.org_path), ...(created.derived ? { derived: created.derived as Record<string, unknown> } : {}) },
      events: rest.map(({ meta: _m, ...e }) => ({ ...e, ...(e.data ? { data: openData(deps.codec, e.data as Record<string, unknown>) } : {}), meta: metaOf({ ...e, meta: _m } as StoredEvent, directory, row.org_path) }) as CaseEvent),
    };
  }

  return {
    /** Replays the running cases of version `from` (default: the newest published one before `to`) on version `to`. */
    async dryRun(definitionId: string, toVersion: number, opts: { from?: number; limit?: number } = {}): Promise<{ from: number; to: number; cases: DryRunCase[] }> {
      const { definition } = await deps.definitions.get(definitionId, toVersion);
      const loaded = loadDefinition(definition);
      if (!loaded.ok) throw new RefusedError('definition.invalid', { diagnostics: loaded.diagnostics.slice(0, 50) });
      const to = compile(loaded.definition, { cache: false });
      const versions = (await deps.definitions.list(definitionId)).filter((d) => d.status !== 'draft' && d.version < toVersion).map((d) => d.version);
      const fromVersion = opts.from ?? Math.max(...versions);
      if (!Number.isFinite(fromVersion) || !versions.includes(fromVersion)) throw new ConflictError('definition.not-published', { id: definitionId, version: opts.from ?? null });
      const from = await deps.definitions.compiledFor(definitionId, fromVersion);
      const runOptions = await deps.runOptions.get();
      const rows = (await deps.knex('cases').where({ definition_id: definitionId, definition_version: fromVersion, status: 'active' })
        .orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(opts.limit ?? 200).select('id', 'ref', 'org_path', 'snapshot')) as Array<{ id: string; ref: string; org_path: string; snapshot: string }>;
      const cases: DryRunCase[] = [];
      for (const row of rows) {
        const current = JSON.parse(row.snapshot) as CaseSnapshot;
        const r = replayCase(await logOf(row, runOptions.directory), from, to, runOptions, current);
        cases.push({
          caseId: row.id, ref: row.ref, state: r.state.now, replayedState: r.state.replayed, changesState: r.changesState, tasks: r.tasks,
          ...(r.stops ? { stops: { index: r.stops.index, type: r.stops.type, diagnostics: r.stops.diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message })) } } : {}),
        });
      }
      return { from: fromVersion, to: toVersion, cases };
    },
  };
}

/** The migration query service type. */
export type MigrationQueries = ReturnType<typeof createMigrationQueries>;
