/** Handlebars message templates in zh-CN and en: a variable picker that inserts `{{data.x}}`, and a preview rendered by the engine on sample data. */
import { tx } from '../i18n/tx.ts';
import { useState } from 'react';
import { Alert, Button, Input, List, Space, Tag, Typography } from 'antd';
import { renderTemplate } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { toPointer } from '../doc/pointer.ts';
import { sampleData } from './sampleData.ts';

export function TemplatesPanel() {
  const { doc, exec, lang, selection, select } = useEditor();
  const names = Object.keys(doc.templates ?? {});
  const current = selection?.kind === 'template' ? selection.id : names[0];
  const [newName, setNewName] = useState('');
  const [which, setWhich] = useState<'zh-CN' | 'en'>('zh-CN');
  const tpl = current ? doc.templates?.[current] : undefined;
  const vars = ['caseId', ...Object.keys(doc.data.properties ?? {}).map((f) => `data.${f}`)];
  const ctx = { caseId: 'FJ-2026-000123', data: sampleData(doc.data) };
  const preview = tpl ? renderTemplate(tpl[which] ?? '', ctx, which) : undefined;
  const edit = (text: string) => current && exec(setValue(`/templates${toPointer(current)}/${which}`, text, { 'zh-CN': `修改模板 ${current}`, en: `Edit template ${current}` }));
  return (
    <div style={{ display: 'flex', gap: 16 }} data-testid="templates-panel">
      <div style={{ width: 220 }}>
        <List size="small" bordered dataSource={names} renderItem={(n) => <List.Item style={{ cursor: 'pointer', background: n === current ? '#e6f4ff' : undefined }} onClick={() => select({ kind: 'template', id: n })}>{n}</List.Item>} />
        <Space.Compact style={{ marginTop: 8 }}>
          <Input data-testid="new-template-name" placeholder={tx(lang, 'templatesPanel.templateId')} value={newName} onChange={(e) => setNewName(e.target.value)} />
          <Button data-testid="new-template-add" disabled={!/^[a-z][a-z0-9_]*$/.test(newName) || names.includes(newName)} onClick={() => { exec(setValue(`/templates${toPointer(newName)}`, { 'zh-CN': '', en: '' }, { 'zh-CN': `新建模板 ${newName}`, en: `New template ${newName}` }, false)); select({ kind: 'template', id: newName }); setNewName(''); }}>{tx(lang, 'templatesPanel.new')}</Button>
        </Space.Compact>
      </div>
      {tpl && current && (
        <div style={{ flex: 1 }}>
          <Space style={{ marginBottom: 8 }}>
            <Button size="small" type={which === 'zh-CN' ? 'primary' : 'default'} onClick={() => setWhich('zh-CN')}>中文</Button>
            <Button size="small" type={which === 'en' ? 'primary' : 'default'} onClick={() => setWhich('en')}>English</Button>
          </Space>
          <Input.TextArea data-testid="template-text" rows={4} value={tpl[which] ?? ''} onChange={(e) => edit(e.target.value)} />
          <div style={{ margin: '6px 0' }}>{tx(lang, 'templatesPanel.insertAVariable')}：{vars.map((v) => <Tag key={v} style={{ cursor: 'pointer' }} onClick={() => edit(`${tpl[which] ?? ''}{{${v}}}`)}>{v}</Tag>)}
            {['formatDate', 'mask'].map((h) => <Tag key={h} color="purple">{h}</Tag>)}</div>
          <Typography.Text type="secondary">{tx(lang, 'templatesPanel.previewSampleData')}</Typography.Text>
          {preview?.ok ? <Typography.Paragraph data-testid="template-preview" style={{ background: '#fafafa', padding: 8 }}>{preview.text}</Typography.Paragraph>
            : <Alert type="error" showIcon message={preview?.diagnostics.map((d) => d.message[lang]).join('；')} />}
        </div>
      )}
    </div>
  );
}
