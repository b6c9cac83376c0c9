/**
 * Effects of a transition or of entering/leaving a step: notify (template with a rendered preview,
 * channel, recipients), adapter call (operation from the installed adapters, input mapping from
 * the operation's schema), sub-case (definition and input mapping), audit.
 */
import { tx } from '../i18n/tx.ts';
import { Button, Select, Space, Card } from 'antd';
import type { EffectSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { Section } from './Section.tsx';
import { NotifyEffect } from './NotifyEffect.tsx';
import { InvokeEffect, SpawnEffect } from './InvokeEffect.tsx';

type Kind = 'notify' | 'invoke' | 'spawn' | 'audit' | 'award';
const kindOf = (e: EffectSpec): Kind => ('notify' in e ? 'notify' : 'invoke' in e ? 'invoke' : 'spawn' in e ? 'spawn' : 'award' in e ? 'award' : 'audit');

export function EffectsEditor({ pointer, effects, title }: { pointer: string; effects: EffectSpec[] | undefined; title: string }) {
  const { doc, exec, lang } = useEditor();
  const list = effects ?? [];
  const fresh: Record<Kind, EffectSpec> = {
    notify: { notify: { template: Object.keys(doc.templates ?? {})[0] ?? '', channel: 'sms', to: { to: 'initiator' } } },
    invoke: { invoke: { operation: doc.adapters?.invokes?.[0] ?? '', input: {} } },
    spawn: { spawn: { definition: doc.id, input: {} } },
    audit: { audit: { action: 'custom' } },
    award: { award: { rule: 'meeting-attendance', person: { var: 'data.person' }, activity: { var: 'case.id' } } },
  };
  const setAtIndex = (i: number, e: EffectSpec | undefined) => exec(setValue(`${pointer}/${i}`, e, { 'zh-CN': '修改动作', en: 'Edit effect' }));
  return (
    <Section title={title} testId={`effects-${pointer}`} extra={
      <Select size="small" placeholder={tx(lang, 'effectsEditor.addEffect')} value={null} data-testid="add-effect" style={{ width: 120 }}
        onChange={(k: Kind) => exec(setValue(pointer, [...list, fresh[k]], { 'zh-CN': '添加动作', en: 'Add effect' }, false))}
        options={[{ value: 'notify', label: tx(lang, 'effectsEditor.notify') }, { value: 'invoke', label: tx(lang, 'effectsEditor.callAdapter') }, { value: 'spawn', label: tx(lang, 'effectsEditor.subCase') }, { value: 'audit', label: tx(lang, 'effectsEditor.audit') }]} />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {list.map((e, i) => (
          <Card key={i} size="small" title={{ notify: tx(lang, 'effectsEditor.notify2'), invoke: tx(lang, 'effectsEditor.adapterCall'), spawn: tx(lang, 'effectsEditor.subCase2'), audit: tx(lang, 'effectsEditor.audit2'), award: tx(lang, 'effectsEditor.award') }[kindOf(e)]}
            extra={<Button size="small" danger onClick={() => exec(setValue(pointer, list.length === 1 ? undefined : list.filter((_, j) => j !== i), { 'zh-CN': '删除动作', en: 'Delete effect' }, false))}>×</Button>}>
            {'notify' in e && <NotifyEffect value={e.notify} onChange={(n) => setAtIndex(i, { notify: n })} />}
            {'invoke' in e && <InvokeEffect value={e.invoke} onChange={(n) => setAtIndex(i, { invoke: n })} />}
            {'spawn' in e && <SpawnEffect value={e.spawn} onChange={(n) => setAtIndex(i, { spawn: n })} />}
            {'audit' in e && <span>{e.audit.action}</span>}
            {'award' in e && <span>{tx(lang, 'effectsEditor.awardSummary', { rule: typeof e.award.rule === 'string' ? e.award.rule : JSON.stringify(e.award.rule) })}</span>}
          </Card>
        ))}
      </Space>
    </Section>
  );
}
