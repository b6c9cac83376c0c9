/**
 * The XState machine of a compiled definition: compile/machineConfig.ts gives the config as data,
 * this module supplies the implementations of the actions and the guard it names (the hooks of
 * ./hooks.ts and the compiled expressions). Built once per compiled definition.
 */
import { enqueueActions, setup, type AnyStateMachine } from 'xstate';
import type { CompiledDefinition } from '../compile/compile.ts';
import { expression } from '../compile/compile.ts';
import type { ExprKey } from '../compile/exprKeys.ts';
import { MachineActions, MachineGuards } from '../compile/machineConfig.ts';
import { truthy } from '../expr/index.ts';
import { draft, type CaseContext, type StepPayload } from './context.ts';
import { enterState, exitState, takeTransition, type HookResult } from './hooks.ts';
import { RunLimitExceeded, runLimits } from './limits.ts';
import { logicView } from './view.ts';

/** The XState event: an XState type plus our payload (`$`). */
export interface MachineEvent {
  type: string;
  $?: StepPayload;
}

/** The part of XState's `enqueue` the hooks use. */
interface Enqueue {
  (action: { type: typeof MachineActions.effects; params: { effects: HookResult['effects'] } }): void;
  assign(fn: () => CaseContext): void;
  raise(event: MachineEvent): void;
}

type ActionArgs = { context: CaseContext; event: MachineEvent };

/**
 * This event's payload: on the event itself, in the init input (start), or — for the events
 * XState raises by itself (`done.state.*`) — on the context being stepped, where the first hook put it.
 */
function payloadOf(context: CaseContext, event: MachineEvent): StepPayload | undefined {
  if (event.$) return event.$;
  if (event.type === 'xstate.init') return (event as { input?: { $?: StepPayload } }).input?.$;
  return context.$step;
}

/** The context this event works on: the working copy `prepare` made (first hook only), then the step's own object. */
function workingContext(context: CaseContext, p: StepPayload): { ctx: CaseContext; pre: HookResult['effects'] } {
  // both objects are owned by the current step (prepare made a working copy), so they are marked in place
  if (p.ctx && context.applied !== p.meta.id) return { ctx: Object.assign(p.ctx, { applied: p.meta.id, $step: p }), pre: p.pre ?? [] };
  if (context.applied !== p.meta.id) return { ctx: { ...draft(context), applied: p.meta.id, $step: p }, pre: p.pre ?? [] };
  return { ctx: context, pre: [] };
}

function makeHook(run: (ctx: CaseContext, p: StepPayload, params: { s?: string; t?: string }) => HookResult) {
  return enqueueActions((({ context, event, enqueue }: ActionArgs & { enqueue: Enqueue }, params: { s?: string; t?: string }) => {
    const p = payloadOf(context, event);
    // XState's transition() builds a throwaway actor without input: no payload, nothing to do
    if (!p) return;
    if (++p.budget.hooks > runLimits.maxHooksPerEvent) throw new RunLimitExceeded('maxHooksPerEvent', p.budget.hooks);
    const { ctx, pre } = workingContext(context, p);
    const r = run(ctx, p, params);
    // after the first hook of a step the context is this step's own object, edited in place
    if (r.ctx !== context) enqueue.assign(() => r.ctx);
    const effects = pre.length ? [...pre, ...r.effects] : r.effects;
    if (effects.length) enqueue({ type: MachineActions.effects, params: { effects } });
    if (r.raise) enqueue.raise({ type: r.raise, $: { ...p, ctx: undefined, pre: undefined, label: `auto: ${r.raise}`, done: [] } });
  }) as never);
}

function build(c: CompiledDefinition): AnyStateMachine {
  const take = makeHook((ctx, p, params) => {
    p.trace?.transitions.push(params.t ?? p.label);
    return takeTransition(ctx, p, params.t ? c.transitionsByPath.get(params.t) : undefined);
  });
  const enter = makeHook((ctx, p, params) => {
    p.trace?.entered.push(params.s!);
    return enterState(ctx, p, params.s!);
  });
  const exit = makeHook((ctx, p, params) => exitState(ctx, p, params.s!));
  const guard = ({ context, event }: ActionArgs, params: { k: ExprKey }) => {
    const p = payloadOf(context, event);
    const ctx = p?.ctx && context.applied !== p.meta.id ? p.ctx : context;
    return truthy(expression(c, params.k).evaluate(logicView(ctx, p)));
  };
  const actions = { [MachineActions.effects]: () => undefined, [MachineActions.take]: take, [MachineActions.enter]: enter, [MachineActions.exit]: exit };
  return setup({ actions: actions as never, guards: { [MachineGuards.expression]: guard } as never }).createMachine({
    ...c.machineConfig,
    // XState's transition() builds a throwaway actor without input on every call: no throw here
    context: ({ input }: { input?: { ctx: CaseContext } }) => input?.ctx ?? ({} as CaseContext),
  } as never) as unknown as AnyStateMachine;
}

const machines = new WeakMap<CompiledDefinition, AnyStateMachine>();

/** The machine of a compiled definition (built on first use, then cached with it). */
export function machineOf(c: CompiledDefinition): AnyStateMachine {
  let m = machines.get(c);
  if (!m) machines.set(c, (m = build(c)));
  return m;
}
