/**
 * XState's pure `transition(logic, snapshot, event)`, with its inert actor scope built once per
 * machine instead of on every call. XState's own implementation creates a throwaway actor (and
 * its system) per call only to hand `logic.transition` a scope that does nothing; that was the
 * single largest cost of a step. Same public `machine.transition(snapshot, event, scope)` call,
 * same result: the next snapshot and the actions, unexecuted.
 */
import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

type Scope = AnyActorScope & { actionExecutor: (action: unknown) => void };

const scopes = new WeakMap<AnyStateMachine, Scope>();

function inertScope(machine: AnyStateMachine): Scope {
  let scope = scopes.get(machine);
  if (scope) return scope;
  const self = createActor(machine);
  scope = {
    self, defer: () => {}, id: '', logger: () => {}, sessionId: '', stopChild: () => {},
    system: self.system, emit: () => {}, actionExecutor: () => {},
  } as unknown as Scope;
  scopes.set(machine, scope);
  return scope;
}

/** The next snapshot and the (unexecuted) actions for an event. Pure; synchronous. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: { type: string }): [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>] {
  const scope = inertScope(machine);
  const actions: Array<{ type: string; params?: unknown }> = [];
  scope.actionExecutor = (a) => actions.push(a as { type: string; params?: unknown });
  try {
    return [machine.transition(snapshot, event as never, scope) as AnyMachineSnapshot, actions];
  } finally {
    scope.actionExecutor = () => {};
  }
}
