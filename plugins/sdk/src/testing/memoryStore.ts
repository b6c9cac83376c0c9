/** An in-memory `PluginStore` for the test harness (values cloned in and out, like a real store). */
import type { PluginStore } from '../context.ts';

/** Creates an empty store; `entries()` shows what the plugin kept. */
export function createMemoryStore(): PluginStore & { entries(): Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    async get<T>(key: string) { return map.has(key) ? structuredClone(map.get(key)) as T : undefined; },
    async put(key, value) { map.set(key, structuredClone(value)); },
    async delete(key) { map.delete(key); },
    async list<T>(prefix: string, limit = 1000) {
      return [...map.keys()].filter((k) => k.startsWith(prefix)).sort().slice(0, limit).map((key) => ({ key, value: structuredClone(map.get(key)) as T }));
    },
    entries: () => map,
  };
}
