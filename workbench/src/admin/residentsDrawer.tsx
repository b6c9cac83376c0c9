/** A resident's details, masked as the server sent them, with 「查看原文」: chosen fields, a stated purpose, an audited reveal. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import { ErrorState } from '../shared/ErrorState.tsx';
import { RetireResident } from './RetireResident.tsx';

const purposes = ['verify-identity', 'call-back', 'emergency', 'registry-maintenance', 'handle-case'] as const;
type Purpose = (typeof purposes)[number];
/** Fields a reveal may name, with their label keys. */
const revealable = [['idNumber', 'registry.col.idNumber'], ['phone', 'registry.col.phone'], ['name', 'registry.col.name'], ['birthDate', 'registry.col.birthDate'], ['address', 'registry.col.address'],
  ['emergencyContacts[].phone', 'registry.col.contacts']] as const;
type Field = (typeof revealable)[number][0];

/** The drawer (closed when `id` is null). */
export function ResidentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [revealing, setRevealing] = useState(false);
  const [fields, setFields] = useState<Field[]>(['idNumber']);
  const [purpose, setPurpose] = useState<Purpose | undefined>();
  const resident = useQuery({ queryKey: ['resident', id], enabled: !!id, queryFn: () => unwrap(api.GET('/api/residents/{id}', { params: { path: { id: id! } } })) });
  const reveal = useMutation({ mutationFn: () => unwrap(api.POST('/api/residents/{id}/reveal', { params: { path: { id: id! } }, body: { fields, purpose: purpose! } })) });
  const r = resident.data;
  const close = () => { setRevealing(false); reveal.reset(); onClose(); };
  const show = (v: unknown) => (v === undefined || v === null ? <Typography.Text type="secondary">{t('registry.hiddenValue')}</Typography.Text> : Array.isArray(v) ? v.join('、') : String(v));
  return (
    <Drawer open={!!id} onClose={close} title={t('registry.detail')} size="large" destroyOnHidden>
      {resident.isError ? <ErrorState error={resident.error} onRetry={() => void resident.refetch()} /> : r && (
        <>
          <Alert type="info" showIcon title={t('registry.masked')} style={{ marginBottom: 12 }} />
          <Descriptions column={1} size="small" bordered items={[
            { key: 'name', label: t('registry.col.name'), children: r.name },
            { key: 'id', label: t('registry.col.idNumber'), children: <code data-testid="resident-id-number">{r.idNumber}</code> },
            { key: 'sex', label: t('registry.col.sex'), children: show(r.sex) },
            { key: 'birth', label: t('registry.col.birthDate'), children: show(r.birthDate) },
            { key: 'phone', label: t('registry.col.phone'), children: show(r.phone) },
            { key: 'address', label: t('registry.col.address'), children: show(r.address) },
            { key: 'grid', label: t('registry.col.grid'), children: r.orgPath.split('/').pop() },
            { key: 'cat', label: t('registry.col.categories'), children: r.categories ? r.categories.map((c) => <Tag key={c}>{t(`registry.category.${c}`, { defaultValue: c })}</Tag>) : show(undefined) },
            { key: 'household', label: t('registry.col.household'), children: show(r.householdId) },
            { key: 'contacts', label: t('registry.col.contacts'), children: (r.emergencyContacts ?? []).map((c) => `${c.name ?? ''} ${c.phone ?? ''} ${c.relation ?? ''}`).join('；') || '—' },
            { key: 'version', label: t('registry.col.version'), children: r.version },
          ]} />
          <RetireResident resident={r} />
          {!revealing && <Button style={{ marginTop: 12 }} onClick={() => setRevealing(true)} data-testid="reveal-open">{t('registry.reveal')}</Button>}
          {revealing && (
            <Form layout="vertical" style={{ marginTop: 12 }} onFinish={() => reveal.mutate()}>
              <Form.Item label={t('registry.revealFields')}>
                <Checkbox.Group value={fields} onChange={(v) => setFields(v as Field[])} options={revealable.map(([f, label]) => ({ value: f, label: t(label) }))} />
              </Form.Item>
              <Form.Item label={t('registry.revealPurpose')} required>
                <Select<Purpose> aria-label={t('registry.revealPurpose')} value={purpose} onChange={setPurpose} style={{ width: 240 }} data-testid="reveal-purpose"
                  options={purposes.map((p) => ({ value: p, label: t(`registry.purposes.${p}`) }))} />
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={!purpose || !fields.length} loading={reveal.isPending} data-testid="reveal-confirm">{t('reveal.confirm')}</Button>
            </Form>
          )}
          {reveal.error && <Alert style={{ marginTop: 12 }} type="error" role="alert" title={(reveal.error as ApiError).message} description={(reveal.error as ApiError).code} />}
          {reveal.data && (
            <Alert style={{ marginTop: 12 }} type="warning" showIcon role="status" title={t('registry.revealDone')} description={
              <Descriptions column={1} size="small" items={Object.entries(reveal.data.values).map(([k, v]) => ({ key: k, label: t(revealable.find(([f]) => f === k)?.[1] ?? k), children: <code data-testid={`revealed-${k}`}>{Array.isArray(v) ? v.join('、') : String(v ?? '')}</code> }))} />} />
          )}
        </>
      )}
    </Drawer>
  );
}
