/**
 * The XState machine config of a compiled definition, as plain data: states, transitions and the
 * names (with params) of the guard and actions XState is to call. The run code (run/machine.ts)
 * supplies their implementations; nothing here knows how a case runs.
 */
import type { StateSpec } from '../definition/types.ts';
import { ExprKeys } from './exprKeys.ts';
import { MachineEvents, xstateType, type MachineEventRef } from './internalEvents.ts';
import { targetId, type DefinitionModel, type TransitionInfo } from './model.ts';

/** What the config needs from the compiled definition. */
export interface MachineConfigInput {
  key: string;
  initial: string;
  model: DefinitionModel;
  gotoTargets: Map<string, string[]>;
  clockStates: Set<string>;
}

/** Action and guard names the machine references (run/machine.ts implements exactly these). */
export const MachineActions = { enter: 'enter', exit: 'exit', take: 'take', effects: 'fx' } as const;
export const MachineGuards = { expression: 'g' } as const;

/** The engine event a transition listens on: a decision of its step is scoped to the step's state. */
export function listenedEvent(model: DefinitionModel, t: TransitionInfo): MachineEventRef | undefined {
  const trig = t.trigger;
  if (trig.kind === 'subcase') return MachineEvents.subcase(t.from, trig.outcome);
  if (trig.kind !== 'event') return undefined;
  const task = model.states.get(t.from)?.spec.task;
  return task && Object.hasOwn(task.decisions, trig.event) ? MachineEvents.decision(t.from, trig.event) : MachineEvents.event(trig.event);
}

function transitionConfig(t: TransitionInfo) {
  return {
    ...(t.spec.target ? { target: '#' + targetId(t.spec.target) } : {}),
    ...(t.spec.guard !== undefined ? { guard: { type: MachineGuards.expression, params: { k: ExprKeys.guard(t) } } } : {}),
    actions: [{ type: MachineActions.take, params: { t: t.path } }],
  };
}

function needsEnter(id: string, spec: StateSpec, clockStates: Set<string>): boolean {
  return Boolean(spec.task || spec.wait?.timeout || spec.subcase || spec.entry?.length || spec.type === 'final' || clockStates.has(id));
}

function needsExit(spec: StateSpec, id: string, clockStates: Set<string>): boolean {
  return Boolean(spec.task || spec.wait?.timeout || spec.exit?.length || clockStates.has(id));
}

function stateConfig(c: MachineConfigInput, id: string): Record<string, unknown> {
  const info = c.model.states.get(id)!;
  const spec = info.spec;
  const on: Record<string, unknown[]> = {};
  const always: unknown[] = [];
  const onDone: unknown[] = [];
  for (const t of c.model.transitions) {
    if (t.from !== id) continue;
    if (t.trigger.kind === 'always') always.push(transitionConfig(t));
    else if (t.trigger.kind === 'done') onDone.push(transitionConfig(t));
    else (on[xstateType(listenedEvent(c.model, t)!)] ??= []).push(transitionConfig(t));
  }
  for (const target of c.gotoTargets.get(id) ?? []) {
    on[xstateType(MachineEvents.goto(target))] = [{ target: '#' + target, reenter: true, actions: [{ type: MachineActions.take, params: {} }] }];
  }
  const children = info.children.length ? Object.fromEntries(info.children.map((ch) => [ch, stateConfig(c, ch)])) : undefined;
  return {
    id,
    ...(info.kind === 'parallel' ? { type: 'parallel' } : info.kind === 'final' ? { type: 'final' } : {}),
    ...(info.kind === 'compound' ? { initial: spec.initial ?? info.children[0] } : {}),
    ...(children ? { states: children } : {}),
    ...(needsEnter(id, spec, c.clockStates) ? { entry: [{ type: MachineActions.enter, params: { s: id } }] } : {}),
    ...(needsExit(spec, id, c.clockStates) ? { exit: [{ type: MachineActions.exit, params: { s: id } }] } : {}),
    ...(Object.keys(on).length ? { on } : {}),
    ...(always.length ? { always } : {}),
    ...(onDone.length ? { onDone } : {}),
  };
}

/** The machine config: top-level states, the initial state, and bookkeeping events handled at the root. */
export function machineConfig(c: MachineConfigInput): Record<string, unknown> {
  const top = [...c.model.states.values()].filter((s) => !s.parent).map((s) => s.id);
  return {
    id: c.key,
    initial: c.initial,
    states: Object.fromEntries(top.map((id) => [id, stateConfig(c, id)])),
    on: { [xstateType(MachineEvents.bookkeeping)]: { actions: [{ type: MachineActions.take, params: {} }] } },
  };
}
