/** A notify effect: template (with its rendered preview on sample data), channel and recipients. */
import { tx } from '../i18n/tx.ts';
import { Alert, Select, Space, Typography } from 'antd';
import { OrgLevels, renderTemplate, type Recipients } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { sampleData } from './sampleData.ts';

type Notify = { template: string; channel?: 'app' | 'sms' | 'phone' | 'wechat' | 'cc'; to: Recipients };

export function NotifyEffect({ value, onChange }: { value: Notify; onChange(v: Notify): void }) {
  const { doc, lang } = useEditor();
  const source = doc.templates?.[value.template]?.[lang];
  const preview = source ? renderTemplate(source, { caseId: 'FJ-2026-000123', data: sampleData(doc.data) }, lang) : undefined;
  const mode = value.to.to ? 'to' : value.to.role ? 'role' : value.to.field ? 'field' : 'users';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="notify-effect">
      <Space wrap>
        {tx(lang, 'notifyEffect.template')}<Select size="small" style={{ minWidth: 140 }} value={value.template} onChange={(template) => onChange({ ...value, template })} options={Object.keys(doc.templates ?? {}).map((t) => ({ value: t, label: t }))} />
        {tx(lang, 'notifyEffect.channel')}<Select size="small" value={value.channel ?? 'app'} onChange={(channel) => onChange({ ...value, channel })} options={[
          { value: 'app', label: tx(lang, 'notifyEffect.app') }, { value: 'sms', label: tx(lang, 'notifyEffect.sms') }, { value: 'phone', label: tx(lang, 'notifyEffect.phone') }, { value: 'wechat', label: tx(lang, 'notifyEffect.wechat') }, { value: 'cc', label: tx(lang, 'notifyEffect.cc') }]} />
      </Space>
      <Space wrap>
        {tx(lang, 'notifyEffect.to')}
        <Select size="small" value={mode} onChange={(m) => onChange({ ...value, to: m === 'to' ? { to: 'initiator' } : m === 'role' ? { role: Object.keys(doc.roles)[0] ?? '', scope: 'community' } : m === 'field' ? { field: '' } : { users: [] } })}
          options={[{ value: 'to', label: tx(lang, 'notifyEffect.caseParty') }, { value: 'role', label: tx(lang, 'notifyEffect.role') }, { value: 'field', label: tx(lang, 'notifyEffect.numberInAField') }, { value: 'users', label: tx(lang, 'notifyEffect.users') }]} />
        {mode === 'to' && <Select size="small" value={value.to.to} onChange={(to) => onChange({ ...value, to: { to } })} options={[{ value: 'initiator', label: tx(lang, 'notifyEffect.initiator') }, { value: 'assignees', label: tx(lang, 'notifyEffect.assignees') }, { value: 'previous-handler', label: tx(lang, 'notifyEffect.previousHandler') }]} />}
        {mode === 'role' && <>
          <Select size="small" style={{ minWidth: 120 }} value={value.to.role} onChange={(role) => onChange({ ...value, to: { ...value.to, role } })} options={Object.keys(doc.roles).map((r) => ({ value: r, label: doc.roles[r]!.title['zh-CN'] }))} />
          <Select size="small" value={value.to.scope ?? 'case'} onChange={(scope) => onChange({ ...value, to: { ...value.to, scope } })} options={[...OrgLevels, 'case'].map((l) => ({ value: l, label: l }))} /></>}
        {mode === 'field' && <Select size="small" style={{ minWidth: 120 }} value={value.to.field} onChange={(field) => onChange({ ...value, to: { field } })} options={Object.keys(doc.data.properties ?? {}).map((f) => ({ value: f, label: f }))} />}
      </Space>
      {preview && (preview.ok
        ? <Typography.Paragraph data-testid="notify-preview" type="secondary" style={{ background: '#fafafa', padding: 6, margin: 0 }}>{preview.text}</Typography.Paragraph>
        : <Alert type="error" message={preview.diagnostics.map((d) => d.message[lang]).join('；')} />)}
    </Space>
  );
}
