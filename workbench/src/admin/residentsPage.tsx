/**
 * 居民档案: residents of the user's scope, found by name, phone or ID number (the server matches the
 * last two through a keyed hash); every value arrives masked; the drawer reveals with a purpose.
 * Filters live in the URL, so a search can be shared and survives a reload.
 */
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/openapiTypes.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { ResidentDrawer } from './residentsDrawer.tsx';

type Resident = components['schemas']['Resident'];
const filterKeys = ['q', 'phone', 'idNumber'] as const;

/** The residents screen. */
export default function ResidentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(filterKeys.filter((k) => params.get(k)).map((k) => [k, params.get(k)!]));
  const pages = useInfiniteQuery({ queryKey: ['residents', query], initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/residents', { params: { query: { limit: 50, ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })), getNextPageParam: (l) => l.nextCursor ?? undefined });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const open = params.get('resident');
  const set = (k: string, v: string) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); setParams(next, { replace: true }); };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('registry.residents')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search aria-label={t('registry.searchName')} placeholder={t('registry.searchName')} defaultValue={params.get('q') ?? ''} allowClear onSearch={(v) => set('q', v)} style={{ width: 180 }} />
        <Input.Search aria-label={t('registry.searchPhone')} placeholder={t('registry.searchPhone')} defaultValue={params.get('phone') ?? ''} allowClear onSearch={(v) => set('phone', v)} style={{ width: 180 }} />
        <Input.Search aria-label={t('registry.searchId')} placeholder={t('registry.searchId')} defaultValue={params.get('idNumber') ?? ''} allowClear onSearch={(v) => set('idNumber', v)} style={{ width: 220 }} data-testid="search-id" />
      </Space>
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<Resident> rowKey="id" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 720 }}
          onRow={(r) => ({ onClick: () => set('resident', r.id), style: { cursor: 'pointer' } })} columns={[
            { title: t('registry.col.name'), dataIndex: 'name', render: (v: string, r) => <Button type="link" size="small" onClick={() => set('resident', r.id)} data-testid="resident-name">{v}</Button> },
            { title: t('registry.col.idNumber'), dataIndex: 'idNumber', render: (v: string) => <code>{v}</code> },
            { title: t('registry.col.phone'), dataIndex: 'phone' },
            { title: t('registry.col.grid'), dataIndex: 'orgPath', render: (p: string) => p.split('/').pop() },
            { title: t('registry.col.categories'), dataIndex: 'categories', render: (c?: string[]) => c ? c.map((x) => <Tag key={x}>{t(`registry.category.${x}`, { defaultValue: x })}</Tag>) : <Typography.Text type="secondary">—</Typography.Text> },
          ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
      <ResidentDrawer id={open} onClose={() => set('resident', '')} />
    </div>
  );
}
