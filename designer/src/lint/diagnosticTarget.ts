/**
 * Where a diagnostic points, in the designer's terms: the JSON Pointer of a diagnostic becomes a
 * selection (a state, a transition, a form field, a template) and the tab that shows it.
 */
import type { Definition } from '@tongban/engine';
import { parsePointer } from '../doc/pointer.ts';
import { indexStates } from '../doc/stateIndex.ts';

export type Selection =
  | { kind: 'state'; id: string; focus?: string }
  | { kind: 'transition'; pointer: string; from: string }
  | { kind: 'form'; id: string; field?: string }
  | { kind: 'field'; name: string }
  | { kind: 'template'; id: string }
  | { kind: 'settings'; pointer: string };

export type Tab = 'flow' | 'forms' | 'matrix' | 'templates' | 'versions' | 'settings';

/** The selection and tab for a JSON Pointer into the definition. */
export function targetOf(def: Definition, ptr: string): { tab: Tab; selection: Selection } {
  const segs = safeSegments(ptr);
  if (segs[0] === 'states') {
    const { states, transitions } = indexStates(def);
    const tr = transitions.filter((t) => ptr === t.pointer || ptr.startsWith(t.pointer + '/')).sort((a, b) => b.pointer.length - a.pointer.length)[0];
    if (tr) return { tab: 'flow', selection: { kind: 'transition', pointer: tr.pointer, from: tr.from } };
    const st = [...states.values()].filter((s) => ptr === s.pointer || ptr.startsWith(s.pointer + '/')).sort((a, b) => b.pointer.length - a.pointer.length)[0];
    if (st) return { tab: 'flow', selection: { kind: 'state', id: st.id, focus: ptr.slice(st.pointer.length) } };
  }
  if (segs[0] === 'forms' && segs[1]) {
    const form = def.forms?.[segs[1]];
    const idx = segs[2] === 'fields' || segs[2] === 'required' ? Number(segs[3]) : NaN;
    const field = segs[2] === 'visibleIf' ? segs[3] : Number.isInteger(idx) ? (segs[2] === 'fields' ? form?.fields[idx] : form?.required?.[idx]) : undefined;
    return { tab: 'forms', selection: { kind: 'form', id: segs[1], ...(field ? { field } : {}) } };
  }
  if (segs[0] === 'data' && segs[1] === 'properties' && segs[2]) return { tab: 'forms', selection: { kind: 'field', name: segs[2] } };
  if (segs[0] === 'templates' && segs[1]) return { tab: 'templates', selection: { kind: 'template', id: segs[1] } };
  return { tab: 'settings', selection: { kind: 'settings', pointer: ptr } };
}

function safeSegments(ptr: string): string[] {
  try { return parsePointer(ptr); } catch { return []; }
}
