/**
 * The designer's edit vocabulary: each function returns a Command (a pure document → document
 * function with a zh-CN/en label). The canvas, the panels, the form builder and import all edit
 * through these, so every change is undoable the same way.
 */
import type { Definition, LocalizedText, StateSpec, TransitionSpec } from '@tongban/engine';
import type { Command } from './commandStack.ts';
import { getAt, setAt, toPointer } from './pointer.ts';
import { asList, indexStates, targetId } from './stateIndex.ts';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** Sets (or with `undefined` removes) the value at a JSON Pointer. */
export function setValue(pointer: string, value: unknown, label: LocalizedText = t(`修改 ${pointer}`, `Edit ${pointer}`), merge = true): Command {
  return {
    label,
    mergeKey: merge ? `set:${pointer}` : undefined,
    apply: (def) => (JSON.stringify(getAt(def, pointer)) === JSON.stringify(value) ? def : setAt(def, pointer, value)),
  };
}

/** Several commands as one undo entry (e.g. a form field added to the data schema, the form and the field matrix). */
export function batch(label: LocalizedText, cmds: Command[]): Command {
  return { label, apply: (def) => cmds.reduce((d, c) => c.apply(d), def) };
}

/** Replaces the whole document (import, start from a template). */
export function replaceDocument(def: Definition, label: LocalizedText): Command {
  return { label, apply: () => def };
}

/** A state id not used yet, from a base (`step`, `step2`, ...). */
export function freshStateId(def: Definition, base: string): string {
  const ids = new Set(indexStates(def).states.keys());
  // state ids: ^[a-z][a-z0-9_]*$ (definition schema)
  const clean = base.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '') || 'step';
  if (!ids.has(clean)) return clean;
  for (let i = 2; ; i++) if (!ids.has(`${clean}${i}`)) return `${clean}${i}`;
}

/** Where a state's map lives: the root `states` or a parent's `states`. */
function statesPointer(def: Definition, parent?: string): string {
  if (!parent) return '/states';
  const p = indexStates(def).states.get(parent);
  if (!p) throw new Error(`unknown state ${parent}`);
  return p.pointer + '/states';
}

/** Adds a state (inside `parent` when given) and, with `from`, a transition `from --event--> id`. */
export function addState(id: string, spec: StateSpec, opts: { parent?: string; from?: string; event?: string } = {}): Command {
  return {
    label: t(`添加步骤 ${spec.title?.['zh-CN'] ?? id}`, `Add step ${spec.title?.en ?? id}`),
    apply: (def) => {
      let next = setAt(def, `${statesPointer(def, opts.parent)}${toPointer(id)}`, spec);
      if (opts.from) next = connect(opts.from, opts.event ?? 'next', id).apply(next);
      return next;
    },
  };
}

/** Adds a transition; an event that already has one becomes a list (guards then choose). */
export function connect(from: string, event: string, to: string, extra: Partial<TransitionSpec> = {}): Command {
  return {
    label: t(`连接 ${from} → ${to}`, `Connect ${from} → ${to}`),
    apply: (def) => {
      const src = indexStates(def).states.get(from);
      if (!src) return def;
      const ptr = `${src.pointer}/on${toPointer(event)}`;
      const existing = getAt(def, ptr) as TransitionSpec | TransitionSpec[] | undefined;
      const tr: TransitionSpec = { target: to, ...extra };
      if (existing === undefined) return setAt(def, ptr, tr);
      return setAt(def, ptr, [...asList(existing), tr]);
    },
  };
}

/** Removes one transition (by its pointer); a list of one collapses back to a single transition. */
export function removeTransition(pointer: string): Command {
  return {
    label: t('删除连线', 'Delete transition'),
    apply: (def) => {
      if (getAt(def, pointer) === undefined) return def;
      let next = setAt(def, pointer, undefined);
      const parentPtr = pointer.replace(/\/\d+$/, '');
      if (parentPtr !== pointer) {
        const list = getAt(next, parentPtr) as TransitionSpec[] | undefined;
        if (Array.isArray(list) && list.length === 1) next = setAt(next, parentPtr, list[0]);
        else if (Array.isArray(list) && list.length === 0) next = setAt(next, parentPtr, undefined);
      }
      // an `on` left empty is removed, so the state reads as a dead end in lint rather than `on: {}`
      const onPtr = pointer.replace(/\/on\/[^/]+(?:\/\d+)?$/, '/on');
      if (onPtr !== pointer) {
        const on = getAt(next, onPtr);
        if (on && typeof on === 'object' && Object.keys(on).length === 0) next = setAt(next, onPtr, undefined);
      }
      return next;
    },
  };
}

/** Every pointer of a transition that targets one of `ids`. */
function transitionsInto(def: Definition, ids: Set<string>): string[] {
  return indexStates(def).transitions.filter((tr) => tr.target && ids.has(targetId(tr.target))).map((tr) => tr.pointer);
}

/** Deletes states (and their children) and every transition into them; the initial state moves to the first one left. */
export function removeStates(ids: string[]): Command {
  return {
    label: t(`删除步骤 ${ids.join('、')}`, `Delete ${ids.join(', ')}`),
    apply: (def) => {
      const index = indexStates(def);
      const gone = new Set<string>();
      const mark = (id: string) => { if (gone.has(id)) return; gone.add(id); for (const c of index.states.get(id)?.children ?? []) mark(c); };
      ids.filter((id) => index.states.has(id)).forEach(mark);
      if (gone.size === 0) return def;
      // later pointers first, so removing an array item does not shift the ones still to remove
      let next = transitionsInto(def, gone).filter((p) => !ids.some((id) => p.startsWith(index.states.get(id)!.pointer + '/')))
        .sort().reverse().reduce((d, p) => removeTransition(p).apply(d), def);
      for (const id of ids) { const e = indexStates(next).states.get(id); if (e) next = setAt(next, e.pointer, undefined); }
      if (gone.has(next.initial)) next = { ...next, initial: Object.keys(next.states)[0] ?? '' };
      return next;
    },
  };
}

/** Renames a state and every reference to it (targets, initial, reject-back `to`, pauseIn, clocks). */
export function renameState(from: string, to: string): Command {
  return {
    label: t(`重命名 ${from} → ${to}`, `Rename ${from} → ${to}`),
    apply: (def) => {
      const index = indexStates(def);
      const e = index.states.get(from);
      if (!e || from === to || index.states.has(to)) return def;
      const parentPtr = e.pointer.slice(0, e.pointer.lastIndexOf('/'));
      const map = getAt(def, parentPtr) as Record<string, StateSpec>;
      const renamed = Object.fromEntries(Object.entries(map).map(([k, v]) => [k === from ? to : k, v]));
      let next = setAt(def, parentPtr, renamed);
      const swap = (v: unknown): unknown => (v === from ? to : v === `#${from}` ? `#${to}` : v);
      const deep = (node: unknown, key?: string): unknown => {
        if (Array.isArray(node)) return key === 'pauseIn' || key === 'startOn' || key === 'stopOn' ? node.map(swap) : node.map((n) => deep(n));
        if (!node || typeof node !== 'object') return node;
        return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'target' || k === 'to' || k === 'initial' ? swap(v) : deep(v, k)]));
      };
      next = { ...next, initial: swap(next.initial) as string, states: deep(next.states) as Definition['states'], ...(next.clocks ? { clocks: deep(next.clocks) as Definition['clocks'] } : {}) };
      return next;
    },
  };
}

/** Pastes copied states under fresh ids (transitions among them follow the renames; those leaving the selection are kept). */
export function pasteStates(copied: Record<string, StateSpec>, parent?: string): Command {
  return {
    label: t(`粘贴 ${Object.keys(copied).length} 个步骤`, `Paste ${Object.keys(copied).length} step(s)`),
    apply: (def) => {
      const renames = new Map<string, string>();
      let probe = def;
      for (const id of Object.keys(copied)) {
        const fresh = freshStateId(probe, `${id}_copy`);
        renames.set(id, fresh);
        probe = setAt(probe, `/states${toPointer(fresh)}`, {});
      }
      const retarget = (node: unknown): unknown => {
        if (Array.isArray(node)) return node.map(retarget);
        if (!node || typeof node !== 'object') return node;
        return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'target' && typeof v === 'string' && renames.has(targetId(v)) ? renames.get(targetId(v)) : retarget(v)]));
      };
      let next = def;
      for (const [id, spec] of Object.entries(copied)) next = setAt(next, `${statesPointer(next, parent)}${toPointer(renames.get(id)!)}`, retarget(spec));
      return next;
    },
  };
}
