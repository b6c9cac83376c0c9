/** 审计日志: the audit entries in scope (reveals, break-glass, SLA escalations …), filters, and 「校验链」 (verify the hash chain). */
import { useState } from 'react';
import { Alert, Button, Input, Space, Table, Typography } from 'antd';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { AuditDetail } from './AuditDetail.tsx';
import { actorLabel } from '../cases/actorLabel.ts';

type Entry = components['schemas']['AuditEntry'];

/** The audit screen. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [action, setAction] = useState(params.get('action') ?? '');
  const query = { limit: 50, ...(params.get('action') ? { action: params.get('action')! } : {}), ...(params.get('caseId') ? { caseId: params.get('caseId')! } : {}) };
  const pages = useInfiniteQuery({ queryKey: ['audit', query], initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/audit', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })), getNextPageParam: (l) => l.nextCursor ?? undefined });
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/audit/verify')) });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  // an action by its name; a task operation (task.claim, task.transfer …) by its name too; a step's decision
  // (task.<decision>) as 办理：<decision> (its title is in the detail's summary); anything else as recorded
  const actionText = (a: string) => {
    const key = `audit.actions.${a.replace(/\./g, '_')}`;
    if (i18n.exists(key)) return t(key);
    const step = /^task\.(.+)$/.exec(a);
    if (step && i18n.exists(`action.op.${step[1]}`)) return t(`action.op.${step[1]}`);
    return step ? t('audit.actions.task', { decision: step[1] }) : a;
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('menu.audit')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search aria-label={t('audit.action')} placeholder={t('audit.action')} value={action} onChange={(e) => setAction(e.target.value)} allowClear
          onSearch={(v) => setParams(v ? { action: v } : {}, { replace: true })} style={{ width: 240 }} />
        <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="verify-chain">{t('audit.verify')}</Button>
      </Space>
      {verify.data && <Alert style={{ marginBottom: 8 }} type={verify.data.ok ? 'success' : 'error'} showIcon role="status"
        title={verify.data.ok ? t('audit.chainOk', { count: verify.data.entries }) : t('audit.chainBroken', { at: verify.data.brokenAt, reason: verify.data.reason })} />}
      {verify.error && <Alert style={{ marginBottom: 8 }} type="error" role="alert" title={(verify.error as ApiError).message} description={(verify.error as ApiError).code} />}
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<Entry> rowKey="seq" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 760 }} columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('audit.actor'), dataIndex: 'actorId', render: (id: string | null, e) => actorLabel(t, id, e.actorName) },
          { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <span data-testid="audit-action">{actionText(a)}</span> },
          { title: t('audit.case'), dataIndex: 'caseId', render: (id: string | null) => id ? <Link to={`/cases/${id}`}>{id.slice(0, 8)}</Link> : '—' },
          { title: t('audit.detail'), dataIndex: 'detail', render: (d: Record<string, unknown>, e) => <AuditDetail detail={d} summary={e.summary} /> },
        ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
    </div>
  );
}
