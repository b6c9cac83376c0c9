/** The top bar: 撤销 / 重做, 自动布局, 保存, 导入 / 导出, 发布 (county admins only), with the save state. */
import { useTranslation } from 'react-i18next';
import { Button, Dropdown, Space, Tag, Tooltip, Upload } from 'antd';
import { useEditor } from './EditorContext.tsx';
import { download, exportText, importFile } from '../io/importExport.ts';
import { replaceDocument } from '../doc/commands.ts';
import type { Diagnostic } from '@tongban/engine';

export interface ToolbarProps { saveState: 'saved' | 'unsaved' | 'saving' | 'conflict' | 'offline'; /** the server revision the draft is based on */ revision?: number; onSave(): void; onLayout(): void; onPublish(): void; onBack(): void; onImportProblems(d: Diagnostic[]): void }

export function Toolbar({ saveState, revision, onSave, onLayout, onPublish, onBack, onImportProblems }: ToolbarProps) {
  const { stack, doc, exec, lang, user, check } = useEditor();
  const { t } = useTranslation();
  const isAdmin = user.roles.includes('county-admin');
  const saveTag = { saved: ['green', '已保存', 'Saved'], unsaved: ['orange', '未保存', 'Unsaved'], saving: ['blue', '保存中…', 'Saving…'], conflict: ['red', '有冲突', 'Conflict'], offline: ['orange', '已存本机，待上传', 'Kept on this device'] }[saveState];
  return (
    <Space wrap style={{ padding: '6px 12px', borderBottom: '1px solid #f0f0f0', width: '100%' }} data-testid="toolbar">
      <Button onClick={onBack}>{t('toolbar.back')}</Button>
      <strong>{doc.title[lang]}</strong><Tag>{doc.id}</Tag>
      <Tooltip title={stack.undoLabel?.[lang]}><Button data-testid="undo" disabled={!stack.canUndo} onClick={() => stack.undo()}>{t('toolbar.undo')}</Button></Tooltip>
      <Tooltip title={stack.redoLabel?.[lang]}><Button data-testid="redo" disabled={!stack.canRedo} onClick={() => stack.redo()}>{t('toolbar.redo')}</Button></Tooltip>
      <Button onClick={onLayout} data-testid="auto-layout">{t('toolbar.layout')}</Button>
      <Button onClick={onSave} data-testid="save">{t('toolbar.save')}</Button>
      <Tag color={saveTag[0]} data-testid="save-state" data-state={saveState} data-revision={revision}>{lang === 'en' ? saveTag[2] : saveTag[1]}</Tag>
      <Upload accept=".json,.yaml,.yml" showUploadList={false} beforeUpload={async (file) => {
        const r = await importFile(file);
        if (r.ok && r.definition.id === doc.id) exec(replaceDocument(r.definition, { 'zh-CN': '导入', en: 'Import' }));
        else onImportProblems(r.ok ? [{ code: 'designer.import-other-item', severity: 'error', path: '/id', message: { 'zh-CN': `导入的事项编号 ${r.definition.id} 与当前事项 ${doc.id} 不同，请在列表页导入为新事项`, en: `The file is item ${r.definition.id}, not ${doc.id}; import it as a new item from the list` } }] : r.diagnostics);
        return false;
      }}><Button data-testid="import">{t('toolbar.import')}</Button></Upload>
      <Dropdown menu={{ items: [{ key: 'json', label: 'JSON' }, { key: 'yaml', label: 'YAML' }], onClick: ({ key }) => download(`${doc.id}.${key}`, exportText(doc, key as 'json' | 'yaml'), key === 'json' ? 'application/json' : 'application/yaml') }}>
        <Button data-testid="export">{t('toolbar.export')}</Button>
      </Dropdown>
      <Tooltip title={!isAdmin ? t('publish.onlyAdmin') : check.errors ? t('publish.blocked', { n: check.errors }) : undefined}>
        <Button type="primary" data-testid="publish" disabled={!isAdmin} onClick={onPublish}>{t('toolbar.publish')}</Button>
      </Tooltip>
    </Space>
  );
}
