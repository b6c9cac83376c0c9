/** 发起事项: the service items the user may start (their roles are in the item's intake roles), and their unfinished drafts (with photos still on the device). */
import { Card, Col, List, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Definition } from '@tongban/engine';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { pick } from '../i18n/i18n.ts';
import { rolesOf } from '../shell/session.ts';
import { useSession } from '../shell/useSession.ts';
import { EmptyState } from '../shared/EmptyState.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { listLocalDrafts } from './localDrafts.ts';
import { localIdsIn } from './offlinePhotos.ts';

/** The start page. */
export default function StartPage() {
  const { t } = useTranslation();
  const session = useSession();
  const roles = rolesOf(session);
  const items = useQuery({
    queryKey: ['definitions', 'startable'], staleTime: 600_000,
    queryFn: async () => {
      const { items: list } = await unwrap(api.GET('/api/definitions'));
      const full = await Promise.all(list.filter((d) => d.status === 'published').map((d) => unwrap(api.GET('/api/definitions/{id}', { params: { path: { id: d.id } } }))));
      return full.map((f) => f.definition as unknown as Definition).filter((d) => d.intake?.roles.some((r) => roles.includes(r)));
    },
  });
  const drafts = listLocalDrafts(session?.user.id ?? '');
  const titleOf = (id: string) => { const d = items.data?.find((x) => x.id === id); return d ? pick(d.title) : id; };
  if (items.isPending) return <LoadingState />;
  if (items.isError) return <ErrorState error={items.error} onRetry={() => void items.refetch()} />;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('menu.start')}</Typography.Title>
      {!items.data.length ? <EmptyState label={t('start.none')} /> : (
        <Row gutter={[12, 12]}>
          {items.data.map((d) => (
            <Col xs={24} sm={12} lg={8} key={d.id}>
              <Link to={`/start/${d.id}`} aria-label={pick(d.title)}><Card hoverable size="small" title={pick(d.title)}><Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{d.description ? pick(d.description) : d.category}</Typography.Paragraph></Card></Link>
            </Col>
          ))}
        </Row>
      )}
      {drafts.length > 0 && (
        <List header={<strong>{t('start.drafts')}</strong>} style={{ marginTop: 16 }} dataSource={drafts} renderItem={(d) => (
          <List.Item><Link to={`/start/${d.definitionId}?draft=${d.id}`}>{titleOf(d.definitionId)}</Link> · {dayjs(d.updatedAt).format('MM-DD HH:mm')} {d.pending ? t('draft.notSent') : ''}
            {localIdsIn(d.data).length ? t('draft.pendingPhotos', { count: localIdsIn(d.data).length }) : ''}</List.Item>
        )} />
      )}
    </div>
  );
}
