/**
 * An index over a definition's state tree: every state by its (globally unique) id, its parent,
 * its kind, and the graph facts the compiler and lint need (targets, human predecessors).
 */
import type { Definition, StateSpec, TransitionSpec, TransitionsSpec } from '../definition/types.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';

export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final';

export interface StateInfo {
  id: string;
  spec: StateSpec;
  parent?: string;
  kind: StateKind;
  /** JSON Pointer of the state in the definition */
  path: string;
  children: string[];
  depth: number;
}

/** What makes a transition fire. */
export type TransitionTrigger =
  /** an event named in `on` (a decision, a plain event, an adapter result, a timeout) */
  | { kind: 'event'; event: string }
  /** `always`: taken as soon as its guard holds */
  | { kind: 'always' }
  /** `onDone`: the compound or parallel state reached its final state(s) */
  | { kind: 'done' }
  /** `subcase.onDone.<outcome>`: the state's sub-cases finished with this outcome (`*`: any other) */
  | { kind: 'subcase'; outcome: string };

export interface TransitionInfo {
  from: string;
  trigger: TransitionTrigger;
  index: number;
  spec: TransitionSpec;
  path: string;
}

/** The event name of an `on` transition, else undefined. */
export function eventOf(t: TransitionInfo): string | undefined {
  return t.trigger.kind === 'event' ? t.trigger.event : undefined;
}

export interface DefinitionModel {
  states: Map<string, StateInfo>;
  transitions: TransitionInfo[];
  humanStates: string[];
  duplicates: Array<{ id: string; path: string }>;
}

/** Normalises `on` values (one transition or a list). */
export function asList(t: TransitionsSpec | undefined): TransitionSpec[] {
  if (t === undefined) return [];
  return Array.isArray(t) ? t : [t];
}

/** The state id a transition target names ('x' or '#x'). */
export function targetId(target: string): string {
  return target.startsWith('#') ? target.slice(1) : target;
}

function kindOf(spec: StateSpec): StateKind {
  if (spec.type) return spec.type;
  return spec.states && Object.keys(spec.states).length > 0 ? 'compound' : 'atomic';
}

function collectTransitions(id: string, spec: StateSpec, path: string, out: TransitionInfo[]): void {
  const add = (trigger: TransitionTrigger, value: TransitionsSpec | undefined, base: string) =>
    asList(value).forEach((t, i) => out.push({ from: id, trigger, index: i, spec: t, path: path + base + (Array.isArray(value) ? pointer(i) : '') }));
  for (const [event, value] of Object.entries(spec.on ?? {})) add({ kind: 'event', event }, value, pointer('on', event));
  add({ kind: 'always' }, spec.always, pointer('always'));
  add({ kind: 'done' }, spec.onDone, pointer('onDone'));
  for (const [outcome, value] of Object.entries(spec.subcase?.onDone ?? {})) add({ kind: 'subcase', outcome }, value, pointer('subcase', 'onDone', outcome));
}

/** Builds the model; duplicate ids are recorded (the loader reports them). */
export function buildModel(def: Definition): DefinitionModel {
  const states = new Map<string, StateInfo>();
  const transitions: TransitionInfo[] = [];
  const duplicates: DefinitionModel['duplicates'] = [];
  const walk = (map: Record<string, StateSpec>, parent: string | undefined, base: string, depth: number): string[] => {
    const ids: string[] = [];
    for (const [id, spec] of Object.entries(map)) {
      const path = base + pointer(id);
      if (states.has(id)) {
        duplicates.push({ id, path });
        continue;
      }
      const info: StateInfo = { id, spec, parent, kind: kindOf(spec), path, children: [], depth };
      states.set(id, info);
      ids.push(id);
      collectTransitions(id, spec, path, transitions);
      if (spec.states) info.children = walk(spec.states, id, path + '/states', depth + 1);
    }
    return ids;
  };
  walk(def.states, undefined, '/states', 0);
  const humanStates = [...states.values()].filter((s) => s.spec.task).map((s) => s.id);
  return { states, transitions, humanStates, duplicates };
}

/** Ancestors of a state, nearest first. */
export function ancestors(model: DefinitionModel, id: string): string[] {
  const out: string[] = [];
  let cur = model.states.get(id)?.parent;
  while (cur) {
    out.push(cur);
    cur = model.states.get(cur)?.parent;
  }
  return out;
}

/** The atomic states a transition into `id` lands on (initial descendants; all regions of a parallel). */
export function entryLeaves(model: DefinitionModel, id: string): string[] {
  const info = model.states.get(id);
  if (!info) return [];
  if (info.kind === 'parallel') return info.children.flatMap((c) => entryLeaves(model, c));
  if (info.kind === 'compound') {
    const initial = info.spec.initial ?? info.children[0];
    return initial ? entryLeaves(model, initial) : [];
  }
  return [id];
}

/**
 * Per-model memo of the graph facts below. A model is built once per load / lint / compile and never
 * changed afterwards, so its successors and human-step reach sets can be computed once: asking
 * `humanPredecessors` for every human step was quadratic in the steps times the transitions
 * (4 s of a 100-step item's lint + compile in the designer, issue 11).
 */
interface GraphMemo { byFrom: Map<string, TransitionInfo[]>; order: Map<TransitionInfo, number>; successors: Map<string, string[]>; humanPreds?: Map<string, string[]> }
const memos = new WeakMap<DefinitionModel, GraphMemo>();

function memoOf(model: DefinitionModel): GraphMemo {
  let m = memos.get(model);
  if (!m) {
    const byFrom = new Map<string, TransitionInfo[]>();
    const order = new Map<TransitionInfo, number>();
    model.transitions.forEach((t, i) => { order.set(t, i); (byFrom.get(t.from) ?? byFrom.set(t.from, []).get(t.from)!).push(t); });
    m = { byFrom, order, successors: new Map() };
    memos.set(model, m);
  }
  return m;
}

/** Plain successor graph between states (targets, initial children, onDone of the parent). */
export function successors(model: DefinitionModel, id: string): string[] {
  const memo = memoOf(model);
  const hit = memo.successors.get(id);
  if (hit) return [...hit];
  const out = new Set<string>();
  // transitions of the state and of its ancestors, in the model's order (which fixes the output's order)
  const self = new Set([id, ...ancestors(model, id)]);
  const own = [...self].flatMap((s) => memo.byFrom.get(s) ?? []).sort((a, b) => memo.order.get(a)! - memo.order.get(b)!);
  for (const t of own) {
    if (!t.spec.target) continue;
    for (const leaf of entryLeaves(model, targetId(t.spec.target))) out.add(leaf);
  }
  const info = model.states.get(id);
  if (info?.kind === 'final' && info.parent) {
    // reaching a final child can complete the parent: its onDone fires
    for (const t of memo.byFrom.get(info.parent) ?? []) if (t.trigger.kind === 'done' && t.spec.target) {
      for (const leaf of entryLeaves(model, targetId(t.spec.target))) out.add(leaf);
    }
  }
  for (const task of Object.entries(info?.spec.task?.decisions ?? {})) {
    const to = task[1].to;
    if (to && to !== 'initiator' && to !== 'previous') for (const leaf of entryLeaves(model, to)) out.add(leaf);
  }
  const list = [...out];
  memo.successors.set(id, list);
  return [...list];
}

/**
 * For every state, the human states from which it can be reached without passing another human
 * state: one search per human step (the states it reaches through non-human states), inverted.
 */
function humanPredecessorMap(model: DefinitionModel): Map<string, string[]> {
  const memo = memoOf(model);
  if (memo.humanPreds) return memo.humanPreds;
  const preds = new Map<string, Set<string>>();
  for (const h of model.humanStates) {
    const seen = new Set<string>();
    const queue = successors(model, h);
    for (let i = 0; i < queue.length; i++) {
      const cur = queue[i]!;
      if (seen.has(cur)) continue;
      seen.add(cur);
      (preds.get(cur) ?? preds.set(cur, new Set()).get(cur)!).add(h);
      if (model.states.get(cur)?.spec.task) continue;
      for (const n of successors(model, cur)) if (!seen.has(n)) queue.push(n);
    }
  }
  memo.humanPreds = new Map([...preds].map(([id, hs]) => [id, [...hs].filter((h) => h !== id).sort()]));
  return memo.humanPreds;
}

/** Human states from which `id` can be reached without passing another human state. */
export function humanPredecessors(model: DefinitionModel, id: string): string[] {
  return [...(humanPredecessorMap(model).get(id) ?? [])];
}

/**
 * The human steps a case can meet first (reachable from `initial` without passing another human
 * step), in breadth-first order. Which one was the initiator's is known only at run time (guards
 * choose the branch), so a reject "to initiator" picks among these by the case's trail.
 */
export function initiatorSteps(model: DefinitionModel, initial: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const queue = entryLeaves(model, initial);
  while (queue.length) {
    const cur = queue.shift()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    if (model.states.get(cur)?.spec.task) found.push(cur);
    else queue.push(...successors(model, cur));
  }
  return found.length ? found : [initial];
}

/** Per human state: the states a reject-back, withdraw (撤回) or resubmit-to-rejecter can jump to. */
export function gotoTargets(def: Definition, model: DefinitionModel): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (from: string, to: string) => (out.get(from) ?? out.set(from, new Set()).get(from)!).add(to);
  for (const h of model.humanStates) {
    const decisions = Object.values(model.states.get(h)!.spec.task!.decisions);
    for (const p of humanPredecessors(model, h)) add(h, p); // withdraw, reject to previous
    for (const d of decisions) {
      if (!d.to || d.to === 'previous') continue;
      for (const to of d.to === 'initiator' ? initiatorTargets(model, def.initial) : [d.to]) {
        if (!model.states.has(to)) continue;
        add(h, to);
        if (d.resubmit === 'return') add(to, h); // resubmission comes back to the rejecting step
      }
    }
    for (const d of decisions) {
      if (d.to === 'previous' && d.resubmit === 'return') for (const p of humanPredecessors(model, h)) add(p, h);
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

/** True when a human step is assigned to the case's initiator (`assignee: { initiator: true }`). */
export function isInitiatorStep(model: DefinitionModel, id: string): boolean {
  const a = model.states.get(id)?.spec.task?.assignee;
  return (Array.isArray(a) ? a : a ? [a] : []).some((r) => 'initiator' in r);
}

/**
 * Where "to the initiator" can lead: the steps assigned to the initiator (a correction task), or,
 * when the item has none, the human steps a case can meet first (the initiator's own first step).
 */
export function initiatorTargets(model: DefinitionModel, initial: string): string[] {
  const own = model.humanStates.filter((h) => isInitiatorStep(model, h));
  return own.length ? own : initiatorSteps(model, initial);
}
