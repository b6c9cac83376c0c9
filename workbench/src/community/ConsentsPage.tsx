/**
 * 同意记录: the consent registry of the user's scope (PIPL arts. 23 and 29): find a resident's records
 * by ID number (the server matches its keyed hash), filter by purpose and status, record a consent
 * with its purpose and scope, withdraw one with a reason. Names and ID numbers arrive masked; the
 * server scopes every list and audits every record and withdrawal. Filters live in the URL.
 */
import { useState } from 'react';
import { Alert, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { tones } from '../shared/tones.ts';
import { useSession } from '../shell/useSession.ts';
import { consentPurposes, type ConsentPurpose } from './consentOptions.ts';
import { ConsentRecordDialog } from './ConsentRecordDialog.tsx';

type Consent = components['schemas']['Consent'];
type Status = 'all' | 'active' | 'withdrawn';

/** The consents screen. */
export default function ConsentsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const [reason, setReason] = useState('');
  const idNumber = params.get('idNumber') ?? '';
  const purpose = (params.get('purpose') ?? '') as ConsentPurpose | '';
  const status = (params.get('status') ?? 'all') as Status;
  const query = { status, ...(idNumber ? { idNumber } : {}), ...(purpose ? { purpose } : {}) };
  const pages = useInfiniteQuery({ queryKey: ['consents', query], initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/consents', { params: { query: { limit: 50, ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })), getNextPageParam: (l) => l.nextCursor ?? undefined });
  const withdraw = useMutation({
    mutationFn: (c: Consent) => unwrap(api.POST('/api/consents/{id}/withdraw', { params: { path: { id: c.id } }, body: { reason: reason.trim() } })),
    onSuccess: async () => { setWithdrawing(null); setReason(''); await qc.invalidateQueries({ queryKey: ['consents'] }); },
  });
  const set = (k: string, v: string) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); setParams(next, { replace: true }); };
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const date = (ms: number | null) => (ms === null ? t('consents.never') : new Date(ms).toLocaleDateString(i18n.language === 'en' ? 'en' : 'zh-CN'));
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('consents.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('consents.hint')} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search aria-label={t('consents.searchId')} placeholder={t('consents.searchId')} defaultValue={idNumber} allowClear onSearch={(v) => set('idNumber', v.trim().toUpperCase())} style={{ width: 240 }} data-testid="consent-search-id" />
        <Select<ConsentPurpose | ''> aria-label={t('consents.purpose')} value={purpose} onChange={(v) => set('purpose', v)} style={{ width: 240 }}
          options={[{ value: '', label: `${t('consents.purpose')}: ${t('consents.status.all')}` }, ...consentPurposes.map((p) => ({ value: p, label: t(`purpose.${p}`) }))]} />
        <Select<Status> aria-label={t('consents.status')} value={status} onChange={(v) => set('status', v === 'all' ? '' : v)} style={{ width: 140 }}
          options={(['all', 'active', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`consents.status.${s}`) }))} />
        <Button type="primary" onClick={() => setRecording(true)} data-testid="consent-record">{t('consents.record')}</Button>
      </Space>
      {pages.isError ? <ErrorState error={pages.error} onRetry={() => void pages.refetch()} /> : (
        <Table<Consent> rowKey="id" size="small" loading={pages.isPending} dataSource={items} pagination={false} scroll={{ x: 960 }} columns={[
          { title: t('consents.col.subject'), dataIndex: 'subjectName', render: (v: string) => <span data-testid="consent-subject">{v}</span> },
          { title: t('consents.col.idNumber'), dataIndex: 'subjectIdNumber', render: (v: string) => <code data-testid="consent-id-number">{v}</code> },
          { title: t('consents.col.purpose'), dataIndex: 'purpose', render: (p: string) => t(`purpose.${p}`, { defaultValue: p }) },
          { title: t('consents.col.scope'), dataIndex: 'dataCategories', render: (c: string[]) => c.map((x) => <Tag key={x} style={tones.neutral}>{t(`pii.${x}`, { defaultValue: x })}</Tag>) },
          { title: t('consents.col.recipients'), dataIndex: 'recipients', render: (r: string[]) => r.join('、') },
          { title: t('consents.col.granted'), dataIndex: 'grantedAt', render: (v: number) => date(v) },
          { title: t('consents.col.expires'), dataIndex: 'expiresAt', render: (v: number | null) => date(v) },
          { title: t('consents.col.status'), dataIndex: 'status', render: (s: Consent['status'], c) => <Space size={4}>
            <Tag style={s === 'active' ? tones.ok : tones.neutral} data-testid="consent-status">{t(`consents.status.${s}`)}</Tag>
            {s === 'active' && <Button size="small" danger onClick={() => setWithdrawing(c)} data-testid="consent-withdraw">{t('consents.withdraw')}</Button>}
          </Space> },
        ]} />
      )}
      {pages.hasNextPage && <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()}>{t('state.more')}</Button>}
      <ConsentRecordDialog open={recording} orgPath={session?.user.orgPath ?? ''} onClose={() => setRecording(false)} />
      <Modal open={!!withdrawing} title={t('consents.withdrawTitle')} okText={t('consents.withdraw')} okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'consent-withdraw-confirm' } as never}
        confirmLoading={withdraw.isPending} onOk={() => withdrawing && withdraw.mutate(withdrawing)} onCancel={() => { setWithdrawing(null); withdraw.reset(); }} destroyOnHidden>
        <Typography.Paragraph>{t('consents.withdrawHint')}</Typography.Paragraph>
        <Input.TextArea aria-label={t('consents.reason')} placeholder={t('consents.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="consent-reason" />
        {withdraw.error && <Alert style={{ marginTop: 8 }} type="error" role="alert" title={(withdraw.error as ApiError).message} description={(withdraw.error as ApiError).code} />}
      </Modal>
    </div>
  );
}
