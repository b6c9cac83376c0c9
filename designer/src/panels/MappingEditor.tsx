/**
 * An input mapping (adapter call or sub-case): one row per input, each value a data field of the
 * case (`{"var": "data.x"}`) or a fixed text. With the operation's input schema, the rows are the
 * schema's properties (required ones marked); without it, free rows.
 */
import { tx } from '../i18n/tx.ts';
import { Button, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useEditor } from '../editor/EditorContext.tsx';

type Prop = { title?: { 'zh-CN'?: string; en?: string } | string; type?: string };

export function MappingEditor({ value, onChange, schema }: { value: Record<string, unknown>; onChange(v: Record<string, unknown>): void; schema?: { properties?: Record<string, Prop>; required?: string[] } }) {
  const { doc, lang } = useEditor();
  const [extra, setExtra] = useState('');
  const fields = Object.keys(doc.data.properties ?? {});
  const keys = schema?.properties ? Object.keys(schema.properties) : Object.keys(value);
  const setKey = (k: string, v: unknown) => { const { [k]: _old, ...rest } = value; onChange(v === undefined ? rest : { ...rest, [k]: v }); };
  const asField = (v: unknown) => (v && typeof v === 'object' && 'var' in (v as object) && typeof (v as { var: unknown }).var === 'string' ? (v as { var: string }).var.replace(/^data\./, '') : undefined);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="mapping-editor">
      {keys.map((k) => {
        const p = schema?.properties?.[k];
        const label = typeof p?.title === 'string' ? p.title : (lang === 'en' ? p?.title?.en : p?.title?.['zh-CN']) ?? k;
        const f = asField(value[k]);
        return (
          <Space key={k} wrap>
            <span style={{ minWidth: 90, display: 'inline-block' }}>{label}{schema?.required?.includes(k) && <Tag color="red" style={{ marginInlineStart: 4 }}>{tx(lang, 'mappingEditor.req')}</Tag>}</span>
            <Select size="small" allowClear style={{ minWidth: 140 }} placeholder={tx(lang, 'mappingEditor.fromField')} value={f} options={fields.map((x) => ({ value: x, label: x }))} onChange={(x) => setKey(k, x ? { var: `data.${x}` } : undefined)} />
            {f === undefined && <Input size="small" style={{ width: 140 }} placeholder={tx(lang, 'mappingEditor.orAFixedValue')} value={typeof value[k] === 'string' ? (value[k] as string) : ''} onChange={(e) => setKey(k, e.target.value || undefined)} />}
          </Space>
        );
      })}
      {!schema?.properties && (
        <Space><Input size="small" placeholder={tx(lang, 'mappingEditor.inputName')} value={extra} onChange={(e) => setExtra(e.target.value)} />
          <Button size="small" disabled={!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(extra)} onClick={() => { onChange({ ...value, [extra]: '' }); setExtra(''); }}>{tx(lang, 'mappingEditor.add')}</Button></Space>
      )}
    </Space>
  );
}
