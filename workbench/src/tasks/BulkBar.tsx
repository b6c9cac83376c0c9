/**
 * 批量通过 / 批量转办: offered only when every selected task allows it (the server's bulk options,
 * from the engine's available actions); afterwards a result per row, failures with their code.
 */
import { tones } from '../shared/tones.ts';
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OrgUserPicker } from '../shared/OrgUserPicker.tsx';
import { fetchBulkOptions, runBulk, taskKeys } from './taskQueries.ts';
import type { components } from '../api/openapiTypes.ts';

type Result = components['schemas']['BulkResults']['results'][number];

/** The bulk action bar for the selected task ids. */
export function BulkBar({ selected, refs, onDone }: { selected: string[]; refs: Map<string, string>; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const options = useQuery({ queryKey: taskKeys.bulkOptions(selected), queryFn: () => fetchBulkOptions(selected), enabled: selected.length > 0 });
  const [dialog, setDialog] = useState<'approve' | 'transfer' | null>(null);
  const [comment, setComment] = useState('');
  const [users, setUsers] = useState<string[]>([]);
  const [results, setResults] = useState<Result[] | null>(null);
  const run = useMutation({
    mutationFn: () => runBulk(dialog === 'approve'
      ? { action: 'complete', outcome: options.data!.approve!, comment: comment || undefined, items: selected.map((taskId) => ({ taskId })) }
      : { action: 'transfer', users, comment: comment || undefined, items: selected.map((taskId) => ({ taskId })) }),
    onSuccess: (out) => { setResults(out.results); setDialog(null); void qc.invalidateQueries({ queryKey: taskKeys.all }); },
  });
  if (!selected.length) return null;
  const approve = options.data?.approve;
  const transfer = options.data?.transfer;
  return (
    <>
      <Alert type="info" style={{ marginBottom: 8 }} title={
        <Space wrap>
          <span>{t('bulk.selected', { count: selected.length })}</span>
          <Button type="primary" disabled={!approve || options.isFetching} onClick={() => setDialog('approve')}>{t('bulk.approve')}</Button>
          <Button disabled={!transfer || options.isFetching} onClick={() => setDialog('transfer')}>{t('bulk.transfer')}</Button>
          {options.data && !approve && !transfer && <span>{t('bulk.notCommon')}</span>}
        </Space>} />
      <Modal open={dialog !== null} title={dialog === 'approve' ? t('bulk.approve') : t('bulk.transfer')} onCancel={() => setDialog(null)}
        okText={t('action.confirm')} cancelText={t('action.cancel')} confirmLoading={run.isPending}
        okButtonProps={{ disabled: run.isPending || (dialog === 'transfer' && !users.length) }} onOk={() => { if (!run.isPending) run.mutate(); }} width={640}>
        {dialog === 'transfer' && <OrgUserPicker value={users} onChange={setUsers} />}
        <label htmlFor="bulk-comment" style={{ display: 'block', marginTop: 12 }}>{t('action.comment')}</label>
        <Input.TextArea id="bulk-comment" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} rows={3} />
        {run.error && <Alert type="error" title={(run.error as Error).message} style={{ marginTop: 8 }} />}
      </Modal>
      <Modal open={results !== null} title={t('bulk.results')} footer={<Button type="primary" onClick={() => { setResults(null); onDone(); }}>{t('action.close')}</Button>} onCancel={() => { setResults(null); onDone(); }}>
        <Table<Result> size="small" rowKey="taskId" pagination={false} dataSource={results ?? []} columns={[
          { title: t('queue.col.ref'), dataIndex: 'taskId', render: (id: string) => refs.get(id) ?? id },
          { title: t('bulk.result'), render: (_, r) => r.ok ? <Tag style={tones.ok}>{t('bulk.ok')}</Tag> : <span><Tag style={tones.bad}>{r.error?.code}</Tag>{r.error?.message}</span> },
        ]} />
      </Modal>
    </>
  );
}
