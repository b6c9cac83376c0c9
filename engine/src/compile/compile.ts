/**
 * Compiles a definition to an XState v5 machine (cached per id@version). Guards and actions are
 * referenced by name with params, so the machine config stays data; the action bodies are the
 * pure hooks in ../run/hooks.ts. XState `after` is never used: durable time is timer effects.
 */
import { enqueueActions, setup, type AnyStateMachine } from 'xstate';
import type { Definition, StateSpec } from '../definition/types.ts';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { hasErrors } from '../diagnostics/catalog.ts';
import type { CompiledLogic } from '../expr/index.ts';
import { truthy } from '../expr/index.ts';
import { draft, type CaseContext, type EventPayload } from '../run/context.ts';
import type { Env } from '../run/env.ts';
import { enterState, exitState, takeTransition, type HookResult } from '../run/hooks.ts';
import { logicView } from '../run/view.ts';
import { compileAllLogic } from './logic.ts';
import { buildModel, humanPredecessors, initiatorSteps, targetId, type DefinitionModel, type TransitionInfo } from './model.ts';

export interface CompiledDefinition {
  key: string;
  definition: Definition;
  model: DefinitionModel;
  machine: AnyStateMachine;
  logic: Map<string, CompiledLogic>;
  /** per human state: the states a reject-back / withdraw / resubmit can jump to (`$goto.<id>`) */
  gotoTargets: Map<string, string[]>;
  /** the human steps a case can meet first: a reject "to initiator" goes to the one this case took */
  initiatorSteps: string[];
  /** states named by a case clock (start, stop or pause) */
  clockStates: Set<string>;
  transitionsByPath: Map<string, TransitionInfo>;
}

/** The XState event: the original type plus our payload. */
export interface MachineEvent {
  type: string;
  $?: EventPayload & { env: Env; ctx?: CaseContext; pre?: HookResult['effects'] };
}

/** The payload of the event `step`/`start` is running (set only during that synchronous call). */
export const stepping: { current: MachineEvent['$'] | undefined } = { current: undefined };

/** The part of XState's `enqueue` the hooks use. */
interface Enqueue {
  (action: { type: 'fx'; params: { effects: HookResult['effects'] } }): void;
  assign(fn: () => CaseContext): void;
  raise(event: MachineEvent): void;
}

type ActionArgs = { context: CaseContext; event: MachineEvent };

/** The pre-computed context (first action of an event only), then the pre-effects once. */
function baseContext(context: CaseContext, p: MachineEvent['$']): { ctx: CaseContext; pre: HookResult['effects'] } {
  // both objects are owned by the current step (prepare made a working copy), so they are marked in place
  if (p?.ctx && context.applied !== p.meta.id) return { ctx: Object.assign(p.ctx, { applied: p.meta.id }), pre: p.pre ?? [] };
  if (p && context.applied !== p.meta.id) return { ctx: { ...draft(context), applied: p.meta.id }, pre: p.pre ?? [] };
  return { ctx: context, pre: [] };
}

function makeHook(run: (ctx: CaseContext, env: Env, params: { s?: string; t?: string }, p: EventPayload) => HookResult) {
  return enqueueActions((({ context, event, enqueue }: ActionArgs & { enqueue: Enqueue }, params: { s?: string; t?: string }) => {
    // the init event carries the payload in `input` (start), every other event in `$`
    // XState's own events (done.state.*) carry no payload: they belong to the event being stepped
    // (but never for an init without input: XState's transition() builds a throwaway actor each call)
    const init = event.type === 'xstate.init';
    const p = init ? (event as { input?: { $?: MachineEvent['$'] } }).input?.$ : event.$ ?? stepping.current;
    if (!p) return;
    const { ctx, pre } = baseContext(context, p);
    const r = run(ctx, p.env, params, p);
    // after the first hook of a step the context is this step's own object, edited in place
    if (r.ctx !== context) enqueue.assign(() => r.ctx);
    const effects = pre.length ? [...pre, ...r.effects] : r.effects;
    if (effects.length) enqueue({ type: 'fx', params: { effects } });
    if (r.raise) enqueue.raise({ type: r.raise, $: { ...p, ctx: undefined, pre: undefined, label: `auto:${r.raise}`, done: [] } });
  }) as never);
}

function needsEnter(id: string, spec: StateSpec, clockStates: Set<string>): boolean {
  return Boolean(spec.task || spec.wait?.timeout || spec.subcase || spec.entry?.length || spec.type === 'final' || clockStates.has(id));
}

function needsExit(spec: StateSpec, id: string, clockStates: Set<string>): boolean {
  return Boolean(spec.task || spec.wait?.timeout || spec.exit?.length || clockStates.has(id));
}

function transitionConfig(t: TransitionInfo) {
  return {
    ...(t.spec.target ? { target: '#' + targetId(t.spec.target) } : {}),
    ...(t.spec.guard !== undefined ? { guard: { type: 'g', params: { p: t.path + '/guard' } } } : {}),
    actions: [{ type: 'take', params: { t: t.path } }],
  };
}

/**
 * A task decision leaves its own step only: in a parallel state, region A's "approve" must not
 * also move region B, so decision transitions listen on `@<state>.<decision>`.
 */
export function decisionEvent(c: Pick<CompiledDefinition, 'model'>, stateId: string, event: string): string {
  const task = c.model.states.get(stateId)?.spec.task;
  return task && Object.hasOwn(task.decisions, event) ? `@${stateId}.${event}` : event;
}

function stateConfig(c: CompiledDefinition, id: string): Record<string, unknown> {
  const info = c.model.states.get(id)!;
  const spec = info.spec;
  const on: Record<string, unknown[]> = {};
  const always: unknown[] = [];
  const onDone: unknown[] = [];
  for (const t of c.model.transitions) {
    if (t.from !== id) continue;
    const key = decisionEvent(c, t.from, t.event);
    const list = t.event === '$always' ? always : t.event === '$done' ? onDone : (on[key] ??= []);
    list.push(transitionConfig(t));
  }
  for (const target of c.gotoTargets.get(id) ?? []) on['$goto.' + target] = [{ target: '#' + target, reenter: true, actions: [{ type: 'take', params: {} }] }];
  const children = info.children.length ? Object.fromEntries(info.children.map((ch) => [ch, stateConfig(c, ch)])) : undefined;
  return {
    id,
    ...(info.kind === 'parallel' ? { type: 'parallel' } : info.kind === 'final' ? { type: 'final' } : {}),
    ...(info.kind === 'compound' ? { initial: spec.initial ?? info.children[0] } : {}),
    ...(children ? { states: children } : {}),
    ...(needsEnter(id, spec, c.clockStates) ? { entry: [{ type: 'enter', params: { s: id } }] } : {}),
    ...(needsExit(spec, id, c.clockStates) ? { exit: [{ type: 'exit', params: { s: id } }] } : {}),
    ...(Object.keys(on).length ? { on } : {}),
    ...(always.length ? { always } : {}),
    ...(onDone.length ? { onDone } : {}),
  };
}

function gotoTargets(def: Definition, model: DefinitionModel): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (from: string, to: string) => (out.get(from) ?? out.set(from, new Set()).get(from)!).add(to);
  for (const h of model.humanStates) {
    for (const p of humanPredecessors(model, h)) add(h, p); // withdraw, reject to previous
    for (const d of Object.values(model.states.get(h)!.spec.task!.decisions)) {
      if (!d.to || d.to === 'previous') continue;
      for (const to of d.to === 'initiator' ? initiatorSteps(model, def.initial) : [d.to]) {
        if (!model.states.has(to)) continue;
        add(h, to);
        if (d.resubmit === 'return') add(to, h); // resubmission comes back to the rejecting step
      }
    }
    for (const d of Object.values(model.states.get(h)!.spec.task!.decisions)) {
      if (d.to === 'previous' && d.resubmit === 'return') for (const p of humanPredecessors(model, h)) add(p, h);
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

function buildMachine(c: CompiledDefinition): AnyStateMachine {
  const take = makeHook((ctx, env, params, p) => {
    p.trace?.transitions.push(params.t ?? p.label);
    return takeTransition(ctx, env, params.t ? c.transitionsByPath.get(params.t) : undefined, p);
  });
  const enter = makeHook((ctx, env, params, p) => {
    p.trace?.entered.push(params.s!);
    return enterState(ctx, env, params.s!, p);
  });
  const exit = makeHook((ctx, env, params, p) => exitState(ctx, env, params.s!, p));
  const g = ({ context, event }: ActionArgs, params: { p: string }) => {
    const ctx = event.$?.ctx && context.applied !== event.$.meta.id ? event.$.ctx : context;
    return truthy(c.logic.get(params.p)?.evaluate(logicView(ctx, event.$)));
  };
  const states = Object.fromEntries(Object.keys(c.definition.states).map((id) => [id, stateConfig(c, id)]));
  return setup({ actions: { fx: () => undefined, take, enter, exit } as never, guards: { g } as never }).createMachine({
    id: c.key,
    // XState's transition() builds a throwaway actor without input on every call: no throw here
    context: ({ input }: { input?: { ctx: CaseContext } }) => input?.ctx ?? ({} as CaseContext),
    initial: c.definition.initial,
    states,
    on: { $ctx: { actions: [{ type: 'take', params: {} }] } },
  } as never) as unknown as AnyStateMachine;
}

const cache = new Map<string, CompiledDefinition>();

/** Compiles (or returns the cached) machine for a definition; invalid expressions throw EngineError. */
export function compile(def: Definition, opts: { cache?: boolean } = {}): CompiledDefinition {
  const key = `${def.id}@${def.version}`;
  const hit = opts.cache === false ? undefined : cache.get(key);
  // published versions are immutable, but a draft may be edited under the same id@version
  if (hit && (hit.definition === def || JSON.stringify(hit.definition) === JSON.stringify(def))) return hit;
  const model = buildModel(def);
  const { logic, diagnostics } = compileAllLogic(def);
  if (hasErrors(diagnostics)) throw new EngineError('definition.invalid-expression', 'definition has invalid expressions', diagnostics);
  const clockStates = new Set(Object.values(def.clocks ?? {}).flatMap((k) => [...k.startOn, ...k.stopOn, ...(k.pauseIn ?? [])]));
  const transitionsByPath = new Map(model.transitions.map((t) => [t.path, t]));
  const c = { key, definition: def, model, logic, gotoTargets: gotoTargets(def, model), initiatorSteps: initiatorSteps(model, def.initial), clockStates, transitionsByPath } as CompiledDefinition;
  c.machine = buildMachine(c);
  if (opts.cache !== false) cache.set(key, c);
  return c;
}
