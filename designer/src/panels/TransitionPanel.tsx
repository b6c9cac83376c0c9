/** Properties of a transition: event, target, guard (condition builder), required inputs, senders, and effects. */
import { tx } from '../i18n/tx.ts';
import { Button, Collapse, Select, Space } from 'antd';
import type { TransitionSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { getAt } from '../doc/pointer.ts';
import { indexStates } from '../doc/stateIndex.ts';
import { removeTransition, setValue } from '../doc/commands.ts';
import { ConditionField } from '../conditions/ConditionField.tsx';
import { EffectsEditor } from './EffectsEditor.tsx';
import { SchemaSection, schemaPropertiesOf } from './SchemaSection.tsx';
import { Section } from './Section.tsx';

export function TransitionPanel({ pointer, from }: { pointer: string; from: string }) {
  const { doc, exec, lang, select } = useEditor();
  const t = getAt(doc, pointer) as TransitionSpec | undefined;
  if (!t) return null;
  const states = [...indexStates(doc).states.values()];
  const event = pointer.split('/').filter((s) => s !== '' && !/^\d+$/.test(s)).at(-1);
  const decision = states.find((s) => s.id === from)?.spec.task?.decisions?.[event ?? ''];
  return (
    <div data-testid="transition-panel">
      <Section title={`${tx(lang, 'transitionPanel.transition')}：${from} → ${t.target ?? ''}`} extra={<Button size="small" danger onClick={() => { exec(removeTransition(pointer)); select(undefined); }}>{tx(lang, 'transitionPanel.delete')}</Button>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{tx(lang, 'transitionPanel.event')}：{decision ? `${decision.title['zh-CN']}（${event}）` : event}</span>
          <Space>{tx(lang, 'transitionPanel.target')}<Select style={{ minWidth: 180 }} value={t.target} onChange={(v) => exec(setValue(`${pointer}/target`, v))} options={states.map((s) => ({ value: s.id, label: s.spec.title?.['zh-CN'] ?? s.id }))} /></Space>
          {!decision && <Space>{tx(lang, 'transitionPanel.sentBy')}<Select mode="multiple" style={{ minWidth: 200 }} value={t.roles ?? []} onChange={(v) => exec(setValue(`${pointer}/roles`, v.length ? v : undefined))}
            options={[...Object.keys(doc.roles), 'system', 'device', 'external'].map((r) => ({ value: r, label: doc.roles[r]?.title['zh-CN'] ?? r }))} /></Space>}
        </Space>
      </Section>
      <Section title={tx(lang, 'transitionPanel.conditionTakenOnlyWhenTrue')}>
        <ConditionField key={pointer} testId="guard" value={t.guard} def={doc} lang={lang} onChange={(v) => exec(setValue(`${pointer}/guard`, v, { 'zh-CN': '修改条件', en: 'Edit condition' }))} />
      </Section>
      <EffectsEditor pointer={`${pointer}/effects`} effects={t.effects} title={tx(lang, 'transitionPanel.effects')} />
      <Collapse size="small" items={[{ key: 'all', label: tx(lang, 'transitionPanel.allPropertiesGeneratedFromThe'), children: (
        <SchemaSection defName="transition" only={schemaPropertiesOf('transition')} pointer={pointer} value={t as Record<string, unknown>} testId="transition-schema" />
      ) }]} />
    </div>
  );
}
