/**
 * 后续环节: the steps ahead of a case as its definition predicts them — from each current step,
 * follow the first approving decision (else the first transition, or an automatic `always`) until a
 * final state, a loop or eight steps. A prediction for the timeline, never a promise: guards decide.
 */
import type { Definition, StateSpec, TransitionsSpec } from '@tongban/engine';

type Node = { id: string; spec: StateSpec };

function find(def: Definition, id: string): StateSpec | undefined {
  let states: Record<string, StateSpec> | undefined = def.states as Record<string, StateSpec>;
  let spec: StateSpec | undefined;
  for (const part of id.split('.')) {
    spec = states?.[part];
    states = spec?.states;
  }
  return spec;
}

/** Resolves a target named from state `from` ('#abs', a sibling, or a top-level id), entering initial children. */
function resolve(def: Definition, from: string, target: string): Node | undefined {
  const name = target.replace(/^#/, '');
  const parent = from.split('.').slice(0, -1);
  for (let i = parent.length; i >= 0; i--) {
    const id = [...parent.slice(0, i), name].join('.');
    let spec = find(def, id);
    if (!spec) continue;
    let full = id;
    while (spec?.states && spec.initial && spec.type !== 'parallel') {
      full = `${full}.${spec.initial}`;
      spec = spec.states[spec.initial];
    }
    return spec ? { id: full, spec } : undefined;
  }
  return undefined;
}

const first = (t: TransitionsSpec | undefined): string | undefined => (Array.isArray(t) ? t : t ? [t] : []).map((x) => x.target).find((x): x is string => typeof x === 'string');

function next(def: Definition, n: Node): Node | undefined {
  const decisions = Object.entries(n.spec.task?.decisions ?? {});
  const approve = decisions.find(([, d]) => (d.kind ?? 'approve') === 'approve')?.[0];
  const on = n.spec.on ?? {};
  const target = (approve && first(on[approve])) ?? first(n.spec.always) ?? Object.values(on).map(first).find(Boolean) ?? first(n.spec.onDone);
  if (target) return resolve(def, n.id, target);
  // a nested step without its own way on: its parent's transitions
  const parent = n.id.split('.').slice(0, -1).join('.');
  const p = parent ? find(def, parent) : undefined;
  return p ? next(def, { id: parent, spec: { ...p, task: undefined, states: undefined } }) : undefined;
}

/** The predicted steps after `current` (human steps and the final state), titled. */
export function predictAhead(def: Definition, current: string[]): Array<{ state: string; title: { 'zh-CN': string; en: string }; final: boolean }> {
  const out: Array<{ state: string; title: { 'zh-CN': string; en: string }; final: boolean }> = [];
  const seen = new Set(current);
  let node: Node | undefined = current[0] ? { id: current[0], spec: find(def, current[0]) ?? {} } : undefined;
  for (let i = 0; node && i < 12 && out.length < 8; i++) {
    node = next(def, node);
    if (!node || seen.has(node.id)) break;
    seen.add(node.id);
    const final = node.spec.type === 'final';
    if (node.spec.task || final) out.push({ state: node.id, title: node.spec.task?.title ?? node.spec.title ?? { 'zh-CN': node.id, en: node.id }, final });
    if (final) break;
  }
  return out;
}
