/**
 * 积分管理 (community staff and above, in their scope): 居民积分 (look up, redeem, reverse), 兑换物品
 * (the catalogues they keep) and 积分规则 (the county admin edits; others read). The tab is in the URL.
 */
import { Tabs, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { useSession } from '../shell/useSession.ts';
import { rolesOf } from '../shell/session.ts';
import { pointsKeys, pointsRuleAdminRoles } from './pointsQueries.ts';
import { ResidentPointsTab } from './ResidentPointsTab.tsx';
import { RewardsTab } from './RewardsTab.tsx';
import { RulesTable, type RuleValues } from './RulesTable.tsx';
import { registryRoles } from '../admin/adminScreens.tsx';

const tabs = ['residents', 'rewards', 'rules'] as const;
type Tab = (typeof tabs)[number];

/** The 积分管理 screen. */
export default function PointsAdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  // 居民积分 finds residents in the registry, which a township admin may not read (data minimisation):
  // they keep catalogues and read the rules; redeeming for a resident is the community's act
  const residents = rolesOf(session).some((r) => registryRoles.includes(r));
  const shown = tabs.filter((k) => k !== 'residents' || residents);
  const first = shown[0]!;
  const tab = (shown as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : first;
  const pick = (k: string) => setParams(k === first ? {} : { tab: k }, { replace: true });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('pointsAdmin.title')}</Typography.Title>
      <Tabs activeKey={tab} onChange={pick} destroyOnHidden items={[
        ...(residents ? [{ key: 'residents', label: t('pointsAdmin.tab.residents'), children: <ResidentPointsTab /> }] : []),
        { key: 'rewards', label: t('pointsAdmin.tab.rewards'), children: <RewardsTab /> },
        { key: 'rules', label: t('pointsAdmin.tab.rules'), children: <RulesTab /> },
      ]} />
    </div>
  );
}

/** The rules tab: everyone reads; a county admin edits. */
function RulesTab() {
  const session = useSession();
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: pointsKeys.rules(), queryFn: () => unwrap(api.GET('/api/points/rules')) });
  const save = useMutation({
    mutationFn: (r: RuleValues) => unwrap(api.PUT('/api/points/rules/{id}', { params: { path: { id: r.id } }, body: { title: r.title, unit: r.unit, points: r.points, enabled: r.enabled } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: pointsKeys.rules() }),
  });
  const admin = rolesOf(session).some((r) => pointsRuleAdminRoles.includes(r));
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  return <RulesTable rules={rules.data?.items ?? []} loading={rules.isPending} onSave={admin ? (r) => save.mutateAsync(r) : undefined} pending={save.isPending} error={save.error as ApiError | null} />;
}
