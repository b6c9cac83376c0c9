/** What every lint check reads: the definition, its state index, the options, and walkers over its parts. */
import { ancestors, buildModel, type DefinitionModel, type StateInfo } from '../compile/model.ts';
import type { Definition, EffectSpec, SlaSpec, TaskSpec } from '../definition/types.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';

export interface LintOptions {
  /** operation ids (`sms-gateway.send`) provided by the installed adapter plugins */
  installedOperations?: string[];
  /** ids of the service items that exist (sub-case and spawn targets) */
  knownDefinitions?: string[];
  /** the service items themselves (their ids count as known): spawn inputs are checked against each child's intake */
  definitions?: Definition[];
  /** ids of the county calendars available (`calendar` must name one) */
  knownCalendars?: string[];
}

export interface LintContext {
  def: Definition;
  model: DefinitionModel;
  opts: LintOptions;
  /** top-level keys of `data.properties` */
  dataKeys: Set<string>;
}

/** One area of checks. */
export type Check = (c: LintContext) => Diagnostic[];

/** Builds the shared context once per lint run. */
export function lintContext(def: Definition, opts: LintOptions): LintContext {
  const props = (def.data?.properties ?? {}) as Record<string, unknown>;
  return { def, model: buildModel(def), opts, dataKeys: new Set(Object.keys(props)) };
}

/** Every human step with its task and the JSON Pointer of the task. */
export function eachTask(c: LintContext): Array<{ state: StateInfo; task: TaskSpec; path: string }> {
  return [...c.model.states.values()].flatMap((s) => (s.spec.task ? [{ state: s, task: s.spec.task, path: s.path + '/task' }] : []));
}

/** Every effect (state entry/exit, transition effects) with its path. */
export function eachEffect(c: LintContext): Array<{ effect: EffectSpec; path: string }> {
  const out: Array<{ effect: EffectSpec; path: string }> = [];
  for (const s of c.model.states.values()) {
    for (const key of ['entry', 'exit'] as const) (s.spec[key] ?? []).forEach((effect, i) => out.push({ effect, path: s.path + pointer(key, i) }));
  }
  for (const t of c.model.transitions) (t.spec.effects ?? []).forEach((effect, i) => out.push({ effect, path: t.path + pointer('effects', i) }));
  return out;
}

/** Every SLA: task SLAs and case clocks (a clock is an SLA with start/stop states). */
export function eachSla(c: LintContext): Array<{ sla: SlaSpec; path: string; task?: TaskSpec }> {
  const tasks = eachTask(c).flatMap((t) => (t.task.sla ? [{ sla: t.task.sla, path: t.path + '/sla', task: t.task }] : []));
  const clocks = Object.entries(c.def.clocks ?? {}).map(([name, sla]) => ({ sla: sla as SlaSpec, path: pointer('clocks', name) }));
  return [...tasks, ...clocks];
}

/** True when the state or one of its ancestors has an `on` entry for the event (events bubble up). */
export function handlesEvent(c: LintContext, stateId: string, event: string): boolean {
  return [stateId, ...ancestors(c.model, stateId)].some((id) => Object.hasOwn(c.model.states.get(id)?.spec.on ?? {}, event));
}

/** The state and its descendants. */
export function subtree(c: LintContext, id: string): string[] {
  const info = c.model.states.get(id);
  return info ? [id, ...info.children.flatMap((ch) => subtree(c, ch))] : [];
}

/**
 * Declared data keys plus those the runtime adds: an adapter's output is stored as
 * `<operation with . and - as _>_result`, a sub-case outcome as `subcaseOutcome`.
 */
export function knownDataKeys(c: LintContext): Set<string> {
  const keys = new Set(c.dataKeys);
  for (const { effect } of eachEffect(c)) if ('invoke' in effect) keys.add(`${effect.invoke.operation.replace(/[.-]/g, '_')}_result`);
  if ([...c.model.states.values()].some((s) => s.spec.subcase)) keys.add('subcaseOutcome');
  return keys;
}
