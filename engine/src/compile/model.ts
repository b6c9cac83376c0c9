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

export interface TransitionInfo {
  from: string;
  event: string; // event name, '$always' or '$done'
  index: number;
  spec: TransitionSpec;
  path: string;
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
  for (const [event, value] of Object.entries(spec.on ?? {})) {
    const base = pointer('on', event);
    const list = asList(value);
    list.forEach((t, i) => out.push({ from: id, event, index: i, spec: t, path: path + base + (Array.isArray(value) ? pointer(i) : '') }));
  }
  const extra: Array<['$always' | '$done', TransitionsSpec | undefined, string]> = [['$always', spec.always, 'always'], ['$done', spec.onDone, 'onDone']];
  for (const [event, value, key] of extra) {
    asList(value).forEach((t, i) => out.push({ from: id, event, index: i, spec: t, path: path + pointer(key) + (Array.isArray(value) ? pointer(i) : '') }));
  }
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

/** Plain successor graph between states (targets, initial children, onDone of the parent). */
export function successors(model: DefinitionModel, id: string): string[] {
  const out = new Set<string>();
  const self = [id, ...ancestors(model, id)];
  for (const t of model.transitions) {
    if (!self.includes(t.from) || !t.spec.target) continue;
    for (const leaf of entryLeaves(model, targetId(t.spec.target))) out.add(leaf);
  }
  const info = model.states.get(id);
  if (info?.kind === 'final' && info.parent) {
    // reaching a final child can complete the parent: its onDone fires
    for (const t of model.transitions) if (t.from === info.parent && t.event === '$done' && t.spec.target) {
      for (const leaf of entryLeaves(model, targetId(t.spec.target))) out.add(leaf);
    }
  }
  for (const task of Object.entries(info?.spec.task?.decisions ?? {})) {
    const to = task[1].to;
    if (to && to !== 'initiator' && to !== 'previous') for (const leaf of entryLeaves(model, to)) out.add(leaf);
  }
  return [...out];
}

/** Human states from which `id` can be reached without passing another human state. */
export function humanPredecessors(model: DefinitionModel, id: string): string[] {
  const result = new Set<string>();
  for (const h of model.humanStates) {
    const seen = new Set<string>();
    const queue = [...successors(model, h)];
    while (queue.length) {
      const cur = queue.shift()!;
      if (seen.has(cur)) continue;
      seen.add(cur);
      if (cur === id) {
        result.add(h);
        break;
      }
      if (model.states.get(cur)?.spec.task) continue;
      queue.push(...successors(model, cur));
    }
  }
  result.delete(id);
  return [...result].sort();
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
