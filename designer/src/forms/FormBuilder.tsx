/**
 * The form builder: the forms of the item, their fields by type with a personal-data tag (required
 * on personal types), required flags, steps and conditional visibility, and the live preview.
 * Every change goes through formEdits, which keeps the data schema and the field matrix in step.
 */
import { tx } from '../i18n/tx.ts';
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { ConsentPurposes, consentPurposeIds, type ConsentPurpose, type PiiKind } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { fieldTypes, FieldTypes, fieldTypeOf, isPersonalType, type FieldType } from './fieldTypes.ts';
import { addField, addForm, addFormStep, moveFieldToStep, removeField, setPii, setRequired, setVisibleIf } from './formEdits.ts';
import { ConditionField } from '../conditions/ConditionField.tsx';
import { FormPreview } from './FormPreview.tsx';

export function FormBuilder() {
  const { doc, exec, lang, selection, select } = useEditor();
  const forms = Object.keys(doc.forms ?? {});
  const formId = selection?.kind === 'form' ? selection.id : forms[0];
  const form = formId ? doc.forms?.[formId] : undefined;
  const [draft, setDraft] = useState<{ name: string; title: string; type: FieldType; pii?: PiiKind; required: boolean; purpose?: ConsentPurpose; subject?: string }>({ name: '', title: '', type: 'text', required: false });
  const [cond, setCond] = useState<string>();
  const [newForm, setNewForm] = useState('');
  const props = (doc.data.properties ?? {}) as Record<string, Record<string, unknown>>;
  const piiOptions = (t: FieldType) => fieldTypes[t].pii.map((p) => ({ value: p, label: p }));
  const stepOf = (f: string) => form?.steps?.find((s) => s.fields.includes(f))?.id;
  // a type with one tag only (a picker's id, a consent's id: none) takes it without asking
  const piiFor = (type: FieldType) => (isPersonalType(type) || fieldTypes[type].pii.length === 1 ? fieldTypes[type].pii[0] : undefined);
  const idNumberFields = Object.entries(props).filter(([, s]) => s.format === 'cn-id-number').map(([k, s]) => ({ value: k, label: `${(s['x-title'] as Record<string, string> | undefined)?.[lang] ?? k}（${k}）` }));
  return (
    <div style={{ display: 'flex', gap: 16 }} data-testid="form-builder">
      <div style={{ flex: 3, minWidth: 0 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Select style={{ minWidth: 180 }} value={formId} onChange={(id) => select({ kind: 'form', id })} options={forms.map((f) => ({ value: f, label: `${doc.forms![f]!.title[lang]}（${f}）` }))} />
          <Space.Compact>
            <Input data-testid="new-form-id" placeholder={tx(lang, 'formBuilder.newFormId')} value={newForm} onChange={(e) => setNewForm(e.target.value)} />
            <Button disabled={!/^[a-z][a-z0-9]*$/.test(newForm) || forms.includes(newForm)} onClick={() => { exec(addForm(newForm, { 'zh-CN': newForm, en: newForm })); select({ kind: 'form', id: newForm }); setNewForm(''); }}>{tx(lang, 'formBuilder.newForm')}</Button>
          </Space.Compact>
          {form && formId && <Button onClick={() => exec(addFormStep(formId, `step${(form.steps?.length ?? 0) + 1}`, { 'zh-CN': `第${(form.steps?.length ?? 0) + 1}步`, en: `Step ${(form.steps?.length ?? 0) + 1}` }))}>{tx(lang, 'formBuilder.addStep')}</Button>}
        </Space>
        {form && formId && (
          <>
            <Table size="small" pagination={false} rowKey="name" dataSource={form.fields.map((name) => ({ name }))}
              rowClassName={(r) => ((selection?.kind === 'form' && selection.field === r.name) || (selection?.kind === 'field' && selection.name === r.name) ? 'ant-table-row-selected' : '')}
              columns={[
                { title: tx(lang, 'formBuilder.field'), render: (_, r) => <span data-testid={`field-row-${r.name}`}>{(props[r.name]?.['x-title'] as Record<string, string> | undefined)?.[lang] ?? r.name} <Tag>{r.name}</Tag></span> },
                { title: tx(lang, 'formBuilder.type'), render: (_, r) => (props[r.name] ? fieldTypes[fieldTypeOf(props[r.name]!)].label[lang] : <Tag color="red">{tx(lang, 'formBuilder.missing')}</Tag>) },
                { title: tx(lang, 'formBuilder.personalData'), render: (_, r) => props[r.name] && <Select size="small" value={props[r.name]!['x-pii'] as string} options={piiOptions(fieldTypeOf(props[r.name]!))} onChange={(v) => exec(setPii(r.name, fieldTypeOf(props[r.name]!), v as PiiKind))} /> },
                { title: tx(lang, 'formBuilder.required'), render: (_, r) => <Switch size="small" data-testid={`required-${r.name}`} checked={form.required?.includes(r.name) ?? false} onChange={(v) => exec(setRequired(formId, r.name, v))} /> },
                ...(form.steps?.length ? [{ title: tx(lang, 'formBuilder.step'), render: (_: unknown, r: { name: string }) => <Select size="small" value={stepOf(r.name)} onChange={(s: string) => exec(moveFieldToStep(formId, r.name, s))} options={form.steps!.map((s) => ({ value: s.id, label: s.title[lang] }))} /> }] : []),
                { title: tx(lang, 'formBuilder.shownWhen'), render: (_, r) => <Button size="small" type={form.visibleIf?.[r.name] ? 'primary' : 'default'} onClick={() => setCond(cond === r.name ? undefined : r.name)}>{form.visibleIf?.[r.name] ? tx(lang, 'formBuilder.conditional') : tx(lang, 'formBuilder.always')}</Button> },
                { title: '', render: (_, r) => <Button size="small" danger onClick={() => exec(removeField(r.name))}>{tx(lang, 'formBuilder.delete')}</Button> },
              ]} />
            {cond && (
              <Card size="small" title={`${tx(lang, 'formBuilder.shownWhen')}：${cond}`} style={{ marginTop: 8 }} extra={<Button size="small" onClick={() => { exec(setVisibleIf(formId, cond, undefined)); setCond(undefined); }}>{tx(lang, 'formBuilder.clear')}</Button>}>
                <ConditionField key={cond} value={form.visibleIf?.[cond]} def={doc} lang={lang} onChange={(v) => exec(setVisibleIf(formId, cond, v))} />
              </Card>
            )}
            <Card size="small" title={tx(lang, 'formBuilder.addAField')} style={{ marginTop: 8 }} data-testid="add-field">
              <Space wrap>
                <Input data-testid="new-field-name" style={{ width: 130 }} placeholder={tx(lang, 'formBuilder.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
                <Input data-testid="new-field-title" style={{ width: 130 }} placeholder={tx(lang, 'formBuilder.label')} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
                <Select data-testid="new-field-type" style={{ width: 140 }} showSearch={{ optionFilterProp: 'label' }} listHeight={320} value={draft.type} onChange={(type: FieldType) => setDraft({ ...draft, type, pii: piiFor(type), ...(type === 'consent' ? { purpose: draft.purpose ?? 'share-provider' } : {}) })} options={FieldTypes.map((t) => ({ value: t, label: fieldTypes[t].label[lang] }))} />
                <Select data-testid="new-field-pii" style={{ width: 140 }} placeholder={tx(lang, 'formBuilder.personalData2')} value={draft.pii} onChange={(pii: PiiKind) => setDraft({ ...draft, pii })} options={piiOptions(draft.type)} />
                {draft.type === 'consent' && <>
                  <Select data-testid="new-field-consent-purpose" style={{ width: 220 }} aria-label={tx(lang, 'formBuilder.consentPurpose')} value={draft.purpose}
                    onChange={(purpose: ConsentPurpose) => setDraft({ ...draft, purpose })} options={consentPurposeIds.map((p) => ({ value: p, label: ConsentPurposes[p][lang] }))} />
                  <Select data-testid="new-field-consent-subject" style={{ width: 200 }} allowClear placeholder={tx(lang, 'formBuilder.consentSubject')} value={draft.subject}
                    onChange={(subject?: string) => setDraft({ ...draft, subject })} options={idNumberFields} />
                </>}
                <Switch data-testid="new-field-required" checked={draft.required} onChange={(required) => setDraft({ ...draft, required })} />{tx(lang, 'formBuilder.required2')}
                <Button type="primary" data-testid="new-field-add" disabled={!draft.name || !draft.title || !draft.pii}
                  onClick={() => { if (exec(addField(formId, { name: draft.name, title: { 'zh-CN': draft.title, en: draft.title }, type: draft.type, pii: draft.pii!, required: draft.required, step: form.steps?.at(-1)?.id,
                    ...(draft.type === 'consent' ? { consent: { purpose: draft.purpose ?? 'share-provider', ...(draft.subject ? { subject: draft.subject } : {}) } } : {}) }))) setDraft({ name: '', title: '', type: 'text', required: false }); }}>
                  {tx(lang, 'formBuilder.add')}
                </Button>
              </Space>
              {!draft.pii && <Alert style={{ marginTop: 6 }} type="info" message={tx(lang, 'formBuilder.everyFieldNeedsAPersonal')} />}
            </Card>
          </>
        )}
      </div>
      <Card size="small" title={tx(lang, 'formBuilder.preview')} style={{ flex: 2, minWidth: 280 }}>
        {formId && <FormPreview def={doc} formId={formId} lang={lang} />}
      </Card>
    </div>
  );
}
