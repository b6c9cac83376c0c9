/** An adapter call (operation picked from the installed adapters, input mapped from its schema) and a sub-case effect. */
import { tx } from '../i18n/tx.ts';
import { Alert, Input, Select, Space, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { EffectSpec } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { useAdapters, text } from '../api/adapters.ts';
import { designerApi, keys } from '../api/designerApi.ts';
import { MappingEditor } from './MappingEditor.tsx';

type Invoke = Extract<EffectSpec, { invoke: unknown }>['invoke'];
type Spawn = Extract<EffectSpec, { spawn: unknown }>['spawn'];

export function InvokeEffect({ value, onChange }: { value: Invoke; onChange(v: Invoke): void }) {
  const { api, doc, lang } = useEditor();
  const adapters = useAdapters(api);
  const ops = (adapters.data ?? []).flatMap((a) => a.operations.map((o) => ({ ...o, adapter: text(a.title, lang, a.id) })));
  const op = ops.find((o) => o.id === value.operation);
  const declared = doc.adapters?.invokes ?? [];
  const options = ops.length ? ops.map((o) => ({ value: o.id, label: `${o.adapter} · ${text(o.title, lang, o.id)}` })) : declared.map((id) => ({ value: id, label: id }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>{tx(lang, 'invokeEffect.operation')}
        {options.length ? <Select size="small" showSearch style={{ minWidth: 220 }} value={value.operation} options={options} onChange={(operation) => onChange({ ...value, operation, input: {} })} />
          : <Input size="small" style={{ width: 220 }} value={value.operation} onChange={(e) => onChange({ ...value, operation: e.target.value })} placeholder="sms-gateway.send" />}
      </Space>
      {adapters.data === null && <Alert type="info" showIcon message={tx(lang, 'invokeEffect.thisServerListsNoAdapters')} />}
      <MappingEditor value={(value.input ?? {}) as Record<string, unknown>} onChange={(input) => onChange({ ...value, input })} schema={op?.input} />
      <Space wrap>
        {tx(lang, 'invokeEffect.onSuccess')}<Input size="small" style={{ width: 120 }} value={value.onSuccess} onChange={(e) => onChange({ ...value, onSuccess: e.target.value || undefined })} />
        {tx(lang, 'invokeEffect.onFailure')}<Input size="small" style={{ width: 120 }} value={value.onFailure} onChange={(e) => onChange({ ...value, onFailure: e.target.value || undefined })} />
      </Space>
    </Space>
  );
}

export function SpawnEffect({ value, onChange }: { value: Spawn; onChange(v: Spawn): void }) {
  const { api, lang } = useEditor();
  const list = useQuery({ queryKey: keys.list, queryFn: () => designerApi.list(api) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>{tx(lang, 'invokeEffect.item')}
        <Select size="small" style={{ minWidth: 200 }} value={value.definition} onChange={(definition) => onChange({ ...value, definition })} options={(list.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}（${d.id}）` }))} />
        {tx(lang, 'invokeEffect.waitForIt')}<Switch size="small" checked={!!value.wait} onChange={(wait) => onChange({ ...value, wait: wait || undefined })} />
      </Space>
      <MappingEditor value={(value.input ?? {}) as Record<string, unknown>} onChange={(input) => onChange({ ...value, input })} />
    </Space>
  );
}
