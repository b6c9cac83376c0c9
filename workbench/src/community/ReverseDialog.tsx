/** 冲正: reverses one ledger entry; a reason is required (it is kept on the reversal and in the audit log). */
import { useState } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';

type Entry = components['schemas']['PointsEntry'];

/** The dialog for `entry` (closed when null). */
export function ReverseDialog({ entry, pending, error, onSubmit, onCancel }: { entry: Entry | null; pending: boolean; error: ApiError | null; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= 2;
  return (
    <Modal open={!!entry} title={t('pointsAdmin.reverseTitle')} okText={t('pointsAdmin.reverse')} confirmLoading={pending} destroyOnHidden afterClose={() => setReason('')}
      okButtonProps={{ danger: true, disabled: !valid, 'data-testid': 'reverse-confirm' } as never} onOk={() => valid && onSubmit(reason.trim())} onCancel={onCancel}>
      {entry && <Typography.Paragraph>{t('pointsAdmin.reverseHint', { points: entry.points > 0 ? `+${entry.points}` : entry.points })}</Typography.Paragraph>}
      <Input.TextArea aria-label={t('pointsAdmin.reason')} placeholder={t('pointsAdmin.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="reverse-reason" />
      {error && <Alert style={{ marginTop: 8 }} type="error" role="alert" title={error.message} description={error.code} />}
    </Modal>
  );
}
