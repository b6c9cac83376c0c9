/**
 * `availableActions`: what an actor can do on a case right now — decisions and operations on the
 * tasks they hold, claiming a group task, withdrawing their last submission, and the plain events
 * they may send in the active states. Every candidate goes through the same acceptance checks as
 * `step` (./acceptance.ts), so a listed action is one `step` takes (given its inputs) and an
 * unlisted one is refused.
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import { eventOf } from '../compile/model.ts';
import type { LocalizedText } from '../diagnostics/Diagnostic.ts';
import { eventRefusal, HolderOps, taskActRefusal, taskSpecOf } from './acceptance.ts';
import { restore, type CaseSnapshot, type LiveSnapshot } from './step.ts';
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
  const may = (taskId: string, action: string) => !taskActRefusal(c, snap.context, taskId, action, actor);
  for (const task of Object.values(snap.context.tasks)) {
    const spec = taskSpecOf(c, task);
    const base = { state: task.state, taskId: task.id };
    // claiming is offered for a group task with several candidates (one candidate acts directly)
    if (task.candidates.length > 1 && may(task.id, 'claim')) out.push({ kind: 'claim', name: 'claim', ...base, requires: [] });
    for (const [name, d] of Object.entries(spec.decisions)) {
      if (may(task.id, name)) out.push({ kind: 'decision', name, ...base, title: d.title, requires: d.requires ?? [] });
    }
    for (const op of spec.allow ?? []) {
      if (HolderOps.includes(op) && may(task.id, op)) out.push({ kind: 'operation', name: op, ...base, requires: spec.requires?.[op] ?? [] });
    }
  }
  return out;
}

function withdrawAction(c: CompiledDefinition, snap: LiveSnapshot, actor: Actor): AvailableAction[] {
  const last = snap.context.trail[snap.context.trail.length - 1];
  if (!last || taskActRefusal(c, snap.context, last.taskId, 'withdraw', actor)) return [];
  return [{ kind: 'withdraw', name: 'withdraw', state: last.state, taskId: last.taskId, requires: [] }];
}

function eventActions(c: CompiledDefinition, snap: LiveSnapshot, actor: Actor): AvailableAction[] {
  const out: AvailableAction[] = [];
  const names = new Set(c.model.transitions.map(eventOf).filter((e): e is string => Boolean(e)));
  for (const name of names) {
    const { refusal, allowed } = eventRefusal(c, snap.value, name, { actor, source: 'user' });
    if (refusal) continue;
    const t = allowed[0]!;
    const requires = allowed.every((x) => (x.spec.requires ?? []).includes('comment')) ? ['comment'] : [];
    out.push({ kind: 'event', name, state: t.from, ...(t.spec.description ? { title: t.spec.description } : {}), requires });
  }
  // keep the definition's order of states and events
  const order = c.model.transitions.map(eventOf);
  return out.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** Everything `actor` may do on the case now, in a stable order. */
export function availableActions(c: CompiledDefinition, stored: CaseSnapshot | LiveSnapshot, actor: Actor): AvailableAction[] {
  const snap = restore(c, stored);
  if (snap.status !== 'active') return [];
  return [...taskActions(c, snap, actor), ...withdrawAction(c, snap, actor), ...eventActions(c, snap, actor)];
}
