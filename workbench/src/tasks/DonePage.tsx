/** 我的已办: tasks the user finished, newest deadlines first, each opening its case. */
import { List, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/i18n.ts';
import { EmptyState } from '../shared/EmptyState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { useDefinitions } from '../shared/lookups.ts';
import { fetchQueuePage, taskKeys } from './taskQueries.ts';

/** The done-tasks screen. */
export default function DonePage() {
  const { t } = useTranslation();
  const defs = useDefinitions();
  const query = { status: 'done', limit: 50 };
  const pages = useInfiniteQuery({ queryKey: taskKeys.queue({ ...query, mine: true }), initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchQueuePage(query, pageParam, '/api/tasks/mine'), getNextPageParam: (l) => l.nextCursor ?? undefined });
  if (pages.isPending) return <LoadingState />;
  if (pages.isError) return <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
  const items = pages.data.pages.flatMap((p) => p.items);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('menu.done')}</Typography.Title>
      {!items.length ? <EmptyState /> : (
        <List dataSource={items} loadMore={pages.hasNextPage && <a onClick={() => void pages.fetchNextPage()}>{t('state.more')}</a>}
          renderItem={(task) => (
            <List.Item><List.Item.Meta title={<Link to={`/cases/${task.caseId}`}>{task.caseRef ?? task.caseId}</Link>}
              description={`${defs.data?.titles.get(task.definitionId) ?? task.definitionId} · ${pick(task.title)} · ${task.outcome ?? ''} · ${dayjs(task.createdAt).format('YYYY-MM-DD HH:mm')}`} /></List.Item>
          )} />
      )}
    </div>
  );
}
