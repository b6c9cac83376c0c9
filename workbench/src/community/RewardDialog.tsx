/** 上架 / 编辑兑换物品: name (zh-CN and en), cost, stock (empty = unlimited), offered or withdrawn, and for a new one the org unit that offers it. */
import { Alert, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';

type Reward = components['schemas']['PointsReward'];
/** What the dialog submits. */
export interface RewardValues { orgPath: string; nameZh: string; nameEn: string; cost: number; stock: number | null; enabled: boolean }

/** The dialog: `reward` edits one, `null` adds one at one of `orgs`. */
export function RewardDialog({ open, reward, orgs, pending, error, onSubmit, onCancel }: {
  open: boolean; reward: Reward | null; orgs: Array<{ value: string; label: string }>; pending: boolean; error: ApiError | null;
  onSubmit: (v: RewardValues) => void; onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RewardValues>();
  const initial: Partial<RewardValues> = reward
    ? { orgPath: reward.orgPath, nameZh: reward.name['zh-CN'], nameEn: reward.name.en, cost: reward.cost, stock: reward.stock, enabled: reward.enabled }
    : { orgPath: orgs[0]?.value, stock: null, enabled: true };
  return (
    <Modal open={open} title={t(reward ? 'pointsAdmin.editReward' : 'pointsAdmin.addReward')} okText={t('pointsAdmin.save')} confirmLoading={pending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'reward-save' } as never} onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onSubmit({ ...v, stock: v.stock ?? null, enabled: v.enabled ?? true }), () => undefined)}>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} data-testid="reward-form">
        <Form.Item name="orgPath" label={t('pointsAdmin.form.org')} rules={[{ required: true }]}>
          <Select disabled={!!reward} options={reward ? [{ value: reward.orgPath, label: reward.orgPath }] : orgs} data-testid="reward-org" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('pointsAdmin.form.nameZh')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="reward-name-zh" /></Form.Item>
        <Form.Item name="nameEn" label={t('pointsAdmin.form.nameEn')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="reward-name-en" /></Form.Item>
        <Form.Item name="cost" label={t('pointsAdmin.form.cost')} rules={[{ required: true, type: 'integer', min: 1, max: 100000 }]}><InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} data-testid="reward-cost-input" /></Form.Item>
        <Form.Item name="stock" label={t('pointsAdmin.form.stock')} extra={t('pointsAdmin.form.stockHint')} rules={[{ type: 'integer', min: 0, max: 100000 }]}><InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} data-testid="reward-stock-input" /></Form.Item>
        {reward && <Form.Item name="enabled" label={t('pointsAdmin.form.enabled')} valuePropName="checked"><Switch data-testid="reward-enabled" /></Form.Item>}
      </Form>
      {error && <Alert type="error" role="alert" title={error.message} description={error.code} />}
    </Modal>
  );
}
