/** A points account: the balance and its entries, newest first (earned, redeemed, reversed), rule titles from the ledger's rules. */
import { Card, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/openapiTypes.ts';
import { tones } from '../shared/tones.ts';

type Entry = components['schemas']['PointsEntry'];
type Rule = components['schemas']['PointsRule'];
const kindTone: Record<Entry['kind'], (typeof tones)[keyof typeof tones]> = { earn: tones.ok, redeem: tones.info, reversal: tones.warn };

/** The balance card and the history table of one account. */
export function PointsHistory({ balance, entries, rules }: { balance: number; entries: Entry[]; rules: Rule[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const ruleTitle = new Map(rules.map((r) => [r.id, r.title[lang]]));
  const when = (ms: number) => new Date(ms).toLocaleString(lang, { hour12: false });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small"><Statistic title={t('points.balance')} value={balance} valueStyle={{ fontVariantNumeric: 'tabular-nums' }} /></Card>
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('points.history')}</Typography.Title>
      <Table<Entry> rowKey="id" size="small" dataSource={entries} pagination={false} scroll={{ x: 640 }} locale={{ emptyText: t('points.empty') }} columns={[
        { title: t('points.col.time'), dataIndex: 'createdAt', render: (v: number) => when(v) },
        { title: t('points.col.kind'), dataIndex: 'kind', render: (k: Entry['kind'], e) => <Space size={4}><Tag style={kindTone[k]}>{t(`points.kind.${k}`)}</Tag>{e.reversed && <Tag style={tones.neutral}>{t('points.reversed')}</Tag>}</Space> },
        { title: t('points.col.rule'), dataIndex: 'ruleId', render: (v: string | null, e) => (v ? ruleTitle.get(v) ?? v : e.rewardId ?? '—') },
        { title: t('points.col.activity'), dataIndex: 'activityRef', render: (v: string | null) => v ?? '—' },
        { title: t('points.col.points'), dataIndex: 'points', align: 'right', render: (v: number) => <span data-testid="points-value" style={{ fontVariantNumeric: 'tabular-nums' }}>{v > 0 ? `+${v}` : v}</span> },
        { title: t('points.col.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
      ]} />
    </Space>
  );
}
