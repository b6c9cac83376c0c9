/**
 * 设备台账: devices of the user's scope with status (active / silent / retired) and last seen, as the device adapters
 * report them, and a grid sensor's site; 编辑 moves a device to another grid and sets its site (DeviceSiteDrawer).
 */
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/openapiTypes.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { tones } from '../shared/tones.ts';
import { DeviceSiteDrawer } from './DeviceSiteDrawer.tsx';

type Device = components['schemas']['Device'];
type Status = Device['status'];
const statuses: Status[] = ['active', 'silent', 'retired'];
// the shared tones: antd's preset tag colours fall below WCAG AA contrast
const statusTone: Record<Status, (typeof tones)[keyof typeof tones]> = { active: tones.ok, silent: tones.warn, retired: tones.neutral };

/** The devices screen. */
export default function DevicesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as Status | null;
  const q = params.get('q') ?? '';
  const query = { ...(status ? { status } : {}), ...(q ? { q } : {}) };
  const pages = useInfiniteQuery({ queryKey: ['devices', query], initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/devices', { params: { query: { limit: 50, ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })), getNextPageParam: (l) => l.nextCursor ?? undefined });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const editing = items.find((d) => d.id === params.get('edit'));
  const set = (k: string, v: string | undefined) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); setParams(next, { replace: true }); };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('registry.devices')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search aria-label={t('registry.col.device')} placeholder={t('registry.col.device')} defaultValue={q} allowClear onSearch={(v) => set('q', v)} style={{ width: 200 }} />
        <Select<Status> aria-label={t('registry.col.status')} placeholder={t('registry.col.status')} allowClear value={status ?? undefined} onChange={(v) => set('status', v)} style={{ width: 140 }}
          options={statuses.map((s) => ({ value: s, label: t(`registry.status.${s}`) }))} />
      </Space>
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<Device> rowKey="id" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 960 }} columns={[
          { title: t('registry.col.device'), dataIndex: 'id', render: (v: string) => <code data-testid="device-id">{v}</code> },
          { title: t('registry.col.type'), dataIndex: 'type', render: (v: string) => t(`registry.type.${v}`, { defaultValue: v }) },
          { title: t('registry.col.status'), dataIndex: 'status', render: (s: Status) => <Tag style={statusTone[s]}>{t(`registry.status.${s}`)}</Tag> },
          { title: t('registry.col.lastSeen'), dataIndex: 'lastSeenAt', render: (v?: number) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
          { title: t('registry.col.resident'), dataIndex: 'residentName', render: (v?: string) => v ?? '—' },
          { title: t('registry.col.grid'), dataIndex: 'orgPath', render: (p: string) => p.split('/').pop() },
          { title: t('registry.site.column'), dataIndex: 'site', render: (site: Device['site']) => (site ? (
            <span data-testid="device-site">{[site.place, site.buildingId].filter(Boolean).join(' · ') || '—'}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{`${site.lat}, ${site.lng} (${site.datum})`}</Typography.Text></span>) : '—') },
          { title: t('registry.site.actions'), key: 'edit', render: (_: unknown, d: Device) => (
            <Button size="small" data-testid="device-edit" aria-label={t('registry.site.edit', { id: d.id })} onClick={() => set('edit', d.id)}>{t('registry.site.editShort')}</Button>) },
        ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
      <DeviceSiteDrawer device={editing} onClose={() => set('edit', undefined)} />
    </div>
  );
}
