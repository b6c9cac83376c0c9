/**
 * `availableActions`: what an actor can do on a case right now — decisions and operations on the
 * tasks they hold, claiming a group task, withdrawing their last submission, and the plain events
 * their roles may send in the active states. The runtime shows these as buttons; `step` enforces them.
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import { decisionEvent } from '../compile/compile.ts';
import type { LocalizedText } from '../diagnostics/Diagnostic.ts';
import { activeStates } from './prepare-external.ts';
import { restore, type CaseSnapshot, type LiveSnapshot } from './step.ts';
import { decisionKind } from './tasks.ts';
import type { Actor } from './types.ts';

export interface AvailableAction {
  kind: 'decision' | 'operation' | 'claim' | 'withdraw' | 'event';
  name: string;
  state: string;
  taskId?: string;
  title?: LocalizedText;
  requires: string[];
}

function taskActions(c: CompiledDefinition, snap: LiveSnapshot, actor: Actor): AvailableAction[] {
  const out: AvailableAction[] = [];
  for (const task of Object.values(snap.context.tasks)) {
    const holders = task.assignee ? [task.assignee] : task.candidates;
    if (!holders.includes(actor.userId)) continue;
    const spec = c.model.states.get(task.state)!.spec.task!;
    const base = { state: task.state, taskId: task.id };
    if (!task.assignee && holders.length > 1) out.push({ kind: 'claim', name: 'claim', ...base, requires: [] });
    if (task.status !== 'pending') continue;
    for (const [name, d] of Object.entries(spec.decisions)) {
      if (d.roles && !d.roles.some((r) => actor.roles.includes(r))) continue;
      if (task.delegatedFrom && decisionKind(name, d) === 'other') continue;
      out.push({ kind: 'decision', name, ...base, title: d.title, requires: d.requires ?? [] });
    }
    for (const op of spec.allow ?? []) {
      if (op === 'withdraw' || task.delegatedFrom) continue;
      out.push({ kind: 'operation', name: op, ...base, requires: spec.requires?.[op] ?? [] });
    }
  }
  return out;
}

function withdrawAction(c: CompiledDefinition, snap: LiveSnapshot, actor: Actor): AvailableAction[] {
  const last = snap.context.trail[snap.context.trail.length - 1];
  if (!last || last.by !== actor.userId) return [];
  if (!c.model.states.get(last.state)?.spec.task?.allow?.includes('withdraw')) return [];
  const open = Object.values(snap.context.tasks);
  const ok = open.length > 0 && open.every((t) => !t.opened && t.createdAt >= last.at && (c.gotoTargets.get(t.state) ?? []).includes(last.state));
  return ok ? [{ kind: 'withdraw', name: 'withdraw', state: last.state, taskId: last.taskId, requires: [] }] : [];
}

function eventActions(c: CompiledDefinition, snap: LiveSnapshot, actor: Actor): AvailableAction[] {
  const active = activeStates({ compiled: c } as never, snap);
  const seen = new Set<string>();
  const out: AvailableAction[] = [];
  for (const t of c.model.transitions) {
    if (!active.includes(t.from) || t.event.startsWith('$') || seen.has(t.event)) continue;
    if (decisionEvent(c, t.from, t.event) !== t.event) continue;
    if (!t.spec.roles?.some((r) => actor.roles.includes(r))) continue;
    seen.add(t.event);
    out.push({ kind: 'event', name: t.event, state: t.from, ...(t.spec.description ? { title: t.spec.description } : {}), requires: t.spec.requires ?? [] });
  }
  return out;
}

/** Everything `actor` may do on the case now, in a stable order. */
export function availableActions(c: CompiledDefinition, stored: CaseSnapshot | LiveSnapshot, actor: Actor): AvailableAction[] {
  const snap = restore(c, stored);
  if (snap.status !== 'active') return [];
  return [...taskActions(c, snap, actor), ...withdrawAction(c, snap, actor), ...eventActions(c, snap, actor)];
}
