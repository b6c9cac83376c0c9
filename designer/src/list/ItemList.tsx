/** 服务事项: the items with their latest version and status; 新建 (blank, from one of the five items, or imported JSON/YAML). */
import { tx } from '../i18n/tx.ts';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Definition, Diagnostic } from '@tongban/engine';
import { designerApi, keys } from '../api/designerApi.ts';
import type { ShellApi } from '../shell/shellApi.ts';
import { importFile } from '../io/importExport.ts';
import { fromTemplate, ITEM_ID, skeleton, templates } from './newDefinition.ts';

export function ItemList({ api, lang, basePath }: { api: ShellApi; lang: 'zh-CN' | 'en'; basePath: string }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.list, queryFn: () => designerApi.list(api) });
  const [creating, setCreating] = useState<'blank' | 'template' | undefined>();
  const [problems, setProblems] = useState<Diagnostic[]>();
  const [busy, setBusy] = useState<string>();
  const open = (id: string) => navigate(`${basePath}/${encodeURIComponent(id)}`);
  const create = async (def: Definition) => {
    setBusy(undefined);
    try { await designerApi.saveDraft(api, def.id, def, 0); open(def.id); } catch (e) { setBusy((e as Error).message); }
  };
  const statusTag = (s: string) => <Tag color={s === 'published' ? 'green' : s === 'draft' ? 'blue' : 'default'}>{s === 'published' || s === 'draft' || s === 'retired' ? tx(lang, `status.${s}`) : s}</Tag>;
  return (
    <div style={{ padding: 16 }} data-testid="item-list">
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" data-testid="new-item" onClick={() => setCreating('blank')}>{t('list.new')}</Button>
        <Button data-testid="new-from-template" onClick={() => setCreating('template')}>{t('list.fromTemplate')}</Button>
        <Upload accept=".json,.yaml,.yml" showUploadList={false} beforeUpload={async (f) => { const r = await importFile(f); if (r.ok) await create(r.definition); else setProblems(r.diagnostics); return false; }}>
          <Button data-testid="import-item">{t('list.import')}</Button>
        </Upload>
      </Space>
      {busy && <Alert type="error" showIcon message={busy} style={{ marginBottom: 8 }} />}
      <Table rowKey="id" loading={list.isPending} dataSource={list.data?.items ?? []} pagination={false} onRow={(r) => ({ onDoubleClick: () => open(r.id) })} columns={[
        { title: t('list.col.title'), dataIndex: 'title' }, { title: t('list.col.id'), dataIndex: 'id' }, { title: t('list.col.category'), dataIndex: 'category' },
        { title: tx(lang, 'itemList.latest'), render: (_, r) => <>v{r.version} {statusTag(r.status)}</> },
        { title: '', render: (_, r) => <Button size="small" data-testid={`open-${r.id}`} onClick={() => open(r.id)}>{t('list.open')}</Button> },
      ]} />
      <NewItemDialog mode={creating} lang={lang} existing={(list.data?.items ?? []).map((d) => d.id)} onCancel={() => setCreating(undefined)} onCreate={(d) => { setCreating(undefined); void create(d); }} />
      <Modal open={!!problems} title={tx(lang, 'itemList.importFailedTheDefinitionHas')} onCancel={() => setProblems(undefined)} footer={null}>
        <ul data-testid="import-problems">{problems?.slice(0, 50).map((d, i) => <li key={i}><code>{d.code}</code> {d.path} {d.message[lang]}</li>)}</ul>
      </Modal>
    </div>
  );
}

function NewItemDialog({ mode, lang, existing, onCancel, onCreate }: { mode?: 'blank' | 'template'; lang: 'zh-CN' | 'en'; existing: string[]; onCancel(): void; onCreate(d: Definition): void }) {
  const [form] = Form.useForm<{ id: string; title: string; template?: string }>();
  const all = templates();
  return (
    <Modal open={!!mode} title={mode === 'template' ? tx(lang, 'itemList.newFromATemplate') : tx(lang, 'itemList.newItem')} onCancel={onCancel} destroyOnHidden
      onOk={() => form.validateFields().then((v) => onCreate(mode === 'template' ? fromTemplate(all.find((t) => t.id === v.template)!.definition, v.id, v.title) : skeleton(v.id, v.title)))}>
      <Form form={form} layout="vertical" initialValues={{ template: all[0]?.id }}>
        {mode === 'template' && <Form.Item name="template" label={tx(lang, 'itemList.template')}><Select options={all.map((t) => ({ value: t.id, label: t.title }))} /></Form.Item>}
        <Form.Item name="id" label={tx(lang, 'itemList.itemIdLowerCaseE')}
          rules={[{ required: true, message: tx(lang, 'itemList.enterAnId') }, { pattern: ITEM_ID, message: tx(lang, 'itemList.lowerCaseLettersDigitsAnd') },
            { validator: (_, v) => (existing.includes(v) ? Promise.reject(new Error(tx(lang, 'itemList.thisIdExists'))) : Promise.resolve()) }]}>
          <Input data-testid="new-item-id" />
        </Form.Item>
        <Form.Item name="title" label={tx(lang, 'itemList.title')} rules={[{ required: true, message: tx(lang, 'itemList.enterATitle') }]}><Input data-testid="new-item-title" /></Form.Item>
      </Form>
    </Modal>
  );
}
