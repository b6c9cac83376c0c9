/** 兑换物品: the catalogues of the caller's org units (withdrawn rewards too): add one, edit name, cost and stock, withdraw or offer again. */
import { useState } from 'react';
import { Button, Space, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { useSession } from '../shell/useSession.ts';
import { pointsKeys, pointsManagerRoles } from './pointsQueries.ts';
import { RewardCatalogue } from './RewardCatalogue.tsx';
import { RewardDialog, type RewardValues } from './RewardDialog.tsx';

type Reward = components['schemas']['PointsReward'];

/** The rewards tab of 积分管理. */
export function RewardsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const session = useSession();
  const [editing, setEditing] = useState<Reward | null | 'new'>(null);
  const managed = useQuery({ queryKey: pointsKeys.managed(), queryFn: () => unwrap(api.GET('/api/points/rewards/managed')) });
  const orgs = [...new Set((session?.user.roles ?? []).filter((r) => pointsManagerRoles.includes(r.role)).map((r) => r.orgPath))].map((p) => ({ value: p, label: p }));
  const save = useMutation({
    mutationFn: (v: RewardValues) => {
      const name = { 'zh-CN': v.nameZh.trim(), en: v.nameEn.trim() };
      return editing && editing !== 'new'
        ? unwrap(api.PATCH('/api/points/rewards/{id}', { params: { path: { id: editing.id } }, body: { name, cost: v.cost, stock: v.stock, enabled: v.enabled } }))
        : unwrap(api.POST('/api/points/rewards', { body: { orgPath: v.orgPath, name, cost: v.cost, stock: v.stock } }));
    },
    onSuccess: async () => { setEditing(null); void message.success(t('pointsAdmin.saved')); await qc.invalidateQueries({ queryKey: pointsKeys.all }); },
  });
  const close = () => { setEditing(null); save.reset(); };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setEditing('new')} disabled={!orgs.length} data-testid="reward-add">{t('pointsAdmin.addReward')}</Button>
      {managed.isError ? <ErrorState error={managed.error} onRetry={() => void managed.refetch()} />
        : <RewardCatalogue rewards={managed.data?.items ?? []} loading={managed.isPending} onEdit={setEditing} />}
      <RewardDialog open={editing !== null} reward={editing === 'new' ? null : editing} orgs={orgs} pending={save.isPending} error={save.error as ApiError | null} onSubmit={(v) => save.mutate(v)} onCancel={close} />
    </Space>
  );
}
