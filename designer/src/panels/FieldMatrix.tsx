/** The field matrix as a grid: data fields × human steps, each cell read / write / hidden / masked / required; personal fields marked. */
import { tx } from '../i18n/tx.ts';
import { Select, Table, Tag } from 'antd';
import type { FieldAccess } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { indexStates } from '../doc/stateIndex.ts';
import { setValue } from '../doc/commands.ts';
import { toPointer } from '../doc/pointer.ts';
import { tr } from './Section.tsx';

const accessLabel: Record<FieldAccess, [string, string]> = { read: ['只读', 'read'], write: ['可写', 'write'], hidden: ['隐藏', 'hidden'], masked: ['脱敏', 'masked'], required: ['必填', 'required'] };

export function FieldMatrix() {
  const { doc, exec, lang, selection } = useEditor();
  const steps = [...indexStates(doc).states.values()].filter((s) => s.spec.task);
  const props = (doc.data.properties ?? {}) as Record<string, { 'x-pii'?: string; 'x-title'?: { 'zh-CN': string; en: string } }>;
  const rows = Object.entries(props).map(([name, p]) => ({ key: name, name, p }));
  const options = (['read', 'write', 'required', 'masked', 'hidden'] as FieldAccess[]).map((a) => ({ value: a, label: tr(lang, accessLabel[a][0], accessLabel[a][1]) }));
  return (
    <Table size="small" data-testid="field-matrix" pagination={false} scroll={{ x: true }} dataSource={rows} rowKey="key"
      rowClassName={(r) => (selection?.kind === 'field' && selection.name === r.name ? 'ant-table-row-selected' : '')}
      columns={[
        { title: tx(lang, 'fieldMatrix.field'), fixed: 'left', render: (_, r) => <span>{r.p['x-title']?.[lang] ?? r.name} {r.p['x-pii'] && r.p['x-pii'] !== 'none' && <Tag color="orange">{tx(lang, 'fieldMatrix.personal')}·{r.p['x-pii']}</Tag>}</span> },
        ...steps.map((s) => ({
          title: s.spec.title?.[lang] ?? s.id, key: s.id,
          render: (_: unknown, r: (typeof rows)[number]) => (
            <Select size="small" allowClear style={{ width: 90 }} data-testid={`matrix-${r.name}-${s.id}`} placeholder="—" value={s.spec.task!.fields?.[r.name]} options={options}
              onChange={(v) => exec(setValue(`${s.pointer}/task/fields${toPointer(r.name)}`, v, { 'zh-CN': `字段权限 ${r.name}@${s.id}`, en: `Access ${r.name}@${s.id}` }))} />
          ),
        })),
      ]} />
  );
}
