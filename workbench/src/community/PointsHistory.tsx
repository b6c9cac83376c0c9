/** A points account: the balance and its entries, newest first (earned, redeemed, reversed), rule titles and reward names from the ledger; staff get 冲正 per entry. */
import { Button, Card, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/openapiTypes.ts';
import { tones } from '../shared/tones.ts';

type Entry = components['schemas']['PointsEntry'];
type Rule = components['schemas']['PointsRule'];
type Reward = components['schemas']['PointsReward'];
const kindTone: Record<Entry['kind'], (typeof tones)[keyof typeof tones]> = { earn: tones.ok, redeem: tones.info, reversal: tones.warn };

/** The balance card and the history table of one account. */
export function PointsHistory({ balance, entries, rules, rewards = [], onReverse }: { balance: number; entries: Entry[]; rules: Rule[]; rewards?: Reward[]; onReverse?: (e: Entry) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const ruleTitle = new Map(rules.map((r) => [r.id, r.title[lang]]));
  const rewardName = new Map(rewards.map((r) => [r.id, r.name[lang]]));
  const when = (ms: number) => new Date(ms).toLocaleString(lang, { hour12: false });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small"><Statistic title={t('points.balance')} value={balance} valueStyle={{ fontVariantNumeric: 'tabular-nums' }} data-testid="points-balance" /></Card>
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('points.history')}</Typography.Title>
      <Table<Entry> rowKey="id" size="small" dataSource={entries} pagination={false} scroll={{ x: 640 }} locale={{ emptyText: t('points.empty') }} columns={[
        { title: t('points.col.time'), dataIndex: 'createdAt', render: (v: number) => when(v) },
        { title: t('points.col.kind'), dataIndex: 'kind', render: (k: Entry['kind'], e) => <Space size={4}><Tag style={kindTone[k]}>{t(`points.kind.${k}`)}</Tag>{e.reversed && <Tag style={tones.neutral}>{t('points.reversed')}</Tag>}</Space> },
        { title: t('points.col.rule'), dataIndex: 'ruleId', render: (v: string | null, e) => (v ? ruleTitle.get(v) ?? v : e.rewardId ? rewardName.get(e.rewardId) ?? e.rewardId : '—') },
        { title: t('points.col.activity'), dataIndex: 'activityRef', render: (v: string | null) => v ?? '—' },
        { title: t('points.col.points'), dataIndex: 'points', align: 'right', render: (v: number) => <span data-testid="points-value" style={{ fontVariantNumeric: 'tabular-nums' }}>{v > 0 ? `+${v}` : v}</span> },
        { title: t('points.col.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
        ...(onReverse ? [{ title: t('pointsAdmin.col.action'), key: 'reverse', render: (_: unknown, e: Entry) => (e.kind !== 'reversal' && !e.reversed
          ? <Button size="small" danger onClick={() => onReverse(e)} data-testid="entry-reverse" aria-label={`${t('pointsAdmin.reverse')} ${e.points}`}>{t('pointsAdmin.reverse')}</Button> : null) }] : []),
      ]} />
    </Space>
  );
}
