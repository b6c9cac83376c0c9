/**
 * The dry run of a new version (a draft or a published one) against the running cases of an older
 * one: each case's event log is read and replayed on both versions side by side by the engine
 * (`replayCase`), and the report says which cases would stop, end in another state, or lose or gain
 * tasks. Reads only; nothing is written. Cases are read oldest first, at most `limit`. The designer
 * runs the same dry run, and a preview of a state mapping, on its draft before it is stored.
 */
import type { Knex } from 'knex';
import { compile, lint, loadDefinition, migrate, type Definition, replayCase, type CaseEvent, type CaseLog, type CaseSnapshot, type CompiledDefinition, type Directory, type EventMeta, type MigrationMapping } from '@tongban/engine';
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

/**
 * Compiles a definition a dry run replays on. A draft may still have lint errors (an initial state
 * that does not exist, a target nowhere) that the compiler cannot build a machine from: those are
 * the admin's to fix, so they answer `definition.lint-failed` with the diagnostics, not a 500.
 */
function compileChecked(definition: Definition): CompiledDefinition {
  const errors = lint(definition).filter((d) => d.severity === 'error');
  if (errors.length) throw new RefusedError('definition.lint-failed', { id: definition.id, diagnostics: errors.slice(0, 50) });
  return compile(definition, { cache: false });
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

  /** The running cases of a version, oldest first (the dry run's and the preview's rows). */
  async function runningCases(definitionId: string, version: number, limit: number, ids?: string[]) {
    const q = deps.knex('cases').where({ definition_id: definitionId, definition_version: version, status: 'active' });
    if (ids) q.whereIn('id', ids);
    return (await q.orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(limit).select('id', 'ref', 'org_path', 'snapshot')) as Array<{ id: string; ref: string; org_path: string; snapshot: string }>;
  }

  /** The published version a dry run starts from: the one asked for, or the newest before `toVersion`. */
  async function fromVersionOf(definitionId: string, toVersion: number, asked?: number): Promise<number> {
    const versions = (await deps.definitions.list(definitionId)).filter((d) => d.status !== 'draft' && d.version < toVersion).map((d) => d.version);
    const fromVersion = asked ?? Math.max(...versions);
    if (!Number.isFinite(fromVersion) || !versions.includes(fromVersion)) throw new ConflictError('definition.not-published', { id: definitionId, version: asked ?? null });
    return fromVersion;
  }

  /** A definition that is not stored yet (the designer's draft), compiled as the next version of its item. */
  async function compileUnstored(definitionId: string, definition: object): Promise<CompiledDefinition> {
    const loaded = loadDefinition(definition);
    if (!loaded.ok) throw new RefusedError('definition.invalid', { diagnostics: loaded.diagnostics.slice(0, 50) });
    if (loaded.definition.id !== definitionId) throw new RefusedError('designer.id-mismatch', { id: definitionId });
    const next = Math.max(0, ...(await deps.definitions.list(definitionId)).map((d) => d.version)) + 1;
    return compileChecked({ ...loaded.definition, version: next });
  }

  async function dryRunOn(definitionId: string, to: CompiledDefinition, opts: { from?: number; limit?: number }) {
    const toVersion = to.definition.version;
    const fromVersion = await fromVersionOf(definitionId, toVersion, opts.from);
    const from = await deps.definitions.compiledFor(definitionId, fromVersion);
    const runOptions = await deps.runOptions.get();
    const cases: DryRunCase[] = [];
    for (const row of await runningCases(definitionId, fromVersion, opts.limit ?? 200)) {
      const current = JSON.parse(row.snapshot) as CaseSnapshot;
      const r = replayCase(await logOf(row, runOptions.directory), from, to, runOptions, current);
      cases.push({
        caseId: row.id, ref: row.ref, state: r.state.now, replayedState: r.state.replayed, changesState: r.changesState, tasks: r.tasks,
        ...(r.stops ? { stops: { index: r.stops.index, type: r.stops.type, diagnostics: r.stops.diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message })) } } : {}),
      });
    }
    return { from: fromVersion, to: toVersion, cases };
  }

  return {
    /** Replays the running cases of version `from` (default: the newest published one before `to`) on version `to`. */
    async dryRun(definitionId: string, toVersion: number, opts: { from?: number; limit?: number } = {}): Promise<{ from: number; to: number; cases: DryRunCase[] }> {
      const { definition } = await deps.definitions.get(definitionId, toVersion);
      const loaded = loadDefinition(definition);
      if (!loaded.ok) throw new RefusedError('definition.invalid', { diagnostics: loaded.diagnostics.slice(0, 50) });
      return dryRunOn(definitionId, compileChecked(loaded.definition), opts);
    },

    /** The same dry run for a definition not stored yet (the designer's draft, as the next version). */
    async dryRunUnstored(definitionId: string, definition: object, opts: { from?: number; limit?: number } = {}): Promise<{ from: number; to: number; cases: DryRunCase[] }> {
      return dryRunOn(definitionId, await compileUnstored(definitionId, definition), opts);
    },

    /**
     * What a state mapping would do to chosen running cases of `from` under an unstored definition:
     * the engine's migration run on each case's snapshot, nothing written. Cases that cannot move
     * carry the refusal's diagnostics (they would stay on their version).
     */
    async previewMigration(user: { id: string; roles: string[]; orgPath: string }, definitionId: string, definition: object, input: { from: number; caseIds: string[]; mapping: MigrationMapping }): Promise<MigrationPreview> {
      const to = await compileUnstored(definitionId, definition);
      const fromVersion = await fromVersionOf(definitionId, to.definition.version, input.from);
      const from = await deps.definitions.compiledFor(definitionId, fromVersion);
      const runOptions = await deps.runOptions.get();
      const rows = new Map((await runningCases(definitionId, fromVersion, input.caseIds.length, input.caseIds)).map((r) => [r.id, r]));
      const meta = { at: Date.now(), id: 'preview', actor: { userId: user.id, roles: user.roles, orgPath: user.orgPath } };
      const cases: MigrationPreview['cases'] = input.caseIds.map((caseId) => {
        const row = rows.get(caseId);
        if (!row) return { caseId, ref: '', ok: false, diagnostics: [{ code: 'migrate.not-on-version', path: '/cases', message: { 'zh-CN': `案件不是第 ${fromVersion} 版的在办案件`, en: `Not a running case of version ${fromVersion}` } }] };
        const snap = JSON.parse(row.snapshot) as CaseSnapshot;
        snap.context.data = openData(deps.codec, snap.context.data);
        const r = migrate(snap, from, to, input.mapping, runOptions, meta);
        const diagnostics = r.diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message }));
        return r.ok ? { caseId, ref: row.ref, ok: true, state: r.report.from.state, newState: r.report.to.state, tasks: r.report.tasks, droppedFields: r.report.droppedFields, diagnostics }
          : { caseId, ref: row.ref, ok: false, state: snap.value, diagnostics };
      });
      return { from: fromVersion, to: to.definition.version, cases };
    },
  };
}

/** One case of a migration preview: where it would go, or why it would stay on its version. */
export interface MigrationPreviewCase {
  caseId: string; ref: string; ok: boolean; state?: unknown; newState?: unknown;
  tasks?: { kept: string[]; lost: string[]; gained: string[] }; droppedFields?: string[];
  diagnostics: Array<{ code: string; path: string; message: unknown }>;
}
/** A migration preview. */
export interface MigrationPreview { from: number; to: number; cases: MigrationPreviewCase[] }

/** The migration query service type. */
export type MigrationQueries = ReturnType<typeof createMigrationQueries>;
