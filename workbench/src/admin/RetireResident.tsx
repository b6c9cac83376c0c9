/**
 * 注销居民: a resident who moved away or died leaves lists and device bindings (the server unbinds
 * their devices in the same change) and stays in the history of their cases; audited. A retired
 * resident shows why and since when.
 */
import { useState } from 'react';
import { Alert, Button, Popconfirm, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { ApiError } from '../api/ApiError.ts';

const reasons = ['moved-away', 'deceased'] as const;
type Reason = (typeof reasons)[number];

/** The retire control of one resident (or the notice that they are retired). */
export function RetireResident({ resident }: { resident: { id: string; version: number; retiredAt?: number; retiredReason?: string } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState<Reason | undefined>();
  const retire = useMutation({
    mutationFn: () => unwrap(api.POST('/api/residents/{id}/retire', { params: { path: { id: resident.id } }, body: { reason: reason!, expectedVersion: resident.version } })),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['residents'] }); void qc.invalidateQueries({ queryKey: ['resident', resident.id] }); void qc.invalidateQueries({ queryKey: ['devices'] }); },
  });
  if (resident.retiredAt) {
    return <Alert type="warning" showIcon role="status" data-testid="resident-retired" style={{ marginTop: 12 }}
      title={t('registry.retired', { reason: t(`registry.retireReason.${resident.retiredReason ?? 'moved-away'}`), at: new Date(resident.retiredAt).toLocaleDateString('zh-CN') })} />;
  }
  return (
    <div style={{ marginTop: 12 }}>
      <Space wrap>
        <Select<Reason> aria-label={t('registry.retireReasonLabel')} placeholder={t('registry.retireReasonLabel')} value={reason} onChange={setReason} style={{ width: 160 }} data-testid="retire-reason"
          options={reasons.map((r) => ({ value: r, label: t(`registry.retireReason.${r}`) }))} />
        <Popconfirm title={t('registry.retireConfirm')} onConfirm={() => retire.mutate()} okButtonProps={{ danger: true }}>
          <Button danger disabled={!reason} loading={retire.isPending} data-testid="retire-resident">{t('registry.retire')}</Button>
        </Popconfirm>
      </Space>
      {retire.data && retire.data.unboundDevices.length > 0 && <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('registry.unbound', { devices: retire.data.unboundDevices.join('、') })} />}
      {retire.error && <Alert style={{ marginTop: 8 }} type="error" role="alert" title={(retire.error as ApiError).message} description={(retire.error as ApiError).code} />}
    </div>
  );
}
