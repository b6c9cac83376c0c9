/** 消息 / 抄送我的 / 催办: notices with unread counts and read state; a click marks it read and opens the case. */
import { tones } from '../shared/tones.ts';
import { Badge, List, Tabs, Tag, Typography } from 'antd';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { EmptyState } from '../shared/EmptyState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { fetchInboxCounts, inboxKeys } from './inboxQueries.ts';

const kinds = ['cc', 'notify', 'urge'] as const;

/** The inbox screen. */
export default function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kind = (kinds as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as (typeof kinds)[number]) : 'cc';
  const counts = useQuery({ queryKey: inboxKeys.counts(), queryFn: fetchInboxCounts });
  const pages = useInfiniteQuery({
    queryKey: inboxKeys.list(kind), initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/notifications', { params: { query: { kind, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (l) => l.nextCursor ?? undefined,
  });
  const read = useMutation({ mutationFn: (id: number) => unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })), onSuccess: () => void qc.invalidateQueries({ queryKey: inboxKeys.all }) });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('inbox.title')}</Typography.Title>
      <Tabs activeKey={kind} onChange={(k) => setParams({ kind: k }, { replace: true })} items={kinds.map((k) => ({ key: k, label: <span>{t(`inbox.kind.${k}`)} <Badge count={counts.data?.[k] ?? 0} size="small" /></span> }))} />
      {pages.isPending ? <LoadingState /> : pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : !items.length ? <EmptyState /> : (
        <List dataSource={items} loadMore={pages.hasNextPage && <a onClick={() => void pages.fetchNextPage()}>{t('state.more')}</a>} renderItem={(n) => (
          <List.Item style={{ cursor: n.caseId ? 'pointer' : undefined }} onClick={() => { if (!n.read) read.mutate(n.id); if (n.caseId) navigate(`/cases/${n.caseId}`); }}
            actions={[n.read ? <Tag key="r">{t('inbox.read')}</Tag> : <Tag key="u" style={tones.info}>{t('inbox.unreadTag')}</Tag>]}>
            <List.Item.Meta title={<span className="tb-user-text">{t(`inbox.template.${n.title}`, { defaultValue: n.title })}</span>} description={dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')} />
          </List.Item>
        )} />
      )}
    </div>
  );
}
