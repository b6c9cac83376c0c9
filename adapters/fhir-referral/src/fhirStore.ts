/** Tasks we know, in the plugin's store: the resource, its version, the case it belongs to. */
import type { PluginStore } from '@tongban/plugin-sdk';

/** A stored Task. */
export interface StoredTask { resource: Record<string, any>; version: number; caseId?: string; origin: 'hospital' | 'tongban' }

export const taskStore = (store: PluginStore) => ({
  get: (id: string) => store.get<StoredTask>(`task:${id}`),
  async put(id: string, t: StoredTask): Promise<void> {
    await store.put(`task:${id}`, t);
    if (t.caseId) await store.put(`case:${t.caseId}`, id);
  },
  byCase: (caseId: string) => store.get<string>(`case:${caseId}`),
  all: async () => (await store.list<StoredTask>('task:', 5000)).map((e) => e.value),
});

/** Beijing time with +08:00, as interfaces.md asks of every time. */
export const iso8 = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
