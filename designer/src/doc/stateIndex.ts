/**
 * An index of a definition's state tree for the designer: each state by id (ids are unique across
 * the tree), its JSON Pointer, parent and drawn kind, and every transition with its pointer.
 */
import type { Definition, StateSpec, TransitionSpec, TransitionsSpec } from '@tongban/engine';
import { toPointer } from './pointer.ts';

/** How the canvas draws a state. */
export type StateKind = 'human' | 'automatic' | 'waiting' | 'subcase' | 'parallel' | 'compound' | 'final' | 'plain';

export interface StateEntry { id: string; pointer: string; parent?: string; kind: StateKind; spec: StateSpec; children: string[] }
export interface TransitionEntry { from: string; event: string; index: number; target?: string; guarded: boolean; pointer: string; spec: TransitionSpec; kind: 'on' | 'always' | 'onDone' }

/** The kind a state is drawn as, by what it does. */
export function stateKind(spec: StateSpec): StateKind {
  if (spec.type === 'final') return 'final';
  if (spec.type === 'parallel') return 'parallel';
  if (spec.states && Object.keys(spec.states).length > 0) return 'compound';
  if (spec.task) return 'human';
  if (spec.subcase) return 'subcase';
  if (spec.wait) return 'waiting';
  if (spec.always) return 'automatic';
  return 'plain';
}

/** Normalises a transitions value to a list. */
export function asList(t: TransitionsSpec | undefined): TransitionSpec[] {
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/** Indexes states and transitions. */
export function indexStates(def: Pick<Definition, 'states'>): { states: Map<string, StateEntry>; transitions: TransitionEntry[] } {
  const states = new Map<string, StateEntry>();
  const transitions: TransitionEntry[] = [];
  const walk = (map: Record<string, StateSpec> | undefined, parent: string | undefined, base: string[]): string[] => {
    const ids: string[] = [];
    for (const [id, spec] of Object.entries(map ?? {})) {
      if (!spec || typeof spec !== 'object' || states.has(id)) continue;
      const segs = [...base, id];
      const ptr = toPointer(...segs);
      const entry: StateEntry = { id, pointer: ptr, parent, kind: stateKind(spec), spec, children: [] };
      states.set(id, entry);
      ids.push(id);
      for (const [event, value] of Object.entries(spec.on ?? {})) {
        asList(value).forEach((t, i) => transitions.push({ from: id, event, index: i, target: t?.target, guarded: t?.guard !== undefined, spec: t, kind: 'on',
          pointer: toPointer(...segs, 'on', event, ...(Array.isArray(value) ? [i] : [])) }));
      }
      for (const key of ['always', 'onDone'] as const) {
        const value = spec[key];
        asList(value).forEach((t, i) => transitions.push({ from: id, event: key, index: i, target: t?.target, guarded: t?.guard !== undefined, spec: t, kind: key,
          pointer: toPointer(...segs, key, ...(Array.isArray(value) ? [i] : [])) }));
      }
      entry.children = walk(spec.states, id, [...segs, 'states']);
    }
    return ids;
  };
  walk(def.states, undefined, ['states']);
  return { states, transitions };
}

/** Strips a leading '#' from a target. */
export const targetId = (t: string): string => (t.startsWith('#') ? t.slice(1) : t);
