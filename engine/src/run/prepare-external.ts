/** Prepares a plain event (a device alarm, a citizen reply, a role's command) sent to the case. */
import { diag } from '../diagnostics/catalog.ts';
import type { TransitionInfo } from '../compile/model.ts';
import { ancestors } from '../compile/model.ts';
import { decisionEvent } from '../compile/compile.ts';
import type { CaseContext } from './context.ts';
import type { Env } from './env.ts';
import type { Prepared } from './prepare-task.ts';
import { checkEventData } from './formCheck.ts';
import type { LiveSnapshot } from './step.ts';
import type { CaseEvent } from './types.ts';

/** The active atomic state ids of a snapshot and their ancestors. */
export function activeStates(env: Env, snap: LiveSnapshot): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') { out.add(v); for (const a of ancestors(env.compiled.model, v)) out.add(a); return; }
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) { out.add(k); walk(child); }
  };
  walk(snap.value);
  return [...out];
}

function maySend(t: TransitionInfo, ev: CaseEvent): boolean {
  const roles = t.spec.roles;
  if (!roles || roles.length === 0) return true;
  const source = ev.meta.source ?? (ev.meta.actor ? 'user' : 'system');
  if (roles.includes(source)) return true;
  return Boolean(ev.meta.actor?.roles.some((r) => roles.includes(r)));
}

/** Checks the event is handled here, that the sender may send it, and merges its data. */
export function prepareExternal(env: Env, snap: LiveSnapshot, ctx: CaseContext, ev: CaseEvent): Prepared {
  const active = activeStates(env, snap);
  // task decisions are taken through `task.act`, never as plain events
  const candidates = env.compiled.model.transitions.filter((t) => t.event === ev.type && active.includes(t.from) && decisionEvent(env.compiled, t.from, t.event) === t.event);
  const stateLabel = active.join(',');
  if (candidates.length === 0) return { ok: false, diagnostics: [diag('run.event-not-accepted', '/type', { state: stateLabel, event: ev.type })] };
  const allowed = candidates.filter((t) => maySend(t, ev));
  if (allowed.length === 0) return { ok: false, diagnostics: [diag('run.role-not-allowed', '/meta/actor', { action: ev.type })] };
  const e = ev as { data?: Record<string, unknown>; comment?: string };
  const needs = allowed.every((t) => (t.spec.requires ?? []).includes('comment'));
  if (needs && !e.comment?.trim()) return { ok: false, diagnostics: [diag('run.missing-input', '/comment', { action: ev.type, input: 'comment' })] };
  if (e.data !== undefined) {
    if (!e.data || typeof e.data !== 'object' || Array.isArray(e.data)) return { ok: false, diagnostics: [diag('run.bad-event', '/data', { reason: 'data' })] };
    const props = (env.compiled.definition.data.properties ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(e.data).filter((k) => !Object.hasOwn(props, k));
    if (unknown.length) return { ok: false, diagnostics: unknown.map((k) => diag('run.unknown-field', '/data/' + k, { field: k })) };
    const invalid = checkEventData(env.compiled, e.data, ev.meta.at);
    if (invalid.length) return { ok: false, diagnostics: invalid };
    ctx.data = { ...ctx.data, ...e.data };
  }
  return { ok: true, type: ev.type, ctx, effects: [], done: [] };
}
