/**
 * 查看: reveals masked personal data for a stated purpose (查看事由), saying first that the reveal is
 * recorded (「此操作将被记录」). The server decides who may and writes the audit entry.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Select } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';

const purposes = ['handle-case', 'call-back', 'verify-identity', 'emergency', 'referral'] as const;

/** The reveal button for the masked fields of a case. */
export function RevealButton({ caseId, fields, labels }: { caseId: string; fields: string[]; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState<(typeof purposes)[number]>();
  const reveal = useMutation({ mutationFn: () => unwrap(api.POST('/api/cases/{id}/reveal', { params: { path: { id: caseId } }, body: { fields, purpose: purpose! } })) });
  if (!fields.length) return null;
  const values = reveal.data?.values as Record<string, unknown> | undefined;
  return (
    <>
      <Button icon={<EyeOutlined />} onClick={() => { setOpen(true); reveal.reset(); }} data-testid="reveal-button">{t('reveal.button')}</Button>
      <Modal open={open} title={t('reveal.title')} onCancel={() => setOpen(false)} okText={values ? t('action.close') : t('reveal.confirm')} cancelText={t('action.cancel')}
        okButtonProps={{ disabled: !values && (!purpose || reveal.isPending), loading: reveal.isPending }}
        onOk={() => { if (values) setOpen(false); else if (!reveal.isPending) reveal.mutate(); }}>
        <Alert type="warning" showIcon title={t('reveal.audited')} style={{ marginBottom: 12 }} />
        {!values && (
          <>
            <label htmlFor="reveal-purpose">{t('reveal.purpose')}</label>
            <Select id="reveal-purpose" style={{ width: '100%' }} value={purpose} onChange={setPurpose} placeholder={t('reveal.purpose')}
              options={purposes.map((p) => ({ value: p, label: t(`reveal.purposes.${p}`) }))} />
          </>
        )}
        {reveal.isError && <Alert type="error" role="alert" style={{ marginTop: 8 }} title={(reveal.error as ApiError).message} description={(reveal.error as ApiError).code} />}
        {values && <Descriptions column={1} size="small" items={Object.entries(values).map(([k, v]) => ({ key: k, label: labels[k] ?? k, children: <span className="tb-user-text">{typeof v === 'string' ? v : JSON.stringify(v)}</span> }))} />}
      </Modal>
    </>
  );
}
