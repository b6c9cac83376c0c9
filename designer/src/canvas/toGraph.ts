/**
 * The definition as a graph for the canvas: one node per state (groups for nested and parallel
 * states, children inside), one edge per transition labelled with its decision or event and marked
 * when guarded, plus dashed edges for reject-back decisions (驳回/退回) to where they send the case.
 */
import type { Definition, LocalizedText } from '@tongban/engine';
import { indexStates, targetId, type StateKind } from '../doc/stateIndex.ts';

export interface GraphNode { id: string; parent?: string; kind: StateKind; title: LocalizedText; initial: boolean; outcome?: string; mode?: string; assignee?: string; sla?: string; childCount: number }
export interface GraphEdge { id: string; source: string; target: string; label: LocalizedText; guarded: boolean; kind: 'on' | 'always' | 'onDone' | 'reject'; pointer: string }

/** Nodes (parents before children) and edges of a definition. */
export function toGraph(def: Definition): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const { states, transitions } = indexStates(def);
  const nodes: GraphNode[] = [...states.values()].map((s) => {
    const a = s.spec.task?.assignee as Record<string, unknown> | undefined;
    const initialOfParent = s.parent ? (states.get(s.parent)!.spec.initial ?? states.get(s.parent)!.children[0]) === s.id : def.initial === s.id;
    return {
      id: s.id, parent: s.parent, kind: s.kind, initial: initialOfParent && states.get(s.parent ?? '')?.kind !== 'parallel',
      title: { 'zh-CN': s.spec.title?.['zh-CN'] ?? s.id, en: s.spec.title?.en ?? s.id },
      outcome: s.spec.outcome, mode: s.spec.task?.mode, childCount: s.children.length,
      assignee: a ? String(a.role ?? a.user ?? a.pick ?? (a.chain as { role?: string } | undefined)?.role ?? a.orgField ?? '') : undefined,
      sla: s.spec.task?.sla?.within,
    };
  });
  const edges: GraphEdge[] = [];
  for (const t of transitions) {
    if (!t.target) continue;
    const target = targetId(t.target);
    if (!states.has(target)) continue;
    const d = states.get(t.from)?.spec.task?.decisions?.[t.event];
    const label: LocalizedText = t.kind === 'always' ? { 'zh-CN': '自动', en: 'auto' } : t.kind === 'onDone' ? { 'zh-CN': '完成后', en: 'when done' }
      : { 'zh-CN': d?.title['zh-CN'] ?? t.event, en: d?.title.en ?? t.event };
    edges.push({ id: `e:${t.pointer}`, source: t.from, target, label, guarded: t.guarded, kind: t.kind, pointer: t.pointer });
  }
  for (const s of states.values()) {
    for (const [name, d] of Object.entries(s.spec.task?.decisions ?? {})) {
      if (!d.to) continue;
      const target = d.to === 'initiator' ? def.initial : d.to === 'previous' ? undefined : d.to;
      if (!target || !states.has(target)) continue;
      edges.push({ id: `r:${s.id}:${name}`, source: s.id, target, label: { 'zh-CN': `${d.title['zh-CN']}（退回）`, en: `${d.title.en} (back)` }, guarded: false, kind: 'reject', pointer: `${s.pointer}/task/decisions/${name}` });
    }
  }
  return { nodes, edges };
}
