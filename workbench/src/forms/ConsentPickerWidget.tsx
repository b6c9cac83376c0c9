/**
 * 选择同意记录 for a consent field (`x-consent`, e.g. a referral's 单独同意编号): the worker finds the
 * resident's consents of the field's purpose in scope by ID number (pre-filled from the field the item
 * names as its person), picks one in force, or records a new one on the spot. Nobody copies a `cs-…`
 * id by hand. The chosen record shows as its masked person, purpose and standing. A worker whose role
 * keeps no consent registry types the record's id, as the community gave it (the server checks it).
 */
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { isCnIdNumber } from '@tongban/engine';
import { api, unwrap } from '../api/client.ts';
import { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { ConsentRecordDialog } from '../community/ConsentRecordDialog.tsx';
import { consentRoles, type ConsentPurpose } from '../community/consentOptions.ts';
import { tones } from '../shared/tones.ts';
import { useSession } from '../shell/useSession.ts';
import type { FormCtx } from './formContext.ts';

type Consent = components['schemas']['Consent'];
const CONSENT_ID = /^cs-[0-9a-f-]{36}$/;

/** Whether a consent allows its purpose now: in force, withdrawn or past its end. */
export function consentStanding(c: Pick<Consent, 'status' | 'expiresAt'>, now = Date.now()): 'active' | 'withdrawn' | 'expired' {
  if (c.status !== 'active') return 'withdrawn';
  return c.expiresAt !== null && c.expiresAt <= now ? 'expired' : 'active';
}

function StandingTag({ standing }: { standing: 'active' | 'withdrawn' | 'expired' }) {
  const { t } = useTranslation();
  return <Tag style={standing === 'active' ? tones.ok : tones.bad} data-testid="consent-standing">{t(`consentPick.standing.${standing}`)}</Tag>;
}

/** The person's ID number the item names for this consent (`x-consent.subject`), when the form holds it in full. */
function subjectIdNumber(ctx: FormCtx, subject: string | undefined): string {
  const v = subject ? ctx.data?.()[subject.replace(/^data\./, '')] : undefined;
  return typeof v === 'string' && isCnIdNumber(v.toUpperCase()) ? v.toUpperCase() : '';
}

/** The widget. */
export function ConsentPickerWidget(p: WidgetProps) {
  const { t, i18n } = useTranslation();
  const ctx = (p.registry.formContext ?? {}) as FormCtx;
  const session = useSession();
  const spec = p.schema['x-consent'] as { purpose?: ConsentPurpose; subject?: string } | undefined;
  const purpose = spec?.purpose;
  const value = typeof p.value === 'string' && p.value ? p.value : undefined;
  const locked = p.readonly || p.disabled;
  const [open, setOpen] = useState(false);
  const [recording, setRecording] = useState(false);
  const [idNumber, setIdNumber] = useState('');
  const [badId, setBadId] = useState(false);
  /** whether one of the worker's roles keeps the consent registry (as the server's `manage Consent` rule) */
  const keepsRegistry = (session?.user.roles ?? []).some((r) => consentRoles.includes(r.role));
  const chosen = useQuery({ queryKey: ['consents', 'one', value], enabled: keepsRegistry && !!value && CONSENT_ID.test(value), retry: false, staleTime: 30_000,
    queryFn: () => unwrap(api.GET('/api/consents/{id}', { params: { path: { id: value! } } })) });
  const list = useQuery({ queryKey: ['consents', 'pick', purpose, idNumber], enabled: open, retry: false,
    queryFn: () => unwrap(api.GET('/api/consents', { params: { query: { status: 'active', limit: 50, ...(purpose ? { purpose } : {}), ...(idNumber ? { idNumber } : {}) } } })) });
  const noAccess = (e: unknown) => e instanceof ApiError && e.status === 403;
  const date = (ms: number | null) => (ms === null ? t('consents.never') : new Date(ms).toLocaleDateString(i18n.language === 'en' ? 'en' : 'zh-CN'));
  const choose = (id: string | undefined) => { p.onChange(id); setOpen(false); };
  const search = (raw: string) => {
    const v = raw.trim().toUpperCase();
    setBadId(!!v && !isCnIdNumber(v));
    if (!v || isCnIdNumber(v)) setIdNumber(v);
  };
  const openPicker = () => { search(subjectIdNumber(ctx, spec?.subject)); setOpen(true); };

  // no consent registry for this role (none of its roles keeps one, or the server said 403): the record's id, typed as the community gave it
  if (!keepsRegistry || noAccess(chosen.error) || (noAccess(list.error) && !value)) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input id={p.id} aria-label={p.label} value={value ?? ''} disabled={locked} placeholder="cs-…" onChange={(e) => p.onChange(e.target.value.trim() || undefined)} onBlur={() => p.onBlur(p.id, p.value)} />
        <Typography.Text type="secondary">{t('consentPick.noAccess')}</Typography.Text>
      </Space>
    );
  }
  const c = chosen.data;
  return (
    <div id={p.id} role="group" aria-label={p.label} data-testid="consent-picker">
      <Space wrap size={[8, 4]}>
        {c && <span data-testid="consent-chosen">{c.subjectName}（{c.subjectIdNumber}）· {t(`purpose.${c.purpose}`, { defaultValue: c.purpose })} · {t('consentPick.granted', { date: date(c.grantedAt) })} <StandingTag standing={consentStanding(c)} /></span>}
        {value && !c && (chosen.isPending && CONSENT_ID.test(value) ? <Typography.Text type="secondary">{value}</Typography.Text>
          : <Typography.Text type="danger" data-testid="consent-chosen">{value} · {t('consentPick.notFound')}</Typography.Text>)}
        {!value && locked && <Typography.Text type="secondary">—</Typography.Text>}
        {!locked && <Button size="small" icon={<SafetyCertificateOutlined />} onClick={openPicker} data-testid="consent-pick">{t('consentPick.pick')}</Button>}
        {!locked && value && <Button size="small" type="link" onClick={() => p.onChange(undefined)}>{t('consentPick.clear')}</Button>}
      </Space>
      <Modal open={open} title={t('consentPick.title')} width={760} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('consentPick.hint', { purpose: purpose ? t(`purpose.${purpose}`) : '' })}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          <Input.Search aria-label={t('consents.searchId')} placeholder={t('consents.searchId')} defaultValue={idNumber} allowClear onSearch={search} style={{ width: 260 }} data-testid="consent-pick-search" />
          <Button onClick={() => setRecording(true)} data-testid="consent-pick-record">{t('consentPick.record')}</Button>
        </Space>
        {badId && <Alert type="warning" showIcon role="alert" title={t('consentPick.badId')} style={{ marginBottom: 8 }} />}
        {list.isError ? <Alert type="error" role="alert" title={(list.error as Error).message} description={list.error instanceof ApiError ? list.error.code : undefined} /> : (
          <Table<Consent> rowKey="id" size="small" loading={list.isPending} dataSource={list.data?.items ?? []} pagination={false} scroll={{ x: 640 }}
            locale={{ emptyText: t('consentPick.empty') }} columns={[
              { title: t('consents.col.subject'), dataIndex: 'subjectName' },
              { title: t('consents.col.idNumber'), dataIndex: 'subjectIdNumber', render: (v: string) => <code>{v}</code> },
              { title: t('consents.col.recipients'), dataIndex: 'recipients', render: (r: string[]) => r.join('、') },
              { title: t('consents.col.granted'), dataIndex: 'grantedAt', render: (v: number) => date(v) },
              { title: t('consents.col.expires'), dataIndex: 'expiresAt', render: (v: number | null) => date(v) },
              { title: '', key: 'use', render: (_: unknown, row) => consentStanding(row) === 'active'
                ? <Button size="small" type="primary" onClick={() => choose(row.id)} data-testid="consent-use">{t('consentPick.use')}</Button>
                : <StandingTag standing={consentStanding(row)} /> },
            ]} />
        )}
      </Modal>
      <ConsentRecordDialog open={recording} orgPath={session?.user.orgPath ?? ''} purpose={purpose} idNumber={idNumber || undefined}
        onClose={() => setRecording(false)} onRecorded={(rec) => choose(rec.id)} />
    </div>
  );
}
