/**
 * The queue's filters live in the URL (shareable, saved as 视图, kept on reload); this turns them
 * into the API's query. Tabs: 全部 / 待认领 / 已认领 / 即将超时 / 已超时.
 */

/** The tabs of the queue. */
export const queueTabs = ['all', 'unclaimed', 'mine', 'atRisk', 'overdue'] as const;
export type QueueTab = (typeof queueTabs)[number];
/** Due windows offered as a filter. */
export const dueWindows = { today: 24 * 3_600_000, '3d': 3 * 86_400_000, '7d': 7 * 86_400_000 } as const;

/** The API query of `/api/tasks` for the URL's search params at `now`. */
export function queueQuery(p: URLSearchParams, now: number): Record<string, string | number | boolean> {
  const tab = (queueTabs as readonly string[]).includes(p.get('tab') ?? '') ? (p.get('tab') as QueueTab) : 'all';
  const q: Record<string, string | number | boolean> = { status: p.get('status') ?? 'open', limit: 50 };
  if (tab === 'unclaimed') q.assigned = 'unassigned';
  if (tab === 'mine') q.assigned = 'me';
  if (tab === 'atRisk') q.sla = 'at-risk';
  if (tab === 'overdue') q.sla = 'overdue';
  const sla = p.get('sla');
  if (sla && !q.sla && ['on-track', 'at-risk', 'overdue', 'none'].includes(sla)) q.sla = sla;
  for (const k of ['definitionId', 'orgPath'] as const) if (p.get(k)) q[k] = p.get(k)!;
  const due = p.get('due') as keyof typeof dueWindows | null;
  if (due && due in dueWindows) q.dueBefore = now + dueWindows[due];
  if (p.get('sort') === 'priority') q.sort = 'priority';
  return q;
}

/** The tab selected in the URL. */
export function tabOf(p: URLSearchParams): QueueTab {
  return (queueTabs as readonly string[]).includes(p.get('tab') ?? '') ? (p.get('tab') as QueueTab) : 'all';
}
