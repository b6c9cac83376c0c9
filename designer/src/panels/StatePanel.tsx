/** Properties of a state: id and titles, and by kind the task panels (assignee, mode, decisions, operations, SLA, form), waiting/sub-case/outcome from the schema, and entry/exit effects. */
import { tx } from '../i18n/tx.ts';
import { useState } from 'react';
import { Button, Collapse, Input, Select, Space, Tag } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';
import { indexStates } from '../doc/stateIndex.ts';
import { removeStates, renameState, setValue } from '../doc/commands.ts';
import { kindStyle } from '../canvas/StateNode.tsx';
import { AssigneeEditor } from './AssigneeEditor.tsx';
import { TaskModeEditor } from './TaskModeEditor.tsx';
import { DecisionsEditor } from './DecisionsEditor.tsx';
import { OperationsEditor } from './OperationsEditor.tsx';
import { SlaEditor } from './SlaEditor.tsx';
import { EffectsEditor } from './EffectsEditor.tsx';
import { SchemaSection, schemaPropertiesOf } from './SchemaSection.tsx';
import { Section } from './Section.tsx';

export function StatePanel({ id }: { id: string }) {
  const { doc, exec, lang, select } = useEditor();
  const entry = indexStates(doc).states.get(id);
  const [rename, setRename] = useState(id);
  if (!entry) return null;
  const { spec, pointer, kind } = entry;
  const k = kindStyle[kind];
  return (
    <div data-testid={`state-panel-${id}`}>
      <Section title={<Space><Tag color={k.color}>{lang === 'en' ? k.en : k.zh}</Tag>{spec.title?.['zh-CN'] ?? id}</Space>}
        extra={<Button size="small" danger onClick={() => { exec(removeStates([id])); select(undefined); }}>{tx(lang, 'statePanel.deleteStep')}</Button>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input addonBefore={tx(lang, 'statePanel.title')} data-testid="state-title" value={spec.title?.['zh-CN'] ?? ''} onChange={(e) => exec(setValue(`${pointer}/title`, { 'zh-CN': e.target.value, en: spec.title?.en ?? e.target.value }))} />
          <Input addonBefore="English" value={spec.title?.en ?? ''} onChange={(e) => exec(setValue(`${pointer}/title`, { 'zh-CN': spec.title?.['zh-CN'] ?? e.target.value, en: e.target.value }))} />
          <Space.Compact style={{ width: '100%' }}>
            <Input addonBefore={tx(lang, 'statePanel.id')} data-testid="state-id" value={rename} onChange={(e) => setRename(e.target.value)} status={/^[a-z][a-z0-9_]*$/.test(rename) ? undefined : 'error'} />
            <Button data-testid="state-rename" disabled={rename === id || !/^[a-z][a-z0-9_]*$/.test(rename)} onClick={() => { if (exec(renameState(id, rename))) select({ kind: 'state', id: rename }); }}>{tx(lang, 'statePanel.rename')}</Button>
          </Space.Compact>
        </Space>
      </Section>
      {spec.task && (
        <>
          <AssigneeEditor stateId={id} pointer={pointer} task={spec.task} />
          <Section title={tx(lang, 'statePanel.form')}>
            <Select allowClear style={{ minWidth: 200 }} value={spec.task.form} onChange={(v) => exec(setValue(`${pointer}/task/form`, v))}
              options={Object.entries(doc.forms ?? {}).map(([f, v]) => ({ value: f, label: v.title['zh-CN'] }))} />
          </Section>
          <TaskModeEditor pointer={pointer} task={spec.task} />
          <DecisionsEditor pointer={pointer} task={spec.task} />
          <OperationsEditor pointer={pointer} task={spec.task} />
          <SlaEditor pointer={pointer} task={spec.task} />
        </>
      )}
      {kind === 'waiting' && <SchemaSection defName="state" only={['wait']} pointer={pointer} value={spec as Record<string, unknown>} testId="wait-schema" />}
      {kind === 'subcase' && <SchemaSection defName="state" only={['subcase']} pointer={pointer} value={spec as Record<string, unknown>} testId="subcase-schema" />}
      {kind === 'final' && <SchemaSection defName="state" only={['outcome', 'tags']} pointer={pointer} value={spec as Record<string, unknown>} testId="final-schema" />}
      {kind !== 'final' && <EffectsEditor pointer={`${pointer}/entry`} effects={spec.entry} title={tx(lang, 'statePanel.onEntry')} />}
      <Collapse size="small" items={[{ key: 'all', label: tx(lang, 'statePanel.allPropertiesGeneratedFromThe'), children: (
        <SchemaSection defName="state" only={schemaPropertiesOf('state', ['states', 'on', 'always', 'onDone'])} pointer={pointer} value={spec as Record<string, unknown>} testId="state-schema" />
      ) }]} />
    </div>
  );
}
