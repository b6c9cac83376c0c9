/** References to states and clocks that do not exist: transitions, decisions, initial states, clock and SLA state lists. */
import { targetId } from '../compile/model.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { eachSla, eachTask, type LintContext } from './context.ts';

function unknown(c: LintContext, target: string, path: string): Diagnostic[] {
  return c.model.states.has(targetId(target)) ? [] : [diag('lint.unknown-target', path, { target })];
}

function initials(c: LintContext): Diagnostic[] {
  const out = unknown(c, c.def.initial, '/initial');
  for (const s of c.model.states.values()) {
    const initial = s.spec.initial;
    if (initial === undefined) continue;
    const path = s.path + '/initial';
    if (!c.model.states.has(initial)) out.push(diag('lint.unknown-target', path, { target: initial }));
    // XState only accepts a direct child as the initial state of a compound state
    else if (!s.children.includes(initial)) out.push(diag('lint.initial-not-child', path, { target: initial, state: s.id }));
  }
  return out;
}

function decisionTargets(c: LintContext): Diagnostic[] {
  return eachTask(c).flatMap(({ task, path }) =>
    Object.entries(task.decisions).flatMap(([name, d]) =>
      d.to && d.to !== 'previous' && d.to !== 'initiator' ? unknown(c, d.to, path + pointer('decisions', name, 'to')) : [],
    ),
  );
}

function slaStates(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, sch] of Object.entries(c.def.schedules ?? {})) {
    for (const key of ['startOn', 'stopOn'] as const) sch[key].forEach((s, i) => out.push(...unknown(c, s, pointer('schedules', name, key, i))));
  }
  for (const { sla, path } of eachSla(c)) {
    const lists: Record<string, string[] | undefined> = { pauseIn: sla.pauseIn };
    if ('startOn' in sla) Object.assign(lists, { startOn: sla.startOn, stopOn: (sla as { stopOn?: string[] }).stopOn });
    for (const [key, list] of Object.entries(lists)) (list ?? []).forEach((s, i) => out.push(...unknown(c, s, path + pointer(key, i))));
  }
  return out;
}

/** Transitions, decision `to`, initial states, clock startOn/stopOn/pauseIn and SLA pauseIn must name existing states. */
export function checkTargets(c: LintContext): Diagnostic[] {
  const transitions = c.model.transitions.flatMap((t) => (t.spec.target ? unknown(c, t.spec.target, t.path + '/target') : []));
  const clocks = c.model.transitions.flatMap((t) =>
    t.spec.extend && !Object.hasOwn(c.def.clocks ?? {}, t.spec.extend.clock) ? [diag('lint.unknown-clock', t.path + '/extend/clock', { clock: t.spec.extend.clock })] : [],
  );
  return [...initials(c), ...transitions, ...decisionTargets(c), ...slaStates(c), ...clocks];
}
