/**
 * Definitions in the store: drafts are editable, published versions immutable and numbered,
 * retired ones start no new cases. Compiled machines are cached per id@version (immutable).
 */
import type { Knex } from 'knex';
import { compile, lint, loadDefinition, type CompiledDefinition, type Definition, type Diagnostic } from '@tongban/engine';
import { ConflictError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import { countyCalendarSet } from '../calendars/countyCalendars.ts';

/** A definition row as the API shows it. */
export interface DefinitionSummary { id: string; version: number; status: string; title: string; category: string; createdAt: number; publishedAt: number | null }

interface Row { id: string; version: number; status: string; title_zh: string; category: string; body: string; created_at: number | string; published_at: number | string | null }

const toSummary = (r: Row): DefinitionSummary => ({
  id: r.id, version: Number(r.version), status: r.status, title: r.title_zh, category: r.category,
  createdAt: Number(r.created_at), publishedAt: r.published_at === null ? null : Number(r.published_at),
});

/** Loads a definition body or throws definition.invalid with the engine's diagnostics. */
export function mustLoad(body: unknown): Definition {
  const res = loadDefinition(body as object);
  if (!res.ok) throw new RefusedError('definition.invalid', { diagnostics: res.diagnostics.slice(0, 50) });
  return res.definition;
}

/** Reads and writes definitions. */
export class KnexDefinitionStore {
  private readonly compiled = new Map<string, CompiledDefinition>();
  private readonly latest = new Map<string, { at: number; version: number }>();
  constructor(private readonly knex: Knex) {}

  /** Latest version of each definition (any status), or every version of one id. */
  async list(id?: string): Promise<DefinitionSummary[]> {
    const q = this.knex('definitions').select('id', 'version', 'status', 'title_zh', 'category', 'created_at', 'published_at').orderBy([{ column: 'id' }, { column: 'version', order: 'desc' }]);
    if (id) q.where({ id });
    return ((await q) as Row[]).map(toSummary);
  }

  /** One version (or the newest published/retired one); `db` is the caller's transaction when inside one. */
  async get(id: string, version?: number, db: Knex = this.knex): Promise<{ summary: DefinitionSummary; definition: Definition }> {
    const q = db('definitions').where({ id });
    if (version !== undefined) q.where({ version });
    else q.whereIn('status', ['published', 'retired']).orderBy('version', 'desc');
    let row = (await q.first()) as Row | undefined;
    if (!row && version === undefined) row = (await db('definitions').where({ id }).orderBy('version', 'desc').first()) as Row | undefined;
    if (!row) throw new NotFoundError('definition.not-found', { id, version });
    return { summary: toSummary(row), definition: JSON.parse(row.body) as Definition };
  }

  /**
   * The compiled machine of a published (or retired, for running cases) version. Inside a
   * transaction pass it as `db`: a read through the pool from there would wait for a second
   * connection (on SQLite, the one the transaction holds — store/poolGuard.ts).
   */
  async compiledFor(id: string, version: number, db: Knex = this.knex): Promise<CompiledDefinition> {
    const key = `${id}@${version}`;
    const hit = this.compiled.get(key);
    if (hit) return hit;
    const { summary, definition } = await this.get(id, version, db);
    if (summary.status === 'draft') throw new ConflictError('definition.not-published', { id, version });
    const c = compile(definition);
    this.compiled.set(key, c);
    return c;
  }

  /** The newest published version of every item (what sub-cases and spawns start), for lint's cross-item checks. */
  async latestPublishedDefinitions(): Promise<Definition[]> {
    const latest = this.knex('definitions').select('id').max('version as v').where({ status: 'published' }).groupBy('id').as('latest');
    const rows = (await this.knex('definitions').join(latest, (j) => j.on('definitions.id', 'latest.id').andOn('definitions.version', 'latest.v')).select('definitions.body')) as Array<{ body: string }>;
    return rows.map((r) => JSON.parse(r.body) as Definition);
  }

  /**
   * The newest published version, for new cases: remembered for 5 s (a publish or retire in this
   * process forgets it at once; one in another process is seen within 5 s).
   */
  async latestPublished(id: string, now = Date.now(), db: Knex = this.knex): Promise<number> {
    const hit = this.latest.get(id);
    if (hit && now - hit.at < 5_000) return hit.version;
    const row = (await db('definitions').where({ id, status: 'published' }).max('version as v').first()) as { v: number | null } | undefined;
    if (!row?.v) {
      // an id no version was ever saved under is not found (a typo); one with only drafts or retired versions is not published
      const known = await db('definitions').where({ id }).first('id');
      if (!known) throw new NotFoundError('definition.not-found', { id });
      throw new ConflictError('definition.not-published', { id });
    }
    this.latest.set(id, { at: now, version: Number(row.v) });
    return Number(row.v);
  }

  /** Saves a new draft (the next version number) after validation. */
  async createDraft(body: unknown, userId: string, now = Date.now()): Promise<DefinitionSummary> {
    const def = mustLoad(body);
    return this.knex.transaction(async (trx) => {
      const max = (await trx('definitions').where({ id: def.id }).max('version as v').first()) as { v: number | null };
      const draft = await trx('definitions').where({ id: def.id, status: 'draft' }).first();
      if (draft) await trx('definitions').where({ id: def.id, status: 'draft' }).delete();
      const version = draft ? Number((draft as Row).version) : Number(max?.v ?? 0) + 1;
      const stored = { ...def, version };
      const row = { id: def.id, version, status: 'draft', title_zh: def.title['zh-CN'] ?? def.id, category: def.category ?? '', body: JSON.stringify(stored), created_by: userId, created_at: now, published_at: null };
      await trx('definitions').insert(row);
      return toSummary(row as Row);
    });
  }

  /**
   * Publishes a draft: it becomes immutable. The draft is loaded and linted again first (a body
   * stored by an older release, or one that only passed validation, must not go live with errors:
   * a template reaching for prototypes, a regular expression that could stall the server).
   */
  async publish(id: string, version: number, now = Date.now()): Promise<DefinitionSummary> {
    const { summary, definition } = await this.get(id, version);
    if (summary.status !== 'draft') throw new ConflictError('definition.not-draft', { id, version, status: summary.status });
    const loaded = mustLoad(definition);
    const known = [...new Set([id, ...(await this.list()).map((d) => d.id)])];
    // as the lint endpoint: calendars the deployment has, and spawn / sub-case inputs against each published child's intake
    const definitions = await this.latestPublishedDefinitions();
    const errors = lint(loaded, { knownDefinitions: known, definitions, knownCalendars: countyCalendarSet().ids }).filter((d) => d.severity === 'error');
    if (errors.length) throw new RefusedError('definition.lint-failed', { id, version, diagnostics: errors.slice(0, 50) });
    await this.knex('definitions').where({ id, version, status: 'draft' }).update({ status: 'published', published_at: now });
    this.latest.delete(id);
    return { ...summary, status: 'published', publishedAt: now };
  }

  /** Retires a published version: running cases keep it, new cases cannot start on it. */
  async retire(id: string, version: number): Promise<DefinitionSummary> {
    const { summary } = await this.get(id, version);
    if (summary.status !== 'published') throw new ConflictError('definition.not-published', { id, version });
    await this.knex('definitions').where({ id, version }).update({ status: 'retired' });
    this.latest.delete(id);
    return { ...summary, status: 'retired' };
  }

  /** Creates and publishes in one go (seeding); a no-op when that published body already exists. */
  async publishBody(body: unknown, userId: string): Promise<DefinitionSummary> {
    const def = mustLoad(body);
    const existing = (await this.knex('definitions').where({ id: def.id, status: 'published' }).orderBy('version', 'desc').first()) as Row | undefined;
    if (existing && JSON.stringify({ ...JSON.parse(existing.body), version: 0 }) === JSON.stringify({ ...def, version: 0 })) return toSummary(existing);
    const draft = await this.createDraft(def, userId);
    return this.publish(draft.id, draft.version);
  }
}

/** Diagnostics of a body without saving it. */
export function validateBody(body: unknown): Diagnostic[] {
  return loadDefinition(body as object).diagnostics;
}
