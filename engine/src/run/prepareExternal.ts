/** Prepares a plain event (a device alarm, a citizen reply, a role's command) sent to the case. */
import { MachineEvents } from '../compile/internalEvents.ts';
import { diag } from '../diagnostics/catalog.ts';
import { eventRefusal } from './acceptance.ts';
import type { CaseContext } from './context.ts';
import type { Env } from './env.ts';
import { checkEventData } from './formCheck.ts';
import { checkRules } from './rules.ts';
import { refused, type Prepared } from './prepared.ts';
import type { CaseEvent } from './types.ts';

/** Checks the event is handled here, that the sender may send it, and merges its data. */
export function prepareExternal(env: Env, value: unknown, ctx: CaseContext, ev: CaseEvent): Prepared {
  const { refusal, allowed } = eventRefusal(env.compiled, value, ev.type, ev.meta);
  if (refusal) return refused(refusal);
  const e = ev as { data?: Record<string, unknown>; comment?: string };
  const needs = allowed.every((t) => (t.spec.requires ?? []).includes('comment'));
  if (needs && !e.comment?.trim()) return refused(diag('run.missing-input', '/comment', { action: ev.type, input: 'comment' }));
  if (e.data !== undefined) {
    if (!e.data || typeof e.data !== 'object' || Array.isArray(e.data)) return refused(diag('run.bad-event', '/data', { reason: 'data' }));
    const props = (env.compiled.definition.data.properties ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(e.data).filter((k) => !Object.hasOwn(props, k));
    if (unknown.length) return { ok: false, diagnostics: unknown.map((k) => diag('run.unknown-field', '/data/' + k, { field: k })) };
    const invalid = checkEventData(env.compiled, e.data, ev.meta.at);
    if (invalid.length) return { ok: false, diagnostics: invalid };
    ctx.data = { ...ctx.data, ...e.data };
    const broken = checkRules(env.compiled, undefined, ctx.data, { meta: ev.meta, actor: ev.meta.actor, data: e.data, comment: e.comment });
    if (broken.length) return { ok: false, diagnostics: broken };
  }
  return { ok: true, event: MachineEvents.event(ev.type), ctx, effects: [], done: [] };
}
