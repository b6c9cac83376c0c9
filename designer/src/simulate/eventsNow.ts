/** The plain events (not task decisions) the case could take now: `on` events of the active states, with who may send them. */
import type { Definition } from '@tongban/engine';
import { indexStates } from '../doc/stateIndex.ts';

/** State ids active in a snapshot value (`"a"`, `{ "a": "b" }`, parallel regions). */
export function activeStates(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [k, ...activeStates(v)]);
  return [];
}

export function eventsNow(def: Definition, value: unknown): Array<{ event: string; from: string; roles: string[] }> {
  const active = new Set(activeStates(value));
  const { states, transitions } = indexStates(def);
  const seen = new Set<string>();
  return transitions.filter((t) => t.kind === 'on' && active.has(t.from) && !states.get(t.from)?.spec.task?.decisions?.[t.event] && !t.event.startsWith('$'))
    .filter((t) => { if (seen.has(t.event)) return false; seen.add(t.event); return true; })
    .map((t) => ({ event: t.event, from: t.from, roles: t.spec.roles ?? [] }));
}
