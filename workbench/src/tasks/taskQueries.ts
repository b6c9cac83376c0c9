/** Server state of tasks: query keys per resource, the queue (keyset pages), counts, bulk options, actions. */
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/openapiTypes.ts';
import { apiPath, earlyFetch } from '../boot/earlyRequests.ts';

/** A task as a queue row. */
export type TaskSummary = components['schemas']['TaskSummary'];
/** Query keys of tasks. */
export const taskKeys = {
  all: ['tasks'] as const,
  queue: (q: Record<string, unknown>) => ['tasks', 'queue', q] as const,
  counts: (q: Record<string, unknown>) => ['tasks', 'counts', q] as const,
  bulkOptions: (ids: string[]) => ['tasks', 'bulk-options', ids] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
};

/** Rows of each page after the first (the first stays small, for the time to the first row). */
export const nextPageSize = 150;

/**
 * One keyset page of the queue. The first page of the queue opened by a page load was requested
 * by the boot script already; that answer goes through the same client (token, 401, errors).
 */
export function fetchQueuePage(query: Record<string, string | number | boolean>, cursor: string | undefined, path: '/api/tasks' | '/api/tasks/mine' = '/api/tasks') {
  return unwrap(api.GET(path, { params: { query: { ...query, ...(cursor ? { cursor, limit: nextPageSize } : {}) } as never }, ...(cursor ? {} : earlyFetch(apiPath(path, query))) }));
}

/** Counts per tab. */
export function fetchQueueCounts(query: { definitionId?: string; orgPath?: string }) {
  return unwrap(api.GET('/api/tasks/queue-counts', { params: { query } }));
}

/** Which bulk actions every selected task allows. */
export function fetchBulkOptions(taskIds: string[]) {
  return unwrap(api.POST('/api/tasks/bulk-options', { body: { taskIds } }));
}

/** Bulk approve or transfer, one result per task. */
export function runBulk(body: { action: 'complete' | 'transfer'; outcome?: string; users?: string[]; comment?: string; items: Array<{ taskId: string }> }) {
  return unwrap(api.POST('/api/tasks/bulk', { body }));
}

/** Claims or releases a group task. */
export function claimTask(id: string, claim: boolean) {
  return claim ? unwrap(api.POST('/api/tasks/{id}/claim', { params: { path: { id } }, body: {} })) : unwrap(api.POST('/api/tasks/{id}/unclaim', { params: { path: { id } }, body: {} }));
}
