/**
 * A reward catalogue as a table: name, where it is offered, cost and stock. Staff get 编辑 (and see
 * withdrawn rewards), a redemption desk gets 兑换 per reward; a resident's page reads it as it is.
 */
import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/openapiTypes.ts';
import { tones } from '../shared/tones.ts';

type Reward = components['schemas']['PointsReward'];

/** The catalogue; `onEdit` adds the edit action and the status column, `onRedeem` the redeem action (`busy`: the reward being redeemed). */
export function RewardCatalogue({ rewards, loading, onEdit, onRedeem, busy }: { rewards: Reward[]; loading?: boolean; onEdit?: (r: Reward) => void; onRedeem?: (r: Reward) => void; busy?: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const action = onEdit || onRedeem;
  return (
    <Table<Reward> rowKey="id" size="small" dataSource={rewards} loading={loading} pagination={false} scroll={{ x: 560 }} locale={{ emptyText: t('pointsAdmin.noRewards') }} data-testid="reward-catalogue" columns={[
      { title: t('pointsAdmin.col.reward'), dataIndex: 'name', render: (n: Reward['name']) => <span data-testid="reward-name">{n[lang]}</span> },
      { title: t('pointsAdmin.col.offeredAt'), dataIndex: 'orgPath', render: (p: string) => <code>{p.split('/').pop()}</code> },
      { title: t('pointsAdmin.col.cost'), dataIndex: 'cost', align: 'right', render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="reward-cost">{v}</span> },
      { title: t('pointsAdmin.col.stock'), dataIndex: 'stock', align: 'right', render: (v: number | null) => <span data-testid="reward-stock">{v === null ? t('pointsAdmin.unlimited') : v}</span> },
      ...(onEdit ? [{ title: t('pointsAdmin.col.status'), dataIndex: 'enabled', render: (on: boolean) => <Tag style={on ? tones.ok : tones.neutral}>{t(on ? 'pointsAdmin.enabled' : 'pointsAdmin.disabled')}</Tag> }] : []),
      ...(action ? [{ title: t('pointsAdmin.col.action'), key: 'action', render: (_: unknown, r: Reward) => (
        onEdit ? <Button size="small" onClick={() => onEdit(r)} data-testid="reward-edit" aria-label={`${t('pointsAdmin.edit')} ${r.name[lang]}`}>{t('pointsAdmin.edit')}</Button>
          : <Button size="small" type="primary" loading={busy === r.id} disabled={!!busy && busy !== r.id} onClick={() => onRedeem!(r)} data-testid="reward-redeem" aria-label={`${t('pointsAdmin.redeem')} ${r.name[lang]}`}>{t('pointsAdmin.redeem')}</Button>
      ) }] : []),
    ]} />
  );
}
