/** Roles named anywhere in the flow must be declared in `roles` (or be the built-in county admin). */
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { eachEffect, eachSla, eachTask, type LintContext } from './context.ts';

/** Roles every deployment has, used by the engine's own fallbacks (empty assignee → county admin). */
export const BUILT_IN_ROLES: ReadonlySet<string> = new Set(['county-admin']);

/** Senders a transition may allow that are sources, not roles. */
const SOURCES: ReadonlySet<string> = new Set(['system', 'device', 'external', 'user']);

type Ref = [role: string, path: string];

function taskRefs(c: LintContext): Ref[] {
  const refs: Ref[] = [];
  for (const { task, path } of eachTask(c)) {
    const rules = Array.isArray(task.assignee) ? task.assignee.map((a, i) => [a, path + pointer('assignee', i)] as const) : [[task.assignee, path + '/assignee'] as const];
    const fallback = typeof task.onEmpty === 'object' && 'fallback' in task.onEmpty ? task.onEmpty.fallback : undefined;
    if (fallback) rules.push([fallback, path + '/onEmpty/fallback']);
    for (const [rule, at] of rules) {
      const a = rule as { role?: string; chain?: { role: string } };
      if (a.role !== undefined) refs.push([a.role, at + '/role']);
      if (a.chain) refs.push([a.chain.role, at + '/chain/role']);
    }
    (task.targets?.roles ?? []).forEach((r, i) => refs.push([r, path + pointer('targets', 'roles', i)]));
    for (const [name, d] of Object.entries(task.decisions)) (d.roles ?? []).forEach((r, i) => refs.push([r, path + pointer('decisions', name, 'roles', i)]));
    for (const r of Object.keys(task.vote?.weights ?? {})) refs.push([r, path + pointer('vote', 'weights', r)]);
  }
  return refs;
}

function slaRefs(c: LintContext): Ref[] {
  const refs: Ref[] = [];
  for (const { sla, path } of eachSla(c)) {
    (sla.onBreach ?? []).forEach((rung, i) => {
      if (rung.escalate) refs.push([rung.escalate.role, path + pointer('onBreach', i, 'escalate', 'role')]);
      if (rung.supervise) refs.push([rung.supervise.role, path + pointer('onBreach', i, 'supervise', 'role')]);
      if (rung.supervise?.cc) refs.push([rung.supervise.cc.role, path + pointer('onBreach', i, 'supervise', 'cc', 'role')]);
    });
  }
  return refs;
}

function flowRefs(c: LintContext): Ref[] {
  const refs: Ref[] = [];
  for (const t of c.model.transitions) {
    (t.spec.roles ?? []).forEach((r, i) => {
      if (!SOURCES.has(r)) refs.push([r, t.path + pointer('roles', i)]);
    });
  }
  for (const { effect, path } of eachEffect(c)) if ('notify' in effect && effect.notify.to.role !== undefined) refs.push([effect.notify.to.role, path + '/notify/to/role']);
  (c.def.intake?.roles ?? []).forEach((r, i) => refs.push([r, pointer('intake', 'roles', i)]));
  return refs;
}

/** Assignee, decision, transition, vote-weight, escalate/supervise, notify and intake roles. */
export function checkRoles(c: LintContext): Diagnostic[] {
  const declared = c.def.roles ?? {};
  return [...taskRefs(c), ...slaRefs(c), ...flowRefs(c)]
    .filter(([role]) => !Object.hasOwn(declared, role) && !BUILT_IN_ROLES.has(role))
    .map(([role, path]) => diag('lint.unknown-role', path, { role }));
}
