/**
 * Inbound events from adapters (a fall detector's alarm, a hospital's Task update): already checked
 * against the trigger's schema by the SDK; here de-duplicated by event id, checked against the
 * service item (declared trigger, org unit, intake form), and run through the same command path as
 * the API, as the device or system actor. The de-duplication row is written in the command's own
 * transaction, so a redelivered event is answered `duplicate` and nothing is created twice.
 */
import { checkIntake, type CompiledDefinition } from '@tongban/engine';
import type { EmitResult, TriggerEvent } from '@tongban/plugin-sdk';
import type { Knex } from 'knex';
import { sourceUser } from '../jobs/systemUsers.ts';
import type { Services } from '../services.ts';
import { isRefusal, isUniqueViolation, reason } from './effectErrors.ts';
import type { createTriggerTargets } from './triggerTargets.ts';
import { resolveCaller } from '../care/callerLookup.ts';


function rejected(code: Parameters<typeof reason>[0], extra = '', details?: unknown): EmitResult {
  return { status: 'rejected', reason: { ...reason(code, extra), ...(details ? { details } : {}) } as EmitResult['reason'] };
}

/** Creates the sink the plugin host hands every checked event to. */
export function createTriggerReceiver(s: Pick<Services, 'db' | 'commands' | 'definitions' | 'identity' | 'logger' | 'codec'>, targets: ReturnType<typeof createTriggerTargets>, onChange: () => void) {
  const knex = s.db.knex;
  // an alarm storm asks the same two questions thousands of times: cache them briefly (publishing and org changes are rare)
  const recent = new Map<string, { at: number; value: Promise<unknown> }>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = recent.get(key);
    if (hit && Date.now() - hit.at < 2000) return hit.value as Promise<T>;
    const value = load();
    recent.set(key, { at: Date.now(), value });
    value.catch(() => recent.delete(key));
    if (recent.size > 5000) recent.clear();
    return value;
  };
  const prior = async (pluginId: string, eventId: string): Promise<EmitResult | undefined> => {
    const row = (await knex('trigger_events').where({ plugin_id: pluginId, event_id: eventId }).first('case_id')) as { case_id: string } | undefined;
    if (!row) return undefined;
    const c = (await knex('cases').where({ id: row.case_id }).first('ref')) as { ref: string } | undefined;
    return { status: 'duplicate', caseId: row.case_id, caseRef: c?.ref };
  };
  const record = (pluginId: string, trigger: string, eventId: string) => async (trx: Knex.Transaction, caseId: string) => {
    await trx('trigger_events').insert({ plugin_id: pluginId, event_id: eventId, trigger, case_id: caseId, created_at: Date.now() });
  };

  async function start(pluginId: string, triggerId: string, ev: TriggerEvent): Promise<EmitResult> {
    const declaring = await targets.declaring(triggerId);
    const definitionId = ev.start!.definition ?? (declaring.length === 1 ? declaring[0] : undefined);
    if (!definitionId) return rejected(declaring.length ? 'trigger.ambiguous' : 'trigger.not-declared', triggerId);
    if (!declaring.includes(definitionId)) return rejected('trigger.not-declared', `${definitionId} / ${triggerId}`);
    const givenOrg = ev.start!.orgPath;
    if (!(await cached(`org:${givenOrg}`, () => s.identity.getOrg(givenOrg)))) return rejected('trigger.unknown-org', givenOrg);
    const version = await cached(`version:${definitionId}`, () => s.definitions.latestPublished(definitionId));
    const compiled: CompiledDefinition = await s.definitions.compiledFor(definitionId, version);
    const source = ev.source ?? 'external';
    // a landline caller is matched to a resident by the number's keyed hash: the case goes to that resident's grid
    const { data, orgPath } = await resolveCaller(knex, s.codec, compiled.definition, ev.data, givenOrg);
    const problems = checkIntake(compiled, data, { at: Date.now(), id: ev.eventId, source });
    if (problems.length) return rejected('trigger.data-invalid', '', problems.slice(0, 20).map((d) => ({ code: d.code, path: d.path })));
    let created;
    try {
      created = await s.commands.create(sourceUser(source, orgPath), { definitionId, version, orgPath, data }, { within: record(pluginId, triggerId, ev.eventId) });
    } catch (err) {
      // a consent reference the registry does not hold (or no longer holds): refused, with the field and the reason
      if (isRefusal(err) && err.code === 'consent.refused') return rejected('trigger.consent-refused', String(err.details.reason ?? ''), [{ code: String(err.details.reason ?? err.code), path: String(err.details.path ?? '') }]);
      throw err;
    }
    return { status: 'created', caseId: created.id, caseRef: created.ref };
  }

  async function advance(pluginId: string, triggerId: string, ev: TriggerEvent): Promise<EmitResult> {
    const { caseId, event, comment } = ev.advance!;
    const c = (await knex('cases').where({ id: caseId }).first('ref', 'org_path', 'status')) as { ref: string; org_path: string; status: string } | undefined;
    if (!c) return rejected('trigger.unknown-case', caseId);
    // an ended case is told apart from a state that does not take the event: a sensor's next alarm then opens a new case
    if (c.status !== 'active') return rejected('trigger.case-closed', caseId);
    try {
      await s.commands.act(sourceUser(ev.source ?? 'external', c.org_path), caseId, { type: event, data: Object.keys(ev.data).length ? ev.data : undefined, comment } as never, undefined,
        { within: record(pluginId, triggerId, ev.eventId) });
    } catch (err) {
      if (isRefusal(err)) return rejected('trigger.event-refused', err.code, err.details);
      throw err;
    }
    return { status: 'advanced', caseId, caseRef: c.ref };
  }

  /** The emit sink: never throws for a bad event (answers `rejected` with a code); store failures propagate as retryable. */
  return async function receive(pluginId: string, trigger: string, event: TriggerEvent): Promise<EmitResult> {
    const ev = event;
    const triggerId = `${pluginId}.${trigger}`;
    const dup = await prior(pluginId, ev.eventId);
    if (dup) return dup;
    try {
      const out = ev.start ? await start(pluginId, triggerId, ev) : await advance(pluginId, triggerId, ev);
      if (out.status !== 'rejected') onChange();
      else s.logger.warn({ plugin: pluginId, trigger, eventId: ev.eventId, code: out.reason?.code }, 'inbound event rejected');
      return out;
    } catch (err) {
      // a concurrent delivery of the same event won the insert: answer what it did
      if (isUniqueViolation(err)) { const d = await prior(pluginId, ev.eventId); if (d) return d; }
      throw err;
    }
  };
}
