/** 案件查询 / 我发起的: cases in scope (or started by me), filters in the URL, the current step's deadline, keyset pages. */
import { Button, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/openapiTypes.ts';
import { DeadlineTag } from '../deadlines/DeadlineTag.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { useDefinitions, useOrgUnits } from '../shared/lookups.ts';
import { buildOrgTree } from '../shared/orgTree.ts';
import { pick } from '../i18n/i18n.ts';
import { caseKeys } from './caseQueries.ts';

type Item = components['schemas']['CaseListItem'];

/** The case list screen. */
export default function CasesPage({ scope }: { scope: 'all' | 'mine' }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const defs = useDefinitions();
  const orgs = useOrgUnits();
  const query = {
    limit: 50, ...(scope === 'mine' ? { mine: true } : {}),
    ...Object.fromEntries(['definitionId', 'orgPath', 'status', 'sla'].filter((k) => params.get(k)).map((k) => [k, params.get(k)!])),
  };
  const pages = useInfiniteQuery({
    queryKey: caseKeys.list(query), initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/cases', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } as never } })),
    getNextPageParam: (l) => l.nextCursor ?? undefined,
  });
  const set = (k: string, v?: string) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n, { replace: true }); };
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{scope === 'mine' ? t('menu.startedByMe') : t('menu.cases')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select aria-label={t('filter.item')} placeholder={t('filter.item')} allowClear style={{ minWidth: 150 }} value={params.get('definitionId') ?? undefined} onChange={(v) => set('definitionId', v)}
          options={(defs.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))} />
        <Select aria-label={t('filter.caseStatus')} placeholder={t('filter.caseStatus')} allowClear style={{ minWidth: 120 }} value={params.get('status') ?? undefined} onChange={(v) => set('status', v)}
          options={['active', 'done'].map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))} />
        <Select aria-label={t('filter.sla')} placeholder={t('filter.sla')} allowClear style={{ minWidth: 120 }} value={params.get('sla') ?? undefined} onChange={(v) => set('sla', v)}
          options={['at-risk', 'overdue'].map((s) => ({ value: s, label: t(`deadline.status.${s}`) }))} />
        {scope === 'all' && <TreeSelect aria-label={t('filter.org')} placeholder={t('filter.org')} allowClear style={{ minWidth: 180 }} value={params.get('orgPath') ?? undefined}
          onChange={(v) => set('orgPath', v as string | undefined)} treeData={orgs.data ? buildOrgTree(orgs.data.items) : []} />}
      </Space>
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<Item> rowKey="id" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 720 }} locale={{ emptyText: t('state.empty') }}
          columns={[
            { title: t('queue.col.ref'), dataIndex: 'ref', render: (ref: string, c) => <Link to={`/cases/${c.id}`}>{ref}</Link> },
            { title: t('queue.col.item'), dataIndex: 'definitionId', render: (id: string) => defs.data?.titles.get(id) ?? id },
            { title: t('case.state'), dataIndex: 'state', render: (_: string, c) => pick(c.stateTitle) },
            { title: t('queue.col.org'), dataIndex: 'orgPath', render: (p: string, c) => c.orgName ?? orgs.data?.names.get(p) ?? p },
            { title: t('queue.col.deadline'), render: (_, c) => <DeadlineTag deadline={c.deadline} /> },
            { title: t('case.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`caseStatus.${s}`, { defaultValue: s })}</Tag> },
            { title: t('case.created'), dataIndex: 'createdAt', render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
    </div>
  );
}
