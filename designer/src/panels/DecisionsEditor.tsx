/** Decisions of a step: title, kind, required inputs (意见/签名/附件), who may take it, and for 驳回/退回 the target and resubmit strategy. */
import { tx } from '../i18n/tx.ts';
import { Button, Input, Select, Space, Table } from 'antd';
import type { DecisionSpec, TaskSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { toPointer } from '../doc/pointer.ts';
import { indexStates } from '../doc/stateIndex.ts';
import { Section, tr } from './Section.tsx';

const DecisionKinds = ['approve', 'reject', 'return', 'abstain', 'other'] as const;
const kindZh: Record<string, string> = { approve: '通过', reject: '驳回', return: '退回', abstain: '弃权', other: '其他' };
const inputs = (lang: 'zh-CN' | 'en') => [{ value: 'comment', label: tx(lang, 'decisionsEditor.comment') }, { value: 'signature', label: tx(lang, 'decisionsEditor.signature') }, { value: 'attachment', label: tx(lang, 'decisionsEditor.attachment') }];

export function DecisionsEditor({ pointer, task }: { pointer: string; task: TaskSpec }) {
  const { doc, exec, lang } = useEditor();
  const p = (name: string, key?: string) => `${pointer}/task/decisions${toPointer(name)}${key ? `/${key}` : ''}`;
  const set = (name: string, key: keyof DecisionSpec, v: unknown) => exec(setValue(p(name, key), Array.isArray(v) && v.length === 0 ? undefined : v));
  const targets = [{ value: 'initiator', label: tx(lang, 'decisionsEditor.theInitiator') }, { value: 'previous', label: tx(lang, 'decisionsEditor.thePreviousStep') },
    ...[...indexStates(doc).states.values()].filter((s) => s.kind === 'human').map((s) => ({ value: s.id, label: s.spec.title?.['zh-CN'] ?? s.id }))];
  const rows = Object.entries(task.decisions).map(([name, d]) => ({ key: name, name, d }));
  const add = () => {
    let n = 1; while (task.decisions[`decision${n}`]) n++;
    exec(setValue(p(`decision${n}`), { title: { 'zh-CN': '新结果', en: 'New decision' }, kind: 'other' }, { 'zh-CN': '添加办理结果', en: 'Add decision' }, false));
  };
  return (
    <Section title={tx(lang, 'decisionsEditor.decisions')} testId="decisions" extra={<Button size="small" data-testid="add-decision" onClick={add}>{tx(lang, 'decisionsEditor.add')}</Button>}>
      <Table size="small" pagination={false} dataSource={rows} rowKey="key" columns={[
        { title: tx(lang, 'decisionsEditor.title'), render: (_, r) => <Input size="small" data-testid={`decision-title-${r.name}`} value={r.d.title['zh-CN']} onChange={(e) => set(r.name, 'title', { ...r.d.title, 'zh-CN': e.target.value })} /> },
        { title: tx(lang, 'decisionsEditor.kind'), render: (_, r) => <Select size="small" data-testid={`decision-kind-${r.name}`} value={r.d.kind ?? 'other'} options={DecisionKinds.map((k) => ({ value: k, label: tr(lang, kindZh[k]!, k) }))} onChange={(v) => set(r.name, 'kind', v)} /> },
        { title: tx(lang, 'decisionsEditor.requires'), render: (_, r) => <Select size="small" mode="multiple" style={{ minWidth: 110 }} data-testid={`decision-requires-${r.name}`} value={r.d.requires ?? []} options={inputs(lang)} onChange={(v) => set(r.name, 'requires', v)} /> },
        { title: tx(lang, 'decisionsEditor.backTo'), render: (_, r) => (r.d.kind === 'reject' || r.d.kind === 'return'
          ? <Space direction="vertical" size={2}>
              <Select size="small" allowClear style={{ minWidth: 110 }} data-testid={`decision-to-${r.name}`} value={r.d.to} options={targets} onChange={(v) => set(r.name, 'to', v)} />
              <Select size="small" value={r.d.resubmit ?? 'flow'} onChange={(v) => set(r.name, 'resubmit', v)} options={[{ value: 'flow', label: tx(lang, 'decisionsEditor.resubmitFollowTheFlow') }, { value: 'return', label: tx(lang, 'decisionsEditor.resubmitBackHere') }]} />
            </Space>
          : null) },
        { title: tx(lang, 'decisionsEditor.roles'), render: (_, r) => <Select size="small" mode="multiple" style={{ minWidth: 100 }} value={r.d.roles ?? []} options={Object.keys(doc.roles).map((x) => ({ value: x, label: doc.roles[x]!.title['zh-CN'] }))} onChange={(v) => set(r.name, 'roles', v)} /> },
        { title: '', render: (_, r) => <Button size="small" danger disabled={rows.length <= 1} onClick={() => exec(setValue(p(r.name), undefined, { 'zh-CN': `删除办理结果 ${r.name}`, en: `Delete decision ${r.name}` }, false))}>{tx(lang, 'decisionsEditor.delete')}</Button> },
      ]} />
    </Section>
  );
}
