/** 积分规则: the ledger's rules (title, per time or per hour, points, enabled); a county admin edits them in a dialog, everyone else reads. */
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { tones } from '../shared/tones.ts';

type Rule = components['schemas']['PointsRule'];
/** What an edit submits (the rule id stays). */
export type RuleValues = Pick<Rule, 'id' | 'title' | 'unit' | 'points' | 'enabled'>;
type FormValues = { titleZh: string; titleEn: string; unit: Rule['unit']; points: number; enabled: boolean };

/** The rules; with `onSave` each has 编辑 (`pending` / `error`: the save in flight). */
export function RulesTable({ rules, loading, onSave, pending = false, error = null }: { rules: Rule[]; loading?: boolean; onSave?: (r: RuleValues) => Promise<unknown>; pending?: boolean; error?: ApiError | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [editing, setEditing] = useState<Rule | null>(null);
  const [form] = Form.useForm<FormValues>();
  const save = (v: FormValues) => onSave!({ id: editing!.id, title: { 'zh-CN': v.titleZh.trim(), en: v.titleEn.trim() }, unit: v.unit, points: v.points, enabled: v.enabled }).then(() => setEditing(null), () => undefined);
  return (
    <>
      <Table<Rule> rowKey="id" size="small" dataSource={rules} loading={loading} pagination={false} scroll={{ x: 560 }} locale={{ emptyText: t('state.empty') }} data-testid="rules-table" columns={[
        { title: t('pointsAdmin.col.rule'), dataIndex: 'title', render: (v: Rule['title']) => v[lang] },
        { title: t('pointsAdmin.col.unit'), dataIndex: 'unit', render: (u: Rule['unit']) => t(`pointsAdmin.unit.${u}`) },
        { title: t('pointsAdmin.col.points'), dataIndex: 'points', align: 'right', render: (v: number, r) => t(`points.rule.${r.unit}`, { points: v }) },
        { title: t('pointsAdmin.col.status'), dataIndex: 'enabled', render: (on: boolean) => <Tag style={on ? tones.ok : tones.neutral}>{t(on ? 'pointsAdmin.ruleOn' : 'pointsAdmin.ruleOff')}</Tag> },
        ...(onSave ? [{ title: t('pointsAdmin.col.action'), key: 'edit', render: (_: unknown, r: Rule) => <Button size="small" onClick={() => setEditing(r)} aria-label={`${t('pointsAdmin.edit')} ${r.title[lang]}`} data-testid="rule-edit">{t('pointsAdmin.edit')}</Button> }] : []),
      ]} />
      <Modal open={!!editing} title={t('pointsAdmin.editRule')} okText={t('pointsAdmin.save')} confirmLoading={pending} destroyOnHidden onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then(save, () => undefined)}>
        {editing && (
          <Form form={form} layout="vertical" preserve={false} initialValues={{ titleZh: editing.title['zh-CN'], titleEn: editing.title.en, unit: editing.unit, points: editing.points, enabled: editing.enabled }}>
            <Form.Item name="titleZh" label={t('pointsAdmin.form.titleZh')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
            <Form.Item name="titleEn" label={t('pointsAdmin.form.titleEn')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
            <Form.Item name="unit" label={t('pointsAdmin.col.unit')} rules={[{ required: true }]}><Select options={(['each', 'hour'] as const).map((u) => ({ value: u, label: t(`pointsAdmin.unit.${u}`) }))} /></Form.Item>
            <Form.Item name="points" label={t('pointsAdmin.col.points')} rules={[{ required: true, type: 'integer', min: 0, max: 1000 }]}><InputNumber min={0} max={1000} precision={0} /></Form.Item>
            <Form.Item name="enabled" label={t('pointsAdmin.col.status')} valuePropName="checked"><Switch /></Form.Item>
          </Form>
        )}
        {error && <Alert type="error" role="alert" title={error.message} description={error.code} />}
      </Modal>
    </>
  );
}
