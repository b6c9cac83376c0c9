/**
 * 居民积分: find a resident of the caller's scope by name (the registry answers masked ID numbers),
 * open their account, redeem a reward of the catalogues that reach them, reverse an entry with a
 * reason. The search and the person are in the URL. A redemption is sent once however often the
 * button is pressed (a guard taken before the request, released when it settles); the server
 * refuses too few points or an empty stock with a coded message, shown as it comes.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Input, Space, Table, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { offeredTo, pointsKeys } from './pointsQueries.ts';
import { PointsHistory } from './PointsHistory.tsx';
import { RewardCatalogue } from './RewardCatalogue.tsx';
import { ReverseDialog } from './ReverseDialog.tsx';

type Resident = components['schemas']['Resident'];
type Reward = components['schemas']['PointsReward'];
type Entry = components['schemas']['PointsEntry'];

/** The residents tab of 积分管理. */
export function ResidentPointsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const person = params.get('person') ?? '';
  const set = (patch: Record<string, string>) => { const next = new URLSearchParams(params); for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); } setParams(next, { replace: true }); };
  const residents = useQuery({ queryKey: pointsKeys.residents(q), enabled: q.length > 0,
    queryFn: () => unwrap(api.GET('/api/residents', { params: { query: { q, limit: 20 } } })) });
  const resident = residents.data?.items.find((r) => r.userId === person);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search aria-label={t('pointsAdmin.searchResident')} placeholder={t('pointsAdmin.searchResidentHint')} defaultValue={q} allowClear enterButton={t('pointsAdmin.search')}
        onSearch={(v) => set({ q: v.trim(), person: '' })} style={{ maxWidth: 420 }} data-testid="resident-search" />
      {q && (residents.isError ? <ErrorState error={residents.error} onRetry={() => void residents.refetch()} /> : (
        <Table<Resident> rowKey="id" size="small" loading={residents.isPending} dataSource={residents.data?.items ?? []} pagination={false} scroll={{ x: 560 }}
          locale={{ emptyText: t('pointsAdmin.noResidents') }} data-testid="resident-results"
          rowClassName={(r) => (r.userId && r.userId === person ? 'ant-table-row-selected' : '')} columns={[
            { title: t('pointsAdmin.col.name'), dataIndex: 'name', render: (v: string) => <span data-testid="resident-name">{v}</span> },
            { title: t('pointsAdmin.col.idNumber'), dataIndex: 'idNumber', render: (v: string) => <code data-testid="resident-id-number">{v}</code> },
            { title: t('pointsAdmin.col.org'), dataIndex: 'orgPath', render: (p: string) => <code>{p.split('/').pop()}</code> },
            { title: t('pointsAdmin.col.action'), key: 'open', render: (_: unknown, r: Resident) => (r.userId
              ? <Button size="small" type={r.userId === person ? 'primary' : 'default'} onClick={() => set({ person: r.userId! })} data-testid="resident-open" aria-label={`${t('pointsAdmin.openAccount')} ${r.name}`}>{t('pointsAdmin.openAccount')}</Button>
              : <Typography.Text type="secondary">{t('pointsAdmin.noAccount')}</Typography.Text>) },
          ]} />
      ))}
      {person && <ResidentAccount person={person} resident={resident} onChanged={() => void qc.invalidateQueries({ queryKey: pointsKeys.all })} />}
    </Space>
  );
}

/** One resident's account: balance, history with 冲正, and the rewards they can redeem. */
function ResidentAccount({ person, resident, onChanged }: { person: string; resident: Resident | undefined; onChanged: () => void }) {
  const { t } = useTranslation();
  const [reversing, setReversing] = useState<Entry | null>(null);
  const inFlight = useRef(false);
  const account = useQuery({ queryKey: pointsKeys.account(person), queryFn: () => unwrap(api.GET('/api/points/accounts/{personId}', { params: { path: { personId: person } } })) });
  const rules = useQuery({ queryKey: pointsKeys.rules(), staleTime: 600_000, queryFn: () => unwrap(api.GET('/api/points/rules')) });
  const managed = useQuery({ queryKey: pointsKeys.managed(), queryFn: () => unwrap(api.GET('/api/points/rewards/managed')) });
  const offered = useQuery({ queryKey: pointsKeys.rewards(), queryFn: () => unwrap(api.GET('/api/points/rewards')) });
  const all = new Map<string, Reward>([...(offered.data?.items ?? []), ...(managed.data?.items ?? [])].map((r) => [r.id, r]));
  const catalogue = [...all.values()].filter((r) => r.enabled && (!resident || offeredTo(r.orgPath, resident.orgPath)));
  const redeem = useMutation({
    mutationFn: (r: Reward) => unwrap(api.POST('/api/points/accounts/{personId}/redemptions', { params: { path: { personId: person } }, body: { rewardId: r.id } })),
    onSuccess: (_, r) => { void message.success(t('pointsAdmin.redeemed', { name: r.name['zh-CN'], cost: r.cost })); onChanged(); },
    onSettled: () => { inFlight.current = false; },
  });
  const reverse = useMutation({
    mutationFn: ({ entry, reason }: { entry: Entry; reason: string }) => unwrap(api.POST('/api/points/accounts/{personId}/entries/{entryId}/reverse', { params: { path: { personId: person, entryId: entry.id } }, body: { reason } })),
    onSuccess: () => { setReversing(null); void message.success(t('pointsAdmin.reversed')); onChanged(); },
  });
  const onRedeem = (r: Reward) => {
    // a second press before the first answer would send a second redemption: refuse it here
    if (inFlight.current) return;
    inFlight.current = true;
    redeem.mutate(r);
  };
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  if (!account.data) return <LoadingState />;
  const redeemError = redeem.error as ApiError | null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="resident-account">
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('pointsAdmin.accountOf', { name: resident?.name ?? person })}</Typography.Title>
      <PointsHistory balance={account.data.balance} entries={account.data.entries} rules={rules.data?.items ?? []} rewards={[...all.values()]} onReverse={setReversing} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('pointsAdmin.redeemTitle')}</Typography.Title>
      {redeemError && <Alert type="error" role="alert" showIcon closable onClose={() => redeem.reset()} title={redeemError.message} description={redeemError.code} data-testid="redeem-error" />}
      {managed.isError ? <ErrorState error={managed.error} onRetry={() => void managed.refetch()} />
        : <RewardCatalogue rewards={catalogue} loading={managed.isPending || offered.isPending} onRedeem={onRedeem} busy={redeem.isPending ? redeem.variables?.id ?? null : null} />}
      <ReverseDialog entry={reversing} pending={reverse.isPending} error={reverse.error as ApiError | null} onCancel={() => { setReversing(null); reverse.reset(); }}
        onSubmit={(reason) => reversing && reverse.mutate({ entry: reversing, reason })} />
    </Space>
  );
}
