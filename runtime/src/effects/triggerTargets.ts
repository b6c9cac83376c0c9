/**
 * Which published service item an inbound trigger starts: the item the event names, else the one
 * item whose `adapters.triggers` lists it. Read from the store and cached briefly (publishing is rare,
 * alarms are not).
 */
import type { KnexDefinitionStore } from '../definitions/KnexDefinitionStore.ts';

/** Resolves trigger ids to definition ids. */
export function createTriggerTargets(definitions: KnexDefinitionStore, ttlMs = 5_000) {
  let cached: { at: number; value: Promise<Map<string, string[]>> } | undefined;
  async function load(): Promise<Map<string, string[]>> {
    const latest = new Map<string, number>();
    for (const s of await definitions.list()) if (s.status === 'published' && !latest.has(s.id)) latest.set(s.id, s.version);
    const out = new Map<string, string[]>();
    for (const [id, version] of latest) {
      const { definition } = await definitions.compiledFor(id, version);
      for (const t of definition.adapters?.triggers ?? []) out.set(t, [...(out.get(t) ?? []), id]);
    }
    return out;
  }
  return {
    async declaring(triggerId: string): Promise<string[]> {
      const now = Date.now();
      if (!cached || now - cached.at > ttlMs) {
        cached = { at: now, value: load() };
        cached.value.catch(() => { cached = undefined; });
      }
      return (await cached.value).get(triggerId) ?? [];
    },
    invalidate() { cached = undefined; },
  };
}
