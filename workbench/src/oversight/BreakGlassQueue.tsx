/** 紧急查看复核: break-glass reveals waiting for a supervisor's review (justified / unjustified, with a note). */
import { useState } from 'react';
import { Button, Input, Modal, Radio, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';

type Item = components['schemas']['BreakGlassItem'];

/** The review queue (403 for users who do not review: shown as a note). */
export function BreakGlassQueue() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['break-glass'], queryFn: () => unwrap(api.GET('/api/audit/break-glass', { params: { query: { status: 'pending' } } })), retry: false });
  const [item, setItem] = useState<Item>();
  const [outcome, setOutcome] = useState<'justified' | 'unjustified'>('justified');
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: () => unwrap(api.POST('/api/audit/break-glass/{id}/review', { params: { path: { id: item!.id } }, body: { outcome, note: note || undefined } })),
    onSuccess: () => { setItem(undefined); setNote(''); void qc.invalidateQueries({ queryKey: ['break-glass'] }); },
  });
  if (list.error instanceof ApiError && list.error.status === 403) return <Typography.Text type="secondary">{t('breakGlass.notReviewer')}</Typography.Text>;
  return (
    <>
      <Table<Item> size="small" rowKey="id" loading={list.isPending} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('breakGlass.none') }} columns={[
        { title: t('breakGlass.at'), dataIndex: 'at', render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        { title: t('breakGlass.actor'), dataIndex: 'actorId' },
        { title: t('breakGlass.case'), dataIndex: 'caseId', render: (id: string) => <Link to={`/cases/${id}`}>{id.slice(0, 8)}</Link> },
        { title: '', render: (_, r) => <Button size="small" onClick={() => setItem(r)}>{t('breakGlass.review')}</Button> },
      ]} />
      <Modal open={!!item} title={t('breakGlass.review')} onCancel={() => setItem(undefined)} okText={t('action.confirm')} cancelText={t('action.cancel')}
        confirmLoading={review.isPending} onOk={() => { if (!review.isPending) review.mutate(); }}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)} options={[{ value: 'justified', label: t('breakGlass.justified') }, { value: 'unjustified', label: t('breakGlass.unjustified') }]} />
        <label htmlFor="bg-note" style={{ display: 'block', marginTop: 8 }}>{t('breakGlass.note')}</label>
        <Input.TextArea id="bg-note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        {review.error && <Typography.Text type="danger" role="alert">{(review.error as Error).message}</Typography.Text>}
      </Modal>
    </>
  );
}
