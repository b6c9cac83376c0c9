/** Turns the definition's effect declarations (notify, invoke, spawn, audit, award) into effect data. */
import { expression } from '../compile/compile.ts';
import { ExprKeys, type ExprKey } from '../compile/exprKeys.ts';
import { isInputShape } from '../compile/logic.ts';
import type { AwardSpec, EffectSpec, Recipients } from '../definition/types.ts';
import type { CaseContext, StepPayload } from './context.ts';
import { nextId } from './context.ts';
import { orgAt } from './directory.ts';
import type { Env } from './env.ts';
import type { Effect } from './types.ts';
import { diag } from '../diagnostics/catalog.ts';
import { mask } from '../template/mask.ts';
import { checkIntake } from './formCheck.ts';
import { logicView, readPath, type LogicView } from './view.ts';

function recipients(ctx: CaseContext, p: StepPayload, to: Recipients): Extract<Effect, { kind: 'notify' }>['recipients'] {
  if (to.phoneField) return { phoneFields: [to.phoneField.startsWith('data.') ? to.phoneField.slice(5) : to.phoneField] };
  if (to.to === 'initiator') return { users: [ctx.initiator.userId] };
  if (to.to === 'previous-handler') return { users: ctx.trail.slice(-1).map((t) => t.by) };
  if (to.to === 'assignees') {
    const users = Object.values(ctx.tasks).flatMap((t) => (t.assignee ? [t.assignee] : t.candidates));
    return { users: [...new Set(users)].sort() };
  }
  if (to.users) return { users: to.users };
  if (to.field && to.role) {
    // a role at the org unit named in the data (e.g. the assisting units chosen by the dispatcher)
    const v = readPath(ctx, to.field.startsWith('data.') ? to.field : 'data.' + to.field);
    const orgs = (Array.isArray(v) ? v : v ? [v] : []).map(String);
    return orgs.length === 1 ? { role: to.role, orgPath: orgs[0] } : { role: to.role, orgPaths: orgs };
  }
  if (to.field) {
    const v = readPath(ctx, to.field.startsWith('data.') ? to.field : 'data.' + to.field);
    const values = (Array.isArray(v) ? v : v ? [v] : []).map(String);
    // a field meant to hold user ids may hold something else (a phone number): never send to it as if it were a user
    for (const x of values) if (!p.env.directory.hasUser(x)) p.warnings.push(diag('run.notify-unknown-user', '', { field: to.field, value: mask(x, 'phone') }));
    return { users: values.filter((x) => p.env.directory.hasUser(x)) };
  }
  const orgPath = !to.scope || to.scope === 'case' ? ctx.orgPath : orgAt(ctx.orgPath, to.scope) ?? ctx.orgPath;
  return { role: to.role, orgPath };
}

function evalInput(env: Env, view: LogicView, input: Record<string, unknown> | undefined, at: (keys: string[]) => ExprKey, keys: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(input ?? {})) {
    out[k] = isInputShape(value) ? evalInput(env, view, value, at, [...keys, k]) : expression(env.compiled, at([...keys, k])).evaluate(view);
  }
  return out;
}

/** Refuses the event when the child's intake would refuse what the parent sends (only when the child can be looked up). */
export function checkChildIntake(p: StepPayload, definition: string, input: Record<string, unknown>, path: string): void {
  const child = p.env.childDefinition?.(definition);
  if (!child) return;
  const problems = checkIntake(child, input, { at: p.meta.at, id: p.meta.id, source: 'system' }, { spawned: true });
  if (problems.some((d) => d.severity === 'error')) {
    p.refusals.push(diag('run.spawn-intake-invalid', path, { definition, reasons: problems.map((d) => `${d.path} ${d.code}`).join('; '), problems: problems.map((d) => ({ code: d.code, path: d.path, message: d.message })) }));
  }
}

/** An award's people (user ids, each once), activity and hours, evaluated now. */
function award(ctx: CaseContext, p: StepPayload, a: AwardSpec, at: string): Effect {
  const view = logicView(ctx, p);
  const who = expression(p.env.compiled, ExprKeys.award(at, 'person')).evaluate(view);
  const people = [...new Set((Array.isArray(who) ? who : [who]).filter((x): x is string => typeof x === 'string' && x.length > 0))].sort();
  const activity = String(expression(p.env.compiled, ExprKeys.award(at, 'activity')).evaluate(view) ?? ctx.caseId);
  const hours = a.hours === undefined ? undefined : Number(expression(p.env.compiled, ExprKeys.award(at, 'hours')).evaluate(view));
  const rule = String(expression(p.env.compiled, ExprKeys.award(at, 'rule')).evaluate(view) ?? '');
  return { kind: 'points.award', rule, people, activity, ...(hours !== undefined && Number.isFinite(hours) ? { hours } : {}), ...(a.reverse ? { reverse: true } : {}) };
}

/** Resolves effect declarations at `path` (JSON Pointer of the effects array) against the context. */
export function resolveEffects(ctx: CaseContext, p: StepPayload, specs: EffectSpec[] | undefined, path: string, out: Effect[]): void {
  const env = p.env;
  (specs ?? []).forEach((spec, i) => {
    const at = `${path}/${i}`;
    if ('notify' in spec) {
      const n = spec.notify;
      const effect: Extract<Effect, { kind: 'notify' }> = { kind: 'notify', template: n.template, channel: n.channel ?? 'app', recipients: recipients(ctx, p, n.to), vars: { caseId: ctx.caseId, data: ctx.data } };
      if (n.replies) { effect.replies = n.replies; effect.replyWithin = n.replyWithin ?? 'PT30M'; }
      out.push(effect);
    } else if ('invoke' in spec) {
      const v = spec.invoke;
      const [requestId, seq] = nextId(ctx, 'r');
      ctx.seq = seq;
      ctx.requests = { ...ctx.requests, [requestId]: { operation: v.operation, onSuccess: v.onSuccess, onFailure: v.onFailure } };
      const input = evalInput(env, logicView(ctx, p), v.input, (keys) => ExprKeys.effectInput(at, 'invoke', keys));
      const effect: Extract<Effect, { kind: 'adapter.invoke' }> = { kind: 'adapter.invoke', requestId, operation: v.operation, input, retry: v.retry ?? { max: 3, backoff: 'PT30S' }, idempotencyKey: requestId };
      if (v.consent) {
        const view = logicView(ctx, p);
        effect.consent = { ref: expression(env.compiled, ExprKeys.invokeConsent(at, 'ref')).evaluate(view) ?? null, purpose: v.consent.purpose };
        if (v.consent.subject !== undefined) effect.consent.subject = expression(env.compiled, ExprKeys.invokeConsent(at, 'subject')).evaluate(view) ?? null;
      }
      out.push(effect);
    } else if ('spawn' in spec) {
      const s = spec.spawn;
      const [childId, seq] = nextId(ctx, 'c');
      ctx.seq = seq;
      ctx.subcases = { ...ctx.subcases, [childId]: { definition: s.definition, state: 'open', join: 'all' } };
      const input = evalInput(env, logicView(ctx, p), s.input, (keys) => ExprKeys.effectInput(at, 'spawn', keys));
      checkChildIntake(p, s.definition, input, at + '/spawn');
      out.push({ kind: 'case.spawn', childId, definition: s.definition, input });
    } else if ('award' in spec) {
      out.push(award(ctx, p, spec.award, at));
    } else {
      out.push({ kind: 'audit', action: spec.audit.action, detail: { caseId: ctx.caseId } });
    }
  });
}
