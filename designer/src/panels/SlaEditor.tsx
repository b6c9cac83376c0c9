/** SLA of a step: duration and clock (工作/自然/紧急), warn point, pause states, and the breach ladder (提醒, 升级, 督办, 自动, 通报). */
import { tx } from '../i18n/tx.ts';
import { Button, InputNumber, Select, Space, Switch } from 'antd';
import type { BreachRung, SlaSpec, TaskSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { indexStates } from '../doc/stateIndex.ts';
import { describeDuration } from '../versions/describeDuration.ts';
import { DurationInput } from './DurationInput.tsx';
import { Section } from './Section.tsx';

type RungKind = 'remind' | 'escalate' | 'supervise' | 'auto' | 'flag';
const rungKind = (r: BreachRung): RungKind => (r.remind ? 'remind' : r.escalate ? 'escalate' : r.supervise ? 'supervise' : r.auto ? 'auto' : 'flag');

export function SlaEditor({ pointer, task }: { pointer: string; task: TaskSpec }) {
  const { doc, exec, lang } = useEditor();
  const p = `${pointer}/task/sla`;
  const sla = task.sla;
  const templates = Object.keys(doc.templates ?? {}).map((t) => ({ value: t, label: t }));
  const roles = Object.keys(doc.roles).map((r) => ({ value: r, label: doc.roles[r]!.title['zh-CN'] }));
  const set = (key: keyof SlaSpec, v: unknown) => exec(setValue(`${p}/${key}`, v));
  if (!sla) {
    return (
      <Section title={tx(lang, 'slaEditor.timeLimit')} testId="sla">
        <Switch data-testid="sla-enable" checked={false} onChange={() => exec(setValue(p, { within: 'P1D', clock: 'working', warnAt: 0.67 }, { 'zh-CN': '设置办理时限', en: 'Add a time limit' }, false))} /> {tx(lang, 'slaEditor.noLimit')}
      </Section>
    );
  }
  const rungs = sla.onBreach ?? [];
  const setRung = (i: number, r: BreachRung | undefined) => exec(setValue(`${p}/onBreach/${i}`, r, { 'zh-CN': '修改超时处理', en: 'Edit breach ladder' }));
  const fresh: Record<RungKind, BreachRung> = {
    remind: { remind: { times: 1, every: 'PT4H', template: templates[0]?.value ?? '' } },
    escalate: { escalate: { levels: 1, role: roles[0]?.value ?? '', ...(templates[0] ? { template: templates[0].value } : {}) } },
    supervise: { supervise: { role: roles[0]?.value ?? '', template: templates[0]?.value ?? '' } },
    auto: { auto: Object.keys(task.decisions)[0] ?? '' },
    flag: { flag: 'overdue' },
  };
  return (
    <Section title={tx(lang, 'slaEditor.timeLimit')} testId="sla" extra={<Button size="small" danger onClick={() => exec(setValue(p, undefined, { 'zh-CN': '删除办理时限', en: 'Remove time limit' }, false))}>{tx(lang, 'slaEditor.noLimit')}</Button>}>
      <Space wrap>
        <DurationInput testId="sla-within" lang={lang} value={sla.within} onChange={(v) => set('within', v)} />
        <Select size="small" data-testid="sla-clock" value={sla.clock} onChange={(v) => set('clock', v)} options={[{ value: 'working', label: tx(lang, 'slaEditor.working') }, { value: 'natural', label: tx(lang, 'slaEditor.natural') }, { value: 'urgent', label: tx(lang, 'slaEditor.urgent247') }]} />
        <span>= {describeDuration(sla.within, sla.clock)[lang]}</span>
      </Space>
      <Space wrap style={{ marginTop: 6 }}>
        {tx(lang, 'slaEditor.warnAt')}<InputNumber size="small" min={0.1} max={0.99} step={0.05} value={sla.warnAt} onChange={(v) => set('warnAt', v ?? undefined)} />
        {tx(lang, 'slaEditor.warningTemplate')}<Select size="small" allowClear style={{ minWidth: 120 }} value={sla.warnTemplate} options={templates} onChange={(v) => set('warnTemplate', v)} />
        {tx(lang, 'slaEditor.pausedIn')}<Select size="small" mode="multiple" style={{ minWidth: 140 }} value={sla.pauseIn ?? []} onChange={(v) => set('pauseIn', v.length ? v : undefined)}
          options={[...indexStates(doc).states.keys()].map((s) => ({ value: s, label: s }))} />
      </Space>
      <div style={{ marginTop: 8 }}>{tx(lang, 'slaEditor.onBreachInOrder')}</div>
      {rungs.map((r, i) => {
        const k = rungKind(r);
        return (
          <Space key={i} wrap style={{ display: 'flex', marginTop: 4 }} data-testid={`rung-${i}`}>
            {tx(lang, 'slaEditor.after')}<DurationInput lang={lang} value={r.after ?? 'PT0M'} onChange={(after) => setRung(i, { ...r, after })} />
            <Select size="small" data-testid={`rung-${i}-kind`} value={k} onChange={(nk: RungKind) => setRung(i, { ...(r.after ? { after: r.after } : {}), ...fresh[nk] })} options={[
              { value: 'remind', label: tx(lang, 'slaEditor.remind') }, { value: 'escalate', label: tx(lang, 'slaEditor.escalate') }, { value: 'supervise', label: tx(lang, 'slaEditor.supervise') },
              { value: 'auto', label: tx(lang, 'slaEditor.auto') }, { value: 'flag', label: tx(lang, 'slaEditor.flag') }]} />
            {r.remind && <>{tx(lang, 'slaEditor.times')}<InputNumber size="small" min={1} value={r.remind.times} onChange={(v) => setRung(i, { ...r, remind: { ...r.remind!, times: Number(v ?? 1) } })} />
              {tx(lang, 'slaEditor.every')}<DurationInput lang={lang} value={r.remind.every} onChange={(every) => setRung(i, { ...r, remind: { ...r.remind!, every } })} />
              <Select size="small" value={r.remind.template} options={templates} onChange={(template) => setRung(i, { ...r, remind: { ...r.remind!, template } })} /></>}
            {r.escalate && <>{tx(lang, 'slaEditor.up')}<InputNumber size="small" min={1} max={3} value={r.escalate.levels} onChange={(v) => setRung(i, { ...r, escalate: { ...r.escalate!, levels: Number(v ?? 1) } })} />{tx(lang, 'slaEditor.levelsTo')}
              <Select size="small" style={{ minWidth: 120 }} data-testid={`rung-${i}-role`} value={r.escalate.role} options={roles} onChange={(role) => setRung(i, { ...r, escalate: { ...r.escalate!, role } })} />
              <Select size="small" allowClear value={r.escalate.template} options={templates} onChange={(template) => setRung(i, { ...r, escalate: { ...r.escalate!, template } })} /></>}
            {r.supervise && <><Select size="small" style={{ minWidth: 120 }} value={r.supervise.role} options={roles} onChange={(role) => setRung(i, { ...r, supervise: { ...r.supervise!, role } })} />
              <Select size="small" value={r.supervise.template} options={templates} onChange={(template) => setRung(i, { ...r, supervise: { ...r.supervise!, template } })} /></>}
            {r.auto !== undefined && <Select size="small" value={r.auto} options={Object.keys(task.decisions).map((d) => ({ value: d, label: task.decisions[d]!.title['zh-CN'] }))} onChange={(auto) => setRung(i, { ...r, auto })} />}
            <Button size="small" danger onClick={() => exec(setValue(`${p}/onBreach`, rungs.length === 1 ? undefined : rungs.filter((_, j) => j !== i), { 'zh-CN': '删除超时处理', en: 'Remove rung' }, false))}>×</Button>
          </Space>
        );
      })}
      <Button size="small" style={{ marginTop: 6 }} data-testid="add-rung" onClick={() => exec(setValue(`${p}/onBreach`, [...rungs, fresh.remind], { 'zh-CN': '添加超时处理', en: 'Add rung' }, false))}>{tx(lang, 'slaEditor.addARung')}</Button>
    </Section>
  );
}
