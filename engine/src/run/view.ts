/** The object guards and computed values read: `data`, `case`, `actor`, `event`. */
import type { CaseContext } from './context.ts';
import type { Actor, EventMeta } from './types.ts';

/** What an expression may know about the event being applied. */
export interface ViewEvent {
  meta: EventMeta;
  actor?: Actor;
  data?: Record<string, unknown>;
  comment?: string;
}

export interface LogicView {
  data: Record<string, unknown>;
  case: { id: string; orgPath: string; initiator: CaseContext['initiator']; escalation: number; flags: string[]; clocks: CaseContext['clocks'] };
  actor?: Actor;
  event: { data?: Record<string, unknown>; comment?: string; at?: number };
}

/** Builds the view over a context and the event payload. */
export function logicView(ctx: CaseContext, p: ViewEvent | undefined): LogicView {
  return {
    data: ctx.data,
    case: { id: ctx.caseId, orgPath: ctx.orgPath, initiator: ctx.initiator, escalation: ctx.escalation, flags: ctx.flags, clocks: ctx.clocks },
    actor: p?.actor,
    // event.at lets a guard compare with a clock: {"<": [{"var":"event.at"}, {"var":"case.clocks.handling.dueAt"}]}
    event: { data: p?.data, comment: p?.comment, at: p?.meta.at },
  };
}

/** Reads a dot path (`data.a.b`) from own properties only. */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Returns a copy of `data` with the dot path (relative to data; a leading `data.` is dropped) set. */
export function writeData(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = (path.startsWith('data.') ? path.slice(5) : path).split('.');
  const forbidden = keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype');
  if (forbidden) return data;
  const out = { ...data };
  let cur: Record<string, unknown> = out;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) cur[k] = value;
    else {
      const next = cur[k];
      cur[k] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
      cur = cur[k] as Record<string, unknown>;
    }
  });
  return out;
}
