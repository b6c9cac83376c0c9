/** The editor's screen: toolbar on top; palette, center tabs (流程/表单/字段权限/消息模板/版本与发布) and 属性 panel; 问题 and 模拟 at the bottom. */
import { tx } from '../i18n/tx.ts';
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Tabs } from 'antd';
import type { Diagnostic } from '@tongban/engine';
import { useEditor } from './EditorContext.tsx';
import { Toolbar } from './Toolbar.tsx';
import { Palette } from './Palette.tsx';
import { Canvas } from '../canvas/Canvas.tsx';
import { PropertiesPanel } from '../panels/PropertiesPanel.tsx';
import { FormBuilder } from '../forms/FormBuilder.tsx';
import { FieldMatrix } from '../panels/FieldMatrix.tsx';
import { TemplatesPanel } from '../panels/TemplatesPanel.tsx';
import { VersionsPanel } from '../versions/VersionsPanel.tsx';
import { SettingsPanel } from '../panels/SettingsPanel.tsx';
import { ProblemsPanel, ProblemsSummary } from '../lint/ProblemsPanel.tsx';
import { SimulatePanel } from '../simulate/SimulatePanel.tsx';
import { PublishDialog } from '../versions/PublishDialog.tsx';
import type { SaveState } from './useDraftSync.ts';

export interface EditorLayoutProps { saveState: SaveState; revision?: number; onSave(): void; onBack(): void; beforePublish(): Promise<number>; onPublished(v: number): void }

export function EditorLayout({ saveState, revision, onSave, onBack, beforePublish, onPublished }: EditorLayoutProps) {
  const { tab, setTab, lang, error, clearError, stack } = useEditor();
  const { t } = useTranslation();
  // Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo — except while typing in a field, whose own undo the browser keeps
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (!(e.ctrlKey || e.metaKey) || el?.closest('input, textarea, [contenteditable="true"]')) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) { e.preventDefault(); stack.undo(); } else if ((k === 'z' && e.shiftKey) || k === 'y') { e.preventDefault(); stack.redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stack]);
  const [layoutNonce, setLayoutNonce] = useState(0);
  const [publishing, setPublishing] = useState(false);
  const [importProblems, setImportProblems] = useState<Diagnostic[]>();
  const [bottom, setBottom] = useState('problems');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 'calc(100vh - 64px)' }}>
      <Toolbar saveState={saveState} revision={revision} onSave={onSave} onBack={onBack} onLayout={() => setLayoutNonce((n) => n + 1)} onPublish={() => setPublishing(true)} onImportProblems={setImportProblems} />
      {error && <Alert type="error" showIcon closable onClose={clearError} data-testid="edit-error" data-code={error.code} message={error.text[lang]} />}
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <div style={{ width: 150, borderRight: '1px solid #f0f0f0' }}><Palette /></div>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <Tabs activeKey={tab} onChange={(k) => setTab(k as typeof tab)} style={{ padding: '0 12px' }} items={[
            { key: 'flow', label: t('tab.flow') }, { key: 'forms', label: t('tab.forms') }, { key: 'matrix', label: t('tab.matrix') },
            { key: 'templates', label: t('tab.templates') }, { key: 'versions', label: t('tab.versions') }, { key: 'settings', label: t('tab.settings') }]} />
          <div style={{ flex: 1, minHeight: 320, overflow: tab === 'flow' ? 'hidden' : 'auto', padding: tab === 'flow' ? 0 : 12 }}>
            {tab === 'flow' && <Canvas layoutNonce={layoutNonce} />}
            {tab === 'forms' && <FormBuilder />}
            {tab === 'matrix' && <FieldMatrix />}
            {tab === 'templates' && <TemplatesPanel />}
            {tab === 'versions' && <VersionsPanel />}
            {tab === 'settings' && <SettingsPanel />}
          </div>
          <div style={{ height: bottom === 'simulate' ? '48%' : 220, borderTop: '1px solid #f0f0f0', overflow: 'auto', padding: '0 12px' }}>
            <Tabs size="small" activeKey={bottom} onChange={setBottom} items={[{ key: 'problems', label: <ProblemsSummary />, children: <ProblemsPanel /> }, { key: 'simulate', label: t('bottom.simulate'), children: <SimulatePanel /> }]} />
          </div>
        </div>
        <div style={{ width: 420, borderLeft: '1px solid #f0f0f0', overflow: 'auto', padding: 12 }} data-testid="properties"><PropertiesPanel /></div>
      </div>
      <PublishDialog open={publishing} onClose={() => setPublishing(false)} beforePublish={beforePublish} onPublished={(v) => { setPublishing(false); onPublished(v); }} />
      <Modal open={!!importProblems} onCancel={() => setImportProblems(undefined)} footer={<Button onClick={() => setImportProblems(undefined)}>{tx(lang, 'editorLayout.close')}</Button>} title={tx(lang, 'editorLayout.importFailed')}>
        <ul data-testid="import-problems">{importProblems?.map((d, i) => <li key={i}><code>{d.code}</code> {d.path} {d.message[lang]}</li>)}</ul>
      </Modal>
    </div>
  );
}
