/**
 * The live form preview: the engine builds the form's schema (formSchemaOf, the same the server
 * checks), conditional fields disappear as in the workbench, and 校验 shows the engine's zh-CN messages.
 * Mounted in the workbench, the form is the workbench's own (the shell's `previewForm`); alone (stories,
 * tests) it is a plain rjsf form whose picked fields say what the workbench does as their placeholder.
 */
import { useContext, useMemo, useState } from 'react';
import { Alert, Button, Space, Steps } from 'antd';
import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { tx } from '../i18n/tx.ts';
import { PreviewFormContext } from '../shell/previewFormContext.ts';
import { compileLogic, formSchemaOf, hiddenFields, truthy, validateFormData, type Definition, type FormError } from '@tongban/engine';

type P = { 'x-title'?: { 'zh-CN': string; en: string }; 'x-help'?: { 'zh-CN': string; en: string }; 'x-enumTitles'?: string[]; 'x-widget'?: string; 'x-consent'?: unknown };

/** What the workbench shows instead of a text box (the preview cannot mount its org tree or consent registry): said as a placeholder. */
function pickedInWorkbench(v: P, lang: 'zh-CN' | 'en'): string | undefined {
  if (v['x-consent']) return tx(lang, 'formPreview.consentPicker');
  if (v['x-widget'] === 'user-picker') return tx(lang, 'formPreview.userPicker');
  if (v['x-widget'] === 'org-picker') return tx(lang, 'formPreview.orgPicker');
  if (v['x-widget'] === 'grid-picker') return tx(lang, 'formPreview.gridPicker');
  return undefined;
}

/** The preview's uiSchema: titles, help, option names, text areas, and for the fields the workbench picks, a placeholder saying so. */
export function uiFor(schema: RJSFSchema, lang: 'zh-CN' | 'en'): UiSchema {
  const ui: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, P>)) {
    ui[k] = { ...(v['x-title'] ? { 'ui:title': v['x-title'][lang] } : {}), ...(v['x-help'] ? { 'ui:help': v['x-help'][lang] } : {}),
      ...(v['x-enumTitles'] ? { 'ui:enumNames': v['x-enumTitles'] } : {}), ...(v['x-widget'] === 'textarea' ? { 'ui:widget': 'textarea' } : {}),
      ...(pickedInWorkbench(v, lang) ? { 'ui:placeholder': pickedInWorkbench(v, lang) } : {}) };
  }
  return ui;
}

const evaluate = (logic: unknown, vars: Record<string, unknown>) => { const c = compileLogic(logic, ''); return c.ok ? truthy(c.logic.evaluate(vars)) : false; };

export function FormPreview({ def, formId, lang }: { def: Definition; formId: string; lang: 'zh-CN' | 'en' }) {
  const form = def.forms?.[formId];
  const [data, setData] = useState<Record<string, unknown>>({});
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<FormError[] | undefined>();
  const stepId = form?.steps?.[step]?.id;
  const hidden = useMemo(() => (form ? hiddenFields(form, { data }, evaluate) : []), [form, data]);
  const built = useMemo(() => formSchemaOf(def, formId, { hidden, ...(stepId ? { step: stepId } : {}) }), [def, formId, hidden, stepId]);
  // inside the workbench, the preview is the workbench's own form: a worker's pickers and widgets, not text boxes
  const WorkbenchForm = useContext(PreviewFormContext);
  if (!form) return null;
  const schema = built.schema as RJSFSchema;
  const check = () => setErrors(validateFormData(formSchemaOf(def, formId, { hidden }).schema, data, { now: Date.now(), locale: lang, utcOffsetMinutes: 480 }));
  return (
    <div data-testid="form-preview">
      {form.steps && form.steps.length > 0 && <Steps size="small" current={step} onChange={setStep} items={form.steps.map((s) => ({ title: s.title[lang] }))} style={{ marginBottom: 12 }} />}
      {built.diagnostics.length > 0 && <Alert type="error" message={built.diagnostics.map((d) => d.message[lang]).join('；')} />}
      {WorkbenchForm
        ? <WorkbenchForm key={`${formId}:${stepId ?? ''}`} def={def} formId={formId} {...(stepId ? { step: stepId } : {})} hidden={hidden} lang={lang} data={data} onChange={(d) => setData({ ...data, ...d })} />
        : <Form key={`${formId}:${stepId ?? ''}`} schema={schema} uiSchema={uiFor(schema, lang)} formData={data} validator={validator} onChange={(e) => setData({ ...data, ...(e.formData as object) })} />}
      <Space><Button data-testid="form-preview-check" onClick={check}>{lang === 'en' ? 'Check' : '校验'}</Button></Space>
      {errors && (errors.length === 0
        ? <Alert type="success" style={{ marginTop: 8 }} message={lang === 'en' ? 'Valid' : '校验通过'} />
        : <Alert type="error" style={{ marginTop: 8 }} data-testid="form-preview-errors" message={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{errors.map((e, i) => <li key={i}>{(e.message as unknown as Record<string, string>)[lang]}</li>)}</ul>} />)}
    </div>
  );
}
