/** 管理审计: every admin change in the admin's scope (who, when, what, on which unit), filtered by kind of change. */
import { Button, Select, Space, Table, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { adminKeys, type AuditEntry } from './adminQueries.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { AuditDetail } from '../oversight/AuditDetail.tsx';

/** The admin actions the filter offers (runtime/src/admin: orgUnits.ts, users.ts, identityLinks.ts). */
export const adminActions = ['admin.org.create', 'admin.org.rename', 'admin.org.move', 'admin.org.merge', 'admin.org.retire',
  'admin.user.create', 'admin.user.update', 'admin.user.roles', 'admin.user.move', 'admin.user.disable', 'admin.user.enable', 'admin.user.reset-password',
  'admin.user.link-identity', 'admin.user.unlink-identity'];

/** The admin audit screen. */
export default function AdminAuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const action = params.get('action') ?? undefined;
  const pages = useInfiniteQuery({ queryKey: adminKeys.audit(action), initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/admin/audit', { params: { query: { limit: 50, ...(action ? { action } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (l) => l.nextCursor ?? undefined });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const label = (a: string) => t(`admin.action.${a}`, { defaultValue: a });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('admin.menu.audit')}</Typography.Title>
      <Space style={{ marginBottom: 8 }}>
        <Select aria-label={t('audit.action')} placeholder={t('audit.action')} allowClear value={action} style={{ width: 220 }}
          onChange={(v) => setParams(v ? { action: v } : {}, { replace: true })} options={adminActions.map((a) => ({ value: a, label: label(a) }))} />
      </Space>
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<AuditEntry> rowKey="seq" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 760 }} columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('audit.actor'), dataIndex: 'actorId', render: (id: string | null, e) => e.actorName ?? id ?? '—' },
          { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <span data-testid="admin-audit-action">{label(a)}</span> },
          { title: t('admin.users.org'), dataIndex: 'orgPath', render: (p: string | null) => p?.split('/').pop() ?? '—' },
          { title: t('audit.detail'), dataIndex: 'detail', render: (d: Record<string, unknown>, e) => <AuditDetail detail={d} summary={e.summary} /> },
        ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
    </div>
  );
}
