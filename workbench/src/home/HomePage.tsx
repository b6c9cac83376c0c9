/** 工作台: my counts (待办 / 即将超时 / 已超时 / 抄送未读), shortcuts and recent cases. */
import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { DeadlineTag } from '../deadlines/DeadlineTag.tsx';
import { fetchInboxCounts, inboxKeys } from '../inbox/inboxQueries.ts';
import { pick } from '../i18n/i18n.ts';
import { useDefinitions } from '../shared/lookups.ts';
import { useSession } from '../shell/useSession.ts';
import { fetchQueueCounts, taskKeys } from '../tasks/taskQueries.ts';

/** The home screen. */
export default function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const defs = useDefinitions();
  const counts = useQuery({ queryKey: taskKeys.counts({}), queryFn: () => fetchQueueCounts({}) });
  const inbox = useQuery({ queryKey: inboxKeys.counts(), queryFn: fetchInboxCounts });
  const recent = useQuery({ queryKey: ['cases', 'recent'], queryFn: () => unwrap(api.GET('/api/cases', { params: { query: { limit: 8 } } })) });
  const cards: Array<[string, number | undefined, string]> = [
    ['home.todo', counts.data?.all, '/tasks'], ['home.atRisk', counts.data?.atRisk, '/tasks?tab=atRisk'],
    ['home.overdue', counts.data?.overdue, '/tasks?tab=overdue'], ['home.ccUnread', inbox.data?.cc, '/inbox?kind=cc'],
  ];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('home.hello', { name: session?.user.name ?? '' })}</Typography.Title>
      <Row gutter={[12, 12]}>
        {cards.map(([label, value, to]) => (
          <Col xs={12} md={6} key={label}><Link to={to}><Card size="small" hoverable><Statistic title={t(label)} value={value ?? '—'} /></Card></Link></Col>
        ))}
      </Row>
      <Card size="small" title={t('home.recent')} style={{ marginTop: 12 }}>
        <List dataSource={recent.data?.items ?? []} loading={recent.isPending} locale={{ emptyText: t('state.empty') }} renderItem={(c) => (
          <List.Item extra={<DeadlineTag deadline={c.deadline} />}><Link to={`/cases/${c.id}`}>{c.ref}</Link> · {defs.data?.titles.get(c.definitionId) ?? c.definitionId} · {pick(c.stateTitle)}</List.Item>
        )} />
      </Card>
    </div>
  );
}
