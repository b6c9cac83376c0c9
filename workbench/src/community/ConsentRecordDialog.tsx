/** 登记同意: the resident, the purpose, the data and recipients it covers, the evidence; the server checks the ID number and the scope, and audits the record. */
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { OrgUnitSelect } from '../forms/pickerWidgets.tsx';
import { consentCategories, consentPurposes, type ConsentPurpose } from './consentOptions.ts';

interface Values { subjectName: string; subjectIdNumber: string; orgPath: string; purpose: ConsentPurpose; dataCategories: string[]; recipients: string[]; guardianName?: string; evidence: string; expires?: Dayjs }

/** What the dialog takes: `orgPath` pre-fills the resident's unit; `purpose` fixes the purpose (a form field that asks for one); `onRecorded` gets the new record. */
export interface ConsentRecordDialogProps {
  open: boolean; orgPath: string; onClose: () => void; purpose?: ConsentPurpose; idNumber?: string; onRecorded?: (c: components['schemas']['Consent']) => void;
}

/** The dialog (closed when `open` is false). */
export function ConsentRecordDialog({ open, orgPath, onClose, purpose, idNumber, onRecorded }: ConsentRecordDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const record = useMutation({
    mutationFn: (v: Values) => unwrap(api.POST('/api/consents', { body: {
      subjectName: v.subjectName.trim(), subjectIdNumber: v.subjectIdNumber.trim().toUpperCase(), orgPath: v.orgPath.trim(), purpose: v.purpose, dataCategories: v.dataCategories as never,
      recipients: v.recipients, evidence: v.evidence.trim(), ...(v.guardianName?.trim() ? { guardianName: v.guardianName.trim() } : {}), ...(v.expires ? { expiresAt: v.expires.endOf('day').valueOf() } : {}),
    } })),
    onSuccess: async (c) => { await qc.invalidateQueries({ queryKey: ['consents'] }); form.resetFields(); onRecorded?.(c); onClose(); },
  });
  const err = record.error as ApiError | null;
  return (
    <Modal open={open} title={t('consents.record')} onCancel={() => { record.reset(); onClose(); }} okText={t('consents.form.submit')} confirmLoading={record.isPending}
      onOk={() => void form.validateFields().then((v) => record.mutate(v), () => undefined)} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ orgPath: orgPath || undefined, purpose, subjectIdNumber: idNumber, dataCategories: ['name', 'phone'], recipients: [] }} data-testid="consent-form">
        <Form.Item name="subjectName" label={t('consents.form.name')} rules={[{ required: true, max: 30 }]}><Input data-testid="consent-name" /></Form.Item>
        <Form.Item name="subjectIdNumber" label={t('consents.form.idNumber')} rules={[{ required: true, pattern: /^\d{15}$|^\d{17}[\dXx]$/ }]}><Input data-testid="consent-id" autoComplete="off" /></Form.Item>
        <Form.Item name="orgPath" label={t('consents.form.org')} rules={[{ required: true }]}><OrgUnitSelect testId="consent-org" /></Form.Item>
        <Form.Item name="purpose" label={t('consents.form.purpose')} rules={[{ required: true }]}>
          <Select data-testid="consent-purpose" disabled={!!purpose} options={consentPurposes.map((p) => ({ value: p, label: t(`purpose.${p}`) }))} />
        </Form.Item>
        <Form.Item name="dataCategories" label={t('consents.form.categories')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={consentCategories.map((c) => ({ value: c, label: t(`pii.${c}`) }))} />
        </Form.Item>
        <Form.Item name="recipients" label={t('consents.form.recipients')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="tags" open={false} data-testid="consent-recipients" />
        </Form.Item>
        <Form.Item name="guardianName" label={t('consents.form.guardian')} rules={[{ max: 30 }]}><Input /></Form.Item>
        <Form.Item name="evidence" label={t('consents.form.evidence')} rules={[{ required: true, max: 200 }]}><Input data-testid="consent-evidence" /></Form.Item>
        <Form.Item name="expires" label={t('consents.form.expires')}><DatePicker /></Form.Item>
      </Form>
      {err && <Alert type="error" role="alert" title={err.message} description={err.code} />}
    </Modal>
  );
}
