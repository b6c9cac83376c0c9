/**
 * The command path. Each command runs in one transaction: load the case → engine step → write the
 * snapshot with an optimistic version check → append the event → project tasks and timers → outbox
 * rows for deliveries → audit entries (on MySQL staged; a sealer chains them after commit). A stale `expectedVersion`, or losing a race to a parallel
 * command, answers 409 with the current version; a refused event changes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { migrate, persist, restore, start, step, type Actor, type CaseEvent, type CaseSnapshot, type Diagnostic, type Effect, type MigrationMapping, type MigrationReport, type StepResult, type LiveSnapshot } from '@tongban/engine';
import type { Db } from '../store/createDb.ts';
import type { KnexDefinitionStore } from '../definitions/KnexDefinitionStore.ts';
import type { RunOptionsSource } from './createRunOptions.ts';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { piiFieldsOf } from '../pii/piiFields.ts';
import { openData, scrub, sealData } from '../pii/sealData.ts';
import { ConflictError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import { lookupKeys, lookupRows } from '../pii/piiLookup.ts';
import { orgLevelsOf } from '../identity/orgPath.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import { applyEffects, type StepCase } from './applyEffects.ts';
import { childLookup } from './childDefinitions.ts';
import type { Knex } from 'knex';
import { scheduleSeal, stagedAudit } from '../audit/auditStaging.ts';
import { StaleWriteError, writeBatch, type WriteBatch } from '../store/writeBatch.ts';
import { groupCommitter } from '../store/groupCommit.ts';
import { chainWrites, toUnchained, type AuditEntry, type ChainHead } from '../audit/chain.ts';
import { refusal } from './engineErrors.ts';
import { publicScopeOf } from './publicScope.ts';
import type { KnexConsentStore } from '../consents/KnexConsentStore.ts';
import { checkChangedConsents, checkIntakeConsents, consentValuesOf } from '../consents/intakeConsents.ts';
import type { ResidentCountService } from '../care/residentCounts.ts';
import type { OutboxOrigin } from '../effects/claimOutbox.ts';
import { checkPhotoRefs } from '../attachments/checkPhotoRefs.ts';
import { attachmentTypes } from '../attachments/createAttachmentStore.ts';

/** Dependencies of the command path. */
export interface CaseCommandDeps {
  db: Db; definitions: KnexDefinitionStore; runOptions: RunOptionsSource; codec: PiiCodec;
  /** checks `x-consent` references at intake (unset in stores without the registry: nothing checked) */
  consents?: KnexConsentStore;
  /** per-resident counts across cases (`x-count` fields) */
  residentCounts?: ResidentCountService;
}

/**
 * Extra work done inside a command's transaction, before the case is written: effect delivery uses
 * it to record what it delivered (an inbound event id, a sub-case link) atomically with the change,
 * so a redelivery finds the record and changes nothing. It must use only `trx`.
 */
export interface CommandHooks {
  within?(trx: Knex.Transaction, caseId: string): Promise<void>;
  /**
   * Decides, inside the command's transaction and on the row and snapshot it read anyway, whether
   * the caller may act at all (throws a not-found or forbidden error): a check that would otherwise
   * be a read of its own before the command. Runs before the version check, so a caller who may not
   * see the case learns nothing from a stale version.
   */
  authorize?(row: CaseRow, snapshot: CaseSnapshot, trx: Knex.Transaction): Promise<void> | void;
  /**
   * Joins the caller's transaction instead of opening one: the command commits or rolls back with
   * the caller's work (an admin's move of a worker and the release of their tasks are one change).
   * It runs in a savepoint, so a refused command leaves nothing behind and the caller may go on.
   */
  trx?: Knex.Transaction;
  /** The engine's run options as the caller's transaction sees them (its directory after an uncommitted org or role change). */
  runOptions?: Awaited<ReturnType<RunOptionsSource['get']>>;
  /** Marks the outbox rows the command writes: `seed` while seeding (its adapter calls are settled as history, never sent). */
  origin?: OutboxOrigin;
}

/** A stored case row. */
export interface CaseRow { id: string; ref: string; definition_id: string; definition_version: number; org_path: string; state: string; status: string; version: number; snapshot: string; created_by: string | null; created_at: number | string; updated_at: number | string }

/** What a migration of running cases did: the cases moved, and those left on their version (with why). */
export interface MigrationOutcome {
  migrated: Array<{ caseId: string; version: number; report: MigrationReport }>;
  left: Array<{ caseId: string; diagnostics: Array<Pick<Diagnostic, 'code' | 'path' | 'message'>> }>;
}

/** The actor an engine event carries for a user. */
export function actorOf(user: UserRecord): Actor {
  return { userId: user.id, roles: [...new Set(user.roles.map((r) => r.role))], orgPath: user.orgPath, name: user.name };
}

function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  const parts: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'string') parts.push(prefix + v);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, prefix + k + '.');
  };
  walk(value, '');
  return parts.join(',').slice(0, 191);
}

function caseRef(now: number): string {
  const d = new Date(now + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `TB${d}${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Attempts of a command whose SQLite transaction met a locked database (waits 50, 100, 200, 400 ms between). */
const BUSY_ATTEMPTS = 5;
function isSqliteBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Creates the command service. */
export function createCaseCommands(deps: CaseCommandDeps) {
  const { knex, dialect } = deps.db;
  const commandKnex = deps.db.commandKnex ?? knex;
  // SQLite: commands that reach the store together commit together (one WAL write for the group)
  const group = dialect === 'sqlite' ? groupCommitter(commandKnex) : undefined;
  const transaction = <T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => (group ? group.run(fn) : commandKnex.transaction(fn));

  /** The stored snapshot with ID numbers sealed, plus plaintext → sealed for scrubbing payloads. */
  function seal(res: StepResult<LiveSnapshot>, fields: ReturnType<typeof piiFieldsOf>, secrets = new Map<string, string>()) {
    // persist() shares the live context: copy before sealing so the plaintext stays for the engine's own use.
    const live = persist(res.snapshot);
    const stored = { ...live, context: { ...live.context, data: sealData(deps.codec, fields, live.context.data, secrets) } };
    return { stored, secrets };
  }

  /** Everything after the case row, queued on `batch` (the caller flushes: a command's last flush carries its COMMIT on MySQL): event, effects, PII index, audit. */
  async function write(trx: Knex.Transaction, batch: WriteBatch, c: StepCase & { seq: number }, res: Pick<StepResult<LiveSnapshot>, 'snapshot' | 'effects'>,
    event: Record<string, unknown>, meta: { id: string; at: number; actorId: string; actorRoles: string[]; origin?: OutboxOrigin }, fields: ReturnType<typeof piiFieldsOf>,
    secrets: Map<string, string>, lookupBefore?: Set<string>): Promise<void> {
    if (event.data && typeof event.data === 'object') sealData(deps.codec, fields, event.data as Record<string, unknown>, secrets);
    const scrubber = (json: string) => scrub(json, secrets);
    batch.add({ insert: 'case_events', rows: { case_id: c.id, seq: c.seq, type: String(event.type), actor_id: meta.actorId, payload: scrubber(JSON.stringify(event)), at: meta.at } });
    const audits = applyEffects(batch, c, res.effects, { eventId: meta.id, actorId: meta.actorId, now: meta.at, scrub: scrubber, timers: res.snapshot.context.timers, origin: meta.origin });
    lookupRows(c.id, fields, res.snapshot.context.data, deps.codec, (w) => batch.add(w), lookupBefore);
    await auditInBatch(trx, batch, audits.map((a) => ({ ...a, at: meta.at, actorRoles: meta.actorRoles })));
  }

  /** Queues audit entries on the command's batch. */
  async function auditInBatch(trx: Knex.Transaction, batch: WriteBatch, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    // SQLite has one writer, so chaining inline costs no contention and saves the sealer's commit;
    // on MySQL the head lock would be held through this command's commit, so stage instead.
    if (dialect === 'mysql') batch.add(stagedAudit(entries));
    else {
      const head = await batch.first<ChainHead>({ select: 'audit_head', where: { id: 1 }, columns: ['seq', 'hash'] });
      for (const w of chainWrites(head!, entries.map(toUnchained))) batch.add(w);
    }
  }

  /** Runs a command transaction on the command pool, then asks the sealer to chain what it staged. */
  async function inTransaction<T>(run: (trx: Knex.Transaction, batch: WriteBatch) => Promise<T>, hooks?: CommandHooks & { caseId: string }): Promise<T> {
    // the caller's transaction commits later: the caller asks the sealer (scheduleSeal) after its commit
    if (hooks?.trx) return hooks.trx.transaction(async (trx) => { await hooks.within?.(trx, hooks.caseId); return run(trx, writeBatch(trx, dialect)); });
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await transaction(async (trx) => {
          await hooks?.within?.(trx, hooks.caseId);
          return run(trx, writeBatch(trx, dialect, { ownsTransaction: true }));
        });
        if (dialect === 'mysql') scheduleSeal(knex);
        return out;
      } catch (err) {
        // SQLite answered "database is locked" (another process's write, a blocking checkpoint, and
        // once in the benchmark at BEGIN with no wait at all): the transaction rolled back whole, and
        // the step is pure, so running the command again is safe. Better late than a 500 for the user.
        if (!isSqliteBusy(err) || attempt >= BUSY_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
  }

  /** Moves one case (already read in this transaction) to another version; the refusal's diagnostics when it cannot. */
  async function migrateOne(trx: Knex.Transaction, batch: WriteBatch, user: UserRecord, row: CaseRow, from: Awaited<ReturnType<typeof deps.definitions.compiledFor>>, to: typeof from,
    mapping: MigrationMapping, opts: Awaited<ReturnType<RunOptionsSource['get']>>): Promise<{ version: number; report: MigrationReport } | { diagnostics: Diagnostic[] }> {
    const snap = JSON.parse(row.snapshot) as CaseSnapshot;
    snap.context.data = openData(deps.codec, snap.context.data);
    const actor = actorOf(user);
    const meta = { at: Date.now(), id: randomUUID(), actor };
    const r = migrate(snap, from, to, mapping, opts, meta);
    if (!r.ok) return { diagnostics: r.diagnostics };
    const live = restore(to, r.snapshot);
    const fields = piiFieldsOf(to.definition);
    const res = { snapshot: live, effects: r.effects };
    const { stored, secrets } = seal(res as StepResult<LiveSnapshot>, fields);
    const version = Number(row.version) + 1;
    const changed = await batch.changed({ update: 'cases', where: { id: row.id, version: row.version },
      set: { definition_version: to.definition.version, state: stateName(r.snapshot.value), public_l3: publicScopeOf(to, r.snapshot.value, row.org_path), version, updated_at: meta.at, snapshot: JSON.stringify(stored) } });
    if (changed !== 1) return { diagnostics: [{ code: 'case.version-conflict', severity: 'error', path: '', message: { 'zh-CN': '案件已被他人更新', en: 'The case was changed meanwhile' } }] };
    const event = { type: 'case.migrated', fromVersion: from.definition.version, toVersion: to.definition.version, mapping, meta: { at: meta.at, id: meta.id, actor: { userId: user.id, roles: actor.roles } } };
    await write(trx, batch, { id: row.id, definitionId: row.definition_id, orgPath: row.org_path, calendar: to.definition.calendar, seq: version }, res, event, { id: meta.id, at: meta.at, actorId: user.id, actorRoles: actor.roles }, fields, secrets);
    await batch.flush();
    return { version, report: r.report };
  }

  return {
    /**
     * Moves chosen running cases of `from` to the published version `to`, in one transaction with one
     * summary audit entry. By default every case moves or none does (the refusals are the error's
     * details); with `leaveUnmappable` the cases that cannot move stay on their version and are
     * listed in `left`, the others move.
     */
    async migrate(user: UserRecord, input: { definitionId: string; from: number; to: number; caseIds: string[]; mapping: MigrationMapping; leaveUnmappable?: boolean }): Promise<MigrationOutcome> {
      const from = await deps.definitions.compiledFor(input.definitionId, input.from);
      const to = await deps.definitions.compiledFor(input.definitionId, input.to);
      const opts = await deps.runOptions.get();
      return inTransaction(async (trx, batch) => {
        const done: MigrationOutcome['migrated'] = [];
        const refused: Array<{ caseId: string; diagnostics: Diagnostic[] }> = [];
        for (const caseId of input.caseIds) {
          const row = await batch.first<CaseRow>({ select: 'cases', where: { id: caseId, definition_id: input.definitionId } });
          if (!row || Number(row.definition_version) !== input.from) { refused.push({ caseId, diagnostics: [{ code: 'migrate.not-on-version', severity: 'error', path: '/cases', message: { 'zh-CN': `案件不是第 ${input.from} 版的案件`, en: `The case is not on version ${input.from}` } }] }); continue; }
          const r = await migrateOne(trx, batch, user, row, from, to, input.mapping, opts);
          if ('diagnostics' in r) refused.push({ caseId, diagnostics: r.diagnostics });
          else done.push({ caseId, ...r });
        }
        const left = refused.map((x) => ({ caseId: x.caseId, diagnostics: x.diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message })) }));
        // all or nothing: throwing rolls back the cases already moved in this transaction
        if (left.length && !input.leaveUnmappable) throw new RefusedError('definition.migration-refused', { cases: left });
        if (done.length) {
          await auditInBatch(trx, batch, [{ at: Date.now(), actorId: user.id, actorRoles: actorOf(user).roles, orgPath: user.orgPath, action: 'definition.cases-migrated',
            detail: { definitionId: input.definitionId, fromVersion: input.from, toVersion: input.to, mapping: input.mapping, migrated: done.map((d) => d.caseId), left: left.map((l) => l.caseId) } }]);
          await batch.flush();
        }
        return { migrated: done, left };
      });
    },

    /** Starts a case of the newest published version (or a given one) at an org unit. */
    async create(user: UserRecord, input: { definitionId: string; version?: number; orgPath: string; data: Record<string, unknown> }, hooks?: CommandHooks): Promise<{ id: string; ref: string; version: number; effects: Effect[] }> {
      const version = input.version ?? (await deps.definitions.latestPublished(input.definitionId));
      const compiled = await deps.definitions.compiledFor(input.definitionId, version);
      const opts = await deps.runOptions.get();
      const now = Date.now();
      const id = randomUUID();
      const actor = actorOf(user);
      const meta = { at: now, id: randomUUID(), actor };
      const counts = await deps.residentCounts?.count(compiled.definition, input.data, now);
      const childDefinition = await childLookup(deps.definitions, compiled.definition);
      const res = start(compiled, { caseId: id, orgPath: input.orgPath, data: input.data, meta, derived: counts?.derived }, childDefinition ? { ...opts, childDefinition } : opts);
      if (!res.accepted) throw refusal(res.diagnostics);
      const fields = piiFieldsOf(compiled.definition);
      const ref = caseRef(now);
      // Sealed before the insert so the case row is written once, snapshot included.
      const { stored, secrets } = seal(res, fields);
      await inTransaction(async (trx, batch) => {
        // a photo field may name only images (a PDF uploaded with no field, named here, is refused)
        await checkPhotoRefs((ids) => attachmentTypes(trx, ids), compiled.definition, input.data);
        if (deps.consents) await checkIntakeConsents(deps.consents, compiled.definition, input.data, now, trx);
        await deps.residentCounts?.record(trx, id, counts);
        batch.add({ insert: 'cases', rows: { id, ref, definition_id: input.definitionId, definition_version: version, org_path: input.orgPath, ...orgLevelsOf(input.orgPath),
          state: stateName(res.snapshot.value), public_l3: publicScopeOf(compiled, res.snapshot.value, input.orgPath), status: res.snapshot.status, version: 1, snapshot: JSON.stringify(stored), created_by: user.id, created_at: now, updated_at: now } });
        const event = { type: 'case.created', data: { ...input.data }, ...(counts ? { derived: counts.derived } : {}), meta: { at: now, id: meta.id, actor: { userId: user.id, roles: actor.roles } } };
        await write(trx, batch, { id, definitionId: input.definitionId, orgPath: input.orgPath, calendar: compiled.definition.calendar, seq: 1 }, res, event, { id: meta.id, at: now, actorId: user.id, actorRoles: actor.roles, origin: hooks?.origin }, fields, secrets);
        // the last statement of the transaction: nothing may follow the COMMIT it carries
        await batch.flush({ commit: true });
      }, { ...hooks, caseId: id });
      return { id, ref, version: 1, effects: res.effects };
    },

    /** Applies an event to a case the caller has already been allowed to see. */
    async act(user: UserRecord, caseId: string, event: Omit<CaseEvent, 'meta'>, expectedVersion?: number, hooks?: CommandHooks): Promise<{ version: number; effects: Effect[] }> {
      // A caller who named no version acts on the case as it is: when another writer (a timer, an
      // adapter's answer, a colleague) commits between our read and our version-checked write, the
      // command is worked out again on the new row instead of answering the user "someone acted first"
      // for a change they never saw. A caller who named a version gets the conflict, as they asked.
      for (let attempt = 1; ; attempt++) {
        try {
          return await actOnce(user, caseId, event, expectedVersion, hooks);
        } catch (err) {
          if (expectedVersion !== undefined || attempt >= 5 || !(err instanceof ConflictError && err.code === 'case.version-conflict')) throw err;
        }
      }
    },
  };

  async function actOnce(user: UserRecord, caseId: string, event: Omit<CaseEvent, 'meta'>, expectedVersion?: number, hooks?: CommandHooks): Promise<{ version: number; effects: Effect[] }> {
      const opts = hooks?.runOptions ?? (await deps.runOptions.get());
      return inTransaction(async (trx, batch) => {
        const row = await batch.first<CaseRow>({ select: 'cases', where: { id: caseId } });
        if (!row) throw new NotFoundError('case.not-found');
        const snap = JSON.parse(row.snapshot) as CaseSnapshot;
        await hooks?.authorize?.(row, snap, trx);
        if (expectedVersion !== undefined && expectedVersion !== Number(row.version)) throw new ConflictError('case.version-conflict', { currentVersion: Number(row.version) });
        const compiled = await deps.definitions.compiledFor(row.definition_id, Number(row.definition_version), trx);
        const fields = piiFieldsOf(compiled.definition);
        snap.context.data = openData(deps.codec, snap.context.data);
        const lookupBefore = lookupKeys(fields, snap.context.data, deps.codec); // before the step, which may edit data in place
        const consentsBefore = consentValuesOf(compiled.definition, snap.context.data);
        const actor = actorOf(user);
        const meta = { at: Date.now(), id: randomUUID(), actor };
        const childDefinition = await childLookup(deps.definitions, compiled.definition, trx);
        const res = step(compiled, snap, { ...event, meta } as CaseEvent, childDefinition ? { ...opts, childDefinition } : opts);
        if (!res.accepted) throw refusal(res.diagnostics);
        // the data an act or an event writes: a photo field may name only images
        await checkPhotoRefs((ids) => attachmentTypes(trx, ids), compiled.definition, (event as { data?: unknown }).data);
        // a consent reference written by this step (a task form, an event) must hold as at intake
        if (deps.consents) await checkChangedConsents(deps.consents, compiled.definition, consentsBefore, res.snapshot.context.data, meta.at, trx);
        const version = Number(row.version) + 1;
        const { stored: sealed, secrets } = seal(res, fields);
        const stored = { ...event, meta: { at: meta.at, id: meta.id, actor: { userId: user.id, roles: actor.roles } } };
        const c = { id: caseId, definitionId: row.definition_id, orgPath: row.org_path, calendar: compiled.definition.calendar, seq: version };
        try {
          // The snapshot rides on the version-checked UPDATE: one write of the case row per command
          // (on MySQL sent with the command's other writes, checked when they come back).
          await batch.versioned({ update: 'cases', where: { id: caseId, version: row.version }, set: { state: stateName(res.snapshot.value), public_l3: publicScopeOf(compiled, res.snapshot.value, row.org_path), status: res.snapshot.status, version, updated_at: meta.at, snapshot: JSON.stringify(sealed) } });
          await write(trx, batch, c, res, stored as Record<string, unknown>, { id: meta.id, at: meta.at, actorId: user.id, actorRoles: actor.roles, origin: hooks?.origin }, fields, secrets, lookupBefore);
          // the last statement of the transaction: nothing may follow the COMMIT it carries
          await batch.flush({ commit: true });
        } catch (err) {
          if (!(err instanceof StaleWriteError)) throw err;
          // A locking read sees the winner's committed row (a plain read would see this transaction's snapshot).
          const q = trx('cases').where({ id: caseId }).first('version');
          const cur = (await (dialect === 'mysql' ? q.forUpdate() : q)) as { version: number } | undefined;
          throw new ConflictError('case.version-conflict', { currentVersion: Number(cur?.version ?? row.version) });
        }
        return { version, effects: res.effects };
      }, { ...hooks, caseId });
  }
}

/** The command service type. */
export type CaseCommands = ReturnType<typeof createCaseCommands>;
