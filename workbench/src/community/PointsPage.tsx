/**
 * 我的积分: a resident's or volunteer's own balance and history from the points ledger. Community
 * staff may open a resident of their scope by user id (`?person=`, in the URL so it can be shared);
 * the server answers only accounts in the caller's scope (anyone else's is 404). Below, the rewards
 * the caller can redeem at their community's desk, with cost and stock.
 */
import { Input, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { useSession } from '../shell/useSession.ts';
import { rolesOf } from '../shell/session.ts';
import { PointsHistory } from './PointsHistory.tsx';
import { pointsKeys, pointsManagerRoles as managerRoles } from './pointsQueries.ts';
import { RewardCatalogue } from './RewardCatalogue.tsx';


/** The points screen. */
export default function PointsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const me = session?.user.id ?? '';
  const person = params.get('person') || me;
  const manager = rolesOf(session).some((r) => managerRoles.includes(r));
  const account = useQuery({ queryKey: pointsKeys.account(person), enabled: !!person,
    queryFn: () => unwrap(api.GET('/api/points/accounts/{personId}', { params: { path: { personId: person } } })) });
  const rules = useQuery({ queryKey: pointsKeys.rules(), staleTime: 600_000, queryFn: () => unwrap(api.GET('/api/points/rules')) });
  const rewards = useQuery({ queryKey: pointsKeys.rewards(), queryFn: () => unwrap(api.GET('/api/points/rewards')) });
  const open = (v: string) => { const next = new URLSearchParams(params); if (v.trim()) next.set('person', v.trim()); else next.delete('person'); setParams(next, { replace: true }); };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{person === me ? t('points.mine') : t('points.title')}</Typography.Title>
      {manager && (
        <Space direction="vertical" style={{ marginBottom: 12 }}>
          <Input.Search aria-label={t('points.person')} placeholder={t('points.personHint')} defaultValue={params.get('person') ?? ''} allowClear onSearch={open} style={{ width: 320 }} data-testid="points-person" />
          {person !== me && <Typography.Text type="secondary">{t('points.viewing', { person })}</Typography.Text>}
        </Space>
      )}
      {account.isError ? <ErrorState error={account.error} onRetry={() => void account.refetch()} />
        : !account.data ? <LoadingState />
          : <PointsHistory balance={account.data.balance} entries={account.data.entries} rules={rules.data?.items ?? []} rewards={rewards.data?.items ?? []} />}
      {person === me && (
        <section aria-labelledby="points-catalogue" style={{ marginTop: 16 }}>
          <Typography.Title level={2} id="points-catalogue" style={{ fontSize: 16 }}>{t('points.catalogue')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('points.catalogueHint')}</Typography.Paragraph>
          {rewards.isError ? <ErrorState error={rewards.error} onRetry={() => void rewards.refetch()} /> : <RewardCatalogue rewards={rewards.data?.items ?? []} loading={rewards.isPending} />}
        </section>
      )}
    </div>
  );
}
