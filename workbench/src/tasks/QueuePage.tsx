/**
 * 我的待办 — the reviewer's queue: counts per tab as badges, filters and saved views in the URL,
 * keyset infinite scroll over a virtualised list, claim / unclaim, bulk approve and transfer.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { App, Badge, Grid, Space, Tabs, Typography } from 'antd';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';
import { useSession } from '../shell/useSession.ts';
import { EmptyState } from '../shared/EmptyState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { useDefinitions, useOrgUnits } from '../shared/lookups.ts';
import { BulkBar } from './BulkBar.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { queueQuery, queueTabs, tabOf } from './queueParams.ts';
import { SavedViews } from './SavedViews.tsx';
import { TaskList } from './TaskList.tsx';
import { claimTask, fetchQueueCounts, fetchQueuePage, taskKeys, type TaskSummary } from './taskQueries.ts';

const countKey = { all: 'all', unclaimed: 'unclaimed', mine: 'mine', atRisk: 'atRisk', overdue: 'overdue' } as const;

// the parts above the list do not re-render when a page of rows arrives
const MemoViews = memo(SavedViews);
const MemoFilters = memo(QueueFilters);
const MemoBulkBar = memo(BulkBar);

/** The tabs with their counts as badges. */
const QueueTabs = memo(function QueueTabs({ tab, counts, set }: { tab: string; counts?: Partial<Record<(typeof countKey)[keyof typeof countKey], number>>; set: (key: string, value: string | undefined) => void }) {
  const { t } = useTranslation();
  return <Tabs activeKey={tab} onChange={(k) => set('tab', k === 'all' ? undefined : k)} items={queueTabs.map((k) => ({
    key: k, label: <span>{t(`queue.tab.${k}`)} <Badge count={counts?.[countKey[k]] ?? 0} showZero overflowCount={9999} color={k === 'overdue' ? '#cf1322' : k === 'atRisk' ? '#ad6800' : '#0958d9'} /></span>,
  }))} />;
});

/** The queue screen. */
export default function QueuePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  // the due window is relative to when the filter was read, so it is stable while scrolling
  const query = useMemo(() => queueQuery(params, Date.now()), [params]);
  const counts = useQuery({ queryKey: taskKeys.counts({ d: params.get('definitionId'), o: params.get('orgPath') }),
    queryFn: () => fetchQueueCounts({ definitionId: params.get('definitionId') ?? undefined, orgPath: params.get('orgPath') ?? undefined }), refetchInterval: 60_000 });
  const pages = useInfiniteQuery({
    queryKey: taskKeys.queue(query), initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchQueuePage(query, pageParam), getNextPageParam: (last) => last.nextCursor ?? undefined,
    // pages are immutable snapshots: comparing 10,000 rows deeply on every new page made scrolling stutter
    structuralSharing: false,
  });
  const defs = useDefinitions();
  const orgs = useOrgUnits();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const clearSelection = useCallback(() => setSelected(new Set()), []);
  const tasks = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  // only the selected rows' case numbers (for the bulk results), not a map of every loaded row on each page
  const selectedIds = useMemo(() => [...selected], [selected]);
  const refs = useMemo(() => new Map(selected.size ? tasks.filter((x) => selected.has(x.id)).map((x) => [x.id, x.caseRef ?? x.caseId]) : []), [selected, tasks]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => { if (hasNextPage && !isFetchingNextPage) void fetchNextPage(); }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const onSelect = useCallback((id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; }), []);
  const claim = useMutation({
    mutationFn: ({ task, on }: { task: TaskSummary; on: boolean }) => claimTask(task.id, on),
    onSuccess: (_d, v) => { void message.success(v.on ? t('queue.claimed') : t('queue.unclaimed')); void qc.invalidateQueries({ queryKey: taskKeys.all }); },
    onError: (err) => { void message.error(err instanceof ApiError && err.isConflict ? t('case.staleVersion') : (err as Error).message); void qc.invalidateQueries({ queryKey: taskKeys.all }); },
  });
  const claimRef = useRef(claim);
  claimRef.current = claim;
  const onClaim = useCallback((task: TaskSummary, on: boolean) => { if (!claimRef.current.isPending) claimRef.current.mutate({ task, on }); }, []);
  const names = orgs.data?.names;
  const titles = defs.data?.titles;
  const orgName = useCallback((p: string) => names?.get(p) ?? p, [names]);
  const itemTitle = useCallback((id: string) => titles?.get(id) ?? id, [titles]);
  const set = useCallback((key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setSelected(new Set());
    setParams(next, { replace: true });
  }, [params, setParams]);
  const applyView = useCallback((q: string) => { setSelected(new Set()); setParams(new URLSearchParams(q), { replace: true }); }, [setParams]);
  const tab = tabOf(params);
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('queue.title')}</Typography.Title>
        <MemoViews screen="queue" query={params.toString()} onApply={applyView} />
      </Space>
      <QueueTabs tab={tab} counts={counts.data} set={set} />
      <div style={{ marginBottom: 8 }}><MemoFilters params={params} set={set} /></div>
      <MemoBulkBar selected={selectedIds} refs={refs} onDone={clearSelection} />
      {pages.isPending ? <LoadingState /> : pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
        : !tasks.length ? <EmptyState label={t('queue.empty')} />
          : <TaskList tasks={tasks} hasMore={!!pages.hasNextPage} loadingMore={pages.isFetchingNextPage} onLoadMore={loadMore} phone={phone}
              selected={selected} onSelect={onSelect}
              onClaim={onClaim} busyId={claim.isPending ? claim.variables?.task.id : undefined}
              me={session?.user.id ?? ''} orgName={orgName} itemTitle={itemTitle} />}
    </div>
  );
}
