/**
 * The form builder: the forms of the item, their fields by type with a personal-data tag (required
 * on personal types), required flags, steps and conditional visibility, and the live preview.
 * Every change goes through formEdits, which keeps the data schema and the field matrix in step.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Switch, Table, Tag } from 'antd';
import type { PiiKind } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { fieldTypes, FieldTypes, fieldTypeOf, isPersonalType, type FieldType } from './fieldTypes.ts';
import { addField, addForm, addFormStep, moveFieldToStep, removeField, setPii, setRequired, setVisibleIf } from './formEdits.ts';
import { ConditionField } from '../conditions/ConditionField.tsx';
import { FormPreview } from './FormPreview.tsx';
import { tr } from '../panels/Section.tsx';

export function FormBuilder() {
  const { doc, exec, lang, selection, select } = useEditor();
  const forms = Object.keys(doc.forms ?? {});
  const formId = selection?.kind === 'form' ? selection.id : forms[0];
  const form = formId ? doc.forms?.[formId] : undefined;
  const [draft, setDraft] = useState<{ name: string; title: string; type: FieldType; pii?: PiiKind; required: boolean }>({ name: '', title: '', type: 'text', required: false });
  const [cond, setCond] = useState<string>();
  const [newForm, setNewForm] = useState('');
  const props = (doc.data.properties ?? {}) as Record<string, Record<string, unknown>>;
  const piiOptions = (t: FieldType) => fieldTypes[t].pii.map((p) => ({ value: p, label: p }));
  const stepOf = (f: string) => form?.steps?.find((s) => s.fields.includes(f))?.id;
  return (
    <div style={{ display: 'flex', gap: 16 }} data-testid="form-builder">
      <div style={{ flex: 3, minWidth: 0 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Select style={{ minWidth: 180 }} value={formId} onChange={(id) => select({ kind: 'form', id })} options={forms.map((f) => ({ value: f, label: `${doc.forms![f]!.title[lang]}（${f}）` }))} />
          <Space.Compact>
            <Input data-testid="new-form-id" placeholder={tr(lang, '新表单编号', 'new form id')} value={newForm} onChange={(e) => setNewForm(e.target.value)} />
            <Button disabled={!/^[a-z][a-z0-9]*$/.test(newForm) || forms.includes(newForm)} onClick={() => { exec(addForm(newForm, { 'zh-CN': newForm, en: newForm })); select({ kind: 'form', id: newForm }); setNewForm(''); }}>{tr(lang, '新建表单', 'New form')}</Button>
          </Space.Compact>
          {form && formId && <Button onClick={() => exec(addFormStep(formId, `step${(form.steps?.length ?? 0) + 1}`, { 'zh-CN': `第${(form.steps?.length ?? 0) + 1}步`, en: `Step ${(form.steps?.length ?? 0) + 1}` }))}>{tr(lang, '添加分步', 'Add step')}</Button>}
        </Space>
        {form && formId && (
          <>
            <Table size="small" pagination={false} rowKey="name" dataSource={form.fields.map((name) => ({ name }))}
              rowClassName={(r) => ((selection?.kind === 'form' && selection.field === r.name) || (selection?.kind === 'field' && selection.name === r.name) ? 'ant-table-row-selected' : '')}
              columns={[
                { title: tr(lang, '字段', 'Field'), render: (_, r) => <span data-testid={`field-row-${r.name}`}>{(props[r.name]?.['x-title'] as Record<string, string> | undefined)?.[lang] ?? r.name} <Tag>{r.name}</Tag></span> },
                { title: tr(lang, '类型', 'Type'), render: (_, r) => (props[r.name] ? fieldTypes[fieldTypeOf(props[r.name]!)].label[lang] : <Tag color="red">{tr(lang, '数据中不存在', 'missing')}</Tag>) },
                { title: tr(lang, '个人信息', 'Personal data'), render: (_, r) => props[r.name] && <Select size="small" value={props[r.name]!['x-pii'] as string} options={piiOptions(fieldTypeOf(props[r.name]!))} onChange={(v) => exec(setPii(r.name, fieldTypeOf(props[r.name]!), v as PiiKind))} /> },
                { title: tr(lang, '必填', 'Required'), render: (_, r) => <Switch size="small" data-testid={`required-${r.name}`} checked={form.required?.includes(r.name) ?? false} onChange={(v) => exec(setRequired(formId, r.name, v))} /> },
                ...(form.steps?.length ? [{ title: tr(lang, '分步', 'Step'), render: (_: unknown, r: { name: string }) => <Select size="small" value={stepOf(r.name)} onChange={(s: string) => exec(moveFieldToStep(formId, r.name, s))} options={form.steps!.map((s) => ({ value: s.id, label: s.title[lang] }))} /> }] : []),
                { title: tr(lang, '显示条件', 'Shown when'), render: (_, r) => <Button size="small" type={form.visibleIf?.[r.name] ? 'primary' : 'default'} onClick={() => setCond(cond === r.name ? undefined : r.name)}>{form.visibleIf?.[r.name] ? tr(lang, '有条件', 'conditional') : tr(lang, '总是', 'always')}</Button> },
                { title: '', render: (_, r) => <Button size="small" danger onClick={() => exec(removeField(r.name))}>{tr(lang, '删除', 'Delete')}</Button> },
              ]} />
            {cond && (
              <Card size="small" title={`${tr(lang, '显示条件', 'Shown when')}：${cond}`} style={{ marginTop: 8 }} extra={<Button size="small" onClick={() => { exec(setVisibleIf(formId, cond, undefined)); setCond(undefined); }}>{tr(lang, '清除', 'Clear')}</Button>}>
                <ConditionField key={cond} value={form.visibleIf?.[cond]} def={doc} lang={lang} onChange={(v) => exec(setVisibleIf(formId, cond, v))} />
              </Card>
            )}
            <Card size="small" title={tr(lang, '添加字段', 'Add a field')} style={{ marginTop: 8 }} data-testid="add-field">
              <Space wrap>
                <Input data-testid="new-field-name" style={{ width: 130 }} placeholder={tr(lang, '字段名（英文）', 'name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
                <Input data-testid="new-field-title" style={{ width: 130 }} placeholder={tr(lang, '显示名称', 'label')} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
                <Select data-testid="new-field-type" style={{ width: 120 }} value={draft.type} onChange={(type: FieldType) => setDraft({ ...draft, type, pii: isPersonalType(type) ? fieldTypes[type].pii[0] : undefined })} options={FieldTypes.map((t) => ({ value: t, label: fieldTypes[t].label[lang] }))} />
                <Select data-testid="new-field-pii" style={{ width: 140 }} placeholder={tr(lang, '个人信息类别', 'personal data')} value={draft.pii} onChange={(pii: PiiKind) => setDraft({ ...draft, pii })} options={piiOptions(draft.type)} />
                <Switch data-testid="new-field-required" checked={draft.required} onChange={(required) => setDraft({ ...draft, required })} />{tr(lang, '必填', 'required')}
                <Button type="primary" data-testid="new-field-add" disabled={!draft.name || !draft.title || !draft.pii}
                  onClick={() => { if (exec(addField(formId, { name: draft.name, title: { 'zh-CN': draft.title, en: draft.title }, type: draft.type, pii: draft.pii!, required: draft.required, step: form.steps?.at(-1)?.id }))) setDraft({ name: '', title: '', type: 'text', required: false }); }}>
                  {tr(lang, '添加', 'Add')}
                </Button>
              </Space>
              {!draft.pii && <Alert style={{ marginTop: 6 }} type="info" message={tr(lang, '每个字段都要标注个人信息类别（无个人信息选 none）', 'Every field needs a personal-data tag (none when it holds none)')} />}
            </Card>
          </>
        )}
      </div>
      <Card size="small" title={tr(lang, '预览', 'Preview')} style={{ flex: 2, minWidth: 280 }}>
        {formId && <FormPreview def={doc} formId={formId} lang={lang} />}
      </Card>
    </div>
  );
}
